/* Generated from schemas/matching.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ApplicationBeneficiary } from './application';
import type { ResourcesApplication, ResourcesDecision } from './resources';
import type { WhatWouldChange } from './what-would-change';

/**
 * Proactive matching results
 *
 * A matching run and, per enterprise, the programs it qualifies for with the estimated amount (under the published limits: what other firms used is not counted, nothing is reserved), the programs it would qualify for but for missing facts (which), and those it fails (which conditions). The same result is pushed to webhook subscribers of the topic matching.result when it changes.
 */
export type Matching = unknown;
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "run".
 */
export interface MatchingRun {
  id: string;
  /**
   * running until the run has stored its results; then done, or failed (with the error)
   */
  state: 'running' | 'done' | 'failed';
  scope: string;
  jurisdiction: string;
  asOf: string;
  usccs: string[] | null;
  /**
   * the run of the same scope this one is incremental to (null until done)
   */
  previousRun: string | null;
  startedAt: string;
  /**
   * null while the run is running or after it failed
   */
  finishedAt: string | null;
  /**
   * enterprises with a result (null until done)
   */
  enterprises: number | null;
  /**
   * enterprises evaluated by this run, the rest carried over from the previous run (null until done)
   */
  rematched: number | null;
  /**
   * program decisions made by this run (null until done)
   */
  evaluations: number | null;
  /**
   * why a failed run failed
   */
  error?: string;
}
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "condition".
 */
export interface MatchingCondition {
  id?: string;
  fact: string;
  operator: string;
  expected: unknown;
  actual: unknown;
}
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "result".
 */
export interface MatchingResult {
  uscc: string;
  name: string;
  jurisdiction: string;
  /**
   * yuan, the sum over the programs qualified for
   */
  estimatedTotal: string;
  qualified: {
    program: string;
    version: string | null;
    outcome: 'approved' | 'partial';
    estimatedAmount: string | null;
    /**
     * the decision granted without application (免申即享)
     */
    autoGrant?: {
      /**
       * null while held for review
       */
      decisionId: string | null;
      outcome: string;
      amount: string | null;
      /**
       * held for review by policy staff before it is final
       */
      held: boolean;
      /**
       * the proposal awaiting review (POST /v1/auto-grant-proposals/{id}/approval)
       */
      proposalId?: string;
    };
  }[];
  needsFacts: {
    program: string;
    missingFacts: string[];
    error?: string;
    whatWouldChange?: WhatWouldChange;
  }[];
  failed: {
    program: string;
    version: string | null;
    conditions: MatchingCondition[];
    whatWouldChange?: WhatWouldChange;
  }[];
  /**
   * the profile batches (source|batch) the facts came from
   */
  sources: string[];
}
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "resultList".
 */
export interface MatchingResultList {
  run: MatchingRun;
  /**
   * results passing the filter (before limit and offset)
   */
  total: number;
  results: MatchingResult[];
}
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "setting".
 */
export interface MatchingSetting {
  program: string;
  holdForReview: boolean;
  /**
   * the API key id
   */
  changedBy: string;
  changedAt: string;
}
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "proposal".
 */
export interface MatchingProposal {
  id: string;
  program: string;
  beneficiary: ApplicationBeneficiary;
  asOf: string;
  run: string;
  estimatedAmount: string | null;
  sources: string[];
  createdAt: string;
  /**
   * the decision once approved
   */
  decisionId: string | null;
}
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "proposalList".
 */
export interface MatchingProposalList {
  proposals: MatchingProposal[];
}
/**
 * This interface was referenced by `Matching`'s JSON-Schema
 * via the `definition` "approval".
 */
export interface MatchingApproval {
  proposal: MatchingProposal;
  application: ResourcesApplication;
  decision: ResourcesDecision;
}
