import { Calculation } from '../adjudication/calculation';
import { ledgerKey } from '../adjudication/caps';
import { versionsInForce } from '../adjudication/version-selection';
import { Decimal, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import type { Program, ProgramVersion } from '../rules/compiled';
import { CLAIM_CAP_ID, type Cap } from '../rules/pack-types';
import type { Statistics } from '../schema-types/statistics';

/**
 * A program-wide budget or pool, for one period: its limit, what the ledger holds, what is left
 * (an item of schemas/statistics.schema.json's budgets).
 */
export type BudgetFigure = Statistics['budgets'][number];

/** What the budgets read: a ledger's current total (the cap ledgers, read forward by `_id`). */
export interface LedgerTotals {
  used(ledger: string): Promise<{ used: number }>;
}

/** A budget ledger to read: a program-wide money cap of one version, for one period and key. */
export interface BudgetLedger {
  program: Program;
  version: ProgramVersion;
  cap: Cap;
  key: Record<string, string>;
  period: string;
  ledger: string;
  limitFen: number;
}

/**
 * Program-wide money caps (annual budgets, risk pools): caps kept per no party — not per
 * beneficiary, not per claim — whose other keys are facts with a closed list of values
 * (claimMode: bank | guarantee), so every ledger can be named without reading any decision.
 */
export function budgetLedgers(catalog: ProgramCatalog, programs: readonly Program[], years: readonly string[], today: string): BudgetLedger[] {
  const out: BudgetLedger[] = [];
  for (const program of programs) {
    const seen = new Set<string>();
    for (const period of ['lifetime', ...years]) {
      const date = period === 'lifetime' ? today : `${period}-12-31` < today ? `${period}-12-31` : today;
      const version = versionsInForce.select(program, date, false) ?? versionsInForce.select(program, today, false);
      if (!version) continue;
      for (const { cap, limit } of version.caps) {
        if (cap.id === CLAIM_CAP_ID || cap.measure !== 'amount' || (cap.period === 'lifetime') !== (period === 'lifetime')) continue;
        const values = cap.per.map((p) => (p === 'beneficiary' ? undefined : catalog.facts.get(p)?.values));
        if (values.some((v) => v === undefined)) continue;
        for (const combo of combinations(values as (readonly string[])[])) {
          const key = Object.fromEntries(cap.per.map((p, i) => [p, combo[i]!]));
          const ledger = ledgerKey(version, cap.id, combo, period);
          if (seen.has(ledger)) continue;
          const l = new Calculation(version, key, catalog.facts).evaluate(limit);
          if (!l.ok) continue;
          seen.add(ledger);
          out.push({ program, version, cap, key, period, ledger, limitFen: toFen((l.value as Decimal).toDecimalPlaces(2, Decimal.ROUND_DOWN)) });
        }
      }
    }
  }
  return out;
}

/** Each budget ledger's use and what is left. */
export async function budgetFigures(ledgers: LedgerTotals, budgets: readonly BudgetLedger[]): Promise<BudgetFigure[]> {
  return Promise.all(
    budgets.map(async (b) => {
      const { used } = await ledgers.used(b.ledger);
      return {
        program: b.program.key,
        cap: b.cap.id,
        title: b.cap.title,
        ...(b.cap.per.length ? { key: b.key } : {}),
        period: b.period,
        ledger: b.ledger,
        version: b.version.version.version,
        limitFen: b.limitFen,
        usedFen: used,
        leftFen: Math.max(0, b.limitFen - used),
        usedShare: share(used, b.limitFen),
      };
    }),
  );
}

/** a / b as a decimal text with 4 places, rounded down ("0" when b is 0). */
export function share(a: number, b: number): string {
  return b > 0 ? new Decimal(a).div(b).toDecimalPlaces(4, Decimal.ROUND_DOWN).toFixed(4) : '0.0000';
}

function combinations(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>((acc, list) => acc.flatMap((c) => list.map((v) => [...c, v])), [[]]);
}
