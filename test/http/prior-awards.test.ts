import { SIP_ENTERPRISE, uscc } from '../support/fixtures';
import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';

/** Awards paid before the service, imported into the ledgers: caps count them, explanations name them. */
const svc = useTestService();

const firm = SIP_ENTERPRISE;
const facts = { averageLoanBalance: '1000000', lpr: '0.0345', loanInterestRate: '0.0435', netAssets: '8000000', annualRevenue: '50000000', parkLoanProduct: false, interestPaid: '43500' };
const row = (year: number, extra: Record<string, unknown> = {}) => ({
  source: 'SIP-interest-register',
  row: `r${year}`,
  ref: `园区科技贴息拨付台账 ${year}年 第${year - 2000}行`,
  program: '320571/loan-interest-subsidy',
  beneficiary: firm,
  paidOn: `${year + 1}-06-30`,
  amount: '14000',
  facts: { subsidyYear: year, loanId: `SIP-LOAN-${year}` },
  ...extra,
});
const lines = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const post = (body: string, caller: 'admin' | 'policy-staff' = 'admin') => svc().as(caller).post('/v1/prior-awards').set('Content-Type', 'application/x-ndjson').send(body);

it('imports three prior subsidy years: the fourth year is rejected by the distinct-year cap, naming the imported years', async () => {
  const res = await post(lines([row(2021), row(2022), row(2023)]));
  expect(res.status).toBe(200);
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, 'POST', '/v1/prior-awards', res);
  expect(res.body).toEqual({ imported: 3, unchanged: 0, refused: [] });

  const fourth = await svc().as('applicant').post('/v1/applications').send({ program: '320571/loan-interest-subsidy', beneficiary: firm, facts: { ...facts, subsidyYear: 2024, loanId: 'SIP-LOAN-2024' } });
  expect(fourth.status).toBe(201);
  expect(fourth.body.decision.outcome).toBe('rejected');
  const cap = fourth.body.decision.explanation.caps.find((c: { id: string }) => c.id === 'subsidyYears');
  expect(cap).toMatchObject({ limit: '3', usedBefore: '3', granted: '0.00' });
  expect(cap.usedBy).toEqual([2021, 2022, 2023].map((y) => ({ holder: `distinct:${y}`, used: '1', imported: { source: 'SIP-interest-register', row: `r${y}`, ref: `园区科技贴息拨付台账 ${y}年 第${y - 2000}行` } })));
  const rerun = await svc().as('auditor').post(`/v1/decisions/${fourth.body.decision.id}/reproduction`);
  expect(rerun.status).toBe(200);
  expect(rerun.body.identical).toBe(true);
});

it('counts an imported award against the same claim and the per-year cap', async () => {
  const again = await svc().as('applicant').post('/v1/applications').send({ program: '320571/loan-interest-subsidy', beneficiary: firm, facts: { ...facts, subsidyYear: 2023, loanId: 'sip_loan_2023' } });
  expect(again.status).toBe(201);
  expect(again.body.decision.outcome).toBe('rejected');
  const claim = again.body.decision.explanation.caps.find((c: { id: string }) => c.id === 'sameClaim');
  expect(claim.usedBy).toEqual([{ holder: 'import:SIP-interest-register:r2023', used: '1', imported: expect.objectContaining({ row: 'r2023' }) }]);
});

it('is idempotent, validates every row and reports the refused ones with the reason', async () => {
  const res = await post(lines([row(2021), '{not json', row(2019, { row: 'x1', program: '320571/no-such-program' }), row(2020, { row: 'x2', amount: '-5' }), row(2022, { row: 'r2021' })]));
  expect(res.status).toBe(200);
  expect(res.body.imported).toBe(0);
  expect(res.body.unchanged).toBe(1);
  expect(res.body.refused).toEqual([
    { line: 2, reason: 'is not a JSON object' },
    { line: 3, row: 'x1', reason: expect.stringContaining('no program 320571/no-such-program') },
    { line: 4, row: 'x2', reason: expect.stringContaining('/amount') },
    { line: 5, row: 'r2021', reason: expect.stringContaining('imported before with other content') },
  ]);
  const ledgers = await svc().runtime.context.models.priorAwards.countDocuments();
  expect(ledgers).toBe(3);
});

it('refuses a row a cap cannot take in full, taking nothing', async () => {
  const before = await svc().runtime.context.models.ledgerEntries.countDocuments();
  const other = { ...firm, uscc: uscc(77) };
  const res = await post(lines([row(2024, { row: 'big', beneficiary: other, amount: '500000.01', facts: { subsidyYear: 2024, loanId: 'SIP-BIG' } })]));
  expect(res.body.refused).toEqual([{ line: 1, row: 'big', reason: expect.stringContaining('perEnterpriseYear') }]);
  expect(await svc().runtime.context.models.ledgerEntries.countDocuments()).toBe(before);
});

it('is for admins only', async () => {
  expect((await post(lines([row(2021)]), 'policy-staff')).status).toBe(403);
});

it('refuses a row whose amount or facts are out of the range a calculation can carry, naming the field (no 500)', async () => {
  const res = await post(lines([row(2019, { row: 'big', amount: '9999999999999999' }), row(2019, { row: 'late', paidOn: '2020-06-30', facts: { subsidyYear: 2024, loanId: 'SIP-LATE' } })]));
  expect(res.status).toBe(200);
  expect(res.body.imported).toBe(0);
  expect(res.body.refused).toEqual([
    { line: 1, row: 'big', reason: expect.stringContaining('/amount is out of range') },
    { line: 2, row: 'late', reason: expect.stringContaining('/facts/subsidyYear') },
  ]);
});
