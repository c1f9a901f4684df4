import type { DecisionLog, DecisionRecord } from '../store/decision-log';

/** What a search may ask for; every field optional, all given ones must hold (AND). */
export interface DecisionFilter {
  program?: string;
  /** The beneficiary's jurisdiction or any area containing it (a city includes its districts). */
  jurisdiction?: string;
  uscc?: string;
  outcomes?: readonly DecisionRecord['outcome'][];
  minAmountFen?: number;
  maxAmountFen?: number;
  /** Inclusive lower and exclusive upper bound on decidedAt, epoch milliseconds. */
  decidedFromMs?: number;
  decidedBeforeMs?: number;
  version?: string;
  /** The caller's scope: visible when the jurisdiction chain meets one of these ('*': all). */
  scopeJurisdictions?: readonly string[];
  /** The caller's scope for an applicant system: only what this key submitted. */
  scopeClient?: string;
}

export interface Totals {
  count: number;
  /** Sum of the amounts, integer fen as a bigint (exact whatever the count). */
  amountFen: bigint;
  byOutcome: Record<DecisionRecord['outcome'], number>;
}

/**
 * Decision records in log order with per-field posting lists (positions, ascending), fed by
 * the decision log as it grows. A query starts from the shortest posting list among its
 * equality filters (or every position) and checks the other filters on each candidate, so
 * totals over the filtered set and a page cost one pass over the candidates, never a query.
 * Positions never move: a record's place in the log is its place here, so a cursor (a
 * position) stays valid while decisions are added.
 */
export class DecisionIndex {
  private readonly records: DecisionRecord[] = [];
  private readonly decidedMs: number[] = [];
  private readonly totalsCache = new Map<string, { upTo: number; totals: Totals }>();
  private readonly postings = {
    program: new Map<string, number[]>(),
    area: new Map<string, number[]>(),
    uscc: new Map<string, number[]>(),
    outcome: new Map<string, number[]>(),
    version: new Map<string, number[]>(),
    client: new Map<string, number[]>(),
  };

  constructor(private readonly log: Pick<DecisionLog, 'records' | 'onRecords' | 'catchUp'>) {
    for (const r of log.records()) this.add(r);
    log.onRecords((added) => {
      for (const r of added) this.add(r);
    });
  }

  /** Reads what other processes logged since this one last looked. */
  catchUp(): Promise<void> {
    return this.log.catchUp();
  }

  get size(): number {
    return this.records.length;
  }

  at(position: number): DecisionRecord | undefined {
    return this.records[position];
  }

  private add(r: DecisionRecord): void {
    const p = this.records.length;
    this.records.push(r);
    this.decidedMs.push(Date.parse(r.decidedAt));
    const put = (m: Map<string, number[]>, key: string | null) => {
      if (key === null) return;
      const list = m.get(key);
      if (list) list.push(p);
      else m.set(key, [p]);
    };
    put(this.postings.program, r.program);
    for (const a of r.jurisdictionChain) put(this.postings.area, a);
    put(this.postings.uscc, r.uscc);
    put(this.postings.outcome, r.outcome);
    put(this.postings.version, r.version);
    put(this.postings.client, r.client);
  }

  /** The candidate positions: the shortest posting list an equality filter names, or undefined for all. */
  private candidates(f: DecisionFilter): readonly number[] | undefined {
    const lists: (readonly number[])[] = [];
    const none: number[] = [];
    const take = (m: Map<string, number[]>, key: string | undefined) => {
      if (key !== undefined) lists.push(m.get(key) ?? none);
    };
    take(this.postings.program, f.program);
    take(this.postings.area, f.jurisdiction);
    take(this.postings.uscc, f.uscc);
    take(this.postings.version, f.version);
    take(this.postings.client, f.scopeClient);
    if (f.outcomes?.length === 1) take(this.postings.outcome, f.outcomes[0]);
    if (f.scopeJurisdictions && !f.scopeJurisdictions.includes('*') && f.scopeJurisdictions.length === 1) take(this.postings.area, f.scopeJurisdictions[0]);
    if (lists.length === 0) return undefined;
    return lists.reduce((a, b) => (b.length < a.length ? b : a));
  }

  /** A predicate checking every filter on a position: only the checks the filter needs. */
  private matcher(f: DecisionFilter): (p: number) => boolean {
    const checks: ((r: DecisionRecord, p: number) => boolean)[] = [];
    if (f.program !== undefined) checks.push((r) => r.program === f.program);
    if (f.uscc !== undefined) checks.push((r) => r.uscc === f.uscc);
    if (f.version !== undefined) checks.push((r) => r.version === f.version);
    if (f.scopeClient !== undefined) checks.push((r) => r.client === f.scopeClient);
    if (f.outcomes && f.outcomes.length > 0) {
      const outcomes = new Set<string>(f.outcomes);
      checks.push((r) => outcomes.has(r.outcome));
    }
    if (f.jurisdiction !== undefined) checks.push((r) => r.jurisdictionChain.includes(f.jurisdiction!));
    const scope = f.scopeJurisdictions && !f.scopeJurisdictions.includes('*') ? f.scopeJurisdictions : undefined;
    if (scope) checks.push((r) => scope.some((j) => r.jurisdictionChain.includes(j)));
    if (f.minAmountFen !== undefined || f.maxAmountFen !== undefined) {
      const min = f.minAmountFen ?? -Infinity;
      const max = f.maxAmountFen ?? Infinity;
      checks.push((r) => r.amountFen !== null && r.amountFen >= min && r.amountFen <= max);
    }
    if (f.decidedFromMs !== undefined || f.decidedBeforeMs !== undefined) {
      const from = f.decidedFromMs ?? -Infinity;
      const before = f.decidedBeforeMs ?? Infinity;
      checks.push((_r, p) => this.decidedMs[p]! >= from && this.decidedMs[p]! < before);
    }
    const records = this.records;
    return (p) => {
      const r = records[p]!;
      for (const c of checks) if (!c(r, p)) return false;
      return true;
    };
  }

  /**
   * Every matching position in log order (ascending) or newest first (descending), starting
   * after the position `after` (exclusive) when given. A generator: an export walks it without
   * holding the set.
   */
  *positions(f: DecisionFilter, order: 'asc' | 'desc' = 'asc', after?: number): Generator<number> {
    const list = this.candidates(f);
    const match = this.matcher(f);
    const n = list ? list.length : this.records.length;
    const pos = list ? (i: number) => list[i]! : (i: number) => i;
    if (order === 'asc') {
      for (let i = after === undefined ? 0 : firstAbove(list, after, n); i < n; i++) if (match(pos(i))) yield pos(i);
    } else {
      for (let i = after === undefined ? n - 1 : firstAbove(list, after - 1, n) - 1; i >= 0; i--) if (match(pos(i))) yield pos(i);
    }
  }

  /**
   * The totals of a filter, kept per filter: positions only grow, so a filter asked again is
   * brought up to date by checking the records logged since (a page of an ongoing search costs
   * its own records, not a pass over the set).
   */
  totals(f: DecisionFilter): Totals {
    const key = JSON.stringify(f);
    let cached = this.totalsCache.get(key);
    if (cached) this.totalsCache.delete(key); // re-inserted below: the most recent last
    cached ??= { upTo: 0, totals: { count: 0, amountFen: 0n, byOutcome: { approved: 0, partial: 0, rejected: 0, 'needs-information': 0 } } };
    const list = this.candidates(f);
    const match = this.matcher(f);
    const n = list ? list.length : this.records.length;
    const t = cached.totals;
    let sum = 0;
    for (let i = firstAbove(list, cached.upTo - 1, n); i < n; i++) {
      const p = list ? list[i]! : i;
      if (!match(p)) continue;
      const r = this.records[p]!;
      t.count++;
      t.byOutcome[r.outcome]++;
      if (r.amountFen !== null) {
        sum += r.amountFen;
        // keep the running sum exact: fold into the bigint before a number could lose fen
        if (sum > 2 ** 52) {
          t.amountFen += BigInt(sum);
          sum = 0;
        }
      }
    }
    t.amountFen += BigInt(sum);
    cached.upTo = this.records.length;
    this.totalsCache.set(key, cached);
    if (this.totalsCache.size > 256) this.totalsCache.delete(this.totalsCache.keys().next().value!);
    return { ...t, byOutcome: { ...t.byOutcome } };
  }

  /** One page (up to `limit` records after the cursor position) and the totals of the whole filtered set. */
  page(f: DecisionFilter, options: { order: 'asc' | 'desc'; after?: number; limit: number }): { records: DecisionRecord[]; positions: number[]; more: boolean; totals: Totals } {
    const totals = this.totals(f);
    const page: number[] = [];
    let more = false;
    for (const p of this.positions(f, options.order, options.after)) {
      if (page.length === options.limit) {
        more = true;
        break;
      }
      page.push(p);
    }
    return { records: page.map((p) => this.records[p]!), positions: page, more, totals };
  }
}

/** Index of the first entry of a sorted list (or of 0..n-1) greater than `value`. */
function firstAbove(list: readonly number[] | undefined, value: number, n: number): number {
  if (!list) return Math.min(Math.max(value + 1, 0), n);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
