import type { EnterpriseMatch } from '../store/matching-models';
import { Decimal, yuanText } from '../money/decimal';

const PAYS = new Set(['approved', 'partial']);

/** An enterprise's matching result as the API shows it: qualified (with amounts), needing facts (which), failed (which conditions). */
export function summaryOf(r: EnterpriseMatch) {
  const qualified = r.programs.filter((m) => PAYS.has(m.outcome));
  return {
    uscc: r.uscc,
    name: r.name,
    jurisdiction: r.jurisdiction,
    estimatedTotal: yuanText(qualified.reduce((t, m) => t.plus(m.amount ?? 0), new Decimal(0))),
    qualified: qualified.map((m) => ({ program: m.program, version: m.version, outcome: m.outcome, estimatedAmount: m.amount, ...(m.autoGrant ? { autoGrant: m.autoGrant } : {}) })),
    needsFacts: r.programs.filter((m) => m.outcome === 'needs-information').map((m) => ({ program: m.program, missingFacts: m.missingFacts, ...(m.error ? { error: m.error } : {}), ...(m.whatWouldChange ? { whatWouldChange: m.whatWouldChange } : {}) })),
    failed: r.programs.filter((m) => m.outcome === 'rejected').map((m) => ({ program: m.program, version: m.version, conditions: m.failing, ...(m.whatWouldChange ? { whatWouldChange: m.whatWouldChange } : {}) })),
    sources: r.sources,
  };
}

export type MatchSummary = ReturnType<typeof summaryOf>;

export interface ResultFilter {
  program?: string;
  status?: 'qualified' | 'needs-facts' | 'failed';
  /** An enterprise of this jurisdiction or one below it. */
  district?: string;
  /** Yuan: the program's estimated amount (with program) or the enterprise's estimated total. */
  minAmount?: string;
}

/** Whether an enterprise's result passes the filter; `chain` gives a jurisdiction's ancestors. */
export function passes(r: EnterpriseMatch, f: ResultFilter, chain: (code: string) => string[]): boolean {
  if (f.district && !chain(r.jurisdiction).includes(f.district)) return false;
  const ms = f.program ? r.programs.filter((m) => m.program === f.program) : r.programs;
  if (f.program && !ms.length) return false;
  const status = (m: (typeof ms)[number]) => (PAYS.has(m.outcome) ? 'qualified' : m.outcome === 'needs-information' ? 'needs-facts' : 'failed');
  const selected = f.status ? ms.filter((m) => status(m) === f.status) : ms;
  if (f.status && !selected.length) return false;
  if (f.minAmount !== undefined) {
    const total = ms.filter((m) => PAYS.has(m.outcome)).reduce((t, m) => t.plus(m.amount ?? 0), new Decimal(0));
    if (total.lt(f.minAmount)) return false;
  }
  return true;
}
