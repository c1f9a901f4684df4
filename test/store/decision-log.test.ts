import { DecisionLog, entryId, type DecisionLogEntryDoc, type DecisionRecord } from '../../src/store/decision-log';
import { SchemaRegistry } from '../../src/validation/schema-registry';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { testRecord } from '../support/decision-records';
import { useTestService } from '../support/service';

const svc = useTestService();

function record(n: number): DecisionRecord {
  return testRecord('t', n, { uscc: uscc(n), decisionHash: `sha256:${'1'.repeat(64)}` });
}

describe('the decision log', () => {
  it('records every stored decision once, with a record that meets its schema, in a chain', async () => {
    const s = svc();
    const res = await s.as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ facts: { ...suzhouSubsidyApplication().facts, loanId: 'LOG-1' } }));
    expect(res.status).toBe(201);
    const log = s.runtime.context.repositories.decisionLog;
    await log.catchUp();
    const ids = [res.body.decision.id, ...res.body.topUps.map((t: { id: string }) => t.id)];
    for (const id of ids) {
      const r = log.get(id)!;
      expect(r).toBeDefined();
      expect(new SchemaRegistry().validate('decision-record.schema.json', r)).toEqual([]);
      expect(r.uscc).toBe(SIP_ENTERPRISE.uscc);
      expect(r.jurisdictionChain).toEqual(expect.arrayContaining(['320571', '320500', 'CN']));
    }
    // deciding the stored application again (a recovery) adds nothing
    const before = log.head.seq;
    const application = (await s.runtime.context.models.applications.findById(res.body.application.id).lean())!;
    await s.runtime.context.submissions.decide(application);
    expect(log.head.seq).toBe(before);
    expect((await s.runtime.context.repositories.decisionLog.verify((id) => s.runtime.context.repositories.decisions.get(id))).firstBreak).toBeNull();
  });

  it('verify names the first altered decision, and an altered entry', async () => {
    const s = svc();
    const { models, repositories } = s.runtime.context;
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await s.as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(500 + i, '320571') }, facts: { ...suzhouSubsidyApplication().facts, loanId: `TAMPER-${i}` } }));
      expect(res.status).toBe(201);
      made.push(res.body.decision.id);
    }
    const read = (id: string) => repositories.decisions.get(id);
    expect((await repositories.decisionLog.verify(read)).firstBreak).toBeNull();
    await models.decisions.collection.updateOne({ _id: made[1] as never }, { $set: { amountFen: 1 } });
    const broken = await repositories.decisionLog.verify(read);
    expect(broken.firstBreak).toMatchObject({ problem: 'decision-hash', decisionId: made[1] });
    await models.decisions.collection.updateOne({ _id: made[1] as never }, { $set: { amountFen: (await repositories.decisionLog.get(made[1]!))!.amountFen } });
    expect((await repositories.decisionLog.verify(read)).firstBreak).toBeNull();
    // an entry's records changed in place
    const seq = [...Array(repositories.decisionLog.head.seq).keys()].map((i) => i + 1);
    let target = 0;
    for (const n of seq) {
      const e = await models.decisionLog.findById(entryId(n)).lean<DecisionLogEntryDoc>();
      if (e?.records.some((r) => r.decisionId === made[2])) target = n;
    }
    await models.decisionLog.collection.updateOne({ _id: entryId(target) as never }, { $set: { 'records.0.amountFen': 7 } });
    expect((await repositories.decisionLog.verify(read)).firstBreak).toMatchObject({ seq: target, problem: 'entry-hash' });
  });

  it('a restarted process reads the log it left', async () => {
    const s = svc();
    const before = s.runtime.context.repositories.decisionLog.size;
    await s.restart();
    expect(s.runtime.context.repositories.decisionLog.size).toBe(before);
  });
  // last: its records name no stored decisions
  it('logs each record exactly once when two processes append the same and different records at once', async () => {
    const { models } = svc().runtime.context;
    const a = new DecisionLog(models.decisionLog);
    const b = new DecisionLog(models.decisionLog);
    const start = (await models.decisionLog.countDocuments()) as number;
    const records = Array.from({ length: 60 }, (_, i) => record(1000 + i));
    await Promise.all(records.flatMap((r, i) => [a.append([r]), b.append([records[(i * 7) % 60]!])]));
    const entries = (await models.decisionLog.find().lean<DecisionLogEntryDoc[]>()).sort((x, y) => x.seq - y.seq);
    const logged = entries.flatMap((e) => e.records.map((r) => r.decisionId)).filter((id) => id.startsWith('dec_t1'));
    expect(logged.sort()).toEqual(records.map((r) => r.decisionId).sort());
    // a chain without gaps: every entry names its predecessor's hash
    entries.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      if (i > 0) expect(e.prevHash).toBe(entries[i - 1]!.hash);
    });
    expect(entries.length).toBeGreaterThan(start);
    // a third process reading the log sees what both wrote
    const c = new DecisionLog(models.decisionLog);
    await c.catchUp();
    expect(records.every((r) => c.get(r.decisionId))).toBe(true);
  });

});
