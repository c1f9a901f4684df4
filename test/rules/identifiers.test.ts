import { loadCatalog } from '../../src/rules/catalog';
import { normaliseIdentifier } from '../../src/rules/fact-dictionary';
import { SchemaRegistry } from '../../src/validation/schema-registry';

/** Identifiers that key once-only rules, normalised by the rule facts.schema.json declares for each. */
const catalog = loadCatalog(new SchemaRegistry());

it('declares one loan or investment for every spelling the policy allows', () => {
  for (const fact of ['loanId', 'investmentId']) {
    const keys = ['SZ-674227', 'sz-674227', 'SZ_674227', 'SZ-0674227', 'sz_000674227'].map((v) => catalog.facts.keyText(fact, v));
    expect(new Set(keys)).toEqual(new Set(['SZ674227']));
  }
  expect(catalog.facts.keyText('loanId', 'GZ-2025-0001')).toBe('GZ20251');
  expect(catalog.facts.keyText('loanId', 'gz_2025_001')).toBe('GZ20251');
  expect(catalog.facts.keyText('loanId', 'GZ-2025-0002')).not.toBe(catalog.facts.keyText('loanId', 'GZ-2025-0001'));
  expect(catalog.facts.keyText('loanId', '0')).toBe('0');
});

it('leaves facts without a declared rule as they are', () => {
  expect(catalog.facts.keyText('claimMode', 'bank')).toBe('bank');
  expect(catalog.facts.keyText('subsidyYear', 2024)).toBe('2024');
  expect(normaliseIdentifier('a-b_c', { ref: 'none' })).toBe('a-b_c');
});
