/* Generated from schemas/profiles.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ApplicationBeneficiary } from './application';

/**
 * Enterprise profiles / 一企一档
 *
 * An enterprise's profile as of a date, and what importing a batch answers.
 */
export type Profiles = unknown;
/**
 * Where a verified fact comes from
 *
 * This interface was referenced by `Profiles`'s JSON-Schema
 * via the `definition` "origin".
 */
export interface ProfilesOrigin {
  source: string;
  batch: string;
  validFor: string;
  receivedAt: string;
  /**
   * from a batch of the enterprise's own declarations: not verified
   */
  selfDeclared?: true;
}
/**
 * This interface was referenced by `Profiles`'s JSON-Schema
 * via the `definition` "profile".
 */
export interface ProfilesProfile {
  beneficiary: ApplicationBeneficiary;
  asOf: string;
  /**
   * Each fact's value as of the date: from the entry with the latest validFor on or before it (a later receipt wins a tie)
   */
  facts: {
    [k: string]: unknown;
  };
  origins: {
    [k: string]: ProfilesOrigin;
  };
  /**
   * Every batch that gave facts about the enterprise, also those valid after the date (not applied)
   */
  entries: {
    source: string;
    batch: string;
    validFor: string;
    receivedAt: string;
    applied: boolean;
  }[];
}
/**
 * This interface was referenced by `Profiles`'s JSON-Schema
 * via the `definition` "batchReport".
 */
export interface ProfilesBatchReport {
  source: string;
  batch: string;
  /**
   * rows stored by this request
   */
  imported: number;
  /**
   * rows stored before (the batch, or part of it, was imported already)
   */
  unchanged: number;
  refused: {
    line: number;
    uscc?: string;
    errors: {
      /**
       * JSON pointer into the row
       */
      pointer: string;
      detail: string;
    }[];
  }[];
}
