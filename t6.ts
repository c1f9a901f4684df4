import { loadCatalog } from './src/rules/catalog';
import { readCaseFile } from './src/rules/case-runner';
import { sampleApplications } from './src/engine/samples';
import { SchemaRegistry } from './src/validation/schema-registry';
import { naiveCases, runNaive, runAdjudication, race } from './scripts/bench/engine-in-process';
const registry = new SchemaRegistry();
const catalog = loadCatalog(registry);
const files = catalog.all().map((p) => readCaseFile(registry, p.key));
const samples = sampleApplications(catalog, files, 6000, 1);
const naive = naiveCases(catalog, samples);
(async () => {
  const r = await race(3, {
    naive: async () => (await runNaive(naive)).length,
    compiled: async () => (await runAdjudication(catalog, samples, 'compiled')).length,
    reference: async () => (await runAdjudication(catalog, samples, 'reference')).length,
  });
  console.log(r, 'compiled/naive', r.compiled! / r.naive!, 'reference/naive', r.reference! / r.naive!);
})();
