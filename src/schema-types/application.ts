/* Generated from schemas/application.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { Facts, FactsDate, FactsJurisdictionCode } from './facts';
import type { Uscc } from './uscc';

/**
 * Program
 *
 * jurisdiction/name as in the catalog, e.g. 320500/loan-interest-subsidy
 *
 * This interface was referenced by `Application`'s JSON-Schema
 * via the `definition` "programKey".
 */
export type ApplicationProgramKey = string;

/**
 * Application / 补贴申报
 *
 * What an applicant system submits for one program. Stored as submitted and never modified.
 */
export interface Application {
  program: ApplicationProgramKey;
  beneficiary: ApplicationBeneficiary;
  /**
   * Application date
   *
   * The date the application was filed (YYYY-MM-DD): the day the service receives it, in China Standard Time, which the service sets. An applicant system may omit it or state that day; only policy staff or an administrator back-files an earlier date (1990-01-01 at the earliest), with backfileReason. Dates and years among the facts may not lie after it.
   */
  applicationDate?: FactsDate;
  /**
   * Why the application is back-filed
   *
   * Policy staff or an administrator entering an application with an earlier applicationDate than its receipt (a paper filing entered late, a correction) say why; stored with the application. Applicant systems cannot back-file.
   */
  backfileReason?: string;
  facts: Facts;
  /**
   * Refer to the enterprise profile (一企一档)
   *
   * Take the facts the application does not state from the beneficiary's profile as of asOf (default: the application date, never later): those facts count as verified, with their source, and the facts stated here as self-declared; the decision's explanation (provenance) shows which was which.
   */
  profile?: {
    asOf?: FactsDate;
  };
}
/**
 * Beneficiary
 *
 * Who receives the money; identified by the unified social credit code so caps cannot be evaded by spelling a name differently.
 *
 * This interface was referenced by `Application`'s JSON-Schema
 * via the `definition` "beneficiary".
 */
export interface ApplicationBeneficiary {
  uscc: Uscc;
  name: string;
  /**
   * Where the beneficiary is registered
   */
  jurisdiction: FactsJurisdictionCode;
}
