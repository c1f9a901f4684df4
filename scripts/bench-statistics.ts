/**
 * Statistics at scale (issue 14): seeds the decision log with 100,000 decision records (log
 * entries of 100 records each, a valid hash chain), starts the service on it, and prints, side
 * by side at 10,000 and at 100,000 records:
 * - the start-up read of the log (every process holds it in memory; statistics are built from it);
 * - GET /v1/statistics for a city (Suzhou, every period; and one year) against the 1 s target;
 * - the same counts by an aggregation pipeline on the embedded FerretDB (`$unwind` of the log's
 *   records, `$match` on the jurisdiction chain, `$group` by program and outcome) — the part of
 *   the statistics FerretDB v1 can compute at all (it sums no nested field, and lacks $cond,
 *   $substr, $addToSet, $facet, $replaceRoot), as the measured alternative.
 *   npm run bench:statistics -- [--stored 100000] [--runs 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import request from 'supertest';
import { issueKey } from '../src/access/api-keys';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { startRuntime, type Runtime } from '../src/runtime';
import { entryHash, entryId, GENESIS_HASH, type DecisionLogEntryDoc, type DecisionRecord } from '../src/store/decision-log';
import { startFerretDb } from '../src/store/embedded-ferretdb';

const { values } = parseArgs({ options: { stored: { type: 'string', default: '100000' }, runs: { type: 'string', default: '20' } } });
const STORED = Number(values.stored);
const RUNS = Number(values.runs);
const PER_ENTRY = 100;

const SUZHOU = ['320505', '320506', '320507', '320508', '320509', '320571', '320581', '320582', '320583', '320585'];
const PROGRAMS = ['320500/loan-interest-subsidy', '320500/tech-insurance-premium-subsidy', '320500/loan-risk-compensation', '320571/loan-interest-subsidy'];
const OUTCOMES: DecisionRecord['outcome'][] = ['approved', 'approved', 'partial', 'rejected', 'needs-information'];

function record(i: number): DecisionRecord {
  // nine in ten in Suzhou, the rest in Guangzhou's Huangpu district
  const suzhou = i % 10 !== 9;
  const jurisdiction = suzhou ? SUZHOU[i % SUZHOU.length]! : '440112';
  const program = suzhou ? PROGRAMS[i % PROGRAMS.length]! : '440112/vc-settlement-reward';
  const outcome = OUTCOMES[i % OUTCOMES.length]!;
  const day = new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
  return {
    decisionId: `dec_bench${i}`,
    applicationId: `app_bench${i}`,
    program,
    programJurisdiction: program.split('/')[0]!,
    version: '2024',
    ruleHash: `sha256:${'2'.repeat(64)}`,
    jurisdiction,
    jurisdictionChain: suzhou ? [jurisdiction, '320500', '320000', 'CN'] : [jurisdiction, '440100', '440000', 'CN'],
    uscc: `9132059400000${String(i % 20_000).padStart(5, '0')}`,
    beneficiaryName: `企业${i % 20_000}`,
    client: 'key_bench',
    outcome,
    amountFen: outcome === 'approved' || outcome === 'partial' ? 1000 + (i % 977) * 100 : outcome === 'rejected' ? 0 : null,
    reasons: outcome === 'rejected' ? ['annual-budget-exhausted'] : ['eligible'],
    applicationDate: day,
    decidedAt: `${day}T02:00:00.000Z`,
    topUpOf: null,
    decisionHash: `sha256:${'1'.repeat(64)}`,
  };
}

/** Appends log entries seq from..to (PER_ENTRY records each), chained to prevHash. */
async function seed(rt: Runtime, fromRecord: number, toRecord: number, head: { seq: number; hash: string }): Promise<{ seq: number; hash: string }> {
  let { seq, hash } = head;
  const batch: DecisionLogEntryDoc[] = [];
  for (let i = fromRecord; i < toRecord; i += PER_ENTRY) {
    const records = Array.from({ length: Math.min(PER_ENTRY, toRecord - i) }, (_, k) => record(i + k));
    const e: DecisionLogEntryDoc = { _id: entryId(seq + 1), seq: seq + 1, prevHash: hash, hash: '', records, at: new Date(Date.UTC(2025, 0, 1)) };
    e.hash = entryHash(e);
    batch.push(e);
    ({ seq, hash } = e);
    if (batch.length === 20) await rt.context.models.decisionLog.insertMany(batch.splice(0));
  }
  if (batch.length) await rt.context.models.decisionLog.insertMany(batch);
  return { seq, hash };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = process.hrtime.bigint();
  const r = await f();
  return [Number(process.hrtime.bigint() - t) / 1e6, r];
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), 'bench-statistics-'));
  const db = await startFerretDb(config.ferretDbBinary, dir, 'bench', undefined, { backend: config.embeddedDb });
  const open = () => startRuntime({ mongodbUri: db.uri, writeConcern: { w: 1, journal: true }, embedded: db, rateLimitPerMinute: 1e9, today: () => '2025-12-01' });
  const { record: key, token } = issueKey('bench', 'auditor', ['*']);
  let head = { seq: 0, hash: GENESIS_HASH };
  let seeded = 0;
  const rows: string[] = [];
  console.log(`embedded FerretDB (${db.backend}); ${STORED} records; median of ${RUNS} runs\n`);
  try {
    for (const stage of [STORED / 10, STORED]) {
      let rt = await open();
      if (!(await rt.context.keys.find(key.id))) await rt.context.keys.create(key);
      const [seedMs, seededHead] = await time(() => seed(rt, seeded, stage, head));
      head = seededHead;
      console.log(`seeded ${stage} records (${seedMs.toFixed(0)} ms); starting the service on them`);
      seeded = stage;
      await rt.database.close();
      const [startMs, started] = await time(open);
      rt = started;
      const app = buildApp(rt.context);
      const get = async (q: string) => {
        const res = await request(app).get(`/v1/statistics?${q}`).set('Authorization', `Bearer ${token}`);
        if (res.status !== 200) throw new Error(`${q}: ${res.status} ${res.text}`);
        return res.body as { totals: { decisions: number } };
      };
      const city: number[] = [];
      const year: number[] = [];
      let decisions = 0;
      for (let r = 0; r < RUNS; r++) {
        const [ms, body] = await time(() => get('jurisdiction=320500'));
        city.push(ms);
        decisions = body.totals.decisions;
        year.push((await time(() => get('jurisdiction=320500&from=2025-01-01&to=2025-12-31')))[0]);
      }
      const line = (what: string, figure: string, target: string) => {
        rows.push(`${String(stage).padStart(7)}  ${what.padEnd(62)} ${figure.padStart(16)}  ${target}`);
        console.log(rows.at(-1));
      };
      const ms = (x: number) => `${x.toFixed(1)} ms`;
      line('start-up (log read into memory, aggregates built)', ms(startMs), '');
      line(`GET /v1/statistics city 320500, all periods (${decisions} decisions)`, ms(median(city)), `${median(city) < 1000 ? 'met' : 'NOT MET'} (< 1000 ms)`);
      line('GET /v1/statistics city 320500, year 2025', ms(median(year)), `${median(year) < 1000 ? 'met' : 'NOT MET'} (< 1000 ms)`);
      const pipeline = [
        { $match: { 'records.jurisdictionChain': '320500' } },
        { $unwind: '$records' },
        { $match: { 'records.jurisdictionChain': '320500' } },
        { $group: { _id: { program: '$records.program', outcome: '$records.outcome' }, n: { $sum: 1 } } },
      ];
      const pipe: number[] = [];
      let counted = 0;
      try {
        for (let r = 0; r < Math.min(RUNS, 3); r++) {
          const [t, out] = await time(() => rt.context.models.decisionLog.aggregate<{ n: number }>(pipeline));
          pipe.push(t);
          counted = out.reduce((s, g) => s + g.n, 0);
        }
        if (counted !== decisions) throw new Error(`the pipeline counted ${counted} decisions, the statistics ${decisions}`);
        line('FerretDB pipeline, counts by program × outcome only', ms(median(pipe)), `${(median(pipe) / median(city)).toFixed(0)}× the statistics`);
      } catch (e) {
        if (!(e instanceof Error) || !/timed out/.test(e.message)) throw e;
        line('FerretDB pipeline, counts by program × outcome only', '> 30000 ms', 'no answer within the driver\'s 30 s socket timeout');
      }
      await rt.database.close();
    }
  } finally {
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nrecords  measure${' '.repeat(57)}           median\n${rows.join('\n')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
