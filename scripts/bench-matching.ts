/**
 * Proactive matching at scale, on a throw-away embedded FerretDB (or MONGODB_URI):
 * imports synthetic profiles for 10,000 enterprises across the shipped jurisdictions, runs
 * matching over all of them, checks the stored counts per program and outcome against a direct
 * eligibility check of every enterprise, then imports a batch changing 100 profiles and runs
 * again: the incremental run must touch about 100. Figures are printed side by side.
 *   npm run bench:matching -- [--enterprises 10000] [--changed 100]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { summaryOf } from '../src/matching/views';
import { startRuntime } from '../src/runtime';
import { MatchingStore } from '../src/store/matching-store';
import { startFerretDb } from '../src/store/embedded-ferretdb';
import { changedFacts, jsonLines, syntheticProfiles } from './bench/synthetic-profiles';

const { values } = parseArgs({ options: { enterprises: { type: 'string', default: '10000' }, changed: { type: 'string', default: '100' } } });
const N = Number(values.enterprises);
const CHANGED = Number(values.changed);
const ASOF = '2025-06-30';

type Counts = Record<string, number>;
const add = (c: Counts, k: string) => (c[k] = (c[k] ?? 0) + 1);
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function main() {
  const config = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), 'bench-matching-'));
  const ferret = config.mongodbUri ? undefined : await startFerretDb(config.ferretDbBinary, dir, 'bench', undefined, { backend: config.embeddedDb });
  const rt = await startRuntime({ mongodbUri: config.mongodbUri ?? ferret!.uri, writeConcern: config.writeConcern, embedded: ferret, today: () => ASOF });
  const ctx = rt.context;
  try {
    console.log(`${N} synthetic enterprises, ${CHANGED} changed afterwards, on ${ferret ? `embedded FerretDB (${ferret.backend})` : 'MONGODB_URI'}`);
    const rows = syntheticProfiles(ctx.catalog, N);

    let t = process.hrtime.bigint();
    const imported = await ctx.profiles.importBatch('BENCH-GOV', 'base', jsonLines(rows));
    const importSecs = seconds(t);
    console.log(`import: ${imported.imported} rows in ${importSecs.toFixed(1)} s (${(imported.imported / importSecs).toFixed(0)} rows/s), ${imported.refused.length} refused`);

    t = process.hrtime.bigint();
    const full = await ctx.matching.job.run({ jurisdiction: 'CN', asOf: ASOF });
    const fullSecs = seconds(t);
    console.log(`full matching run: ${full.enterprises} enterprises, ${full.evaluations} program decisions in ${fullSecs.toFixed(1)} s: ${(full.enterprises / fullSecs).toFixed(0)} enterprises matched per second`);

    // the same enterprises checked directly, one eligibility check each (published limits), side by side
    t = process.hrtime.bigint();
    const direct: Counts = {};
    for (const row of rows) {
      const check = await ctx.eligibility.check({ beneficiary: row.beneficiary, applicationDate: ASOF, facts: row.facts, beneficiaryKind: 'enterprise' }, 'published', 'summary');
      for (const r of check.results as { program: string; outcome: string; estimatedAmount: string | null }[]) add(direct, `${r.program} ${r.outcome} ${r.estimatedAmount}`);
    }
    const directSecs = seconds(t);
    const stored: Counts = {};
    for (const chunk of await new MatchingStore(ctx.models).chunks(full)) for (const e of chunk.results) for (const m of e.programs) add(stored, `${m.program} ${m.outcome} ${m.amount}`);
    const keys = [...new Set([...Object.keys(direct), ...Object.keys(stored)])];
    const differing = keys.filter((k) => direct[k] !== stored[k]);
    console.log(`direct eligibility checks of the same enterprises (in memory, no profile reads): ${(N / directSecs).toFixed(0)} enterprises/s; matching run / direct: ${(directSecs / fullSecs).toFixed(2)}×`);
    console.log(`stored counts per program, outcome and amount vs direct evaluation: ${keys.length} groups, ${differing.length} differing${differing.length ? ': ' + differing.slice(0, 5).join('; ') : ''}`);
    const perProgram: Counts = {};
    for (const chunk of await new MatchingStore(ctx.models).chunks(full)) for (const e of chunk.results) for (const q of summaryOf(e).qualified) add(perProgram, q.program);
    console.log(`qualified per program: ${Object.entries(perProgram).map(([k, v]) => `${k} ${v}`).join(', ')}`);

    const changed = rows.filter((_, i) => i % Math.max(1, Math.floor(N / CHANGED)) === 0).slice(0, CHANGED);
    await ctx.profiles.importBatch('BENCH-TAX', 'changed', jsonLines(changedFacts(ctx.catalog, changed)));
    t = process.hrtime.bigint();
    const incremental = await ctx.matching.job.run({ jurisdiction: 'CN', asOf: ASOF });
    const incSecs = seconds(t);
    console.log(`incremental run after changing ${changed.length} profiles: re-matched ${incremental.rematched} of ${incremental.enterprises} (${incremental.evaluations} program decisions) in ${incSecs.toFixed(2)} s; full / incremental time: ${(fullSecs / incSecs).toFixed(1)}×`);
    const verdict = incremental.rematched === changed.length && differing.length === 0;
    console.log(`${verdict ? 'HOLDS' : 'MISSES'}   stored results equal direct evaluation, and the re-match touches ${incremental.rematched} (target ~${changed.length}, not ${N})`);
  } finally {
    await rt.database.close();
    await ferret?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
