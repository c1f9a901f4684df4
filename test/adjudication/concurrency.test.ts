import { Adjudicator } from '../../src/adjudication/adjudicator';
import { MemoryLedgers } from '../../src/adjudication/memory-ledgers';
import { canonicalJson } from '../../src/rules/content-hash';
import { loadCatalog } from '../../src/rules/catalog';
import { SchemaRegistry } from '../../src/validation/schema-registry';
import { SIP_ENTERPRISE } from '../support/fixtures';

/**
 * One json-rules-engine Engine shared by concurrent runs skips rules; every evaluation here has
 * its own. 200 concurrent decisions with a dependency (two programs, nested engines) must all
 * equal the one made alone.
 */
it('gives the same explanation to 200 concurrent adjudications as to one alone', async () => {
  const registry = new SchemaRegistry();
  const catalog = loadCatalog(registry);
  const adjudicator = new Adjudicator(catalog, catalog.facts);
  const inputs = {
    program: '320500/loan-interest-subsidy',
    beneficiary: SIP_ENTERPRISE,
    applicationDate: '2025-03-15',
    facts: {
      subsidyYear: 2024, loanId: 'SZ-2024-0001', independentLegalPerson: true, seriousDishonestyInLast3Years: false, enrolledOnTechFinancePlatform: true,
      loanFiledWithProgram: true, qualifications: [], interestPaid: '400000', guaranteeFeesPaid: '50000',
      employees: 100, techStaff: 30, annualRevenue: '50000000', totalAssets: '80000000', totalCost: '40000000', rdExpense: '3000000',
      classOneIpCount: 0, classTwoIpCount: 2, onSeriousDishonestyList: false, onAbnormalOperationList: false,
      holdsHighTechCertificate: false, nationalAwardTop3InLast5Years: false, hasProvincialRdInstitution: false, ledStandardInLast5Years: false,
    },
  };
  const alone = canonicalJson(await adjudicator.decide(inputs, { ledgers: new MemoryLedgers(), holder: 'x' }));
  const all = await Promise.all(Array.from({ length: 200 }, () => adjudicator.decide(inputs, { ledgers: new MemoryLedgers(), holder: 'x' })));
  expect(all.map(canonicalJson).filter((e) => e !== alone)).toEqual([]);
  expect(JSON.parse(alone).outcome).toBe('approved');
});
