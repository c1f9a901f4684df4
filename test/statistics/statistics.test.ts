import { issueKey } from '../../src/access/api-keys';
import { expectDocumented } from '../support/openapi-responses';
import type { DecisionRecord } from '../../src/store/decision-log';
import { suzhouSubsidyApplication } from '../support/fixtures';
import { startRuntime } from '../../src/runtime';
import { useTestService } from '../support/service';

const svc = useTestService();

const LIS = '320500/loan-interest-subsidy';
const TOPUP = '320571/key-industry-interest-topup';
const LRC = '320500/loan-risk-compensation';
const CHAIN: Record<string, string[]> = {
  '320571': ['320571', '320500', '320000', 'CN'],
  '320505': ['320505', '320500', '320000', 'CN'],
  '440112': ['440112', '440100', '440000', 'CN'],
};

let n = 0;
function rec(jurisdiction: string, program: string, outcome: DecisionRecord['outcome'], amountFen: number | null, uscc: string, applicationDate: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  n++;
  return {
    decisionId: `dec_stat${n}`,
    applicationId: `app_stat${n}`,
    program,
    programJurisdiction: program.split('/')[0]!,
    version: '2024',
    ruleHash: null,
    jurisdiction,
    jurisdictionChain: CHAIN[jurisdiction]!,
    uscc,
    beneficiaryName: `firm ${uscc}`,
    client: 'key_t',
    outcome,
    amountFen,
    reasons: outcome === 'rejected' ? ['not-tech-sme'] : ['eligible'],
    applicationDate,
    decidedAt: `${applicationDate}T02:00:00.000Z`,
    topUpOf: null,
    decisionHash: `sha256:${'1'.repeat(64)}`,
    ...extra,
  };
}

// Hand-counted fixture (application dates in 2023, one in 2022): see the expectations below.
const FIXTURE: DecisionRecord[] = [
  rec('320571', LIS, 'approved', 100_000, 'A', '2023-03-10'), // r1
  rec('320571', LIS, 'partial', 50_000, 'B', '2023-03-20'), // r2
  rec('320571', TOPUP, 'approved', 20_000, 'A', '2023-03-10', { topUpOf: 'dec_stat1' }), // r3
  rec('320505', LIS, 'rejected', null, 'C', '2023-04-02', { reasons: ['budget-exhausted', 'not-tech-sme'] }), // r4
  rec('320505', LIS, 'rejected', null, 'D', '2023-04-03'), // r5
  rec('320505', LRC, 'approved', 800_000, 'K1', '2023-04-05', { beneficiaryName: '苏州银行' }), // r6
  rec('320571', LRC, 'partial', 300_000, 'K1', '2023-05-01', { beneficiaryName: '苏州银行' }), // r7
  rec('320571', LRC, 'rejected', null, 'K2', '2023-05-02', { reasons: ['loan-not-filed'], beneficiaryName: '某农商行' }), // r8
  rec('320505', LIS, 'needs-information', null, 'E', '2023-05-06'), // r9
  rec('440112', '440112/vc-settlement-reward', 'approved', 3_000_000, 'G', '2023-03-01'), // r10: Guangzhou
  rec('320571', LIS, 'approved', 70_000, 'A', '2022-12-30'), // r11: before the period
];

const Y2023 = 'from=2023-01-01&to=2023-12-31';

beforeAll(async () => {
  await svc().runtime.context.repositories.decisionLog.append(FIXTURE);
});

async function stats(query: string, caller: 'policy-staff' | 'auditor' | 'admin' = 'auditor') {
  const res = await svc().as(caller).get(`/v1/statistics?${query}`);
  expect(res.status).toBe(200);
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, 'GET', '/v1/statistics', res);
  return res.body;
}

describe('statistics', () => {
  it('counts a district, hand-counted', async () => {
    const sip = await stats(`jurisdiction=320571&${Y2023}`);
    expect(sip.totals).toEqual({ decisions: 5, applications: 4, approved: 2, partial: 2, rejected: 1, needsInformation: 0, approvals: 4, amountAwardedFen: 470_000, beneficiariesServed: 3 });
    const huqiu = await stats(`jurisdiction=320505&${Y2023}`);
    expect(huqiu.totals).toEqual({ decisions: 4, applications: 4, approved: 1, partial: 0, rejected: 2, needsInformation: 1, approvals: 1, amountAwardedFen: 800_000, beneficiariesServed: 1 });
    expect(huqiu.rejectionsByReason).toEqual([{ reason: 'not-tech-sme', count: 2 }, { reason: 'budget-exhausted', count: 1 }]);
  });

  it('rolls districts up into their city, and keeps other cities out', async () => {
    const city = await stats(`jurisdiction=320500&${Y2023}`);
    expect(city.jurisdiction).toEqual({ code: '320500', name: expect.any(String) });
    expect(city.totals).toEqual({ decisions: 9, applications: 8, approved: 3, partial: 2, rejected: 3, needsInformation: 1, approvals: 5, amountAwardedFen: 1_270_000, beneficiariesServed: 3 });
    expect(city.rejectionsByReason).toEqual([{ reason: 'not-tech-sme', count: 2 }, { reason: 'budget-exhausted', count: 1 }, { reason: 'loan-not-filed', count: 1 }]);
    const lis = city.programs.find((p: { program: string }) => p.program === LIS);
    expect(lis).toMatchObject({ decisions: 5, applications: 5, approved: 1, partial: 1, rejected: 2, needsInformation: 1, approvals: 2, amountAwardedFen: 150_000, beneficiariesServed: 2 });
    expect(city.applicationsVsApprovals).toEqual([
      { program: LIS, applications: 5, approvals: 2 },
      { program: LRC, applications: 3, approvals: 2 },
      { program: TOPUP, applications: 1, approvals: 1 },
    ]);
    const guangzhou = await stats(`jurisdiction=440100&${Y2023}`);
    expect(guangzhou.totals).toMatchObject({ decisions: 1, amountAwardedFen: 3_000_000 });
  });

  it('gives the heat table (district × program), the monthly trend and what each bank was paid', async () => {
    const city = await stats(`jurisdiction=320500&${Y2023}`);
    const heat = city.heatTable.map((h: Record<string, unknown>) => [h.area, h.program, h.decisions, h.awards, h.amountAwardedFen]);
    expect(heat).toEqual([
      ['320505', LIS, 3, 0, 0],
      ['320505', LRC, 1, 1, 800_000],
      ['320571', LIS, 2, 2, 150_000],
      ['320571', LRC, 2, 1, 300_000],
      ['320571', TOPUP, 1, 1, 20_000],
    ]);
    expect(city.trend).toEqual([
      { month: '2023-03', decisions: 3, awards: 3, amountAwardedFen: 170_000 },
      { month: '2023-04', decisions: 3, awards: 1, amountAwardedFen: 800_000 },
      { month: '2023-05', decisions: 3, awards: 1, amountAwardedFen: 300_000 },
    ]);
    expect(city.banks).toEqual([
      { program: LRC, uscc: 'K1', name: '苏州银行', claims: 2, paidClaims: 2, amountFen: 1_100_000 },
      { program: LRC, uscc: 'K2', name: '某农商行', claims: 1, paidClaims: 0, amountFen: 0 },
    ]);
  });

  it('filters by program and period', async () => {
    expect((await stats(`jurisdiction=320500&program=${encodeURIComponent(LRC)}&${Y2023}`)).totals).toMatchObject({ decisions: 3, approvals: 2, amountAwardedFen: 1_100_000 });
    expect((await stats('jurisdiction=320500&from=2022-01-01&to=2023-12-31')).totals).toMatchObject({ decisions: 10, amountAwardedFen: 1_340_000, beneficiariesServed: 3 });
    expect((await stats('jurisdiction=320500&from=2023-04-01&to=2023-04-30')).totals).toMatchObject({ decisions: 3, rejected: 2, amountAwardedFen: 800_000 });
  });

  it('shows budget and pool use from the ledgers, and counts a new decision at once', async () => {
    const before = await stats('jurisdiction=320500&from=2024-01-01&to=2025-12-31');
    const budget = (b: { budgets: { program: string; cap: string; period: string }[] }, program: string, cap: string, period: string) => b.budgets.find((x) => x.program === program && x.cap === cap && x.period === period);
    expect(budget(before, LIS, 'annualBudget', '2024')).toMatchObject({ limitFen: 5_000_000_000, usedFen: 0, leftFen: 5_000_000_000, usedShare: '0.0000' });
    expect(budget(before, LRC, 'riskPool', 'lifetime')).toMatchObject({ limitFen: 20_000_000_000, usedFen: 0 });
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication());
    expect(res.status).toBe(201);
    const amount = svc().runtime.context.repositories.decisionLog.get(res.body.decision.id)!.amountFen!;
    expect(amount).toBeGreaterThan(0);
    const after = await stats('jurisdiction=320500&from=2024-01-01&to=2025-12-31');
    expect(budget(after, LIS, 'annualBudget', '2024')).toMatchObject({ usedFen: amount, leftFen: 5_000_000_000 - amount });
    expect(after.totals.decisions).toBe(before.totals.decisions + 1 + res.body.topUps.length);
    expect(after.programs.find((p: { program: string }) => p.program === LIS).amountAwardedFen).toBe(amount);
    // a real decision's record rolls up too: SIP (320571) is a sub-area of the city in the heat table
    const heat = (b: { heatTable: { area: string; program: string; decisions: number }[] }) => b.heatTable.find((h) => h.area === '320571' && h.program === LIS)?.decisions ?? 0;
    expect(heat(after)).toBe(heat(before) + 1);
    expect((await stats('jurisdiction=320571&from=2024-01-01&to=2025-12-31')).totals.decisions).toBe(1 + res.body.topUps.length);
  });

  it("counts another process's decisions (it reads the log forward before answering)", async () => {
    const other = await startRuntime({ mongodbUri: svc().uri, writeConcern: { w: 1, journal: true }, today: () => '2025-03-15' });
    try {
      const q = { jurisdiction: '320500', from: '2025-01-01', to: '2025-12-31' };
      const before = (await other.context.statistics.answer(q)).totals.decisions;
      const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { uscc: '91320594MA1N6QYX2B', name: '苏州纳微生物科技有限公司', jurisdiction: '320571' }, facts: { ...suzhouSubsidyApplication().facts, loanId: 'OTHER-PROCESS-1' } }));
      expect(res.status).toBe(201);
      expect((await other.context.statistics.answer(q)).totals.decisions).toBe(before + 1 + res.body.topUps.length);
    } finally {
      await other.database.close();
    }
  });

  it('lets a scoped key see its own jurisdictions only', async () => {
    const { record, token } = issueKey('sip staff', 'policy-staff', ['320571']);
    await svc().runtime.context.keys.create(record);
    const as = (q: string) => svc().as('auditor').get(`/v1/statistics?${q}`).set('Authorization', `Bearer ${token}`);
    const own = await as(Y2023);
    expect(own.status).toBe(200);
    expect(own.body.jurisdiction.code).toBe('320571');
    const city = await as(`jurisdiction=320500&${Y2023}`);
    expect(city.status).toBe(403);
    expect(city.body.errors[0].pointer).toBe('/query/jurisdiction');
    expect((await svc().as('suzhou-applicant').get('/v1/statistics?jurisdiction=320500')).status).toBe(403);
  });

  it('names the field of a bad query', async () => {
    for (const [q, pointer] of [
      ['jurisdiction=999999', '/query/jurisdiction'],
      ['jurisdiction=320500&program=nope', '/query/program'],
      ['jurisdiction=320500&from=2023-13-01', '/query/from'],
      ['jurisdiction=320500&from=2023-05-01&to=2023-04-01', '/query/from'],
      ['jurisdiction=320500&size=3', '/query/size'],
    ]) {
      const res = await svc().as('auditor').get(`/v1/statistics?${q}`);
      expect([q, res.status, res.body.errors?.[0]?.pointer]).toEqual([q, 400, pointer]);
    }
  });
});
