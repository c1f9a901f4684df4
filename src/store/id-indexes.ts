import Sqlite from 'better-sqlite3';
import { Client } from 'pg';

/**
 * FerretDB v1 pushes a filter on `_id` alone down to its backend, but in a form its own
 * `_id` index does not serve:
 * - SQLite: it queries `_ferretdb_sjson->'$._id' = ?` while its index is on
 *   `_ferretdb_sjson->"_id"`, so every lookup scans the table (EXPLAIN QUERY PLAN: SCAN);
 * - PostgreSQL: it queries `_jsonb->'_id' @> $1`, which a btree index cannot serve.
 * This adds, to every collection's table, an index on exactly the queried expression (a GIN
 * index for `@>`) and checks that the backend now plans an index search. Idempotent; run at
 * every start-up after the collections exist. Returns one line per table with its plan.
 */
export async function indexIdLookups(target: { sqliteFile: string } | { postgresUrl: string; schema: string }): Promise<string[]> {
  return 'sqliteFile' in target ? indexSqlite(target.sqliteFile) : indexPostgres(target.postgresUrl, target.schema);
}

function indexSqlite(file: string): string[] {
  const db = new Sqlite(file, { fileMustExist: true, timeout: 30000 });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_ferretdb\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`)
      .all() as { name: string }[];
    const plans: string[] = [];
    for (const { name } of tables) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[];
      if (!columns.some((c) => c.name === '_ferretdb_sjson')) continue;
      db.exec(`CREATE INDEX IF NOT EXISTS ${quote(`${name}__id_path`)} ON ${quote(name)} (_ferretdb_sjson->'$._id')`);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM ${quote(name)} WHERE _ferretdb_sjson->'$._id' = ?`).all('"x"') as { detail: string }[]).map((r) => r.detail).join('; ');
      if (!/USING INDEX/.test(plan)) throw new Error(`SQLite does not use the _id index of ${name}: ${plan}`);
      plans.push(`${name}: ${plan}`);
    }
    return plans;
  } finally {
    db.close();
  }
}

async function indexPostgres(url: string, schema: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = $1 AND column_name = '_jsonb' AND table_name NOT LIKE '\\_ferretdb\\_%'`,
      [schema],
    );
    const plans: string[] = [];
    for (const { table_name: name } of tables.rows) {
      const table = `${quote(schema)}.${quote(name)}`;
      // fastupdate off: inserts go into the index at once, so a lookup never scans a pending list
      // that grows with bulk inserts until a vacuum merges it
      await client.query(`CREATE INDEX IF NOT EXISTS ${quote(`${name}__id_gin`)} ON ${table} USING gin ((_jsonb->'_id') jsonb_path_ops) WITH (fastupdate = off)`);
      await client.query(`ALTER INDEX ${quote(schema)}.${quote(`${name}__id_gin`)} SET (fastupdate = off)`);
      await client.query('BEGIN');
      try {
        // tiny tables are scanned whatever the indexes: ask whether the index can serve the form
        await client.query('SET LOCAL enable_seqscan = off');
        const explained = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT _jsonb FROM ${table} WHERE _jsonb->'_id' @> '"x"'::jsonb`);
        const plan = explained.rows.map((r) => r['QUERY PLAN'].trim()).join('; ');
        if (!/Index/.test(plan)) throw new Error(`PostgreSQL does not use the _id index of ${name}: ${plan}`);
        plans.push(`${name}: ${plan}`);
      } finally {
        await client.query('ROLLBACK');
      }
    }
    return plans;
  } finally {
    await client.end();
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
