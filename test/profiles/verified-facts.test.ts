import { Adjudicator } from '../../src/adjudication/adjudicator';
import { loadCatalog } from '../../src/rules/catalog';
import { SchemaRegistry } from '../../src/validation/schema-registry';
import { catalogWithVersion, ROOMY } from './edited-rules';

/** A version may accept some facts only verified (from the profile); the explanation says which fact came from where. */
const registry = new SchemaRegistry();
const KEY = '320500/tech-insurance-premium-subsidy';
const catalog = catalogWithVersion(registry, KEY, '2019-09-01', (v) => {
  v.verifiedFacts = ['premiumCategory1Paid', 'insuranceYear'];
});
const inputs = {
  program: KEY,
  beneficiary: { uscc: '91320505MA1WKT3P4P', name: '苏州高新精密仪器有限公司', jurisdiction: '320505' },
  applicationDate: '2025-02-20',
  facts: { insuranceYear: 2024, independentLegalPerson: true, seriousDishonestyInLast3Years: false, premiumCategory1Paid: '200000' },
};
const origin = { source: 'SZ-INSURERS', batch: '2024-annual', validFor: '2024-12-31', receivedAt: '2025-01-15T02:00:00.000Z' };

it('reads a required-verified fact the application only declares as missing, and names it', async () => {
  const e = await new Adjudicator(catalog, catalog.facts).decide(inputs, { ledgers: ROOMY, holder: 't1' });
  expect(e.outcome).toBe('needs-information');
  expect(e.missingFacts).toEqual(['premiumCategory1Paid']);
  expect(e.provenance).toEqual({
    profile: null,
    facts: ['independentLegalPerson', 'insuranceYear', 'premiumCategory1Paid', 'seriousDishonestyInLast3Years'].map((fact) => ({ fact, origin: 'self-declared' })),
    verifiedRequired: ['premiumCategory1Paid', 'insuranceYear'],
    unverified: ['premiumCategory1Paid', 'insuranceYear'],
  });
});

it('decides with the verified facts from the profile, marking each with its source and the rest self-declared', async () => {
  const provenance = { profile: { uscc: inputs.beneficiary.uscc, asOf: '2025-02-20' }, verified: { premiumCategory1Paid: origin, insuranceYear: origin } };
  const e = await new Adjudicator(catalog, catalog.facts).decide({ ...inputs, provenance }, { ledgers: ROOMY, holder: 't2' });
  expect(e.outcome).toBe('approved');
  expect(e.amount).toBe('100000.00');
  expect(e.provenance!.unverified).toEqual([]);
  expect(e.provenance!.facts).toEqual([
    { fact: 'independentLegalPerson', origin: 'self-declared' },
    { fact: 'insuranceYear', origin: 'verified', ...origin },
    { fact: 'premiumCategory1Paid', origin: 'verified', ...origin },
    { fact: 'seriousDishonestyInLast3Years', origin: 'self-declared' },
  ]);
  expect(registry.validate('explanation.schema.json', e)).toEqual([]);
});

it('leaves a decision without a profile and without a verification requirement unchanged (no provenance section)', async () => {
  const shipped = loadCatalog(registry);
  const e = await new Adjudicator(shipped, shipped.facts).decide(inputs, { ledgers: ROOMY, holder: 't3' });
  expect(e.outcome).toBe('approved');
  expect(e).not.toHaveProperty('provenance');
});
