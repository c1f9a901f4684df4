import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

/**
 * The application date is the receipt date (today in China, 2025-03-15 here), not the
 * applicant's choice; policy staff and administrators back-file with a reason; dates and years
 * among the facts may not lie after the application's date.
 */
const svc = useTestService({ today: '2025-03-15' });
const models = () => svc().runtime.context.models;

const gzBank = { uscc: uscc(81, '440100'), name: '广州科创银行股份有限公司', jurisdiction: '440100' };
const riskClaim = (loanId: string, extra: Record<string, unknown> = {}) => ({
  program: '440100/credit-risk-compensation',
  beneficiary: gzBank,
  facts: {
    loanId,
    loanIssueDate: '2023-05-01',
    loanAmount: '5000000',
    principalLoss: '2000000',
    lossConfirmed: true,
    loanFiledWithProgram: true,
    claimMode: 'bank',
    borrowerUscc: '91440116MA5CLMN67N',
    lenderUscc: uscc(81, '440100'),
    badLoanBalance: '2500000',
    borrowerLoansInYear: '5000000',
    borrowerOnKeyList: false,
    ipPledgeLoan: false,
    pbocRelendingFunded: false,
    bankCompensatedLosses: '10000000',
    bankRegisteredLoanPrincipal: '1000000000',
  },
  ...extra,
});

describe('an applicant system', () => {
  it.each(['0000-01-01', '1900-01-01', '9999-12-31', '2025-03-14', '2025-03-16', '2024-12-31'])('cannot choose the application date %s: refused naming /applicationDate, nothing stored', async (date) => {
    const before = await models().applications.countDocuments();
    const res = await svc().as('guangzhou-applicant').post('/v1/applications').send(riskClaim('GZ-D1', { applicationDate: date }));
    expect([400, 422]).toContain(res.status);
    expect(res.body.errors[0].pointer).toBe('/applicationDate');
    expect(await models().applications.countDocuments()).toBe(before);
  });

  it('gets the receipt date, and the budget year it keys', async () => {
    const res = await svc().as('guangzhou-applicant').post('/v1/applications').send(riskClaim('GZ-D2'));
    expect(res.status).toBe(201);
    expect(res.body.application.applicationDate).toBe('2025-03-15');
    const budget = res.body.decision.explanation.caps.find((c: { id: string }) => c.id === 'annualBudget');
    expect(budget.ledger).toMatch(/\|2025$/);
    const stated = await svc().as('guangzhou-applicant').post('/v1/applications').send(riskClaim('GZ-D3', { applicationDate: '2025-03-15' }));
    expect(stated.status).toBe(201);
  });

  it('cannot back-file (403), even with a reason', async () => {
    const res = await svc().as('guangzhou-applicant').post('/v1/applications').send(riskClaim('GZ-D4', { applicationDate: '2024-06-01', backfileReason: 'paper filing entered late' }));
    expect(res.status).toBe(403);
  });
});

describe('years and dates among the facts', () => {
  it.each([2026, 2100])('a subsidy year %i after the application year is refused naming the fact', async (subsidyYear) => {
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(8101) }, facts: { ...suzhouSubsidyApplication().facts, subsidyYear } }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/facts/subsidyYear' })]);
    expect(await models().ledgerEntries.countDocuments({ ledger: `320500/loan-interest-subsidy|annualBudget|${subsidyYear}` })).toBe(0);
  });

  it.each(['2025-03-16', '2031-01-01', '1989-12-31'])('a loan issued on %s (after the claim, or absurd) is refused naming the fact', async (loanIssueDate) => {
    const claim = riskClaim('GZ-D5');
    const res = await svc().as('guangzhou-applicant').post('/v1/applications').send({ ...claim, facts: { ...claim.facts, loanIssueDate } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/facts/loanIssueDate' })]);
  });
});

describe('back-filing by policy staff or an administrator', () => {
  it('keeps the stated date and the reason', async () => {
    for (const [i, caller] of (['policy-staff', 'admin'] as const).entries()) {
      const claim = riskClaim(`GZ-B-${caller}`, { applicationDate: '2024-06-01', backfileReason: 'paper filing received 2024-06-01, entered late' });
      const res = await svc().as(caller).post('/v1/applications').send({ ...claim, facts: { ...claim.facts, borrowerUscc: uscc(90 + i, '440116') } });
      expect(res.status).toBe(201);
      expect(res.body.application.applicationDate).toBe('2024-06-01');
      expect(res.body.decision.explanation.caps.find((c: { id: string }) => c.id === 'annualBudget').ledger).toMatch(/\|2024$/);
      const stored = await models().applications.findById(res.body.application.id).lean();
      expect((stored as unknown as { backfiled: unknown }).backfiled).toEqual({ by: expect.any(String), reason: 'paper filing received 2024-06-01, entered late' });
      expect(res.body.application.backfiled).toEqual({ by: expect.any(String), reason: 'paper filing received 2024-06-01, entered late' });
    }
  });

  it.each([
    ['2025-03-16', '/applicationDate'],
    ['1900-01-01', '/applicationDate'],
    ['2023-04-30', '/facts/loanIssueDate'],
  ])('refuses the date %s (422 at %s)', async (applicationDate, pointer) => {
    const res = await svc().as('policy-staff').post('/v1/applications').send(riskClaim('GZ-B2', { applicationDate, backfileReason: 'correction of an earlier filing' }));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe(pointer);
  });

  it('needs a date, and policy staff never submit without back-filing', async () => {
    expect((await svc().as('policy-staff').post('/v1/applications').send(riskClaim('GZ-B3', { backfileReason: 'no date given' }))).status).toBe(422);
    expect((await svc().as('policy-staff').post('/v1/applications').send(riskClaim('GZ-B4'))).status).toBe(403);
    expect((await svc().as('auditor').post('/v1/applications').send(riskClaim('GZ-B5', { applicationDate: '2024-06-01', backfileReason: 'auditors never file' }))).status).toBe(403);
  });
});
