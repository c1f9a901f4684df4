import { expectDocumented } from '../support/openapi-responses';
import { SIP_ENTERPRISE, suzhouSubsidyApplication, uscc } from '../support/fixtures';
import { finishedMatchingRun } from '../support/matching-runs';
import { useTestService } from '../support/service';

/** What would change a rejection: the fewest changes of changeable facts that make the program pay, with the amount. */
const svc = useTestService({ today: '2025-03-15' });
const ctx = () => svc().runtime.context;

// 58 points: tech staff 30% (20), R&D 3% of sales (20), three class-II IP rights (18); no direct path
const score58 = {
  employees: 100, techStaff: 30, annualRevenue: '50000000', totalAssets: '80000000', totalCost: '40000000', rdExpense: '1500000',
  classOneIpCount: 0, classTwoIpCount: 3, onSeriousDishonestyList: false, onAbnormalOperationList: false,
  holdsHighTechCertificate: false, nationalAwardTop3InLast5Years: false, hasProvincialRdInstitution: false, ledStandardInLast5Years: false,
};
const check = (body: Record<string, unknown>, query = '?whatWouldChange=true&explain=summary') => svc().as('policy-staff').post(`/v1/eligibility-checks${query}`).send(body);

it('names the changes that lift a tech-SME score of 58 to 60: one more class-II IP right, a class-I right, or R&D at 4% of sales', async () => {
  const res = await check({ beneficiary: { uscc: uscc(9401), name: '评价测试企业', jurisdiction: '320571' }, programs: ['CN/tech-sme-evaluation'], facts: score58 });
  expect(res.status).toBe(200);
  expectDocumented(ctx().registry, ctx().openapi, 'POST', '/v1/eligibility-checks', res);
  const [result] = res.body.results;
  expect(result.outcome).toBe('rejected');
  expect(result.whatWouldChange.searched).toEqual(['classOneIpCount', 'classTwoIpCount', 'rdExpense', 'techStaff']);
  expect(result.whatWouldChange.alternatives).toEqual([
    { changes: [{ fact: 'classOneIpCount', from: 0, to: 1 }], outcome: 'approved', amount: null },
    { changes: [{ fact: 'classTwoIpCount', from: 3, to: 4 }], outcome: 'approved', amount: null },
    { changes: [{ fact: 'rdExpense', from: '1500000', to: '2000000' }], outcome: 'approved', amount: null },
  ]);
  // and the change really reaches 60: the same check with it qualifies
  const after = await check({ beneficiary: { uscc: uscc(9401), name: '评价测试企业', jurisdiction: '320571' }, programs: ['CN/tech-sme-evaluation'], facts: { ...score58, rdExpense: '2000000' } }, '');
  expect(after.body.results[0].outcome).toBe('approved');
  expect(after.body.results[0].explanation.calculation.find((s: { id: string }) => s.id === 'totalScore').result).toBe('68');
  const below = await check({ beneficiary: { uscc: uscc(9401), name: '评价测试企业', jurisdiction: '320571' }, programs: ['CN/tech-sme-evaluation'], facts: { ...score58, rdExpense: '1999999' } }, '');
  expect(below.body.results[0].outcome).toBe('rejected');
});

it('says a Suzhou loan not filed with the platform would be subsidised once filed, with the amount', async () => {
  const { facts } = suzhouSubsidyApplication();
  const body = { beneficiary: SIP_ENTERPRISE, programs: ['320500/loan-interest-subsidy'], facts: { ...facts, loanFiledWithProgram: false } };
  const res = await check(body);
  const [result] = res.body.results;
  expect(result.outcome).toBe('rejected');
  const filed = await check({ ...body, facts }, '?explain=summary');
  expect(filed.body.results[0].outcome).toBe('approved');
  expect(result.whatWouldChange.alternatives).toEqual([{ changes: [{ fact: 'loanFiledWithProgram', from: false, to: true }], outcome: 'approved', amount: filed.body.results[0].estimatedAmount }]);

  // neither enrolled on the platform nor filed: both changes together
  const both = await check({ ...body, facts: { ...facts, enrolledOnTechFinancePlatform: false, loanFiledWithProgram: false } });
  expect(both.body.results[0].whatWouldChange.alternatives[0]).toEqual({
    changes: [{ fact: 'enrolledOnTechFinancePlatform', from: false, to: true }, { fact: 'loanFiledWithProgram', from: false, to: true }],
    outcome: 'approved',
    amount: filed.body.results[0].estimatedAmount,
  });
});

it('is opt-in, and refuses a bad value naming the parameter', async () => {
  const plain = await check({ beneficiary: { uscc: uscc(9402), name: '评价测试企业', jurisdiction: '320571' }, programs: ['CN/tech-sme-evaluation'], facts: score58 }, '?explain=summary');
  expect(plain.body.results[0]).not.toHaveProperty('whatWouldChange');
  const bad = await check({ beneficiary: SIP_ENTERPRISE, facts: {} }, '?whatWouldChange=yes');
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].pointer).toBe('/query/whatWouldChange');
});

it('says what would change a rejection in matching results too, when the run asks for it', async () => {
  const firm = { uscc: uscc(9403), name: '评价测试企业', jurisdiction: '320571' };
  await ctx().profiles.importBatch('SIP-STI', 'score58', JSON.stringify({ beneficiary: firm, validFor: '2025-01-31', facts: score58 }));
  const run = await finishedMatchingRun(svc(), { jurisdiction: '320571', asOf: '2025-03-15', usccs: [firm.uscc], whatWouldChange: true });
  const results = await svc().as('policy-staff').get(`/v1/matching-runs/${run.id}/results?program=CN/tech-sme-evaluation`);
  expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/matching-runs/{id}/results', results);
  const failed = results.body.results[0].failed.find((f: { program: string }) => f.program === 'CN/tech-sme-evaluation');
  expect(failed.whatWouldChange.alternatives.map((a: { changes: { fact: string; to: unknown }[] }) => a.changes.map((c) => `${c.fact}=${c.to}`).join())).toEqual(['classOneIpCount=1', 'classTwoIpCount=4', 'rdExpense=2000000']);
});
