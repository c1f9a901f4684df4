import { Adjudicator } from '../../src/adjudication/adjudicator';
import type { Explanation } from '../../src/adjudication/explanation';
import { MemoryLedgers } from '../../src/adjudication/memory-ledgers';
import { loadCatalog } from '../../src/rules/catalog';
import { readCaseFile } from '../../src/rules/case-runner';
import { SchemaRegistry } from '../../src/validation/schema-registry';

/** Decisions of one profile share the dependency decisions they read, with the same explanations. */
const registry = new SchemaRegistry();
const catalog = loadCatalog(registry);

describe('shared dependency decisions', () => {
  it('decide a dependency read by several programs once, explaining exactly as without sharing', async () => {
    const file = readCaseFile(registry, '320571/key-industry-interest-topup');
    const inputs = { beneficiary: file.defaults.beneficiary!, applicationDate: file.defaults.applicationDate!, facts: { ...file.defaults.facts } };
    const programs = ['CN/tech-sme-evaluation', '320500/loan-interest-subsidy', '320571/key-industry-interest-topup'];
    const decideAll = async (shared?: Map<string, Promise<Explanation>>) => {
      const adjudicator = new Adjudicator(catalog, catalog.facts);
      const spy = jest.spyOn(adjudicator as unknown as { decideProgram: () => unknown }, 'decideProgram');
      const out: string[] = [];
      for (const program of programs) {
        out.push(JSON.stringify(await adjudicator.decide({ ...inputs, program }, { ledgers: new MemoryLedgers(), holder: 'check', includeDrafts: true, dependencyDecisions: shared })));
      }
      return { out, calls: spy.mock.calls.length };
    };
    const alone = await decideAll();
    const shared = new Map<string, Promise<Explanation>>();
    const together = await decideAll(shared);
    expect(together.out).toEqual(alone.out);
    expect([...shared.keys()].sort()).toEqual(['320500/loan-interest-subsidy', 'CN/tech-sme-evaluation']);
    expect(together.calls).toBeLessThan(alone.calls);
  });
});
