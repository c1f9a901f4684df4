/* Generated from schemas/eligibility-check.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ApplicationBeneficiary, ApplicationProgramKey } from './application';
import type { Facts, FactsDate } from './facts';

/**
 * Eligibility check / 政策匹配
 *
 * An enterprise profile to evaluate against every program of its jurisdiction chain (or the listed ones). Nothing is stored and nothing is reserved.
 */
export interface EligibilityCheck {
  beneficiary: ApplicationBeneficiary;
  applicationDate?: FactsDate;
  /**
   * Only these programs
   *
   * @maxItems 50
   */
  programs?: ApplicationProgramKey[];
  facts: Facts;
  /**
   * Simulate drafts
   *
   * For policy staff: also evaluate draft versions and draft programs, as a simulation (nothing is stored or applied). Results say which version was used.
   */
  includeDrafts?: boolean;
  /**
   * Who the profile is
   *
   * Only programs paying this kind of beneficiary (an enterprise profile need not see programs for banks). Without it, every program of the chain.
   */
  beneficiaryKind?: 'enterprise' | 'bank' | 'fund-manager' | 'guarantor';
}
