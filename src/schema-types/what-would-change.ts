/* Generated from schemas/what-would-change.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * What would change a rejection
 *
 * For a rejected or needs-information result: the fewest changes to facts the enterprise can change (marked x-changeable in facts.schema.json) that make the program pay, each with the outcome and the amount it would then get (under the published limits), computed by deciding the program again on the changed facts. Empty alternatives: no change of those facts alone suffices.
 */
export interface WhatWouldChange {
  alternatives: {
    /**
     * @minItems 1
     */
    changes: {
      fact: string;
      /**
       * the value stated (null: not stated)
       */
      from: unknown;
      /**
       * the least value found that makes it pay
       */
      to: unknown;
    }[];
    outcome: 'approved' | 'partial';
    /**
     * yuan, what it would then get
     */
    amount: string | null;
  }[];
  /**
   * the changeable facts the program (and its dependencies) reads
   */
  searched: string[];
}
