import { invalid } from '../service/errors';
import type { CatalogSource } from '../rules/catalog';
import { ReadsCatalogInForce } from '../rules/catalog-in-force';
import type { DecisionRecord } from '../store/decision-log';
import { addCounts, emptyCounts, StatisticsAggregates, type OutcomeCounts, type StatisticsQuery, type StatisticsRows } from './aggregates';
import { budgetFigures, budgetLedgers, share, type BudgetFigure, type LedgerTotals } from './budgets';
import type { Statistics as StatisticsSchema } from '../schema-types/statistics';

/** The decision log as statistics read it (src/store/decision-log.ts). */
export interface RecordSource {
  records(): Iterable<DecisionRecord>;
  onRecords(listener: (records: DecisionRecord[]) => void): void;
  catchUp(): Promise<void>;
  readonly head: { seq: number };
}

/** Where the rows come from: the in-memory aggregates, or a MongoDB aggregation pipeline. */
export interface RowSource {
  readonly name: 'memory' | 'pipeline';
  rows(q: StatisticsQuery, bankPrograms: readonly string[]): Promise<StatisticsRows>;
}

type ProgramFigures = { program: string; approvals: number; beneficiariesServed: number; rejectionsByReason: { reason: string; count: number }[] } & OutcomeCounts;

/** What GET /v1/statistics answers: schemas/statistics.schema.json. */
export type StatisticsAnswer = StatisticsSchema;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Statistics over the decision log's records (统计监测): outcome counts, amounts, beneficiaries,
 * rejections by reason, bank payments, the heat table, the monthly trend; and budget and pool
 * use from the cap ledgers. Rows come from the in-memory aggregates by default (FerretDB v1
 * cannot compute them: see the README), or from a pipeline source on MongoDB.
 */
export class Statistics extends ReadsCatalogInForce {
  readonly aggregates: StatisticsAggregates;
  private readonly source: RowSource;

  constructor(
    catalog: CatalogSource,
    private readonly log: RecordSource,
    private readonly ledgers: LedgerTotals,
    private readonly today: () => string,
    pipeline?: RowSource,
  ) {
    super(catalog);
    this.aggregates = new StatisticsAggregates((p) => this.isBankProgram(p));
    this.aggregates.add(log.records());
    log.onRecords((records) => this.aggregates.add(records));
    const memory: RowSource = { name: 'memory', rows: async (q) => this.aggregates.rows(q) };
    this.source = pipeline ?? memory;
  }

  isBankProgram(program: string): boolean {
    const b = this.catalog.get(program)?.pack.beneficiary;
    return b === 'bank' || b === 'bank-or-guarantor';
  }

  /** Checks a query's fields; names the field that is wrong. */
  check(q: { jurisdiction?: string; program?: string; from?: string; to?: string }, defaultJurisdiction: string | undefined): StatisticsQuery {
    const jurisdiction = q.jurisdiction ?? defaultJurisdiction;
    if (jurisdiction === undefined) throw invalid('jurisdiction is required for a key with several jurisdictions', [{ pointer: '/query/jurisdiction', detail: 'is required' }]);
    if (!this.catalog.jurisdictions.has(jurisdiction)) throw invalid(`unknown jurisdiction ${jurisdiction}`, [{ pointer: '/query/jurisdiction', detail: 'is not a known jurisdiction code' }]);
    if (q.program !== undefined && !this.catalog.get(q.program)) throw invalid(`unknown program ${q.program}`, [{ pointer: '/query/program', detail: 'is not a known program key' }]);
    for (const f of ['from', 'to'] as const) {
      const v = q[f];
      if (v !== undefined && (!DATE.test(v) || Number.isNaN(Date.parse(v)))) throw invalid(`${f} is not a date`, [{ pointer: `/query/${f}`, detail: 'must be a date YYYY-MM-DD' }]);
    }
    if (q.from !== undefined && q.to !== undefined && q.from > q.to) throw invalid('from is after to', [{ pointer: '/query/from', detail: 'must not be after to' }]);
    return { jurisdiction, ...(q.program !== undefined ? { program: q.program } : {}), ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) };
  }

  async answer(q: StatisticsQuery): Promise<StatisticsAnswer> {
    await this.log.catchUp();
    const banks = this.catalog.all().filter((p) => this.isBankProgram(p.key)).map((p) => p.key);
    const rows = await this.source.rows(q, banks);
    const budgets = await budgetFigures(this.ledgers, budgetLedgers(this.catalog, this.budgetPrograms(q), this.years(q), this.today()));
    return this.compose(q, rows, budgets);
  }

  /** Rows from the in-memory aggregates (what a differential test compares a pipeline with). */
  memoryRows(q: StatisticsQuery): StatisticsRows {
    return this.aggregates.rows(q);
  }

  /** Programs whose budgets count for an area: those of the area and of the areas within it. */
  private budgetPrograms(q: StatisticsQuery) {
    return this.catalog
      .all()
      .filter((p) => p.pack.status !== 'draft' && this.catalog.jurisdictions.chain(p.pack.jurisdiction).includes(q.jurisdiction))
      .filter((p) => q.program === undefined || p.key === q.program);
  }

  /** Budget years: those of the period; without one, this year. */
  private years(q: StatisticsQuery): string[] {
    const thisYear = this.today().slice(0, 4);
    const first = Number((q.from ?? q.to ?? this.today()).slice(0, 4));
    const last = Number((q.to ?? (q.from && q.from.slice(0, 4) > thisYear ? q.from : this.today())).slice(0, 4));
    const out: string[] = [];
    for (let y = first; y <= last && out.length < 50; y++) out.push(String(y));
    return out;
  }

  private compose(q: StatisticsQuery, rows: StatisticsRows, budgets: BudgetFigure[]): StatisticsAnswer {
    const totals = emptyCounts();
    const programs = new Map<string, ProgramFigures>();
    const heat = new Map<string, StatisticsAnswer['heatTable'][number]>();
    const trend = new Map<string, StatisticsAnswer['trend'][number]>();
    const servedBy = new Map(rows.served.map((s) => [s.program, s.beneficiaries]));
    for (const c of rows.cells) {
      addCounts(totals, c);
      const awards = c.approved + c.partial;
      let p = programs.get(c.program);
      if (!p) programs.set(c.program, (p = { program: c.program, ...emptyCounts(), approvals: 0, beneficiariesServed: servedBy.get(c.program) ?? 0, rejectionsByReason: [] }));
      addCounts(p, c);
      p.approvals += awards;
      const hk = `${c.area}|${c.program}`;
      const h = heat.get(hk) ?? { area: c.area, areaName: this.catalog.jurisdictions.get(c.area)?.name ?? c.area, program: c.program, decisions: 0, awards: 0, amountAwardedFen: 0 };
      h.decisions += c.decisions;
      h.awards += awards;
      h.amountAwardedFen += c.amountAwardedFen;
      heat.set(hk, h);
      const t = trend.get(c.month) ?? { month: c.month, decisions: 0, awards: 0, amountAwardedFen: 0 };
      t.decisions += c.decisions;
      t.awards += awards;
      t.amountAwardedFen += c.amountAwardedFen;
      trend.set(c.month, t);
    }
    const byReason = new Map<string, number>();
    for (const r of rows.rejections) {
      programs.get(r.program)?.rejectionsByReason.push({ reason: r.reason, count: r.count });
      byReason.set(r.reason, (byReason.get(r.reason) ?? 0) + r.count);
    }
    const sortReasons = (list: { reason: string; count: number }[]) => list.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
    for (const p of programs.values()) sortReasons(p.rejectionsByReason);
    const programList = [...programs.values()].sort((a, b) => (a.program < b.program ? -1 : 1));
    const j = this.catalog.jurisdictions.get(q.jurisdiction)!;
    return {
      jurisdiction: { code: j.code, name: j.name },
      program: q.program ?? null,
      from: q.from ?? null,
      to: q.to ?? null,
      totals: { ...totals, approvals: totals.approved + totals.partial, beneficiariesServed: servedBy.get(null) ?? 0 },
      rejectionsByReason: sortReasons([...byReason].map(([reason, count]) => ({ reason, count }))),
      programs: programList,
      budgets,
      banks: rows.banks,
      heatTable: [...heat.values()].sort((a, b) => (`${a.area}|${a.program}` < `${b.area}|${b.program}` ? -1 : 1)),
      trend: [...trend.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
      applicationsVsApprovals: programList.map((p) => ({ program: p.program, applications: p.decisions, approvals: p.approvals })),
      source: this.source.name,
      logSeq: this.log.head.seq,
    };
  }
}

