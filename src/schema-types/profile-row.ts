/* Generated from schemas/profile-row.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ApplicationBeneficiary } from './application';
import type { Facts, FactsDate } from './facts';

/**
 * Profile row / 企业档案数据行
 *
 * One line of a profile batch (JSON Lines): the facts one source (a department or system: market supervision, tax, the technology bureau, a loan platform) gives about one enterprise, valid for a date. A batch is identified by its source and batch id: importing it again changes nothing; history is never overwritten, a profile is read as of a date.
 */
export interface ProfileRow {
  beneficiary: ApplicationBeneficiary;
  /**
   * The date the facts are valid for (a reading as of an earlier date does not see them)
   */
  validFor: FactsDate;
  /**
   * Facts, in the vocabulary of facts.schema.json
   */
  facts: Facts;
}
