/**
 * Which PostgreSQL tables the request path scans: seeds a FerretDB-on-PostgreSQL database in
 * bulk, then counts, from PostgreSQL's own statistics (pg_stat_user_tables), the sequential
 * scans, rows read by them and index scans per table during eligibility checks and submissions
 * for new firms. A table whose sequential rows grow with the data is a lookup that grows.
 *   npx tsx scripts/storage-bench/postgres-scans.ts -- [--stored 20000] [--requests 20]
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { startBenchService } from './bench-service';
import { Seeder } from './seed';
import { post, workloads } from './workload';

const { values } = parseArgs({ options: { stored: { type: 'string', default: '20000' }, requests: { type: 'string', default: '20' }, analyze: { type: 'boolean', default: false } } });

type Stats = Map<string, { seq: number; seqRows: number; idx: number }>;

async function stats(pg: Client): Promise<Stats> {
  await pg.query('SELECT pg_stat_clear_snapshot()');
  const r = await pg.query<{ relname: string; seq_scan: string; seq_tup_read: string; idx_scan: string | null }>(`SELECT relname, seq_scan, seq_tup_read, idx_scan FROM pg_stat_user_tables WHERE schemaname = 'bench'`);
  return new Map(r.rows.map((x) => [x.relname, { seq: Number(x.seq_scan), seqRows: Number(x.seq_tup_read), idx: Number(x.idx_scan ?? 0) }]));
}

function diff(before: Stats, after: Stats, names: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [table, a] of after) {
    const b = before.get(table) ?? { seq: 0, seqRows: 0, idx: 0 };
    if (a.seq - b.seq || a.idx - b.idx) out.push(`  ${(names.get(table) ?? table).padEnd(26)} seq scans ${a.seq - b.seq}, rows read by them ${a.seqRows - b.seqRows}, index scans ${a.idx - b.idx}`);
  }
  return out.sort();
}

async function main() {
  const service = await startBenchService('postgresql', 'pg-scans');
  const { rt, ferret, base, token } = service;
  const pg = new Client({ connectionString: ferret.postgresUrl });
  await pg.connect();
  try {
    const names = new Map((await pg.query<{ table_name: string; collection_name: string }>(`SELECT table_name, _jsonb->>'_id' AS collection_name FROM (SELECT _jsonb, _jsonb->>'table' AS table_name FROM bench._ferretdb_database_metadata) m`).catch(() => ({ rows: [] }))).rows.map((r) => [r.table_name, r.collection_name]));
    let n = 7_000_000;
    const seeder = new Seeder(rt.context.models, rt.context.submissions, rt.context.repositories.decisionLog, rt.context.catalog);
    for (const size of [1000, Number(values.stored)]) {
      await seeder.seedUpTo(size);
      if (values.analyze) await pg.query('ANALYZE');
      for (const what of ['eligibility', 'submission'] as const) {
        const before = await stats(pg);
        const t = performance.now();
        for (let i = 0; i < Number(values.requests); i++) {
          const body = workloads.suzhouWithTopUp(n++);
          if (what === 'submission') {
            const r = await post(base, token, body);
            if (r.status !== 201) throw new Error(`submission answered ${r.status}: ${JSON.stringify(r.body)}`);
          } else {
            const res = await fetch(`${base}/v1/eligibility-checks`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ beneficiary: body.beneficiary, facts: body.facts }) });
            if (res.status !== 200) throw new Error(`eligibility check answered ${res.status}`);
            await res.arrayBuffer();
          }
        }
        await new Promise((r) => setTimeout(r, 11_000)); // an idle backend reports its statistics within 10 s
        console.log(`${size} stored, ${values.requests} ${what} requests (${((performance.now() - t) / Number(values.requests)).toFixed(0)} ms each):`);
        for (const line of diff(before, await stats(pg), names)) console.log(line);
      }
    }
  } finally {
    await pg.end();
    await service.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
