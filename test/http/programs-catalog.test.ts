import request from 'supertest';
import { expectDocumented } from '../support/openapi-responses';
import { uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService({ checkInvariants: true });

const documented = (method: string, path: string, res: request.Response) =>
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, method, path, res);
const models = () => svc().runtime.context.models;

/** A Suzhou Industrial Park biomedicine firm with a 1000万 loan, as a bank platform would describe it. */
const SIP_BIOMED = { uscc: uscc(424242), name: '苏州园区康源生物医药有限公司', jurisdiction: '320571' };
const biomedFacts = {
  subsidyYear: 2024, loanId: 'SZ-2024-0001', independentLegalPerson: true, seriousDishonestyInLast3Years: false, enrolledOnTechFinancePlatform: true,
  loanFiledWithProgram: true, qualifications: [], industry: 'biomedicine', interestPaid: '400000', guaranteeFeesPaid: '50000',
  employees: 120, techStaff: 40, annualRevenue: '60000000', totalAssets: '90000000', totalCost: '50000000', rdExpense: '4000000',
  classOneIpCount: 1, classTwoIpCount: 0, onSeriousDishonestyList: false, onAbnormalOperationList: false,
  averageLoanBalance: '10000000', lpr: '0.0345', loanInterestRate: '0.0435', netAssets: '8000000', parkLoanProduct: false,
};

describe('matching a Suzhou Industrial Park biomedicine enterprise', () => {
  it('lists the national determination, the city subsidy, the park top-up and the park LPR subsidy with their amounts', async () => {
    const res = await svc().as('applicant').post('/v1/eligibility-checks')
      .send({ beneficiary: SIP_BIOMED, beneficiaryKind: 'enterprise', applicationDate: '2025-03-15', facts: biomedFacts });
    expect(res.status).toBe(200);
    documented('POST', '/v1/eligibility-checks', res);
    const by = Object.fromEntries(res.body.results.map((r: { program: string }) => [r.program, r]));
    expect(by['CN/tech-sme-evaluation'].outcome).toBe('approved');
    expect(by['320500/loan-interest-subsidy']).toMatchObject({ outcome: 'approved', estimatedAmount: '225000.00' });
    expect(by['320571/key-industry-interest-topup']).toMatchObject({ outcome: 'approved', estimatedAmount: '180000.00' });
    expect(by['320571/loan-interest-subsidy']).toMatchObject({ outcome: 'approved', estimatedAmount: '172500.00' });
    expect(by['320571/key-industry-interest-topup'].combined).toEqual({
      rate: '0.9',
      amount: '405000.00',
      shares: [
        { program: '320500/loan-interest-subsidy', jurisdiction: '320500', rate: '0.5', amount: '225000.00', outcome: 'approved', funding: expect.objectContaining({ zh: expect.stringContaining('苏州市') }) },
        { program: '320571/key-industry-interest-topup', jurisdiction: '320571', rate: '0.4', amount: '180000.00', outcome: 'approved', funding: expect.objectContaining({ zh: '苏州工业园区财政' }) },
      ],
    });
    // bank programs are not offered to an enterprise; the eligible come first, then what needs facts
    expect(by['320500/loan-risk-compensation']).toBeUndefined();
    expect(by['320500/tech-insurance-premium-subsidy'].outcome).toBe('needs-information');
    expect(by['320500/tech-insurance-premium-subsidy'].missingFacts).toEqual(expect.arrayContaining(['insuranceYear']));
    const outcomes = res.body.results.map((r: { outcome: string }) => r.outcome);
    expect(outcomes.indexOf('needs-information')).toBeGreaterThan(outcomes.lastIndexOf('approved'));
  });

  it('decides the city subsidy and the park top-up as two decisions referencing each other', async () => {
    const res = await svc().as('applicant').post('/v1/applications')
      .send({ program: '320500/loan-interest-subsidy', beneficiary: SIP_BIOMED, applicationDate: '2025-03-15', facts: biomedFacts });
    expect(res.status).toBe(201);
    documented('POST', '/v1/applications', res);
    const { decision, topUps, application } = res.body;
    expect(decision).toMatchObject({ outcome: 'approved', amount: '225000.00', topUpOf: null });
    expect(topUps).toHaveLength(1);
    expect(topUps[0]).toMatchObject({ program: '320571/key-industry-interest-topup', outcome: 'approved', amount: '180000.00', topUpOf: decision.id });
    expect(decision.topUps).toEqual([topUps[0].id]);
    expect(application.topUpDecisionIds).toEqual([topUps[0].id]);
    const read = await svc().as('applicant').get(`/v1/decisions/${topUps[0].id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(topUps[0]);
    const rerun = await svc().as('auditor').post(`/v1/decisions/${topUps[0].id}/reproduction`);
    expect(rerun.body.identical).toBe(true);
  });
});

describe('draft programs', () => {
  const bank = { uscc: uscc(777, '410300'), name: '洛阳河洛科创银行股份有限公司', jurisdiction: '410300' };
  const facts = { incentiveYear: 2026, bankNetNewTechLoans: '100000000' };

  it('never decide a submitted application', async () => {
    const before = await models().applications.countDocuments();
    const res = await svc().as('applicant').post('/v1/applications').send({ program: '410300/bank-tech-loan-incentive', beneficiary: bank, applicationDate: '2027-02-15', facts });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/program');
    expect(await models().applications.countDocuments()).toBe(before);
  });

  it('are evaluated on request, as a simulation that reserves nothing', async () => {
    const plain = await svc().as('applicant').post('/v1/eligibility-checks').send({ beneficiary: bank, applicationDate: '2027-02-15', facts });
    expect(plain.body.results.map((r: { program: string }) => r.program)).not.toContain('410300/bank-tech-loan-incentive');
    const named = await svc().as('policy-staff').post('/v1/eligibility-checks').send({ beneficiary: bank, facts, programs: ['410300/bank-tech-loan-incentive'] });
    expect(named.status).toBe(422);
    expect(named.body.errors[0]).toMatchObject({ pointer: '/programs/0', detail: expect.stringContaining('includeDrafts') });
    const sim = await svc().as('policy-staff').post('/v1/eligibility-checks').send({ beneficiary: bank, applicationDate: '2027-02-15', facts, includeDrafts: true, programs: ['410300/bank-tech-loan-incentive'] });
    expect(sim.status).toBe(200);
    expect(sim.body.results[0]).toMatchObject({ outcome: 'approved', estimatedAmount: '500000.00' });
    expect(sim.body.results[0].explanation.version.status).toBe('draft');
  });

  it('show which parameters are assumptions in the listing', async () => {
    const res = await svc().as('applicant').get('/v1/programs?jurisdiction=410300');
    const draft = res.body.programs.find((p: { key: string }) => p.key === '410300/bank-tech-loan-incentive');
    expect(draft.status).toBe('draft');
    expect(draft.versions[0].assumptions).toEqual(expect.arrayContaining(['rate', 'capPerBank']));
  });
});

describe('caps and pools under concurrency', () => {
  async function journal(ledger: string) {
    return models().ledgerEntries.find({ ledger }).sort({ seq: 1 }).lean();
  }

  it('pays exactly 10 of 100 concurrent risk-compensation claims from a pool with room for 10', async () => {
    const ledger = '320500/loan-risk-compensation|riskPool|lifetime';
    const limitFen = 200_000_000 * 100;
    const seeded = limitFen - 10 * 800_000 * 100;
    await models().ledgerEntries.create({ _id: `${ledger}#1`, ledger, seq: 1, holder: 'earlier-claims', kind: 'take', units: seeded, usedAfter: seeded, at: new Date() });
    const bank = { uscc: uscc(31, '320508'), name: '苏州姑苏科技银行股份有限公司', jurisdiction: '320508' };
    const claims = Array.from({ length: 100 }, (_, i) => ({
      program: '320500/loan-risk-compensation',
      beneficiary: bank,
      facts: { loanId: `SZ-2023-${i}`, borrowerUscc: uscc(5000 + i, '320505'), loanIssueDate: '2023-04-18', loanFiledWithProgram: true, borrowerIsTechSme: true, lossConfirmed: true, principalLoss: '1000000' },
    }));
    const replies = await Promise.all(claims.map((c) => svc().as('applicant').post('/v1/applications').send(c)));
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const amounts = replies.map((r) => r.body.decision.amount);
    expect(amounts.filter((a) => a === '800000.00')).toHaveLength(10);
    expect(amounts.filter((a) => a === '0.00')).toHaveLength(90);
    const entries = await journal(ledger);
    for (const e of entries) {
      expect(e.usedAfter).toBeGreaterThanOrEqual(0);
      expect(e.usedAfter).toBeLessThanOrEqual(limitFen);
    }
    expect(entries.at(-1)!.usedAfter).toBe(limitFen);
    const decisions = await models().decisions.find({ program: '320500/loan-risk-compensation' }).lean();
    expect(entries.at(-1)!.usedAfter - seeded).toBe(decisions.reduce((s, d) => s + (d.amountFen ?? 0), 0));
    // a refused claim gave its one-claim-per-loan grant back: the loan can be claimed again later
    const refused = replies.find((r) => r.body.decision.amount === '0.00')!.body.decision.explanation.caps[0].ledger;
    expect((await journal(refused)).at(-1)!.usedAfter).toBe(0);
  });

  it('pays one of 100 concurrent premium-subsidy claims of one enterprise and year: the others are the same claim', async () => {
    const firm = { uscc: uscc(55, '320505'), name: '苏州高新精密仪器有限公司', jurisdiction: '320505' };
    const claim = {
      program: '320500/tech-insurance-premium-subsidy',
      beneficiary: firm,
      facts: { insuranceYear: 2024, independentLegalPerson: true, seriousDishonestyInLast3Years: false, premiumCategory1Paid: '20000', premiumCategory2Paid: '0', premiumCategory3Paid: '0' },
    };
    const replies = await Promise.all(Array.from({ length: 100 }, () => svc().as('applicant').post('/v1/applications').send(claim)));
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const amounts = replies.map((r) => r.body.decision.amount);
    expect(amounts.filter((a) => a === '10000.00')).toHaveLength(1);
    expect(amounts.filter((a) => a === '0.00')).toHaveLength(99);
    const paid = replies.find((r) => r.body.decision.amount === '10000.00')!.body.decision.id;
    for (const r of replies.filter((x) => x.body.decision.amount === '0.00')) {
      expect(r.body.decision.explanation.reasons[0]).toMatchObject({ code: 'already-claimed', detail: expect.stringContaining(paid) });
    }
    const ledger = `320500/tech-insurance-premium-subsidy|perEnterpriseYear|${firm.uscc}|2024`;
    expect(Math.max(...(await journal(ledger)).map((e) => e.usedAfter))).toBe(10_000 * 100);
    const decisions = await models().decisions.find({ beneficiaryUscc: firm.uscc }).lean();
    expect(decisions.reduce((s, d) => s + (d.amountFen ?? 0), 0)).toBe(10_000 * 100);
  });

  it('counts park subsidy years once per year: a second loan in a year is not a fourth year', async () => {
    const firm = { uscc: uscc(66), name: '苏州园区纳米材料有限公司', jurisdiction: '320571' };
    const facts = { averageLoanBalance: '1000000', lpr: '0.0345', loanInterestRate: '0.0435', netAssets: '8000000', annualRevenue: '50000000', parkLoanProduct: false, interestPaid: '43500' };
    const apply = (subsidyYear: number, loanId = 'SIP-L1') =>
      // earlier years' applications are back-filed on their dates by policy staff
      svc().as('policy-staff').post('/v1/applications').send({ program: '320571/loan-interest-subsidy', beneficiary: firm, applicationDate: `${subsidyYear + 1}-03-01`, backfileReason: 'filed on paper that year', facts: { ...facts, loanId, subsidyYear } });
    for (const year of [2021, 2022, 2023]) expect((await apply(year)).body.decision.outcome).toBe('approved');
    expect((await apply(2023, 'SIP-L2')).body.decision.outcome).toBe('approved');
    const check = (subsidyYear: number) =>
      svc().as('policy-staff').post('/v1/eligibility-checks').send({ beneficiary: firm, applicationDate: `${subsidyYear + 1}-03-01`, programs: ['320571/loan-interest-subsidy'], facts: { ...facts, loanId: 'SIP-L3', subsidyYear } });
    expect((await check(2023)).body.results[0].outcome).toBe('approved');
    expect((await check(2024)).body.results[0].outcome).toBe('rejected');
    const fourth = await apply(2024);
    expect(fourth.body.decision.outcome).toBe('rejected');
    expect(fourth.body.decision.explanation.reasons[0].code).toBe('cap-reached');
  });
});
