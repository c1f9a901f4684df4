/* Generated from schemas/decision-search.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * CSV export / CSV 导出
 *
 * UTF-8 with a byte order mark; a header row of the item's field names, then one decision a row (reasons joined by ;); the standing correction, if any, in the last columns correctionKind, correctionOutcome, correctionAmount, correctedAt.
 *
 * This interface was referenced by `DecisionSearch`'s JSON-Schema
 * via the `definition` "csvExport".
 */
export type DecisionSearchCsvExport = string;
/**
 * JSON Lines export / JSON Lines 导出
 *
 * One decision record (the search item) a line.
 *
 * This interface was referenced by `DecisionSearch`'s JSON-Schema
 * via the `definition` "jsonlExport".
 */
export type DecisionSearchJsonlExport = string;

/**
 * Decision search page / 决定检索结果
 *
 * One page of decisions matching a search, in log order (or newest first), with the totals of the whole filtered set within the caller's scope, and the cursor of the next page.
 */
export interface DecisionSearch {
  decisions: DecisionSearchItem[];
  totals: DecisionSearchTotals;
  limit: number;
  /**
   * asc: the order decisions were logged in (oldest first); desc: newest first.
   */
  order: 'asc' | 'desc';
  /**
   * Pass as `cursor` with the same filters and order for the next page; null on the last page.
   */
  nextCursor: string | null;
}
/**
 * Decision record / 决定登记
 *
 * A stored decision's record in the decision log (the full explanation: GET /v1/decisions/{id}).
 *
 * This interface was referenced by `DecisionSearch`'s JSON-Schema
 * via the `definition` "item".
 */
export interface DecisionSearchItem {
  decisionId: string;
  applicationId: string;
  program: string;
  version: string | null;
  ruleHash: string | null;
  /**
   * The beneficiary's jurisdiction code.
   */
  jurisdiction: string;
  uscc: string;
  beneficiaryName: string;
  /**
   * The id of the API key that submitted the application.
   */
  client: string;
  outcome: 'approved' | 'partial' | 'rejected' | 'needs-information';
  /**
   * Yuan with two decimals; null when nothing is payable.
   */
  amount: string | null;
  reasons: string[];
  applicationDate: string;
  decidedAt: string;
  topUpOf: string | null;
  decisionHash: string;
  /**
   * The standing correction
   *
   * The latest correction or withdrawal of this decision (its own hash chain; the decision and its record never change), or null when none. Search answers carry it; the outcome and amount above stay those decided.
   */
  correction?: null | {
    /**
     * the correction's id
     */
    id: string;
    kind: 'correction' | 'withdrawal';
    /**
     * the outcome that stands (null: withdrawn)
     */
    outcome: 'approved' | 'partial' | 'rejected' | 'needs-information' | null;
    /**
     * the amount in yuan that stands (null: none)
     */
    amount: string | null;
    at: string;
  };
}
/**
 * Totals of the filtered set / 合计
 *
 * This interface was referenced by `DecisionSearch`'s JSON-Schema
 * via the `definition` "totals".
 */
export interface DecisionSearchTotals {
  count: number;
  /**
   * Sum of the amounts, yuan, exact.
   */
  amount: string;
  byOutcome: {
    approved: number;
    partial: number;
    rejected: number;
    'needs-information': number;
  };
}
