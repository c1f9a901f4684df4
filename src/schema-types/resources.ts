/* Generated from schemas/resources.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

import type { ApplicationBeneficiary } from './application';
import type { Explanation, ExplanationBilingual, ExplanationOutcome, ExplanationReasons } from './explanation';
import type { RulePackVersion, RulePackVersionClaim } from './rule-pack';
import type { WhatWouldChange } from './what-would-change';

/**
 * API resources
 *
 * What the API answers.
 */
export type Resources = unknown;
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "application".
 */
export interface ResourcesApplication {
  id: string;
  program: string;
  beneficiary: ApplicationBeneficiary;
  applicationDate: string;
  facts: {
    [k: string]: unknown;
  };
  receivedAt: string;
  /**
   * Back-filed
   *
   * Present when policy staff or an administrator entered the application with an earlier application date than its receipt: the API key that did, and why.
   */
  backfiled?: {
    by: string;
    reason: string;
  };
  decisionId: string;
  /**
   * decisions of programs topping up the one applied for (e.g. a district's top-up of a city subsidy)
   */
  topUpDecisionIds: string[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "decision".
 */
export interface ResourcesDecision {
  id: string;
  applicationId: string;
  program: string;
  beneficiaryUscc: string;
  /**
   * Marks for a reviewer
   *
   * Flags outside the explanation that do not change the outcome, e.g. registration-division-differs: the unified social credit code was issued (characters 3–8) in a division outside the declared jurisdiction (a firm that moved keeps its code; programs that require local registration refuse such an application instead).
   */
  marks?: {
    code: 'registration-division-differs';
    detail: string;
  }[];
  outcome: ExplanationOutcome;
  amount: string | null;
  decidedAt: string;
  explanation: Explanation;
  /**
   * the decision this one tops up
   */
  topUpOf: string | null;
  /**
   * decisions topping this one up
   */
  topUps: string[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "submission".
 */
export interface ResourcesSubmission {
  application: ResourcesApplication;
  decision: ResourcesDecision;
  topUps: ResourcesDecision[];
  /**
   * With top-ups: the combined rate and amount, and each level's share and funding source
   */
  combined?: ResourcesCombined;
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "eligibilityResult".
 */
export interface ResourcesEligibilityResult {
  beneficiary: ApplicationBeneficiary;
  applicationDate: string;
  /**
   * Whether cap and budget usage is shown
   *
   * shown: estimates count what every cap and budget already holds (policy staff, auditors, administrators). beneficiary: an applicant system that has filed for this firm sees the firm's own caps used; published: for every other ledger (budgets, pools, loans, other firms' caps) an applicant system sees what the policy publishes — the limit — and the estimate counts nothing drawn yet. A decision on an application always applies the real usage.
   */
  ledgerUsage?: 'shown' | 'beneficiary' | 'published';
  results: {
    program: string;
    title: ExplanationBilingual;
    outcome: ExplanationOutcome;
    estimatedAmount: string | null;
    missingFacts: string[];
    capsRoom: {
      cap: string;
      title: ExplanationBilingual;
      limit: string;
      used: string;
      available: string;
    }[];
    /**
     * The full explanation (explain=full, the default).
     */
    explanation?: Explanation;
    /**
     * The explanation's one-sentence summary (explain=summary, instead of the explanation).
     */
    summary?: ExplanationBilingual;
    /**
     * The explanation's reasons (explain=summary, instead of the explanation).
     */
    reasons?: ExplanationReasons;
    combined?: ResourcesCombined;
    /**
     * needs-information only: every required fact the version reads that the request does not state (the missing facts of this evaluation included), not one layer at a time
     */
    stillNeeded?: string[];
    /**
     * rejected or needs-information, with whatWouldChange=true: the fewest changes of changeable facts that make the program pay
     */
    whatWouldChange?: WhatWouldChange;
  }[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "program".
 */
export interface ResourcesProgram {
  key: string;
  jurisdiction: string;
  name: string;
  title: ExplanationBilingual;
  kind: 'payment' | 'determination';
  beneficiary: string;
  status: 'draft' | 'active';
  versionDate: {
    [k: string]: unknown;
  };
  dependsOn: {
    [k: string]: unknown;
  }[];
  versions: {
    version: string;
    status: 'draft' | 'published';
    effectiveFrom: string;
    effectiveUntil: string | null;
    contentHash: string;
    ruleHash: string;
    /**
     * parameters whose value is an assumption policy staff should confirm
     */
    assumptions: string[];
  }[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "programList".
 */
export interface ResourcesProgramList {
  programs: ResourcesProgram[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "programVersion".
 */
export interface ResourcesProgramVersion {
  program: ResourcesProgram;
  rules: RulePackVersion;
  ruleHash: string;
  effectiveUntil: string | null;
  facts: ResourcesFactUse[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "reproduction".
 */
export interface ResourcesReproduction {
  decisionId: string;
  /**
   * true when re-running gives the stored explanation byte for byte (canonical JSON)
   */
  identical: boolean;
  /**
   * With ?engine=reference: the re-run used json-rules-engine, the reference the compiled engine is proven against
   */
  engine?: 'reference';
  /**
   * With ?engine=reference: true when the reference engine and the compiled engine give the same explanation (canonical JSON)
   */
  enginesAgree?: boolean;
  /**
   * null when identical; otherwise the first place (depth first, keys in canonical order) where the re-run departs from the stored explanation: a JSON pointer into the explanation and the value on each side (`missing` names a side without one)
   */
  firstDifference: null | {
    pointer: string;
    stored: unknown;
    replayed: unknown;
    missing?: 'stored' | 'replayed';
  };
  ruleHash: string | null;
  explanation: Explanation;
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "health".
 */
export interface ResourcesHealth {
  status: string;
  programs?: number;
}
/**
 * A program and its top-ups together
 *
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "combined".
 */
export interface ResourcesCombined {
  /**
   * the sum of the eligible levels' rates
   */
  rate: string;
  amount: string;
  shares: {
    program: string;
    jurisdiction: string;
    rate: string | null;
    amount: string | null;
    outcome: ExplanationOutcome;
    funding: null | ExplanationBilingual;
  }[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "apiKey".
 */
export interface ResourcesApiKey {
  id: string;
  name: string;
  role: 'applicant' | 'policy-staff' | 'auditor' | 'admin';
  jurisdictions: string[];
  createdAt: string;
  revokedAt: string | null;
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "createdApiKey".
 */
export interface ResourcesCreatedApiKey {
  id: string;
  name: string;
  role: 'applicant' | 'policy-staff' | 'auditor' | 'admin';
  jurisdictions: string[];
  createdAt: string;
  revokedAt: string | null;
  /**
   * the bearer token: shown once, stored only as a hash
   */
  token: string;
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "apiKeyList".
 */
export interface ResourcesApiKeyList {
  keys: ResourcesApiKey[];
}
/**
 * Applications set aside
 *
 * Applications that will never be decided: an attempt answered with an error (stage submission), or a decision that failed when the service finished interrupted work at start-up (stage recovery). Nothing they reserved stays reserved.
 *
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "setAsideList".
 */
export interface ResourcesSetAsideList {
  applications: {
    applicationId: string;
    program: string;
    jurisdiction: string;
    /**
     * The API key id that submitted it
     */
    client: string;
    stage: 'submission' | 'recovery';
    error: string;
    at: string;
  }[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "factUse".
 */
export interface ResourcesFactUse {
  name: string;
  /**
   * how the fact is read: money, ratio, count, year, date, jurisdictionCode, uscc, identifier, boolean, enum, set, decimal
   */
  type: string;
  unit: string | null;
  title: ExplanationBilingual;
  values?: string[];
  /**
   * required: missing means needs-information; defaulted: counts as the declared default when absent; supplied: the service states it
   */
  presence: 'required' | 'defaulted' | 'supplied';
  default?: {
    value: string | number | boolean;
    ref: string;
  };
  /**
   * versionDate, eligibility/<condition>, calculation/<step>, caps/<cap>
   */
  usedIn: string[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "programDetail".
 */
export interface ResourcesProgramDetail {
  key: string;
  jurisdiction: string;
  name: string;
  title: ExplanationBilingual;
  kind: 'payment' | 'determination';
  beneficiary: string;
  status: 'draft' | 'active';
  versionDate: {
    [k: string]: unknown;
  };
  dependsOn: {
    [k: string]: unknown;
  }[];
  versions: {
    version: string;
    status: 'draft' | 'published';
    effectiveFrom: string;
    effectiveUntil: string | null;
    contentHash: string;
    ruleHash: string;
    /**
     * parameters whose value is an assumption policy staff should confirm
     */
    assumptions: string[];
    claim: null | RulePackVersionClaim;
    facts: ResourcesFactUse[];
  }[];
  topUpOf: string | null;
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "jurisdictionBrief".
 */
export interface ResourcesJurisdictionBrief {
  code: string;
  name: string;
  nameEn?: string;
  level: 'nation' | 'province' | 'city' | 'county';
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "jurisdictionList".
 */
export interface ResourcesJurisdictionList {
  jurisdictions: {
    code: string;
    name: string;
    nameEn?: string;
    level: 'nation' | 'province' | 'city' | 'county';
    /**
     * codes from CN down to this one
     */
    chain: string[];
  }[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "jurisdiction".
 */
export interface ResourcesJurisdiction {
  code: string;
  name: string;
  nameEn?: string;
  level: 'nation' | 'province' | 'city' | 'county';
  source?: string;
  /**
   * from CN down to this division
   */
  chain: ResourcesJurisdictionBrief[];
  programs: {
    key: string;
    jurisdiction: string;
    title: ExplanationBilingual;
    kind: 'payment' | 'determination';
    beneficiary: string;
  }[];
}
/**
 * This interface was referenced by `Resources`'s JSON-Schema
 * via the `definition` "priorAwardReport".
 */
export interface ResourcesPriorAwardReport {
  imported: number;
  /**
   * rows imported before with the same content
   */
  unchanged: number;
  refused: {
    line: number;
    row?: string;
    reason: string;
  }[];
}
