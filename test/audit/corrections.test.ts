import { correctionEntryId } from '../../src/store/correction-chain';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';

const svc = useTestService();
let decision: { id: string; body: unknown };

beforeAll(async () => {
  const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(901, '320571') } }));
  expect(res.status).toBe(201);
  decision = { id: res.body.decision.id, body: (await svc().as('auditor').get(`/v1/decisions/${res.body.decision.id}`)).body };
});

describe('POST /v1/decisions/{id}/corrections', () => {
  it('records a correction and a withdrawal as new chained records referring to the decision, which never changes', async () => {
    const corrected = await svc().as('policy-staff').post(`/v1/decisions/${decision.id}/corrections`).send({ kind: 'correction', reason: '复核：贴息基数有误', outcome: 'partial', amount: '180000' });
    expect(corrected.status).toBe(201);
    const record = svc().runtime.context.repositories.decisionLog.get(decision.id)!;
    expect(corrected.body).toMatchObject({ decisionId: decision.id, kind: 'correction', outcome: 'partial', amount: '180000.00', decisionHash: record.decisionHash, by: { role: 'policy-staff' } });
    const withdrawn = await svc().as('admin').post(`/v1/decisions/${decision.id}/corrections`).send({ kind: 'withdrawal', reason: '企业主动撤回' });
    expect(withdrawn.status).toBe(201);
    expect(withdrawn.body.seq).toBe(corrected.body.seq + 1);
    // a search shows the outcome decided, and beside it the correction that stands (the latest)
    const found = await svc().as('auditor').get(`/v1/decisions?uscc=${uscc(901, '320571')}`);
    expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, 'GET', '/v1/decisions', found);
    const row = found.body.decisions.find((d: { decisionId: string }) => d.decisionId === decision.id);
    expect(row).toMatchObject({ outcome: 'approved', correction: { id: withdrawn.body.id, kind: 'withdrawal', outcome: null, amount: null, at: withdrawn.body.at } });
    expect(found.body.decisions.filter((d: { decisionId: string }) => d.decisionId !== decision.id).every((d: { correction: unknown }) => d.correction === null)).toBe(true);
    const exported = async (format: string) =>
      (await svc().as('auditor').get(`/v1/decisions/export?format=${format}&uscc=${uscc(901, '320571')}`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      })).body as string;
    const lines = (await exported('jsonl')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(lines.find((l) => l.decisionId === decision.id).correction).toEqual(row.correction);
    const csv = (await exported('csv')).replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = csv[0]!.split(',');
    const mine = csv.map((l) => l.split(',')).find((f) => f[0] === decision.id)!;
    expect([mine[header.indexOf('outcome')], mine[header.indexOf('correctionKind')], mine[header.indexOf('correctedAt')]]).toEqual(['approved', 'withdrawal', withdrawn.body.at]);
    // the decision itself is unchanged, and the chains verify
    expect((await svc().as('auditor').get(`/v1/decisions/${decision.id}`)).body).toEqual(decision.body);
    const verified = await svc().as('auditor').get('/v1/audit/verify');
    expect(verified.body).toMatchObject({ intact: true, corrections: { entries: 2, firstBreak: null } });
    // the audit log has both, with who made them
    const events = await svc().as('auditor').get(`/v1/audit/events?subject=${decision.id}&type=decision.corrected,decision.withdrawn`);
    expect(events.body.events.map((e: { type: string; actor: { role: string } }) => [e.type, e.actor.role])).toEqual([
      ['decision.corrected', 'policy-staff'],
      ['decision.withdrawn', 'admin'],
    ]);
  });

  it('verify names a correction changed in place', async () => {
    const { models } = svc().runtime.context;
    await models.decisionCorrections.collection.updateOne({ _id: correctionEntryId(1) as never }, { $set: { 'correction.amountFen': 1 } });
    const res = await svc().as('auditor').get('/v1/audit/verify');
    expect(res.body.intact).toBe(false);
    expect(res.body.firstBreak).toBeNull();
    expect(res.body.corrections.firstBreak).toMatchObject({ seq: 1, entryId: 'correction#1', problem: 'entry-hash' });
    await models.decisionCorrections.collection.updateOne({ _id: correctionEntryId(1) as never }, { $set: { 'correction.amountFen': 18_000_000 } });
    expect((await svc().as('auditor').get('/v1/audit/verify')).body.intact).toBe(true);
  });

  it.each([
    [{ kind: 'correction', reason: 'x' }, 422, '/outcome'],
    [{ kind: 'correction', reason: 'x', outcome: 'approved' }, 422, '/amount'],
    [{ kind: 'correction', reason: 'x', outcome: 'rejected', amount: '1' }, 422, '/amount'],
    [{ kind: 'withdrawal', reason: 'x', amount: '1' }, 422, '/amount'],
    [{ kind: 'correction', reason: 'x', outcome: 'partial', amount: '1.005' }, 400, '/amount'],
    [{ kind: 'erase', reason: 'x' }, 400, '/kind'],
  ])('%j → %i naming %s, recording nothing', async (body, status, pointer) => {
    const before = await svc().runtime.context.models.decisionCorrections.countDocuments();
    const res = await svc().as('policy-staff').post(`/v1/decisions/${decision.id}/corrections`).send(body);
    expect(res.status).toBe(status);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect(await svc().runtime.context.models.decisionCorrections.countDocuments()).toBe(before);
  });

  it('is not for auditors or applicant systems', async () => {
    expect((await svc().as('auditor').post(`/v1/decisions/${decision.id}/corrections`).send({ kind: 'withdrawal', reason: 'x' })).status).toBe(403);
    expect((await svc().as('applicant').post(`/v1/decisions/${decision.id}/corrections`).send({ kind: 'withdrawal', reason: 'x' })).status).toBe(403);
  });
});
