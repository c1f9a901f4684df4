/**
 * Imports a batch of enterprise facts (JSON Lines, one profile row per line) into the service
 * database — MONGODB_URI's, or else the embedded one on DATA_DIR — exactly as
 * POST /v1/profile-batches does: every row validated, idempotent per source and batch id.
 *   npm run profiles -- import --source SZ-TAX --batch 2024Q4 rows.jsonl
 *   npm run profiles -- show 91320594MA1N6QYX2B --as-of 2025-06-30
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig, todayInChina } from '../config';
import { openEmbedded } from '../embedded-instance/instance-file';
import { Profiles } from '../profiles/profiles';
import { loadCatalog } from '../rules/catalog';
import { connectDatabase } from '../store/database';
import { ProfileStore } from '../store/profile-store';
import { SchemaRegistry } from '../validation/schema-registry';
import { runCli } from './run';

async function withProfiles<T>(work: (profiles: Profiles) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const embedded = config.mongodbUri ? undefined : await openEmbedded(config.ferretDbBinary, config.dataDir, 'subsidies');
  if (embedded) console.error(`embedded database in ${config.dataDir}, through ${embedded.origin}`);
  try {
    const db = await connectDatabase(config.mongodbUri ?? embedded!.uri, config.writeConcern);
    try {
      const registry = new SchemaRegistry();
      return await work(new Profiles(new ProfileStore(db.models), loadCatalog(registry), registry, () => todayInChina()));
    } finally {
      await db.close();
    }
  } finally {
    await embedded?.release();
  }
}

const program = new Command('profiles').description('enterprise profiles (一企一档) in the service database').showHelpAfterError();

program
  .command('import')
  .description('import a JSON Lines batch; prints the report (refused rows with their field pointers) as JSON')
  .requiredOption('--source <name>', 'the department or system the data comes from, e.g. SZ-TAX')
  .requiredOption('--batch <id>', 'the batch id: importing it again changes nothing')
  .argument('<file>', 'the JSON Lines file (- for standard input)')
  .action(async (file: string, o: { source: string; batch: string }) => {
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    await withProfiles(async (profiles) => {
      const report = await profiles.importBatch(o.source, o.batch, text);
      console.log(JSON.stringify(report, null, 2));
      if (report.refused.length) process.exitCode = 3;
    });
  });

program
  .command('show')
  .description('print a profile as of a date, each fact with its source')
  .argument('<uscc>')
  .option('--as-of <date>', 'the date (default today in China)')
  .action(async (uscc: string, o: { asOf?: string }) => {
    await withProfiles(async (profiles) => console.log(JSON.stringify(await profiles.get(uscc, o.asOf ?? profiles.today()), null, 2)));
  });

runCli(program);
