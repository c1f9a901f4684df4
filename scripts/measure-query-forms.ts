/**
 * How FerretDB's query forms grow with a collection, on both embedded backends, before and
 * after the `_id` expression indexes of src/store/id-indexes.ts: median latency at 1,000 and
 * 10,000 documents (and more with --sizes) of the lookups the hot path could use.
 *   npx tsx scripts/measure-query-forms.ts [--sizes 1000,10000] [--backends sqlite,postgresql]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { startFerretDb, type EmbeddedBackend, type EmbeddedDatabase } from '../src/store/embedded-ferretdb';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, backends: { type: 'string', default: 'sqlite,postgresql' } } });
const sizes = values.sizes.split(',').map(Number);
const backends = values.backends.split(',') as EmbeddedBackend[];

async function median(fn: (i: number) => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  const until = Date.now() + 3000;
  for (let i = 0; xs.length < 5 || (xs.length < 25 && Date.now() < until); i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
}

async function main() {
  const config = loadConfig();
  const rows: string[] = [];
  for (const backend of backends) {
    const dir = mkdtempSync(join(tmpdir(), `forms-${backend}-`));
    const ferret = await startFerretDb(config.ferretDbBinary, dir, 'forms', undefined, { backend });
    const conn = await mongoose.createConnection(ferret.uri, { maxPoolSize: 8 }).asPromise();
    const coll = conn.db!.collection<{ _id: string; [k: string]: unknown }>('ledger_entries');
    await coll.createIndex({ ledger: 1, seq: -1 });
    await coll.createIndex({ ledger: 1, holder: 1, kind: 1 }, { unique: true });
    let stored = 0;
    let inserted = 0;
    for (const size of sizes) {
      for (; stored < size; stored += 1000) {
        await coll.insertMany(Array.from({ length: 1000 }, (_, i) => {
          const n = stored + i;
          const ledger = `L${n % 500}`;
          return { _id: `${ledger}#${Math.floor(n / 500) + 1}`, ledger, seq: Math.floor(n / 500) + 1, holder: `dec_${n}`, kind: 'take', units: 100, usedAfter: 100 * (Math.floor(n / 500) + 1), at: new Date() };
        }));
      }
      for (const indexed of [false, true]) {
        if (indexed) await ferret.indexIdLookups();
        else await dropIdIndexes(ferret);
        const forms: Record<string, (i: number) => Promise<unknown>> = {
          'find {_id} (present)': (i) => coll.findOne({ _id: `L${i % 500}#1` }),
          'find {_id} (absent)': (i) => coll.findOne({ _id: `L${i % 500}#999999` }),
          'find {ledger} sort {seq:-1}': (i) => coll.find({ ledger: `L${i % 500}` }).sort({ seq: -1 }).limit(1).toArray(),
          'find {ledger,holder,kind}': (i) => coll.findOne({ ledger: `L${i % 500}`, holder: `dec_${size - 1 - (i % 500)}`, kind: 'take' }),
          'insert (unique _id + index)': () => coll.insertOne({ _id: `X#${++inserted}`, ledger: 'X', seq: inserted, holder: `h${inserted}`, kind: 'take', units: 1, usedAfter: inserted, at: new Date() }),
        };
        for (const [form, fn] of Object.entries(forms)) {
          if (indexed && !form.includes('_id')) continue;
          rows.push(`${backend.padEnd(10)} ${String(size).padStart(7)} ${(indexed ? 'with _id expr index' : 'FerretDB indexes').padEnd(20)} ${form.padEnd(30)} ${(await median(fn)).toFixed(1).padStart(8)} ms`);
          console.log(rows.at(-1));
        }
      }
    }
    await conn.close();
    await ferret.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nbackend       docs  indexes              query form                       median');
  for (const r of rows) console.log(r);
}

/** Back to FerretDB's own indexes, so each size is measured without, then with, the _id indexes. */
async function dropIdIndexes(ferret: EmbeddedDatabase) {
  if (ferret.backend === 'sqlite') {
    const Sqlite = (await import('better-sqlite3')).default;
    const db = new Sqlite(join(ferret.dataDir, 'forms.sqlite'), { timeout: 30000 });
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type='index' AND name LIKE '%__id_path'`).all() as { name: string }[]) db.exec(`DROP INDEX "${name}"`);
    db.close();
  } else {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: ferret.postgresUrl! });
    await client.connect();
    for (const { schemaname, indexname } of (await client.query(`SELECT schemaname, indexname FROM pg_indexes WHERE indexname LIKE '%__id_gin'`)).rows) await client.query(`DROP INDEX "${schemaname}"."${indexname}"`);
    await client.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
