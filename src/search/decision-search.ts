import type { ApiKeyRecord } from '../access/api-keys';
import { fromFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import type { Correction } from '../store/correction-chain';
import type { DecisionRecord } from '../store/decision-log';
import { DecisionIndex, type DecisionFilter, type Totals } from './decision-index';
import { encodeCursor, parseFilter, parsePage } from './search-query';

/** The latest correction of a decision as a search answer shows it. */
export function correctionView(c: Correction | undefined) {
  return c ? { id: c.id, kind: c.kind, outcome: c.outcome, amount: c.amountFen === null ? null : fromFen(c.amountFen).toFixed(2), at: c.at } : null;
}

/** How a decision record looks in a search answer or an export (schemas/decision-search.schema.json). */
export function recordView(r: DecisionRecord) {
  return {
    decisionId: r.decisionId,
    applicationId: r.applicationId,
    program: r.program,
    version: r.version,
    ruleHash: r.ruleHash,
    jurisdiction: r.jurisdiction,
    uscc: r.uscc,
    beneficiaryName: r.beneficiaryName,
    client: r.client,
    outcome: r.outcome,
    amount: r.amountFen === null ? null : fromFen(r.amountFen).toFixed(2),
    reasons: r.reasons,
    applicationDate: r.applicationDate,
    decidedAt: r.decidedAt,
    topUpOf: r.topUpOf,
    decisionHash: r.decisionHash,
  };
}

/** A search answer's item (and an export's row): the record as decided, and the correction that stands. */
export function searchItem(r: DecisionRecord, corrections: ReadonlyMap<string, Correction>) {
  return { ...recordView(r), correction: correctionView(corrections.get(r.decisionId)) };
}

/** Exact yuan text of a bigint of fen. */
export function yuanOfFen(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export function totalsView(t: Totals) {
  return { count: t.count, amount: yuanOfFen(t.amountFen), byOutcome: t.byOutcome };
}

/** The caller's scope as filters: its jurisdictions and, for an applicant system, its own submissions. */
export function scopeOf(caller: Pick<ApiKeyRecord, 'id' | 'role' | 'jurisdictions'>): Pick<DecisionFilter, 'scopeJurisdictions' | 'scopeClient'> {
  return { scopeJurisdictions: caller.jurisdictions, ...(caller.role === 'applicant' ? { scopeClient: caller.id } : {}) };
}

/**
 * Search over the decision log's records in memory: filters and the caller's scope applied
 * alike to the page and to the totals, cursor pagination in log order (or newest first).
 */
export class DecisionSearch {
  readonly index: DecisionIndex;

  constructor(log: ConstructorParameters<typeof DecisionIndex>[0], private readonly catalog: ProgramCatalog) {
    this.index = new DecisionIndex(log);
  }

  /** The filter a request asks for, within the caller's scope (422 naming a bad parameter). */
  filterFor(query: Record<string, unknown>, caller: Pick<ApiKeyRecord, 'id' | 'role' | 'jurisdictions'>): DecisionFilter {
    return { ...parseFilter(query, this.catalog), ...scopeOf(caller) };
  }

  /** `corrections`: the latest correction of each corrected decision, shown beside its record. */
  async search(query: Record<string, unknown>, caller: Pick<ApiKeyRecord, 'id' | 'role' | 'jurisdictions'>, corrections: ReadonlyMap<string, Correction> = new Map()) {
    const filter = this.filterFor(query, caller);
    const page = parsePage(query);
    await this.index.catchUp();
    const found = this.index.page(filter, page);
    const last = found.positions.at(-1);
    return {
      decisions: found.records.map((r) => searchItem(r, corrections)),
      totals: totalsView(found.totals),
      limit: page.limit,
      order: page.order,
      nextCursor: found.more && last !== undefined ? encodeCursor({ p: last, o: page.order, h: page.fingerprint }) : null,
    };
  }
}

const searches = new WeakMap<object, DecisionSearch>();

/** One search (one in-memory index) per decision log, whichever routes ask for it. */
export function searchOver(log: ConstructorParameters<typeof DecisionIndex>[0], catalog: ProgramCatalog): DecisionSearch {
  let s = searches.get(log);
  if (!s) {
    s = new DecisionSearch(log, catalog);
    searches.set(log, s);
  }
  return s;
}
