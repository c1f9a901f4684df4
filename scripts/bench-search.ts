/**
 * Decision search at 100,000 logged decisions: page latency p50/p95 per query shape against the
 * 200 ms target, and the ratio to the same query on 1,000 decisions, asked in turn of two
 * services on two embedded FerretDBs on one machine (so the machine's load weighs on both alike).
 *   npm run bench:search -- [--stored 100000] [--rounds 40]
 * The log is seeded in bulk: entries of 100 records each, chained as the service chains them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueKey } from '../src/access/api-keys';
import { withCheckCharacter } from '../src/adjudication/uscc';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { startRuntime, type Runtime } from '../src/runtime';
import { encodeCursor, filterFingerprint } from '../src/search/search-query';
import { entryHash, entryId, GENESIS_HASH, type DecisionLogEntryDoc, type DecisionRecord } from '../src/store/decision-log';
import { startFerretDb } from '../src/store/embedded-ferretdb';

const { values } = parseArgs({ options: { stored: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '40' } } });
const STORED = Number(values.stored);
const ROUNDS = Number(values.rounds);
const TARGET_MS = 200;
// records per log entry: a group commit under load writes many at once; 100 keeps each FerretDB batch of a start-up read small
const PER_ENTRY = 100;

const PLACES: [string, string[]][] = [
  ['320571', ['320571', '320500', '320000', 'CN']],
  ['320505', ['320505', '320500', '320000', 'CN']],
  ['440106', ['440106', '440100', '440000', 'CN']],
  ['440112', ['440112', '440100', '440000', 'CN']],
  ['410305', ['410305', '410300', '410000', 'CN']],
  ['340104', ['340104', '340100', '340000', 'CN']],
];
const PROGRAMS = ['320500/loan-interest-subsidy', '320571/loan-interest-subsidy', '320500/tech-insurance-premium-subsidy', '440112/vc-settlement-reward', '440100/innovation-contest-grant', '410000/tech-loan-risk-compensation', '340100/listing-incentive'];
const OUTCOMES = ['approved', 'approved', 'partial', 'rejected', 'needs-information'] as const;
const START = Date.parse('2024-01-01T00:00:00+08:00');

function record(i: number, applicantKey: string): DecisionRecord {
  const [place, chain] = PLACES[i % PLACES.length]!;
  const outcome = OUTCOMES[(i * 7) % OUTCOMES.length]!;
  const program = PROGRAMS[(i * 3) % PROGRAMS.length]!;
  return {
    decisionId: `dec_${String(i).padStart(8, '0')}-bench-0000-0000-000000000000`,
    applicationId: `app_${String(i).padStart(8, '0')}-bench-0000-0000-000000000000`,
    program,
    programJurisdiction: program.split('/')[0]!,
    version: i % 4 === 0 ? '2018-01-01' : '2021-01-01',
    ruleHash: `sha256:${(i % 16).toString(16).repeat(64)}`,
    jurisdiction: place,
    jurisdictionChain: chain,
    uscc: withCheckCharacter(`91${place}MA${String(i % 20_000).padStart(7, '0')}`),
    beneficiaryName: `基准测试企业第${i % 20_000}号有限公司`,
    client: i % 10 === 0 ? applicantKey : `key_${i % 50}`,
    outcome,
    amountFen: outcome === 'approved' || outcome === 'partial' ? 100 * (1000 + ((i * 7919) % 5_000_000)) : null,
    reasons: [outcome === 'approved' ? 'eligible' : outcome === 'partial' ? 'cap-cut' : 'conditions-not-met'],
    applicationDate: new Date(START + Math.floor((i / STORED) * 700) * 86_400_000).toISOString().slice(0, 10),
    decidedAt: new Date(START + Math.floor((i / STORED) * 700 * 86_400_000)).toISOString(),
    topUpOf: null,
    decisionHash: `sha256:${'e'.repeat(64)}`,
  };
}

/** Writes `count` records as chained entries of PER_ENTRY records, directly into the log's collection. */
async function seed(rt: Runtime, count: number, applicantKey: string): Promise<void> {
  let prevHash = GENESIS_HASH;
  const entries: DecisionLogEntryDoc[] = [];
  for (let seq = 1, i = 0; i < count; seq++) {
    const records = Array.from({ length: Math.min(PER_ENTRY, count - i) }, (_, k) => record(i + k, applicantKey));
    i += records.length;
    const e: DecisionLogEntryDoc = { _id: entryId(seq), seq, prevHash, hash: '', records, at: new Date() };
    e.hash = entryHash(e);
    prevHash = e.hash;
    entries.push(e);
  }
  for (let k = 0; k < entries.length; k += 20) await rt.context.models.decisionLog.collection.insertMany(entries.slice(k, k + 20) as never[]);
}

interface Live {
  rt: Runtime;
  server: Server;
  base: string;
  startMs: number;
}

async function serve(uri: string, keys: ReturnType<typeof issueKey>[], embedded: Awaited<ReturnType<typeof startFerretDb>>): Promise<Live> {
  const t = performance.now();
  const rt = await startRuntime({ mongodbUri: uri, writeConcern: { w: 1, journal: true }, rateLimitPerMinute: 1e9, embedded });
  const startMs = performance.now() - t;
  for (const k of keys) if (!(await rt.context.keys.find(k.record.id))) await rt.context.keys.create(k.record);
  const server = await new Promise<Server>((resolve) => {
    const s = buildApp(rt.context).listen(0, '127.0.0.1', () => resolve(s));
  });
  return { rt, server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}`, startMs };
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main(): Promise<void> {
  const config = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), 'bench-search-'));
  // one embedded database each (its _id indexes are made per database file), on one machine
  const ferrets = {
    small: await startFerretDb(config.ferretDbBinary, join(dir, 'small'), 'bench', undefined, { backend: config.embeddedDb }),
    large: await startFerretDb(config.ferretDbBinary, join(dir, 'large'), 'bench', undefined, { backend: config.embeddedDb }),
  };
  const auditor = issueKey('bench auditor', 'auditor', ['*']);
  const suzhouAuditor = issueKey('bench Suzhou auditor', 'auditor', ['320500']);
  const applicant = issueKey('bench applicant', 'applicant', ['*']);
  const keys = [auditor, suzhouAuditor, applicant];
  const lives: Partial<Record<'small' | 'large', Live>> = {};
  try {
    for (const [name, size] of [['small', 1000], ['large', STORED]] as const) {
      const seeding = await startRuntime({ mongodbUri: ferrets[name].uri, writeConcern: { w: 1, journal: true } });
      const t = performance.now();
      await seed(seeding, size, applicant.record.id);
      console.log(`${name}: seeded ${size} decision records in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      await seeding.database.close();
      // a fresh start: the log is read at start-up, as after a restart
      lives[name] = await serve(ferrets[name].uri, keys, ferrets[name]);
      console.log(`${name}: service started in ${(lives[name]!.startMs / 1000).toFixed(1)} s (reads the whole log once), ${lives[name]!.rt.context.repositories.decisionLog.size} records in memory`);
    }
    const deep = (q: string) => `${q}&cursor=${encodeCursor({ p: Math.floor(STORED / 2), o: 'asc', h: filterFingerprint(Object.fromEntries(new URLSearchParams(q))) })}`;
    const shapes: [string, string, ReturnType<typeof issueKey>][] = [
      ['first page, no filter (totals over all)', 'limit=50', auditor],
      ['city with its districts', 'jurisdiction=320500&limit=50', auditor],
      ['program + outcome', 'program=320500%2Floan-interest-subsidy&outcome=approved,partial&limit=50', auditor],
      ['amount range', 'minAmount=10000&maxAmount=20000&limit=50', auditor],
      ['one month', 'decidedFrom=2024-06-01&decidedTo=2024-06-30&limit=50', auditor],
      ['one firm (uscc)', `uscc=${withCheckCharacter('91320571MA0000006')}&limit=50`, auditor],
      ['newest first, 500 a page', 'order=desc&limit=500', auditor],
      ['Suzhou-scoped auditor, no filter', 'limit=50', suzhouAuditor],
      ['applicant system (its own only)', 'limit=50', applicant],
    ];
    // a filter not asked before (the totals of each filter are kept and brought up to date): a full pass
    let fresh = 0;
    const uncached = new Set(['new filter each time, all records scanned', 'new filter each time, city + scope']);
    shapes.push(['new filter each time, all records scanned', 'minAmount=FRESH&limit=50', auditor], ['new filter each time, city + scope', 'jurisdiction=320500&minAmount=FRESH&limit=50', suzhouAuditor]);
    const deepShape: [string, string, ReturnType<typeof issueKey>] = ['a page in the middle (cursor), no filter', 'limit=50', auditor];
    const times = new Map<string, { small: number[]; large: number[] }>();
    for (let r = 0; r < ROUNDS; r++) {
      for (const [label, q, key] of [...shapes, deepShape]) {
        for (const name of ['small', 'large'] as const) {
          const query = label === deepShape[0] ? (name === 'large' ? deep(q) : q) : uncached.has(label) ? q.replace('FRESH', String(++fresh)) : q;
          const t = performance.now();
          const res = await fetch(`${lives[name]!.base}/v1/decisions?${query}`, { headers: { Authorization: `Bearer ${key.token}` } });
          const body = (await res.json()) as { totals?: { count: number } };
          if (res.status !== 200) throw new Error(`${label} answered ${res.status}: ${JSON.stringify(body)}`);
          const entry = times.get(label) ?? { small: [], large: [] };
          entry[name].push(performance.now() - t);
          times.set(label, entry);
        }
      }
    }
    console.log(`\n${ROUNDS} rounds; each query asked of the ${STORED}-decision service and the 1,000-decision one in turn (HTTP on loopback, whole answer read)`);
    console.log(`${'query'.padEnd(44)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'1,000: p50'.padStart(11)} ${'ratio'.padStart(7)}  target p95 < ${TARGET_MS} ms`);
    let allMet = true;
    for (const [label, t] of times) {
      const p50 = percentile(t.large, 50);
      const p95 = percentile(t.large, 95);
      const small = percentile(t.small, 50);
      const met = p95 < TARGET_MS;
      allMet &&= met;
      console.log(`${label.padEnd(44)} ${p50.toFixed(1).padStart(6)}ms ${p95.toFixed(1).padStart(6)}ms ${small.toFixed(1).padStart(9)}ms ${(p50 / small).toFixed(2).padStart(6)}×  ${met ? 'met' : 'NOT MET'}`);
    }
    const mem = process.memoryUsage();
    console.log(`\nheap used with both services in this process: ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB; RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB`);
    console.log(allMet ? `every query shape: p95 under ${TARGET_MS} ms at ${STORED} decisions` : `some query shapes miss ${TARGET_MS} ms`);
  } finally {
    for (const live of Object.values(lives)) {
      await new Promise((r) => live!.server.close(r));
      live!.server.closeAllConnections();
      await live!.rt.database.close();
    }
    for (const f of Object.values(ferrets)) await f.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
