/**
 * For policy staff: loads every rule pack (refusing any with an error) and runs each pack's
 * cases.json without a database.   npm run rules:test [-- <jurisdiction/name> ...]
 */
import { parseArgs } from 'node:util';
import { loadCatalog } from '../rules/catalog';
import { readCaseFile, runCase } from '../rules/case-runner';
import { SchemaRegistry } from '../validation/schema-registry';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  const registry = new SchemaRegistry();
  const catalog = loadCatalog(registry);
  const programs = positionals.length ? positionals : catalog.all().map((p) => p.key);
  let failed = 0;
  let passed = 0;
  for (const key of programs) {
    if (!catalog.get(key)) {
      console.error(`no program ${key}`);
      return 2;
    }
    const file = readCaseFile(registry, key);
    for (const c of file.cases) {
      const { problems } = await runCase(catalog, registry, file, c);
      if (problems.length) {
        failed++;
        console.log(`FAIL ${key}: ${c.name}\n     ${problems.join('\n     ')}`);
      } else passed++;
    }
  }
  console.log(`${passed} passed, ${failed} failed, ${programs.length} programs`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
