/* Generated from schemas/simulation.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { Facts, FactsDate } from './facts';

/**
 * Program key
 *
 * jurisdiction/name, e.g. 320500/loan-interest-subsidy.
 *
 * This interface was referenced by `Simulation`'s JSON-Schema
 * via the `definition` "programKey".
 */
export type SimulationProgramKey = string;
/**
 * Amount in yuan
 *
 * A decimal string with two decimals.
 *
 * This interface was referenced by `Simulation`'s JSON-Schema
 * via the `definition` "yuan".
 */
export type SimulationYuan = string;

/**
 * Simulation request / 政策模拟测算
 *
 * Evaluate one version of a program (a draft, or a new version not yet in force) against the stored applications of a period, changing nothing stored: caps and budgets are simulated in the order of the original decisions on a private copy of the ledgers.
 */
export interface Simulation {
  /**
   * Program
   *
   * The program whose version is simulated, jurisdiction/name.
   */
  program: SimulationProgramKey;
  /**
   * Version label
   *
   * A version of the program in the rule files the service serves (drafts included).
   */
  version: string;
  /**
   * First application date
   *
   * Stored applications dated on or after this day (YYYY-MM-DD).
   */
  from: FactsDate;
  /**
   * Last application date
   *
   * Stored applications dated on or before this day (YYYY-MM-DD).
   */
  to: FactsDate;
  /**
   * Programs supplying the facts
   *
   * Stored applications of these programs are evaluated (default: the simulated program). For a draft program with no applications of its own, e.g. Luoyang's bank incentive, the bank applications of 410000/tech-loan-risk-compensation.
   *
   * @minItems 1
   * @maxItems 20
   */
  sourcePrograms?: SimulationProgramKey[];
  /**
   * Facts set on every application
   *
   * Facts the period stands for that stored applications do not state, e.g. {"incentiveYear": 2025}; they replace what an application states.
   */
  facts?: Facts;
  /**
   * Sample size
   *
   * How many changed applications to show with the stored and the simulated explanation side by side (default 5).
   */
  sample?: number;
}
/**
 * Simulation job
 *
 * A simulation run in the background: its progress while it runs, then its result (or why it failed).
 *
 * This interface was referenced by `Simulation`'s JSON-Schema
 * via the `definition` "job".
 */
export interface SimulationJob {
  /**
   * Job id
   *
   * sim_ and a UUID.
   */
  id: string;
  /**
   * State
   *
   * running, done (result present) or failed (error present).
   */
  state: 'running' | 'done' | 'failed';
  /**
   * Request
   *
   * What was asked for.
   */
  request: {
    [k: string]: unknown;
  };
  /**
   * Created at
   *
   * When the job was created.
   */
  createdAt: string;
  /**
   * Finished at
   *
   * When the job finished.
   */
  finishedAt?: string;
  /**
   * Progress
   *
   * phase (scanning the period page by page, evaluating in the order of the original decisions, done), applications scanned, matched and evaluated so far.
   */
  progress: {
    /**
     * Phase
     *
     * scanning, evaluating or done.
     */
    phase: 'scanning' | 'evaluating' | 'done';
    /**
     * Scanned
     *
     * Stored applications of the source programs and period read so far.
     */
    scanned: number;
    /**
     * Matched
     *
     * Of those, the ones the program applies to.
     */
    matched: number;
    /**
     * Evaluated
     *
     * Applications decided again so far.
     */
    evaluated: number;
  };
  result?: SimulationResult;
  /**
   * Error
   *
   * Why the job failed.
   */
  error?: string;
}
/**
 * Simulation result
 *
 * What the version would have decided: changed outcomes, totals before and after, the change per jurisdiction, the budget it would need, and a sample of changed applications with both explanations.
 *
 * This interface was referenced by `Simulation`'s JSON-Schema
 * via the `definition` "result".
 */
export interface SimulationResult {
  /**
   * Request
   *
   * The request, with its source programs.
   */
  request?: {
    [k: string]: unknown;
  };
  /**
   * Version simulated
   *
   * Label, status and hashes of the version.
   */
  version?: {
    [k: string]: unknown;
  };
  /**
   * Applications evaluated
   *
   * Stored applications of the period the program applies to.
   */
  applications: number;
  /**
   * Applications scanned
   *
   * Stored applications of the source programs and period.
   */
  scanned?: number;
  /**
   * Changed outcomes
   *
   * Applications whose outcome differs from the stored decision (none stored counts as outcome none).
   */
  changedOutcomes: number;
  /**
   * Changed amounts
   *
   * Applications whose amount differs.
   */
  changedAmounts?: number;
  /**
   * Outcomes after
   *
   * How many applications get each outcome under the simulated version.
   */
  outcomesAfter?: {
    [k: string]: number;
  };
  /**
   * Total before (yuan)
   *
   * Sum of the stored decisions' amounts.
   */
  totalBefore: SimulationYuan;
  /**
   * Total after (yuan)
   *
   * Sum of the simulated amounts.
   */
  totalAfter: SimulationYuan;
  /**
   * Change (yuan)
   *
   * totalAfter − totalBefore.
   */
  delta: SimulationYuan;
  /**
   * Budget needed (yuan)
   *
   * What the version would pay if its budgets and pools (caps kept for the whole program) did not cut: the simulated total plus what they cut.
   */
  budgetNeeded: SimulationYuan;
  /**
   * Budgets and pools
   *
   * Each program-wide ledger the simulation used: what it held at the start and the end.
   */
  budgets?: {
    [k: string]: unknown;
  }[];
  /**
   * By jurisdiction
   *
   * Applications, changed outcomes, totals before and after and the change, per beneficiary jurisdiction.
   */
  byJurisdiction: {
    /**
     * Jurisdiction
     *
     * The beneficiary's division code.
     */
    jurisdiction: string;
    /**
     * Applications
     *
     * Applications evaluated.
     */
    applications: number;
    /**
     * Changed outcomes
     *
     * Of those, outcomes that change.
     */
    changedOutcomes: number;
    /**
     * Before (yuan)
     *
     * Stored amounts.
     */
    before: SimulationYuan;
    /**
     * After (yuan)
     *
     * Simulated amounts.
     */
    after: SimulationYuan;
    /**
     * Change (yuan)
     *
     * after − before.
     */
    delta: SimulationYuan;
  }[];
  /**
   * Ledgers read from the store
   *
   * Ledgers no stored decision of the period touched, started as the store holds them now.
   */
  ledgersReadFromStore?: number;
  /**
   * Sample of changed applications
   *
   * Each with the stored and the simulated outcome, amount and explanation side by side.
   */
  sample: {
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}
