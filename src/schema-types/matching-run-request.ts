/* Generated from schemas/matching-run-request.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { FactsDate, FactsUscc } from './facts';

/**
 * Matching run request / 政策找企业
 *
 * Runs every program in force over every enterprise profile of a jurisdiction (or the listed enterprises) as of a date. Incremental: against the previous run of the same scope, only enterprises with new data and programs with new rules are re-matched.
 */
export interface MatchingRunRequest {
  /**
   * Enterprises registered in this jurisdiction or below it
   */
  jurisdiction: string;
  /**
   * The date profiles are read as of and programs decided on (default: today in China)
   */
  asOf?: FactsDate;
  /**
   * A chosen set of enterprises instead of every profile of the jurisdiction
   *
   * @minItems 1
   * @maxItems 200
   */
  usccs?: FactsUscc[];
  /**
   * Also compute, for each rejected or needs-information result, the fewest changes of changeable facts that make it pay (slower)
   */
  whatWouldChange?: boolean;
}
