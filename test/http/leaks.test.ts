import { divisionContradicts } from '../../src/adjudication/uscc';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { useTestService } from '../support/service';

const svc = useTestService();

describe("what an applicant system sees of other firms' ledgers", () => {
  const firm = { ...SIP_ENTERPRISE, uscc: uscc(9101) };
  const check = (caller: Parameters<ReturnType<typeof svc>['as']>[0]) =>
    svc().as(caller).post('/v1/eligibility-checks').send({ beneficiary: firm, programs: ['320500/loan-interest-subsidy'], facts: { ...suzhouSubsidyApplication().facts, loanId: 'SZ-2024-0002' } }); // another loan of the firm in the year
  const room = (res: { body: { results: { capsRoom: { cap: string; used: string; available: string }[] }[] } }) => Object.fromEntries(res.body.results[0]!.capsRoom.filter((c) => c.cap !== 'sameClaim').map((c) => [c.cap, c.used]));

  beforeAll(async () => {
    const filed = await svc().as('suzhou-applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: firm }));
    expect(filed.body.decision.amount).toBe('225000.00');
  });

  it('another applicant system sees only the published limits: no used cap, no budget room', async () => {
    const res = await check('other-applicant');
    expect(res.status).toBe(200);
    expect(res.body.ledgerUsage).toBe('published');
    expect(room(res)).toEqual({ perEnterpriseYear: '0.00', annualBudget: '0.00' });
    for (const c of res.body.results[0].explanation.caps) expect(Number(c.usedBefore)).toBe(0);
    expect(JSON.stringify(res.body)).not.toContain('225000.00","available');
  });

  it('the system that filed for the firm sees the firm’s own cap used, not the budget', async () => {
    const res = await check('suzhou-applicant');
    expect(res.body.ledgerUsage).toBe('beneficiary');
    expect(room(res)).toEqual({ perEnterpriseYear: '225000.00', annualBudget: '0.00' });
  });

  it('policy staff see every ledger', async () => {
    const res = await check('policy-staff');
    expect(res.body.ledgerUsage).toBe('shown');
    expect(room(res).perEnterpriseYear).toBe('225000.00');
    expect(Number(room(res).annualBudget)).toBeGreaterThanOrEqual(225000);
  });
});

describe('a USCC issued outside the declared jurisdiction', () => {
  it('is told apart from codes of the same city or province', () => {
    expect(divisionContradicts(uscc(1, '440106'), '320505')).toBe(true); // Guangzhou code, Suzhou district
    expect(divisionContradicts(uscc(1, '320594'), '320571')).toBe(false); // same city, another authority
    expect(divisionContradicts(uscc(1, '320000'), '320571')).toBe(false); // provincial registration
    expect(divisionContradicts(uscc(1, '100000'), '320571')).toBe(false); // national registration
    expect(divisionContradicts(uscc(1, '320200'), '320000')).toBe(false); // a province declared
    expect(divisionContradicts(uscc(1, '320200'), '320571')).toBe(true); // Wuxi code, Suzhou park
    expect(divisionContradicts(uscc(1, '440106'), 'CN')).toBe(false);
  });

  const premium = (beneficiary: Record<string, string>) => ({
    program: '320500/tech-insurance-premium-subsidy',
    beneficiary,
    facts: { insuranceYear: 2024, independentLegalPerson: true, seriousDishonestyInLast3Years: false, premiumCategory1Paid: '20000', premiumCategory2Paid: '0', premiumCategory3Paid: '0' },
  });

  it('is marked in the decision', async () => {
    const elsewhere = await svc().as('applicant').post('/v1/applications').send(premium({ uscc: uscc(9201, '440106'), name: '广州迁入科技有限公司', jurisdiction: '320505' }));
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.decision.marks).toEqual([{ code: 'registration-division-differs', detail: expect.stringContaining('440106') }]);
    const read = await svc().as('applicant').get(`/v1/decisions/${elsewhere.body.decision.id}`);
    expect(read.body.marks).toEqual(elsewhere.body.decision.marks);
    const local = await svc().as('applicant').post('/v1/applications').send(premium({ uscc: uscc(9202, '320505'), name: '苏州本地科技有限公司', jurisdiction: '320505' }));
    expect(local.body.decision.marks).toEqual([]);
  });

  it('is refused where the program requires local registration (422 naming the code)', async () => {
    const before = await svc().runtime.context.models.applications.countDocuments();
    const res = await svc().as('applicant').post('/v1/applications').send(suzhouSubsidyApplication({ beneficiary: { ...SIP_ENTERPRISE, uscc: uscc(9203, '440106') } }));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/beneficiary/uscc');
    expect(await svc().runtime.context.models.applications.countDocuments()).toBe(before);
  });
});
