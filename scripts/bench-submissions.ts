/**
 * Measures submissions and eligibility checks against a throw-away embedded FerretDB (or
 * MONGODB_URI): latency percentiles and throughput at a given concurrency, in batches, so a
 * cost that grows with the data shows as a trend.
 *   npm run bench -- [--applications 400] [--concurrency 8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { withCheckCharacter } from '../src/adjudication/uscc';
import { loadConfig } from '../src/config';
import { startRuntime } from '../src/runtime';
import { startFerretDb } from '../src/store/embedded-ferretdb';

const { values } = parseArgs({ options: { applications: { type: 'string', default: '400' }, concurrency: { type: 'string', default: '8' } } });
const total = Number(values.applications);
const concurrency = Number(values.concurrency);

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const config = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  const ferret = config.mongodbUri ? undefined : await startFerretDb(config.ferretDbBinary, dir, 'bench', undefined, { backend: config.embeddedDb });
  const uri = config.mongodbUri ?? ferret!.uri;
  const rt = await startRuntime({ mongodbUri: uri, writeConcern: config.writeConcern, embedded: ferret });
  const facts = {
    subsidyYear: 2024, independentLegalPerson: true, seriousDishonestyInLast3Years: false, enrolledOnTechFinancePlatform: true,
    loanFiledWithProgram: true, qualifications: ['high-tech'], industry: 'biomedicine', interestPaid: '40000', guaranteeFeesPaid: '5000',
  };
  const body = (n: number) => ({
    program: '320500/loan-interest-subsidy',
    beneficiary: { uscc: withCheckCharacter(`91320594MA${String(n % 50).padStart(7, '0')}`), name: `bench ${n % 50}`, jurisdiction: '320571' },
    facts: { ...facts, loanId: `BENCH-${n}` }, // each submission its own loan: one claim each
  });
  console.log(`${total} submissions (city subsidy + park top-up each), ${concurrency} at a time, on ${ferret ? `embedded FerretDB (${ferret.backend})` : 'MONGODB_URI'}`);
  const batch = Math.max(concurrency, Math.floor(total / 4));
  for (let start = 0; start < total; start += batch) {
    const latencies: number[] = [];
    let next = start;
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < Math.min(total, start + batch)) {
          const n = next++;
          const t = Date.now();
          await rt.context.submissions.submit(body(n), 'bench', `bench-${n}`);
          latencies.push(Date.now() - t);
        }
      }),
    );
    const secs = (Date.now() - t0) / 1000;
    console.log(`submissions ${start + 1}-${start + latencies.length}: p50 ${percentile(latencies, 50)} ms, p95 ${percentile(latencies, 95)} ms, ${(latencies.length / secs).toFixed(1)}/s`);
  }
  const checks: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = Date.now();
    await rt.context.eligibility.check({ beneficiary: body(i).beneficiary, applicationDate: '2025-03-15', facts });
    checks.push(Date.now() - t);
  }
  console.log(`eligibility checks (all programs of the chain): p50 ${percentile(checks, 50)} ms, p95 ${percentile(checks, 95)} ms`);
  const mem = process.memoryUsage();
  console.log(`memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);
  await rt.database.close();
  await ferret?.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
