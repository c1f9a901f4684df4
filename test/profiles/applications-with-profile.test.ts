import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';
import { uscc } from '../support/fixtures';

/** An application refers to the enterprise profile instead of restating its facts. */
const svc = useTestService({ today: '2025-03-15' });
const ctx = () => svc().runtime.context;

const firm = { uscc: uscc(9201, '320505'), name: '苏州高新档案仪器有限公司', jurisdiction: '320505' };
const post = (source: string, batch: string, rows: unknown[]) =>
  svc().as('admin').post(`/v1/profile-batches?source=${source}&batch=${batch}`).set('Content-Type', 'application/x-ndjson').send(rows.map((r) => JSON.stringify(r)).join('\n'));

beforeAll(async () => {
  expect((await post('SZ-AMR', '2024-12', [{ beneficiary: firm, validFor: '2024-12-31', facts: { independentLegalPerson: true, seriousDishonestyInLast3Years: false } }])).body.imported).toBe(1);
  expect((await post('SZ-INSURERS', '2024-annual', [{ beneficiary: firm, validFor: '2025-01-31', facts: { insuranceYear: 2024, premiumCategory1Paid: '200000' } }])).body.imported).toBe(1);
});

it('takes the facts it does not state from the profile (verified, with their source) and marks the stated ones self-declared', async () => {
  const res = await svc().as('applicant').post('/v1/applications').send({ program: '320500/tech-insurance-premium-subsidy', beneficiary: firm, profile: {}, facts: { premiumCategory2Paid: '100000' } });
  expect(res.status).toBe(201);
  expectDocumented(ctx().registry, ctx().openapi, 'POST', '/v1/applications', res);
  const e = res.body.decision.explanation;
  expect(res.body.decision.outcome).toBe('approved');
  expect(res.body.decision.amount).toBe('130000.00');
  expect(e.provenance.profile).toEqual({ uscc: firm.uscc, asOf: '2025-03-15' });
  const origins = Object.fromEntries(e.provenance.facts.map((f: { fact: string; origin: string; source?: string }) => [f.fact, f.source ?? f.origin]));
  expect(origins).toEqual({ independentLegalPerson: 'SZ-AMR', seriousDishonestyInLast3Years: 'SZ-AMR', insuranceYear: 'SZ-INSURERS', premiumCategory1Paid: 'SZ-INSURERS', premiumCategory2Paid: 'self-declared' });
  // an auditor's re-run reads the same stored facts and origins
  const rerun = await svc().as('auditor').post(`/v1/decisions/${res.body.decision.id}/reproduction`);
  expect(rerun.body.identical).toBe(true);
});

it('reads the profile as of an earlier date, and refuses a date without a profile, naming the field', async () => {
  const early = await svc().as('applicant').post('/v1/applications').send({ program: '320500/tech-insurance-premium-subsidy', beneficiary: firm, profile: { asOf: '2025-01-01' }, facts: {} });
  expect(early.status).toBe(201);
  // the insurers' batch is valid from 2025-01-31: as of 2025-01-01 the insurance year is not known
  expect(early.body.decision.outcome).toBe('needs-information');
  expect(early.body.decision.explanation.missingFacts).toEqual(['insuranceYear']);
  const none = await svc().as('applicant').post('/v1/applications').send({ program: '320500/tech-insurance-premium-subsidy', beneficiary: firm, profile: { asOf: '2024-01-01' }, facts: {} });
  expect(none.status).toBe(422);
  expect(none.body.errors[0].pointer).toBe('/profile');
  const elsewhere = await svc().as('applicant').post('/v1/applications').send({ program: '320500/tech-insurance-premium-subsidy', beneficiary: { ...firm, jurisdiction: '320506' }, profile: {}, facts: {} });
  expect(elsewhere.status).toBe(422);
  expect(elsewhere.body.errors[0].pointer).toBe('/beneficiary/jurisdiction');
  const future = await svc().as('applicant').post('/v1/applications').send({ program: '320500/tech-insurance-premium-subsidy', beneficiary: firm, profile: { asOf: '2025-04-01' }, facts: {} });
  expect(future.body.errors[0].pointer).toBe('/profile/asOf');
});
