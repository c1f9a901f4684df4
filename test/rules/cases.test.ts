import { loadCatalog } from '../../src/rules/catalog';
import { readCaseFile, runCase } from '../../src/rules/case-runner';
import { SchemaRegistry } from '../../src/validation/schema-registry';

/** Every pack's cases.json, run against the pack: facts → expected outcome, amount, failing conditions. */
const registry = new SchemaRegistry();
const catalog = loadCatalog(registry);

describe.each(catalog.all().map((p) => [p.key]))('%s', (key) => {
  const file = readCaseFile(registry, key);
  it.each(file.cases.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const { problems } = await runCase(catalog, registry, file, c);
    expect(problems).toEqual([]);
  });
});
