import type { DecisionRecord } from '../store/decision-log';

/** What statistics are asked for: an area (rolled up: a city includes its districts), a program, a period of application dates. */
export interface StatisticsQuery {
  jurisdiction: string;
  program?: string;
  /** First and last application date counted (YYYY-MM-DD, inclusive). */
  from?: string;
  to?: string;
}

/** Counts of one slice of decisions: how many, how they came out, what they awarded. */
export interface OutcomeCounts {
  decisions: number;
  /** Decisions of an application's own program (top-ups excluded): one per application and program. */
  applications: number;
  approved: number;
  partial: number;
  rejected: number;
  needsInformation: number;
  amountAwardedFen: number;
}

/**
 * The figures both sources (the in-memory aggregates and the MongoDB pipeline) produce for a
 * query, in one canonical form the statistics service composes: a differential test compares them.
 */
export interface StatisticsRows {
  /** Per area (the queried jurisdiction's direct sub-area the beneficiary lies in, or the jurisdiction itself), program and month. */
  cells: ({ area: string; program: string; month: string } & OutcomeCounts)[];
  /** Reason codes of rejected decisions, per program. */
  rejections: { program: string; reason: string; count: number }[];
  /** Beneficiaries awarded something: per program, and in all (a firm counted once). */
  served: { program: string | null; beneficiaries: number }[];
  /** What each beneficiary of a bank program (risk compensation, bank incentives) was paid. */
  banks: { program: string; uscc: string; name: string; claims: number; paidClaims: number; amountFen: number }[];
}

interface Cell extends OutcomeCounts {
  area: string;
  program: string;
  day: string;
  reasons: Map<string, number>;
  /** Beneficiaries awarded something in this cell. */
  served: Set<string>;
  /** Per bank: its name as its latest record gives it (`seen`: that record's place in the log). */
  banks: Map<string, { name: string; seen: number; claims: number; paidClaims: number; amountFen: number }>;
}

export function emptyCounts(): OutcomeCounts {
  return { decisions: 0, applications: 0, approved: 0, partial: 0, rejected: 0, needsInformation: 0, amountAwardedFen: 0 };
}

export function addCounts(into: OutcomeCounts, c: OutcomeCounts): void {
  into.decisions += c.decisions;
  into.applications += c.applications;
  into.approved += c.approved;
  into.partial += c.partial;
  into.rejected += c.rejected;
  into.needsInformation += c.needsInformation;
  into.amountAwardedFen += c.amountAwardedFen;
}

/** The amount a decision awarded (approved or partial), in fen; 0 for any other outcome. */
export function awardedFen(r: Pick<DecisionRecord, 'outcome' | 'amountFen'>): number {
  return (r.outcome === 'approved' || r.outcome === 'partial') && r.amountFen ? r.amountFen : 0;
}

/**
 * Statistics kept up to date from the decision log's records as they arrive (onRecords), in
 * every process: per jurisdiction of each record's chain (so a city holds its districts'
 * figures), per sub-area, program and application day. A query reads the cells of one
 * jurisdiction — a few thousand at most — never the decisions.
 */
export class StatisticsAggregates {
  private readonly byNode = new Map<string, Map<string, Cell>>();
  private count = 0;

  constructor(private readonly isBankProgram: (program: string) => boolean) {}

  /** Adds records (each decision once: the log hands each record over once). */
  add(records: Iterable<DecisionRecord>): void {
    for (const r of records) {
      this.count++;
      // the chain from the nation down (records list it either way round: CN first, or the beneficiary's own code first)
      const down = r.jurisdictionChain[0] === 'CN' ? r.jurisdictionChain : [...r.jurisdictionChain].reverse();
      for (let i = 0; i < down.length; i++) {
        const node = down[i]!;
        const area = down[i + 1] ?? node;
        let cells = this.byNode.get(node);
        if (!cells) this.byNode.set(node, (cells = new Map()));
        const key = `${area}|${r.program}|${r.applicationDate}`;
        let cell = cells.get(key);
        if (!cell) cells.set(key, (cell = { area, program: r.program, day: r.applicationDate, ...emptyCounts(), reasons: new Map(), served: new Set(), banks: new Map() }));
        addRecord(cell, r, this.isBankProgram(r.program), this.count);
      }
    }
  }

  /** Records counted so far. */
  get size(): number {
    return this.count;
  }

  rows(q: StatisticsQuery): StatisticsRows {
    const cells = new Map<string, StatisticsRows['cells'][number]>();
    const rejections = new Map<string, StatisticsRows['rejections'][number]>();
    const servedBy = new Map<string, Set<string>>();
    const servedAll = new Set<string>();
    const banks = new Map<string, StatisticsRows['banks'][number] & { seen: number }>();
    for (const c of this.byNode.get(q.jurisdiction)?.values() ?? []) {
      if (q.program !== undefined && c.program !== q.program) continue;
      if ((q.from !== undefined && c.day < q.from) || (q.to !== undefined && c.day > q.to)) continue;
      const month = c.day.slice(0, 7);
      const key = `${c.area}|${c.program}|${month}`;
      let out = cells.get(key);
      if (!out) cells.set(key, (out = { area: c.area, program: c.program, month, ...emptyCounts() }));
      addCounts(out, c);
      for (const [reason, n] of c.reasons) {
        const k = `${c.program}|${reason}`;
        const row = rejections.get(k) ?? { program: c.program, reason, count: 0 };
        row.count += n;
        rejections.set(k, row);
      }
      let set = servedBy.get(c.program);
      if (!set) servedBy.set(c.program, (set = new Set()));
      for (const u of c.served) {
        set.add(u);
        servedAll.add(u);
      }
      for (const [uscc, b] of c.banks) {
        const k = `${c.program}|${uscc}`;
        const row = banks.get(k) ?? { program: c.program, uscc, name: b.name, seen: b.seen, claims: 0, paidClaims: 0, amountFen: 0 };
        row.claims += b.claims;
        row.paidClaims += b.paidClaims;
        row.amountFen += b.amountFen;
        if (b.seen > row.seen) [row.name, row.seen] = [b.name, b.seen];
        banks.set(k, row);
      }
    }
    const served: StatisticsRows['served'] = [...servedBy].filter(([, s]) => s.size > 0).map(([program, s]) => ({ program, beneficiaries: s.size }));
    served.push({ program: null, beneficiaries: servedAll.size });
    return canonicalRows({ cells: [...cells.values()], rejections: [...rejections.values()], served, banks: [...banks.values()].map(({ seen: _seen, ...b }) => b) });
  }
}

function addRecord(cell: Cell, r: DecisionRecord, bank: boolean, seen: number): void {
  const amount = awardedFen(r);
  cell.decisions++;
  if (r.topUpOf === null) cell.applications++;
  if (r.outcome === 'approved') cell.approved++;
  else if (r.outcome === 'partial') cell.partial++;
  else if (r.outcome === 'rejected') cell.rejected++;
  else cell.needsInformation++;
  cell.amountAwardedFen += amount;
  if (r.outcome === 'rejected') for (const reason of new Set(r.reasons)) cell.reasons.set(reason, (cell.reasons.get(reason) ?? 0) + 1);
  if (amount > 0) cell.served.add(r.uscc);
  if (bank) {
    const b = cell.banks.get(r.uscc) ?? { name: r.beneficiaryName, seen, claims: 0, paidClaims: 0, amountFen: 0 };
    b.claims++;
    if (amount > 0) b.paidClaims++;
    b.amountFen += amount;
    [b.name, b.seen] = [r.beneficiaryName, seen];
    cell.banks.set(r.uscc, b);
  }
}

/** Rows in one order, whatever produced them (so two sources compare equal). */
export function canonicalRows(rows: StatisticsRows): StatisticsRows {
  const by = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    cells: [...rows.cells].sort(by((c) => `${c.area}|${c.program}|${c.month}`)),
    rejections: [...rows.rejections].sort(by((r) => `${r.program}|${r.reason}`)),
    served: [...rows.served].sort(by((s) => s.program ?? '')),
    banks: [...rows.banks].sort(by((b) => `${b.program}|${b.uscc}`)),
  };
}
