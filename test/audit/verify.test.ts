import request from 'supertest';
import { entryId, type DecisionLogEntryDoc } from '../../src/store/decision-log';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService();
const made: string[] = [];

beforeAll(async () => {
  for (let i = 0; i < 4; i++) {
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(700 + i, '320571') }, facts: { ...suzhouSubsidyApplication().facts, loanId: `VERIFY-${i}` } }));
    expect(res.status).toBe(201);
    made.push(res.body.decision.id);
  }
});

/** The log entry that records a decision. */
async function entryOf(decisionId: string): Promise<DecisionLogEntryDoc> {
  const { models, repositories } = svc().runtime.context;
  for (let seq = 1; seq <= repositories.decisionLog.head.seq; seq++) {
    const e = await models.decisionLog.findById(entryId(seq)).lean<DecisionLogEntryDoc>();
    if (e?.records.some((r) => r.decisionId === decisionId)) return e;
  }
  throw new Error(`${decisionId} is not logged`);
}

describe('GET /v1/audit/verify', () => {
  it('reports an intact chain, then a decision modified directly in the database at exactly that record', async () => {
    const ok = await svc().as('auditor').get('/v1/audit/verify');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ intact: true, firstBreak: null });
    expect(ok.body.decisions).toBeGreaterThanOrEqual(8); // each with its top-up
    const target = made[2]!;
    const { models } = svc().runtime.context;
    const original = (await models.decisions.findById(target).lean())!;
    await models.decisions.collection.updateOne({ _id: target as never }, { $set: { 'explanation.amount': '999999.00' } });
    const broken = await svc().as('admin').get('/v1/audit/verify');
    const entry = await entryOf(target);
    expect(broken.body.intact).toBe(false);
    expect(broken.body.firstBreak).toMatchObject({ seq: entry.seq, entryId: entry._id, decisionId: target, problem: 'decision-hash' });
    // every entry before it checked out
    expect(broken.body.entries).toBe(entry.seq - 1);
    await models.decisions.collection.updateOne({ _id: target as never }, { $set: { 'explanation.amount': (original.explanation as { amount: string }).amount } });
    expect((await svc().as('auditor').get('/v1/audit/verify')).body.intact).toBe(true);
  });

  it('reports an entry changed in place, and a deleted decision', async () => {
    const { models } = svc().runtime.context;
    const entry = await entryOf(made[1]!);
    await models.decisionLog.collection.updateOne({ _id: entry._id as never }, { $set: { 'records.0.amountFen': 1 } });
    expect((await svc().as('auditor').get('/v1/audit/verify')).body.firstBreak).toMatchObject({ seq: entry.seq, problem: 'entry-hash' });
    await models.decisionLog.collection.updateOne({ _id: entry._id as never }, { $set: { 'records.0.amountFen': entry.records[0]!.amountFen } });
    const gone = (await models.decisions.findById(made[3]!).lean())!;
    await models.decisions.collection.deleteOne({ _id: made[3] as never });
    expect((await svc().as('auditor').get('/v1/audit/verify')).body.firstBreak).toMatchObject({ decisionId: made[3], problem: 'decision-missing' });
    // a key scoped elsewhere learns where the chain breaks, not the other jurisdiction's decision
    const created = await svc().as('admin').post('/v1/api-keys').send({ name: 'Guangzhou auditor', role: 'auditor', jurisdictions: ['440100'] });
    const scoped = await request(svc().app).get('/v1/audit/verify').set('Authorization', `Bearer ${created.body.token}`);
    expect(scoped.body.firstBreak.problem).toBe('decision-missing');
    expect(JSON.stringify(scoped.body)).not.toContain(made[3]!);
    await models.decisions.collection.insertOne(gone as never);
    expect((await svc().as('auditor').get('/v1/audit/verify')).body.intact).toBe(true);
  });

  it('is for auditors and administrators only', async () => {
    expect((await svc().as('applicant').get('/v1/audit/verify')).status).toBe(403);
    expect((await svc().as('policy-staff').get('/v1/audit/verify')).status).toBe(403);
  });
});
