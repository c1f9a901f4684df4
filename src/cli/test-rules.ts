/**
 * For policy staff: loads every rule pack (refusing any with an error) and runs each pack's
 * cases.json without a database.   npm run rules:test [-- <jurisdiction/name> ...]
 */
import { Command } from 'commander';
import { loadCatalog } from '../rules/catalog';
import { readCaseFile, runCase } from '../rules/case-runner';
import { SchemaRegistry } from '../validation/schema-registry';

async function main(positionals: string[]): Promise<number> {
  const registry = new SchemaRegistry();
  const catalog = loadCatalog(registry);
  const programs = positionals.length ? positionals : catalog.all().map((p) => p.key);
  let failed = 0;
  let passed = 0;
  for (const key of programs) {
    if (!catalog.get(key)) {
      console.error(`error: no program ${key}`);
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

new Command('rules:test')
  .description("load every rule pack (refusing any with an error) and run the packs' cases.json without a database; exit 1 when a case fails")
  .argument('[programs...]', 'program keys to test, e.g. 320500/loan-interest-subsidy (default: all)')
  .showHelpAfterError()
  .action(async (programs: string[]) => {
    process.exitCode = await main(programs);
  })
  .parseAsync(process.argv)
  .then(
    () => process.exit(process.exitCode ?? 0),
    (e: unknown) => {
      console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(2);
    },
  );
