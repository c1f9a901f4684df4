/**
 * 200 concurrent claims of one enterprise against its annual cap, on one embedded backend, with
 * the time each status took: the contention case of the storage bench on its own, for tuning.
 *   npx tsx scripts/storage-bench/claims-probe.ts [sqlite|postgresql] [claims]
 */
import type { EmbeddedBackend } from '../../src/store/embedded-ferretdb';
import { moneyProblems } from '../../src/store/ledger-audit';
import { startBenchService } from './bench-service';
import { drive, percentile, post, workloads } from './workload';

async function main() {
  const backend = (process.argv[2] ?? 'postgresql') as EmbeddedBackend;
  const claims = Number(process.argv[3] ?? 200);
  const service = await startBenchService(backend, 'claims-probe');
  const { base, token, rt } = service;
  try {
    const byStatus: Record<number, number[]> = {};
    const outcomes: Record<string, number> = {};
    const t0 = performance.now();
    await drive(claims, claims, async (i) => {
      const t = performance.now();
      const r = await post(base, token, workloads.oneEnterprise(i));
      (byStatus[r.status] ??= []).push(performance.now() - t);
      const outcome = (r.body as { decision?: { outcome?: string } } | null)?.decision?.outcome ?? 'none';
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    });
    console.log(`${backend}: ${claims} claims in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    console.log(`  outcomes ${JSON.stringify(outcomes)}`);
    for (const [s, xs] of Object.entries(byStatus)) console.log(`  ${s}: ${xs.length}, p50 ${percentile(xs, 50).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`);
    const problems = await moneyProblems(rt.context.models);
    console.log(`  money invariants: ${problems.length ? problems.slice(0, 3).join('; ') : 'hold'}`);
  } finally {
    await service.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
