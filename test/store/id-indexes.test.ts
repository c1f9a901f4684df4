import Sqlite from 'better-sqlite3';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { useTestService } from '../support/service';

const svc = useTestService();
const config = loadConfig();
const embedded = !config.mongodbUri;

/**
 * FerretDB's own `_id` index does not serve the query form FerretDB sends; the service adds one
 * that does at start-up. Asked of the backend itself: its plan for FerretDB's exact lookup.
 */
(embedded ? it : it.skip)(`the backend (${config.embeddedDb}) plans every collection's _id lookup as an index search`, async () => {
  const ferret = svc().embedded!;
  const tables: string[] = [];
  if (config.embeddedDb === 'sqlite') {
    const db = new Sqlite(join(ferret.dataDir, 'test.sqlite'), { readonly: true, fileMustExist: true });
    for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '\\_ferretdb\\_%' ESCAPE '\\'`).all() as { name: string }[]) {
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM "${name}" WHERE _ferretdb_sjson->'$._id' = ?`).all('"x"') as { detail: string }[]).map((r) => r.detail).join(' ');
      expect(`${name}: ${plan}`).toMatch(/USING INDEX/);
      tables.push(name);
    }
    db.close();
  } else {
    const client = new Client({ connectionString: ferret.postgresUrl });
    await client.connect();
    const rows = (await client.query(`SELECT table_name FROM information_schema.columns WHERE table_schema = 'test' AND column_name = '_jsonb' AND table_name NOT LIKE '\\_ferretdb\\_%'`)).rows as { table_name: string }[];
    for (const { table_name: name } of rows) {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = (await client.query(`EXPLAIN SELECT _jsonb FROM "test"."${name}" WHERE _jsonb->'_id' @> '"x"'::jsonb`)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join(' ');
      await client.query('ROLLBACK');
      expect(`${name}: ${plan}`).toMatch(/Index/);
      tables.push(name);
    }
    await client.end();
  }
  // the ledgers, receipts, decisions, applications, idempotency records, pending markers, keys
  expect(tables.length).toBeGreaterThanOrEqual(8);
});
