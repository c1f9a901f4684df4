/* Generated from schemas/case-file.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ApplicationBeneficiary } from './application';
import type { FactsDate } from './facts';

/**
 * Rule pack cases / 规则包测试用例
 *
 * Facts → expected decision, run by `npm test` and `npm run rules:test`. Lives beside the pack as cases.json.
 */
export interface CaseFile {
  $schema?: string;
  program: string;
  defaults: CaseFileInputs;
  /**
   * @minItems 1
   */
  cases: {
    name: string;
    beneficiary?: ApplicationBeneficiary;
    applicationDate?: FactsDate;
    /**
     * Facts merged over the defaults; null removes a default
     */
    facts?: {
      [k: string]: unknown;
    };
    /**
     * What each cap's ledger already holds before this case: yuan for amount caps, a count for grant caps
     */
    used?: {
      [k: string]: string | number;
    };
    expect: {
      outcome: 'approved' | 'partial' | 'rejected' | 'needs-information';
      amount?: string | null;
      version?: string | null;
      /**
       * Facts of the failing conditions, exactly
       */
      failing?: string[];
      /**
       * Missing facts, exactly
       */
      missing?: string[];
      /**
       * Cap ids that cut the amount, with the cut in yuan
       */
      cut?: {
        [k: string]: string;
      };
      /**
       * Calculation steps with their expected result
       */
      steps?: {
        [k: string]: string | boolean;
      };
      reason?: string;
    };
  }[];
}
/**
 * This interface was referenced by `CaseFile`'s JSON-Schema
 * via the `definition` "inputs".
 */
export interface CaseFileInputs {
  beneficiary?: ApplicationBeneficiary;
  applicationDate?: FactsDate;
  facts?: {
    [k: string]: unknown;
  };
}
