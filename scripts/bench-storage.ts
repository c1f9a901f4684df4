/**
 * The storage benchmark of issue 9, on each embedded backend from one run: contention (no
 * response >= 500), hot budget vs uncapped throughput, database commands per submission,
 * latency at 100,000 stored decisions vs 1,000 (and after a restart), money invariants.
 *   npm run bench:storage -- [--backends sqlite,postgresql] [--stored 100000] [--contention 1000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueKey } from '../src/access/api-keys';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { startRuntime, type Runtime } from '../src/service/runtime';
import { startFerretDb, type EmbeddedBackend, type EmbeddedDatabase } from '../src/store/embedded-ferretdb';
import { moneyProblems } from '../src/store/ledger-audit';
import { startServiceProcess, writeKeysFile } from '../test/support/service-process';
import { Seeder } from './storage-bench/seed';
import { drive, firm, percentile, post, workloads } from './storage-bench/workload';

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'sqlite,postgresql' },
    stored: { type: 'string', default: '100000' },
    contention: { type: 'string', default: '1000' },
  },
});
const STORED = Number(values.stored);
const CONTENTION = Number(values.contention);
const CRUD = new Set(['find', 'insert', 'update', 'delete', 'findAndModify', 'count', 'aggregate', 'getMore', 'distinct']);
const config = loadConfig();
const results: string[] = [];
const record = (backend: string, what: string, figure: string, target: string, ok: boolean) => {
  const line = `${backend.padEnd(10)} ${what.padEnd(58)} ${figure.padEnd(30)} ${target.padEnd(18)} ${ok ? 'met' : 'NOT MET'}`;
  results.push(line);
  console.log(line);
};
let nextFirm = 1;

interface Live {
  rt: Runtime;
  server: Server;
  base: string;
}

async function serve(uri: string, ferret: EmbeddedDatabase, token: { record: Parameters<Runtime['context']['keys']['create']>[0] }): Promise<Live> {
  const rt = await startRuntime({ mongodbUri: uri, writeConcern: { w: 1, journal: true }, embedded: ferret, monitorCommands: true, rateLimitPerMinute: 1e9 });
  if (!(await rt.context.keys.find(token.record.id))) await rt.context.keys.create(token.record);
  const server = await new Promise<Server>((resolve) => {
    const s = buildApp(rt.context).listen(0, '127.0.0.1', () => resolve(s));
  });
  return { rt, server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

async function close(live: Live) {
  await new Promise((r) => live.server.close(r));
  live.server.closeAllConnections();
  await live.rt.database.close();
}

/** p50 of submissions (Suzhou budget with top-up) and eligibility checks, each for new firms. */
async function latencies(live: Live, token: string) {
  const submit = await drive(60, 4, async () => {
    const r = await post(live.base, token, workloads.suzhouWithTopUp(nextFirm++));
    if (r.status !== 201) throw new Error(`submission answered ${r.status}: ${JSON.stringify(r.body)}`);
  });
  const check = await drive(40, 1, async () => {
    const body = workloads.suzhouWithTopUp(nextFirm++);
    const res = await fetch(`${live.base}/v1/eligibility-checks`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ beneficiary: body.beneficiary, applicationDate: body.applicationDate, facts: body.facts }) });
    if (res.status !== 200) throw new Error(`eligibility check answered ${res.status}`);
    await res.arrayBuffer();
  });
  return { submit: percentile(submit.latencies, 50), check: percentile(check.latencies, 50) };
}

/** Database commands per submission (new firms), counted by the driver's command monitoring at the service level. */
async function commandsPerSubmission(rt: Runtime, make: (n: number) => unknown, withKey: boolean, n = 20): Promise<number> {
  let count = 0;
  const listener = (e: { commandName: string }) => {
    if (CRUD.has(e.commandName)) count++;
  };
  const client = rt.database.connection.getClient();
  client.on('commandStarted', listener);
  for (let i = 0; i < n; i++) {
    const k = nextFirm++;
    await rt.context.submissions.submit(make(k) as never, 'bench-commands', withKey ? `cmd-${k}` : undefined);
  }
  client.off('commandStarted', listener);
  return count / n;
}

async function throughput(base: string, token: string, make: (n: number) => unknown, concurrency: number, count: number): Promise<number> {
  const { latencies, seconds } = await drive(count, concurrency, async () => {
    const r = await post(base, token, make(nextFirm++));
    if (r.status !== 201) throw new Error(`answered ${r.status}: ${JSON.stringify(r.body)}`);
  });
  return latencies.length / seconds;
}

/** Statuses >= 500 (or no answer) among `count` submissions at `concurrency`, spread over the given bases. */
async function fiveHundreds(bases: string[], token: string, make: (i: number) => unknown, count: number, concurrency: number): Promise<{ bad: number; statuses: Record<number, number> }> {
  const statuses: Record<number, number> = {};
  await drive(count, concurrency, async (i) => {
    const r = await post(bases[i % bases.length]!, token, make(i));
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  });
  const bad = Object.entries(statuses).filter(([s]) => Number(s) >= 500 || Number(s) === 0).reduce((t, [, c]) => t + c, 0);
  return { bad, statuses };
}

async function benchBackend(backend: EmbeddedBackend) {
  const dir = mkdtempSync(join(tmpdir(), `bench-storage-${backend}-`));
  const ferret = await startFerretDb(config.ferretDbBinary, dir, 'bench', undefined, { backend });
  const { record: key, token } = issueKey('bench', 'applicant', ['*']);
  try {
    let live = await serve(ferret.uri, ferret, { record: key });
    const seeder = new Seeder(live.rt.context.models, live.rt.context.submissions);
    await seeder.seedUpTo(1000);
    await latencies(live, token); // warm-up (JIT, pools), not counted
    const at1k = await latencies(live, token);
    console.log(`${backend}: at 1,000 stored decisions: submission p50 ${at1k.submit.toFixed(0)} ms, eligibility p50 ${at1k.check.toFixed(0)} ms`);

    for (const withKey of [false, true]) {
      const how = withKey ? 'with Idempotency-Key' : 'no Idempotency-Key';
      const uncapped = await commandsPerSubmission(live.rt, workloads.uncapped, withKey);
      const capped = await commandsPerSubmission(live.rt, workloads.capped, withKey);
      const suzhou = await commandsPerSubmission(live.rt, workloads.suzhouWithTopUp, withKey);
      record(backend, `commands per submission, uncapped, ${how}`, uncapped.toFixed(1), '<= 4', uncapped <= 4);
      record(backend, `commands per submission, one cap, ${how}`, capped.toFixed(1), '<= 6', capped <= 6);
      record(backend, `commands per submission, Suzhou budget + top-up, ${how}`, suzhou.toFixed(1), '<= 9', suzhou <= 9);
    }

    for (const c of [8, 32]) {
      const uncapped = await throughput(live.base, token, workloads.uncapped, c, 8 * c);
      const hot = await throughput(live.base, token, workloads.hotBudget, c, 8 * c);
      record(backend, `hot budget / uncapped throughput at concurrency ${c}`, `${(hot / uncapped).toFixed(2)} (${hot.toFixed(0)}/s vs ${uncapped.toFixed(0)}/s)`, '>= 0.50', hot / uncapped >= 0.5);
    }

    const t0 = Date.now();
    await seeder.seedUpTo(STORED);
    console.log(`${backend}: seeded ${STORED} decisions in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const atN = await latencies(live, token);
    record(backend, `submission p50 at ${STORED} stored vs 1,000`, `${(atN.submit / at1k.submit).toFixed(2)} (${atN.submit.toFixed(0)} vs ${at1k.submit.toFixed(0)} ms)`, '<= 1.20', atN.submit / at1k.submit <= 1.2);
    record(backend, `eligibility p50 at ${STORED} stored vs 1,000`, `${(atN.check / at1k.check).toFixed(2)} (${atN.check.toFixed(0)} vs ${at1k.check.toFixed(0)} ms)`, '<= 1.20', atN.check / at1k.check <= 1.2);
    await close(live);
    live = await serve(ferret.uri, ferret, { record: key });
    const cold = await latencies(live, token);
    record(backend, `submission p50 at ${STORED}, after a restart, vs 1,000`, `${(cold.submit / at1k.submit).toFixed(2)} (${cold.submit.toFixed(0)} ms)`, '<= 1.20', cold.submit / at1k.submit <= 1.2);
    record(backend, `eligibility p50 at ${STORED}, after a restart, vs 1,000`, `${(cold.check / at1k.check).toFixed(2)} (${cold.check.toFixed(0)} ms)`, '<= 1.20', cold.check / at1k.check <= 1.2);

    const base = nextFirm;
    nextFirm += CONTENTION;
    const one = await fiveHundreds([live.base], token, (i) => workloads.hotBudget(base + i), CONTENTION, 64);
    record(backend, `responses >= 500: ${CONTENTION} on one budget at 64, one process`, `${one.bad} ${JSON.stringify(one.statuses)}`, '0', one.bad === 0);
    const claims = await fiveHundreds([live.base], token, (i) => workloads.oneEnterprise(i), 200, 200);
    record(backend, 'responses >= 500: 200 concurrent claims of one enterprise', `${claims.bad} ${JSON.stringify(claims.statuses)}`, '0', claims.bad === 0);

    const keys = writeKeysFile(dir, { ...key, createdAt: new Date(0), revokedAt: null });
    const processes = await Promise.all([startServiceProcess(ferret.uri, keys), startServiceProcess(ferret.uri, keys)]);
    try {
      const base2 = nextFirm;
      nextFirm += CONTENTION;
      const two = await fiveHundreds(processes.map((p) => p.base), token, (i) => workloads.hotBudget(base2 + i), CONTENTION, 64);
      record(backend, `responses >= 500: ${CONTENTION} on one budget at 64, two processes`, `${two.bad} ${JSON.stringify(two.statuses)}`, '0', two.bad === 0);
      const claims2 = await fiveHundreds(processes.map((p) => p.base), token, (i) => ({ ...workloads.oneEnterprise(i), beneficiary: { ...workloads.oneEnterprise(i).beneficiary, uscc: firm(9_999_999, '320505') } }), 200, 200);
      record(backend, 'responses >= 500: 200 claims of one enterprise, two processes', `${claims2.bad} ${JSON.stringify(claims2.statuses)}`, '0', claims2.bad === 0);
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
    }

    const problems = await moneyProblems(live.rt.context.models);
    record(backend, 'money invariants (journals = decisions <= limits)', problems.length ? problems.slice(0, 3).join('; ') : 'hold', 'hold', problems.length === 0);
    await close(live);
  } finally {
    await ferret.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`storage benchmark: ${STORED} stored decisions, ${CONTENTION} contended submissions; backends ${values.backends}`);
  for (const backend of values.backends.split(',') as EmbeddedBackend[]) await benchBackend(backend);
  console.log(`\n${'backend'.padEnd(10)} ${'measure'.padEnd(58)} ${'figure'.padEnd(30)} ${'target'.padEnd(18)}`);
  for (const r of results) console.log(r);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
