/**
 * Imports awards paid before the service (JSON Lines, one prior award per line, see
 * schemas/prior-award.schema.json) into the cap ledgers of the configured database (MONGODB_URI).
 * Idempotent: a line already imported is reported unchanged. Prints the report as JSON and
 * exits 1 when any line was refused.
 *   npm run awards:import -- prior-awards.jsonl
 * With the embedded default, use the admin API: POST /v1/prior-awards (Content-Type: application/x-ndjson).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { loadCatalog } from '../rules/catalog';
import { PriorAwardImports } from '../service/prior-awards';
import { connectDatabase } from '../store/database';
import { createRepositories } from '../store/repositories';
import { SchemaRegistry } from '../validation/schema-registry';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) {
    console.error('usage: npm run awards:import -- <file.jsonl>');
    return 2;
  }
  const config = loadConfig();
  if (!config.mongodbUri) {
    console.error('set MONGODB_URI to the service database (with the embedded default, use POST /v1/prior-awards)');
    return 2;
  }
  const text = readFileSync(positionals[0]!, 'utf8');
  const registry = new SchemaRegistry();
  const catalog = loadCatalog(registry);
  const db = await connectDatabase(config.mongodbUri, config.writeConcern);
  try {
    const stores = createRepositories(db.models);
    const report = await new PriorAwardImports(stores, catalog, registry, stores.ledgers).importLines(text);
    console.log(JSON.stringify(report, null, 2));
    return report.refused.length ? 1 : 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
