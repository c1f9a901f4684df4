/* Generated from schemas/explanation.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

export type ExplanationReasons = {
  code:
    | 'already-claimed'
    | 'no-version-in-force'
    | 'conditions-not-met'
    | 'missing-facts'
    | 'amount-zero'
    | 'cap-reached'
    | 'cap-cut'
    | 'already-paid'
    | 'qualified'
    | 'eligible';
  detail: string;
}[];
/**
 * yuan, exactly two decimal places
 *
 * This interface was referenced by `Explanation`'s JSON-Schema
 * via the `definition` "money".
 */
export type ExplanationMoney = string;
/**
 * This interface was referenced by `Explanation`'s JSON-Schema
 * via the `definition` "outcome".
 */
export type ExplanationOutcome = 'approved' | 'partial' | 'rejected' | 'needs-information';

/**
 * Explanation / 决定说明
 *
 * Why a decision came out as it did: the version used, every condition with its actual value, every calculation step with its inputs, every cap with its limit, what was used before and what it cut, and the policy texts.
 */
export interface Explanation {
  program: {
    key: string;
    jurisdiction: string;
    name: string;
    title: ExplanationBilingual;
    kind: 'payment' | 'determination';
  };
  version: null | {
    version: string;
    status: 'draft' | 'published';
    effectiveFrom: string;
    effectiveUntil: string | null;
    /**
     * sha256 of the version as published in its pack
     */
    contentHash: string;
    /**
     * sha256 of the exact rule text stored with the decision
     */
    ruleHash: string;
  };
  versionSelection: {
    by: string;
    date: string | null;
  };
  outcome: ExplanationOutcome;
  /**
   * What is paid, after caps; null for determinations and undecided applications
   */
  amount: null | ExplanationMoney;
  /**
   * What the formula gives before caps
   */
  computedAmount: null | ExplanationMoney;
  currency: 'CNY';
  reasons: ExplanationReasons;
  conditions: null | ExplanationCondition;
  failingConditions: {
    id?: string;
    fact: string;
    path?: string;
    operator: string;
    expected: unknown;
    actual: unknown;
  }[];
  missingFacts: string[];
  calculation: {
    id: string;
    title?: ExplanationBilingual;
    kind: 'expr' | 'lookup';
    expression: string;
    inputs: {
      [k: string]: unknown;
    };
    result: string | boolean;
  }[];
  caps: {
    id: string;
    title: ExplanationBilingual;
    ledger: string;
    measure: 'amount' | 'grants';
    limit: string;
    usedBefore: string;
    available: string;
    requested: ExplanationMoney;
    granted: ExplanationMoney;
    cut: ExplanationMoney;
    settlesDifference: boolean;
    ref?: string;
    /**
     * The values the ledger is kept per, as keyed (identifiers normalised)
     */
    key?: {
      [k: string]: string;
    };
    /**
     * When the cap cut: who used the room before (decision ids, imported prior awards with their source)
     */
    usedBy?: {
      holder: string;
      used: string;
      imported?: {
        source: string;
        row: string;
        ref: string;
      };
    }[];
  }[];
  dependencies: {
    as: string;
    program: string;
    explanation: Explanation;
  }[];
  parameters: {
    [k: string]: {
      value: unknown;
      provenance: 'sourced' | 'seed' | 'assumption';
      ref: string;
    };
  };
  references: {
    id: string;
    title: string;
    url?: string;
    provenance: 'sourced' | 'seed' | 'assumption';
  }[];
  summary: ExplanationBilingual;
  /**
   * Facts the application did not state that counted as the pack declares, each with its reference
   */
  defaults?: {
    fact: string;
    value: string | number | boolean;
    ref: string;
  }[];
  /**
   * Which facts the decision read were verified and which self-declared
   *
   * Present when the application referred to an enterprise profile (一企一档) or the version accepts some facts only verified. Facts taken from the profile are verified, with the source, batch, the date they are valid for and when they were received; facts the application stated itself are self-declared. A fact the version requires verified but the application only declared is listed in unverified and read as missing.
   */
  provenance?: {
    profile: null | {
      uscc: string;
      asOf: string;
    };
    facts: {
      fact: string;
      origin: 'verified' | 'self-declared';
      source?: string;
      batch?: string;
      validFor?: string;
      receivedAt?: string;
    }[];
    verifiedRequired: string[];
    unverified: string[];
  };
}
/**
 * This interface was referenced by `Explanation`'s JSON-Schema
 * via the `definition` "bilingual".
 */
export interface ExplanationBilingual {
  zh: string;
  en: string;
}
/**
 * This interface was referenced by `Explanation`'s JSON-Schema
 * via the `definition` "condition".
 */
export interface ExplanationCondition {
  id?: string;
  title?: ExplanationBilingual;
  kind: 'all' | 'any' | 'not' | 'condition';
  result: 'pass' | 'fail' | 'unknown';
  children?: ExplanationCondition[];
  fact?: string;
  path?: string;
  operator?: string;
  expected?: unknown;
  expectedFrom?: string;
  actual?: unknown;
}
