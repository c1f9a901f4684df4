/* Generated from schemas/statistics.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ExplanationBilingual } from './explanation';

/**
 * Integer fen (1 yuan = 100 fen).
 *
 * This interface was referenced by `Statistics`'s JSON-Schema
 * via the `definition` "fen".
 */
export type StatisticsFen = number;
/**
 * This interface was referenced by `Statistics`'s JSON-Schema
 * via the `definition` "count".
 */
export type StatisticsCount = number;
/**
 * This interface was referenced by `Statistics`'s JSON-Schema
 * via the `definition` "reasons".
 */
export type StatisticsReasons = {
  reason: string;
  count: StatisticsCount;
}[];

/**
 * Statistics / 统计监测
 *
 * Figures over stored decisions for an area (a city includes its districts), optionally one program and a period of application dates; budget and pool use from the cap ledgers. Money in integer fen.
 */
export interface Statistics {
  jurisdiction: {
    code: string;
    name: string;
  };
  program: string | null;
  from: string | null;
  to: string | null;
  totals: StatisticsCounts;
  /**
   * Reason codes of rejected decisions, most frequent first.
   */
  rejectionsByReason: StatisticsReasons;
  programs: StatisticsProgramCounts[];
  /**
   * Program-wide budgets and pools of the programs of the area and the areas within it: limit, used and left for each period.
   */
  budgets: {
    program: string;
    cap: string;
    /**
     * The cap's title, as the rule pack states it.
     */
    title: ExplanationBilingual;
    /**
     * The values of the facts the budget is kept per (e.g. claimMode).
     */
    key?: {
      [k: string]: string;
    };
    /**
     * A year, or lifetime for a pool.
     */
    period: string;
    ledger: string;
    /**
     * The rule version whose limit is shown.
     */
    version: string;
    limitFen: StatisticsFen;
    usedFen: number;
    leftFen: StatisticsFen;
    usedShare: string;
  }[];
  /**
   * What each bank was paid under the programs whose beneficiary is a bank (risk compensation, bank incentives).
   */
  banks: {
    program: string;
    uscc: string;
    name: string;
    claims: StatisticsCount;
    paidClaims: StatisticsCount;
    amountFen: StatisticsFen;
  }[];
  /**
   * Sub-area × program: the area's direct sub-areas (a city's districts), or the area itself for beneficiaries registered at its own level.
   */
  heatTable: {
    area: string;
    areaName: string;
    program: string;
    decisions: StatisticsCount;
    awards: StatisticsCount;
    amountAwardedFen: StatisticsFen;
  }[];
  /**
   * Per month of application date.
   */
  trend: {
    month: string;
    decisions: StatisticsCount;
    awards: StatisticsCount;
    amountAwardedFen: StatisticsFen;
  }[];
  applicationsVsApprovals: {
    program: string;
    applications: StatisticsCount;
    approvals: StatisticsCount;
  }[];
  /**
   * Where the figures were computed: the aggregates kept from the decision log, or a MongoDB aggregation pipeline.
   */
  source: 'memory' | 'pipeline';
  /**
   * The decision log entry the figures include up to.
   */
  logSeq: number;
}
/**
 * This interface was referenced by `Statistics`'s JSON-Schema
 * via the `definition` "counts".
 */
export interface StatisticsCounts {
  /**
   * Decisions, top-ups included.
   */
  decisions: StatisticsCount;
  /**
   * Decisions of an application's own program (top-ups excluded).
   */
  applications: StatisticsCount;
  approved: StatisticsCount;
  partial: StatisticsCount;
  rejected: StatisticsCount;
  needsInformation: StatisticsCount;
  /**
   * approved + partial.
   */
  approvals: StatisticsCount;
  amountAwardedFen: StatisticsFen;
  /**
   * Distinct beneficiaries awarded something.
   */
  beneficiariesServed: StatisticsCount;
}
/**
 * This interface was referenced by `Statistics`'s JSON-Schema
 * via the `definition` "programCounts".
 */
export interface StatisticsProgramCounts {
  program: string;
  /**
   * Decisions, top-ups included.
   */
  decisions: StatisticsCount;
  /**
   * Decisions of an application's own program (top-ups excluded).
   */
  applications: StatisticsCount;
  approved: StatisticsCount;
  partial: StatisticsCount;
  rejected: StatisticsCount;
  needsInformation: StatisticsCount;
  /**
   * approved + partial.
   */
  approvals: StatisticsCount;
  amountAwardedFen: StatisticsFen;
  /**
   * Distinct beneficiaries awarded something.
   */
  beneficiariesServed: StatisticsCount;
  rejectionsByReason: StatisticsReasons;
}
