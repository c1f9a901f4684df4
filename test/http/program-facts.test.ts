import request from 'supertest';
import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';

/** Programs describe the facts each version reads, and what makes two applications one claim. */
const svc = useTestService();
const documented = (method: string, path: string, res: request.Response) =>
  expectDocumented(svc().runtime.context.registry, svc().runtime.context.openapi, method, path, res);

type Fact = { name: string; type: string; unit: string | null; title: { zh: string; en: string }; presence: string; default?: { value: unknown; ref: string }; usedIn: string[] };

it('lists, per version, every fact read with type, unit, titles, required or defaulted, and where it is used', async () => {
  const res = await svc().as('applicant').get('/v1/programs/320500/tech-insurance-premium-subsidy');
  expect(res.status).toBe(200);
  documented('GET', '/v1/programs/{jurisdiction}/{name}', res);
  const [version] = res.body.versions;
  expect(version.claim).toMatchObject({ per: ['beneficiary', 'insuranceYear'] });
  const facts = Object.fromEntries((version.facts as Fact[]).map((f) => [f.name, f]));
  expect(Object.keys(facts).sort()).toEqual(['independentLegalPerson', 'insuranceYear', 'premiumCategory1Paid', 'premiumCategory2Paid', 'premiumCategory3Paid', 'seriousDishonestyInLast3Years']);
  expect(facts.premiumCategory2Paid).toEqual({
    name: 'premiumCategory2Paid',
    type: 'money',
    unit: 'yuan (CNY), decimal string',
    title: { zh: '第二类险种实缴保费（元）：关键人员健康及意外', en: 'premiums paid, category 2, yuan' },
    presence: 'defaulted',
    default: { value: '0', ref: expect.stringContaining('未投保') },
    usedIn: ['calculation/category2Subsidy'],
  });
  expect(facts.independentLegalPerson).toMatchObject({ type: 'boolean', presence: 'required', usedIn: ['eligibility/independentLegalPerson'] });
  expect(facts.insuranceYear.usedIn).toEqual(['versionDate', 'caps/sameClaim', 'caps/perEnterpriseYear']);

  const v = await svc().as('auditor').get(`/v1/programs/320500/tech-insurance-premium-subsidy/versions/${version.version}`);
  expect(v.status).toBe(200);
  documented('GET', '/v1/programs/{jurisdiction}/{name}/versions/{version}', v);
  expect(v.body.facts).toEqual(version.facts);
});

it('names place facts with their division-code unit and the built-in facts the service supplies', async () => {
  const res = await svc().as('applicant').get('/v1/programs/440100/vc-investment-reward');
  const facts = Object.fromEntries((res.body.versions[0].facts as Fact[]).map((f) => [f.name, f]));
  expect(facts.investeeJurisdiction).toMatchObject({ type: 'jurisdictionCode', unit: 'division code (GB/T 2260)', presence: 'required', usedIn: ['eligibility/investeeInGuangzhou'] });
  const park = await svc().as('applicant').get('/v1/programs/320571/key-industry-interest-topup');
  expect(park.body.topUpOf).toBe('320500/loan-interest-subsidy');
  const parkFacts = Object.fromEntries((park.body.versions[0].facts as Fact[]).map((f) => [f.name, f]));
  expect(parkFacts.beneficiaryJurisdiction).toMatchObject({ presence: 'supplied' });
  expect(parkFacts.guaranteeFeesPaid).toMatchObject({ presence: 'defaulted' });
  expect((await svc().as('applicant').get('/v1/programs/440100/no-such-program')).status).toBe(404);
});
