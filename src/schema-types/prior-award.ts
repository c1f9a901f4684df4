/* Generated from schemas/prior-award.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ApplicationBeneficiary } from './application';
import type { Facts, FactsDate, FactsMoney } from './facts';

/**
 * Prior award / 历史已拨付奖补
 *
 * One line of a prior-award import (JSON Lines): an award paid before the service, entered in the cap ledgers so per-year, lifetime, distinct-year, claim and pool caps count it. source + row identify the line: importing it again changes nothing.
 */
export interface PriorAward {
  /**
   * The record it comes from, e.g. SIP-interest-subsidy-register
   */
  source: string;
  /**
   * The line or entry in that record
   */
  row: string;
  /**
   * Where an auditor finds it: document number, table and line
   */
  ref: string;
  program: string;
  beneficiary: ApplicationBeneficiary;
  paidOn: FactsDate;
  amount: FactsMoney;
  /**
   * The facts the program's caps are kept per (subsidy year, loan, ...)
   */
  facts: Facts;
}
