import request from 'supertest';
import { auditLogOver } from '../../src/audit/audit-log';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService();
const keyId = (token: string) => token.split('_')[1]!;
let suzhou: { applicationId: string; decisionId: string; topUp: string };
let guangzhou: { decisionId: string };

beforeAll(async () => {
  const a = await svc().as('suzhou-applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(801) } }));
  expect(a.status).toBe(201);
  suzhou = { applicationId: a.body.application.id, decisionId: a.body.decision.id, topUp: a.body.topUps[0].id };
  const b = await svc().as('guangzhou-applicant').post('/v1/applications').send({
    program: '440112/vc-settlement-reward',
    beneficiary: { uscc: '91440101MA59HJK451', name: '广州黄埔创新投资管理有限公司', jurisdiction: '440112' },
    facts: { vcForm: 'partnership', paidInCapital: '250000000', cumulativeDistrictInvestment: '350000000' },
  });
  expect(b.status).toBe(201);
  guangzhou = { decisionId: b.body.decision.id };
});

const events = async (query: string, caller: 'auditor' | 'admin' = 'auditor') => {
  const res = await svc().as(caller).get(`/v1/audit/events?${query}`);
  expect(res.status).toBe(200);
  return res.body as { events: { id: string; type: string; at: string; actor: { keyId?: string; role?: string; system?: string }; subject: string | null; data: any }[]; total: number; nextCursor: string | null };
};

describe('GET /v1/audit/events', () => {
  it('shows applications accepted and decisions made, from the decision log, with who submitted them', async () => {
    const got = await events(`subject=${suzhou.applicationId}`);
    expect(got.events).toEqual([expect.objectContaining({ type: 'application.accepted', subject: suzhou.applicationId, actor: { keyId: keyId(svc().tokens['suzhou-applicant']) } })]);
    const made = await events(`type=decision.made&actor=${keyId(svc().tokens['suzhou-applicant'])}`);
    expect(made.events.map((e) => e.subject).sort()).toEqual([suzhou.decisionId, suzhou.topUp].sort());
    expect(made.events.find((e) => e.subject === suzhou.decisionId)!.data).toMatchObject({ program: '320500/loan-interest-subsidy', outcome: 'approved' });
  });

  it('records API key changes with the administrator that made them, and any event routed to record() (a rule reload)', async () => {
    const created = await svc().as('admin').post('/v1/api-keys').send({ name: 'Suzhou auditor', role: 'auditor', jurisdictions: ['320500'] });
    await svc().as('admin').delete(`/v1/api-keys/${created.body.id}`);
    const admin = keyId(svc().tokens.admin);
    const keys = await events(`subject=${created.body.id}`);
    expect(keys.events.map((e) => [e.type, e.actor])).toEqual([
      ['api-key.created', { keyId: admin, role: 'admin' }],
      ['api-key.revoked', { keyId: admin, role: 'admin' }],
    ]);
    expect(JSON.stringify(keys.events)).not.toContain(created.body.token.split('_').slice(2).join('_')); // the secret may hold underscores itself
    const log = auditLogOver(svc().runtime.context.models, svc().runtime.context.repositories.decisionLog);
    await log.record({ type: 'rules.reloaded', actor: { system: 'SIGHUP' }, jurisdictions: ['440112'], subject: '440112/vc-settlement-reward', data: { versions: ['2020-06-01'], ruleHashes: ['sha256:…'] } });
    const reload = await events('type=rules.reloaded');
    expect(reload.events).toEqual([expect.objectContaining({ actor: { system: 'SIGHUP' }, subject: '440112/vc-settlement-reward', data: { versions: ['2020-06-01'], ruleHashes: ['sha256:…'] } })]);
    // stored events are written once and never changed: one document each
    // (and the start-up's rule load, recorded by the runtime)
    const stored = await svc().runtime.context.models.auditEvents.find().lean();
    expect(stored.map((e) => e.type).sort()).toEqual(['api-key.created', 'api-key.revoked', 'rules.load', 'rules.reloaded']);
  });

  it('records prior-award imports with the administrator that made them', async () => {
    const award = { source: 'SIP-interest-register', row: 'r2021', ref: '园区科技贴息拨付台账 2021年 第21行', program: '320571/loan-interest-subsidy', beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(802) }, paidOn: '2022-06-30', amount: '14000', facts: { subsidyYear: 2021, loanId: 'SIP-LOAN-2021' } };
    const res = await svc().as('admin').post('/v1/prior-awards').set('Content-Type', 'application/x-ndjson').send(`${JSON.stringify(award)}\n{not json`);
    expect(res.body.imported).toBe(1);
    const got = await events('type=prior-awards.imported');
    expect(got.events).toEqual([expect.objectContaining({ actor: { keyId: keyId(svc().tokens.admin), role: 'admin' }, data: { imported: 1, unchanged: 0, refused: 1 } })]);
  });

  it('filters by time and pages with a cursor, oldest first', async () => {
    const all = await events('limit=1000');
    expect(all.total).toBe(all.events.length);
    const ats = all.events.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof events>> = await events(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.events.map((e) => e.id));
    expect((await events('to=2000-01-01')).total).toBe(0);
    expect((await events(`from=${new Date(Date.now() + 60_000).toISOString()}`)).total).toBe(0);
  });

  it('keeps to the caller scope: a Suzhou auditor sees no Guangzhou event', async () => {
    const created = await svc().as('admin').post('/v1/api-keys').send({ name: 'Suzhou auditor 2', role: 'auditor', jurisdictions: ['320500'] });
    const res = await request(svc().app).get('/v1/audit/events?limit=1000').set('Authorization', `Bearer ${created.body.token}`);
    const subjects = res.body.events.map((e: { subject: string }) => e.subject);
    expect(subjects).toContain(suzhou.decisionId);
    expect(subjects).not.toContain(guangzhou.decisionId);
    expect(subjects).not.toContain('440112/vc-settlement-reward');
  });

  it.each([['type=Bad Type', '/query/type'], ['from=2025-02-30', '/query/from'], ['limit=0', '/query/limit'], ['cursor=%21', '/query/cursor']])('%s → 422 naming %s', async (query, pointer) => {
    const res = await svc().as('auditor').get(`/v1/audit/events?${query}`);
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe(pointer);
  });

  it('is for auditors and administrators', async () => {
    expect((await svc().as('applicant').get('/v1/audit/events')).status).toBe(403);
    expect((await svc().as('policy-staff').get('/v1/audit/events')).status).toBe(403);
  });
});
