import { issueKey } from '../../src/access/api-keys';
import type { DecisionRecord } from '../../src/store/decision-log';
import type { WarningDoc } from '../../src/store/warning-store';
import { WarningStore } from '../../src/store/warning-store';
import { loadWarningRules, type WarningRules } from '../../src/warnings/rules';
import { Warnings } from '../../src/warnings/warnings';
import { suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';

const svc = useTestService({ today: '2026-03-01' });
const ctx = () => svc().runtime.context;
const ADMIN = { ...issueKey('warnings admin', 'admin', ['*']).record };

async function raised(kind: WarningDoc['kind']) {
  await ctx().warnings.idle();
  return ctx().warnings.list(ADMIN, { kind });
}

const GZ_BANK_CLAIM = (bank: string, loanId: string, bankCompensatedLosses: string) => ({
  program: '440100/credit-risk-compensation',
  beneficiary: { uscc: bank, name: `银行 ${bank.slice(-4)}`, jurisdiction: '440100' },
  facts: {
    loanId, loanIssueDate: '2025-11-01', loanAmount: '5000000', principalLoss: '2000000', lossConfirmed: true, loanFiledWithProgram: true, claimMode: 'bank',
    borrowerUscc: '91440116MA5CLMN67N', badLoanBalance: '2500000', borrowerLoansInYear: '5000000', bankCompensatedLosses, bankRegisteredLoanPrincipal: '1000000000', lenderUscc: bank,
  },
});

describe('risk warnings', () => {
  it('the shipped thresholds match their schema', () => {
    expect(loadWarningRules(ctx().registry).budgetUse.thresholds).toContain('0.8');
  });

  it('budget or pool use: fires at 80% used, not below', async () => {
    const ledger = '320500/loan-risk-compensation|riskPool|lifetime';
    const limit = 20_000_000_000;
    const take = (request: number, holder: string) => ctx().repositories.ledgers.take({ ledger, measure: 'amount', limit, request, holder });
    await take(15_999_999_999, 'test:a');
    await ctx().warnings.evaluateAll();
    expect((await raised('budget-use')).filter((w) => w.subject.ledger === ledger)).toEqual([]);
    await take(1, 'test:b');
    await ctx().warnings.evaluateAll();
    const [w, ...more] = (await raised('budget-use')).filter((x) => x.subject.ledger === ledger);
    expect(more).toEqual([]);
    expect(w).toMatchObject({ program: '320500/loan-risk-compensation', threshold: '0.8', figures: { limit: '200000000.00', used: '160000000.00', usedShare: '0.8000' }, acknowledged: false });
    expect(w!.message).toContain('80.00% used');
    // the same condition again raises nothing new
    expect(await ctx().warnings.evaluateAll()).toEqual([]);
  });

  it('budget use is checked after each decision too', async () => {
    const ledger = '320500/loan-interest-subsidy|annualBudget|2024';
    await ctx().repositories.ledgers.take({ ledger, measure: 'amount', limit: 5_000_000_000, request: 3_999_990_000, holder: 'test:earlier' });
    expect((await raised('budget-use')).filter((w) => w.subject.ledger === ledger)).toEqual([]);
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { uscc: uscc(21), name: '苏州测试', jurisdiction: '320571' } }));
    expect(res.status).toBe(201);
    const w = (await raised('budget-use')).filter((x) => x.subject.ledger === ledger);
    expect(w.map((x) => [x.threshold, x.decisionId])).toEqual([['0.8', null]]);
  });

  it("a bank's loss ratio: fires at 80% of Guangzhou's 3% and at the limit, not below", async () => {
    const [below, near, over] = [uscc(1, '440101'), uscc(2, '440101'), uscc(3, '440101')];
    for (const [bank, losses] of [[below, '23999999'], [near, '24000000'], [over, '30000000.01']] as const) {
      const res = await svc().as('applicant').post('/v1/applications').send(GZ_BANK_CLAIM(bank, `GZ-W-${bank.slice(-4)}`, losses));
      expect(res.status).toBe(201);
    }
    const warnings = await raised('bank-loss-ratio');
    const of = (bank: string) => warnings.filter((w) => w.subject.uscc === bank).map((w) => [w.threshold, w.figures.lossRatio]);
    expect(of(below)).toEqual([]);
    expect(of(near)).toEqual([['0.8', '0.024000']]);
    expect(of(over)).toEqual([['1', '0.030000']]);
  });

  it('a beneficiary near a lifetime cap: fires at 90% of the 2000万 ceiling, not at 75%', async () => {
    const claim = (firm: string, cumulative: string) => ({
      program: '440112/vc-settlement-reward',
      beneficiary: { uscc: firm, name: `创投 ${firm.slice(-4)}`, jurisdiction: '440112' },
      facts: { vcForm: 'partnership', paidInCapital: '250000000', cumulativeDistrictInvestment: cumulative },
    });
    const [at90, at75] = [uscc(11, '440101'), uscc(12, '440101')];
    for (const [firm, cumulative] of [[at90, '300000000'], [at75, '250000000']] as const) {
      const res = await svc().as('applicant').post('/v1/applications').send(claim(firm, cumulative));
      expect([res.status, res.body.decision?.outcome]).toEqual([201, 'approved']);
    }
    const warnings = await raised('lifetime-cap');
    expect(warnings.filter((w) => w.subject.uscc === at75)).toEqual([]);
    const mine = warnings.filter((w) => w.subject.uscc === at90);
    expect(mine.map((w) => [w.threshold, w.figures.cap, w.figures.used, w.figures.limit, w.figures.usedShare])).toEqual([['0.9', 'lifetimeCeiling', '18000000.00', '20000000.00', '0.9000']]);
  });

  it('an unusual burst: fires at the third application within 24 hours, not when they are spread out', async () => {
    const rules: WarningRules = { ...loadWarningRules(ctx().registry), applicationBurst: { windowHours: 24, maxApplications: 3, ref: 'test' } };
    const warnings = new Warnings(rules, ctx().catalog, ctx().repositories.decisionLog, ctx().repositories.ledgers, new WarningStore(svc().runtime.database.connection), async () => undefined, () => '2026-03-01');
    const seen: WarningDoc[] = [];
    warnings.onRaised((w) => void seen.push(w));
    const at = (firm: string, n: number, hours: number): DecisionRecord => ({
      decisionId: `dec_burst_${firm}_${n}`, applicationId: `app_burst_${firm}_${n}`, program: '320500/loan-interest-subsidy', programJurisdiction: '320500', version: '2024', ruleHash: null,
      jurisdiction: '320571', jurisdictionChain: ['320571', '320500', '320000', 'CN'], uscc: firm, beneficiaryName: firm, client: 'k', outcome: 'rejected', amountFen: null, reasons: [],
      applicationDate: '2026-02-01', decidedAt: new Date(Date.UTC(2026, 1, 1, 0) + hours * 3_600_000).toISOString(), topUpOf: null, decisionHash: `sha256:${'1'.repeat(64)}`,
    });
    const spread = await warnings.afterDecisions([at('SPREAD', 1, 0), at('SPREAD', 2, 13), at('SPREAD', 3, 26), at('SPREAD', 4, 39)]);
    expect(spread).toEqual([]);
    expect(await warnings.afterDecisions([at('BURST', 1, 0), at('BURST', 2, 1)])).toEqual([]);
    const burst = await warnings.afterDecisions([at('BURST', 3, 2)]);
    expect(burst.map((w) => [w.kind, w.subject.uscc, w.figures.applications])).toEqual([['application-burst', 'BURST', 3]]);
    expect(seen.map((w) => w._id)).toEqual(burst.map((w) => w._id));
  });

  it('lists within the key\'s jurisdictions, and acknowledges with who, when and a note', async () => {
    const gz = await svc().as('admin').get('/v1/warnings?kind=bank-loss-ratio');
    expect(gz.status).toBe(200);
    expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/warnings', gz);
    expect(gz.body.warnings.map((w: { jurisdiction: string }) => w.jurisdiction)).toEqual(gz.body.warnings.map(() => '440100'));
    const target = gz.body.warnings[0];
    expect(target).toBeDefined();
    const suzhou = issueKey('suzhou staff', 'policy-staff', ['320500']);
    await ctx().keys.create(suzhou.record);
    const scoped = await svc().as('admin').get('/v1/warnings?kind=bank-loss-ratio').set('Authorization', `Bearer ${suzhou.token}`);
    expect(scoped.body.warnings).toEqual([]);
    const hidden = await svc().as('admin').post(`/v1/warnings/${target.id}/acknowledgements`).set('Authorization', `Bearer ${suzhou.token}`).send({ note: 'x' });
    expect(hidden.status).toBe(404);
    expect((await svc().as('policy-staff').post(`/v1/warnings/${target.id}/acknowledgements`).send({})).body.errors[0].pointer).toBe('/note');
    const ack = await svc().as('policy-staff').post(`/v1/warnings/${target.id}/acknowledgements`).send({ note: '已通知银行 / bank informed' });
    expect(ack.status).toBe(201);
    expectDocumented(ctx().registry, ctx().openapi, 'POST', '/v1/warnings/{id}/acknowledgements', ack);
    expect(ack.body).toMatchObject({ warningId: target.id, by: { role: 'policy-staff' }, note: '已通知银行 / bank informed' });
    const acked = await svc().as('auditor').get('/v1/warnings?acknowledged=true');
    expect(acked.body.warnings.map((w: { id: string }) => w.id)).toEqual([target.id]);
    expect(acked.body.warnings[0].acknowledgements).toHaveLength(1);
    expect((await svc().as('auditor').get('/v1/warnings?kind=nope')).body.errors[0].pointer).toBe('/query/kind');
  });
});
