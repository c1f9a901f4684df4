import type { DecisionRecord } from '../../src/store/decision-log';
import { uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService();

const keyId = (token: string) => token.split('_')[1]!;
const CHAINS: Record<string, string[]> = {
  '320571': ['CN', '320000', '320500', '320571'],
  '320505': ['CN', '320000', '320500', '320505'],
  '440106': ['CN', '440000', '440100', '440106'],
  '440112': ['CN', '440000', '440100', '440112'],
};
const PROGRAMS = ['320500/loan-interest-subsidy', '320571/loan-interest-subsidy', '440112/vc-settlement-reward', '440100/innovation-contest-grant'];
const OUTCOMES = ['approved', 'partial', 'rejected', 'needs-information'] as const;

/** A few hundred records of every kind, spread over programs, places, outcomes, amounts, days and clients. */
function records(n: number, clients: string[], offset = 0): DecisionRecord[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const place = Object.keys(CHAINS)[i % 4]!;
    const outcome = OUTCOMES[(i * 7) % 4]!;
    return {
      decisionId: `dec_s${String(i).padStart(5, '0')}`,
      applicationId: `app_s${i}`,
      program: PROGRAMS[(i * 3) % 4]!,
      programJurisdiction: PROGRAMS[(i * 3) % 4]!.split('/')[0]!,
      version: i % 5 === 0 ? '2018-01-01' : '2021-01-01',
      ruleHash: `sha256:${'a'.repeat(64)}`,
      jurisdiction: place,
      jurisdictionChain: [...CHAINS[place]!].reverse(),
      uscc: uscc(i % 37, place),
      beneficiaryName: `企业 ${i}`,
      client: clients[i % clients.length]!,
      outcome,
      amountFen: outcome === 'rejected' || outcome === 'needs-information' ? null : 1_000_00 * ((i % 50) + 1) + (i % 3),
      reasons: [outcome === 'approved' ? 'eligible' : 'conditions-not-met'],
      applicationDate: '2025-03-15',
      // 10 decisions a day from 2025-03-01 (China time), each a minute apart
      decidedAt: new Date(Date.parse('2025-03-01T00:00:00+08:00') + Math.floor(i / 10) * 86_400_000 + (i % 10) * 60_000).toISOString(),
      topUpOf: null,
      decisionHash: `sha256:${'b'.repeat(64)}`,
    };
  });
}

let seeded: DecisionRecord[] = [];
beforeAll(async () => {
  const s = svc();
  const clients = [keyId(s.tokens['suzhou-applicant']), keyId(s.tokens['guangzhou-applicant']), 'key_elsewhere'];
  seeded = records(300, clients);
  // in entries of several records each, as a group commit writes them
  for (let i = 0; i < seeded.length; i += 25) await s.runtime.context.repositories.decisionLog.append(seeded.slice(i, i + 25));
});

/** Every page of a search, following the cursors. */
async function all(caller: Parameters<ReturnType<typeof svc>['as']>[0], query: string, limit = 37) {
  const items: { decisionId: string; amount: string | null }[] = [];
  let cursor: string | null = null;
  let totals: unknown;
  let pages = 0;
  do {
    const res = await svc().as(caller).get(`/v1/decisions?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    items.push(...res.body.decisions);
    if (totals !== undefined) expect(res.body.totals).toEqual(totals); // every page carries the same totals
    totals = res.body.totals;
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor);
  return { items, totals: totals as { count: number; amount: string; byOutcome: Record<string, number> }, pages };
}

const yuan = (fen: number) => (fen / 100).toFixed(2);
function expected(pred: (r: DecisionRecord) => boolean) {
  const rs = seeded.filter(pred);
  return { ids: rs.map((r) => r.decisionId), count: rs.length, amount: yuan(rs.reduce((a, r) => a + (r.amountFen ?? 0), 0)) };
}

describe('GET /v1/decisions', () => {
  it.each([
    ['program=320500%2Floan-interest-subsidy', (r: DecisionRecord) => r.program === '320500/loan-interest-subsidy'],
    ['jurisdiction=320500', (r: DecisionRecord) => r.jurisdiction.startsWith('3205')], // a city includes its districts
    ['jurisdiction=440112', (r: DecisionRecord) => r.jurisdiction === '440112'],
    [`uscc=${uscc(5, '320571')}`, (r: DecisionRecord) => r.uscc === uscc(5, '320571')],
    ['outcome=approved,partial', (r: DecisionRecord) => r.outcome === 'approved' || r.outcome === 'partial'],
    ['minAmount=10000&maxAmount=25000.01', (r: DecisionRecord) => r.amountFen !== null && r.amountFen >= 1_000_000 && r.amountFen <= 2_500_001],
    ['decidedFrom=2025-03-05&decidedTo=2025-03-07', (r: DecisionRecord) => r.decidedAt >= '2025-03-04T16:00:00.000Z' && r.decidedAt < '2025-03-07T16:00:00.000Z'],
    ['version=2018-01-01&jurisdiction=440100&outcome=rejected,partial', (r: DecisionRecord) => r.version === '2018-01-01' && r.jurisdiction.startsWith('4401') && (r.outcome === 'rejected' || r.outcome === 'partial')],
  ])('%s: every page in log order, totals of the filtered set', async (query, pred) => {
    const want = expected(pred);
    expect(want.count).toBeGreaterThan(0);
    const got = await all('auditor', query);
    expect(got.items.map((i) => i.decisionId).filter((id) => id.startsWith('dec_s'))).toEqual(want.ids);
    expect(got.totals.count).toBe(want.count);
    expect(got.totals.amount).toBe(want.amount);
    expect(got.pages).toBe(Math.max(1, Math.ceil(want.count / 37)));
  });

  it('pages newest first too, and a cursor stays valid while decisions are added', async () => {
    const first = await svc().as('auditor').get('/v1/decisions?order=desc&limit=10&jurisdiction=440100');
    expect(first.body.decisions[0].decisionId).toBe(expected((r) => r.jurisdiction.startsWith('4401')).ids.at(-1));
    const asc = await svc().as('auditor').get('/v1/decisions?limit=30&jurisdiction=320571');
    const more = records(8, ['key_elsewhere'], 1000);
    await svc().runtime.context.repositories.decisionLog.append(more);
    // totals follow the records logged since (each filter's totals are kept and brought up to date)
    const after = await svc().as('auditor').get('/v1/decisions?limit=1&jurisdiction=320571');
    expect(after.body.totals.count).toBe(asc.body.totals.count + more.filter((r) => r.jurisdiction === '320571').length);
    const rest = await svc().as('auditor').get(`/v1/decisions?limit=500&jurisdiction=320571&cursor=${asc.body.nextCursor}`);
    const ids = [...asc.body.decisions, ...rest.body.decisions].map((d: { decisionId: string }) => d.decisionId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...expected((r) => r.jurisdiction === '320571').ids, ...more.filter((r) => r.jurisdiction === '320571').map((r) => r.decisionId)]);
  });

  it('applies scopes as filters: a Suzhou auditor never sees a Guangzhou row, even in totals; an applicant only its own', async () => {
    const created = await svc().as('admin').post('/v1/api-keys').send({ name: 'Suzhou auditor', role: 'auditor', jurisdictions: ['320500'] });
    const suzhou = await svc().as('auditor').get('/v1/decisions?limit=1'); // unscoped, for comparison
    const res = await import('supertest').then(({ default: request }) => request(svc().app).get('/v1/decisions?limit=500').set('Authorization', `Bearer ${created.body.token}`));
    expect(res.status).toBe(200);
    expect(res.body.decisions.every((d: { jurisdiction: string }) => d.jurisdiction.startsWith('3205'))).toBe(true);
    expect(res.body.totals.count).toBe(res.body.decisions.length);
    expect(res.body.totals.count).toBeLessThan(suzhou.body.totals.count);
    const guangzhouOnly = await import('supertest').then(({ default: request }) => request(svc().app).get('/v1/decisions?jurisdiction=440100').set('Authorization', `Bearer ${created.body.token}`));
    expect(guangzhouOnly.body.totals).toEqual({ count: 0, amount: '0.00', byOutcome: { approved: 0, partial: 0, rejected: 0, 'needs-information': 0 } });
    const mine = await all('suzhou-applicant', 'outcome=approved,partial,rejected,needs-information', 200);
    const own = keyId(svc().tokens['suzhou-applicant']);
    expect(mine.totals.count).toBe(seeded.filter((r) => r.client === own && r.jurisdiction.startsWith('3205')).length);
    expect(mine.items.length).toBe(mine.totals.count);
  });

  it('finds real submissions', async () => {
    const { SIP_ENTERPRISE, suzhouSubsidyApplication } = await import('../support/fixtures');
    const sub = await svc().as('suzhou-applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(901) } }));
    expect(sub.status).toBe(201);
    const res = await svc().as('suzhou-applicant').get(`/v1/decisions?uscc=${uscc(901)}`);
    expect(res.body.decisions.map((d: { decisionId: string }) => d.decisionId).sort()).toEqual([sub.body.decision.id, ...sub.body.topUps.map((t: { id: string }) => t.id)].sort());
    expect(res.body.decisions.find((d: { decisionId: string }) => d.decisionId === sub.body.decision.id).amount).toBe(sub.body.decision.amount);
    // another applicant system does not see it
    expect((await svc().as('other-applicant').get(`/v1/decisions?uscc=${uscc(901)}`)).body.totals.count).toBe(0);
  });

  it.each([
    ['jurisdiction=449999', '/query/jurisdiction'],
    ['program=not%20a%20program', '/query/program'],
    ['uscc=91320594MA0000000X', '/query/uscc'],
    ['outcome=won', '/query/outcome'],
    ['minAmount=1.005', '/query/minAmount'],
    ['maxAmount=-3', '/query/maxAmount'],
    ['minAmount=20&maxAmount=10', '/query/maxAmount'],
    ['decidedFrom=2025-02-30', '/query/decidedFrom'],
    ['decidedTo=yesterday', '/query/decidedTo'],
    ['limit=0', '/query/limit'],
    ['limit=501', '/query/limit'],
    ['order=sideways', '/query/order'],
    ['cursor=garbage', '/query/cursor'],
  ])('%s → 422 naming %s', async (query, pointer) => {
    const res = await svc().as('auditor').get(`/v1/decisions?${query}`);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it('refuses a cursor with other filters (422), and unknown parameters (400)', async () => {
    const page = await svc().as('auditor').get('/v1/decisions?jurisdiction=320500&limit=5');
    const other = await svc().as('auditor').get(`/v1/decisions?jurisdiction=440100&cursor=${page.body.nextCursor}`);
    expect(other.status).toBe(422);
    expect(other.body.errors[0].pointer).toBe('/query/cursor');
    expect((await svc().as('auditor').get('/v1/decisions?beneficiary=x')).status).toBe(400);
  });
});
