import type { Bilingual, Provenance } from '../rules/pack-types';
import type { ProvenanceSection } from './provenance';

/** The explanation every decision carries; schemas/explanation.schema.json is its contract. */

export type Outcome = 'approved' | 'partial' | 'rejected' | 'needs-information';
export type Verdict = 'pass' | 'fail' | 'unknown';

export interface ConditionNode {
  id?: string;
  title?: Bilingual;
  kind: 'all' | 'any' | 'not' | 'condition';
  result: Verdict;
  children?: ConditionNode[];
  fact?: string;
  path?: string;
  operator?: string;
  expected?: unknown;
  /** Where the expected value comes from when it is not written in the rule: param:NAME or fact:NAME. */
  expectedFrom?: string;
  actual?: unknown;
}

export interface FailingCondition {
  id?: string;
  fact: string;
  path?: string;
  operator: string;
  expected: unknown;
  actual: unknown;
}

export interface CalculationStep {
  id: string;
  title?: Bilingual;
  kind: 'expr' | 'lookup';
  expression: string;
  inputs: Record<string, unknown>;
  result: string | boolean;
}

export interface CapApplication {
  id: string;
  title: Bilingual;
  ledger: string;
  measure: 'amount' | 'grants';
  /** Yuan for amount caps, a count for grant caps. */
  limit: string;
  usedBefore: string;
  available: string;
  requested: string;
  granted: string;
  cut: string;
  settlesDifference: boolean;
  ref?: string;
  /** The values the ledger is kept per, as keyed (identifiers normalised), e.g. {"loanId": "SZ674227"}. */
  key?: Record<string, string>;
  /** When the cap cut: who used the room before, decisions by id and imported awards by source. */
  usedBy?: LedgerHolderView[];
}

export interface LedgerHolderView {
  holder: string;
  used: string;
  imported?: { source: string; row: string; ref: string };
}

export interface Reason {
  code: 'already-claimed' | 'no-version-in-force' | 'conditions-not-met' | 'missing-facts' | 'amount-zero' | 'cap-reached' | 'cap-cut' | 'already-paid' | 'qualified' | 'eligible';
  detail: string;
}

export interface Explanation {
  program: { key: string; jurisdiction: string; name: string; title: Bilingual; kind: 'payment' | 'determination' };
  version: null | {
    version: string;
    status: 'draft' | 'published';
    effectiveFrom: string;
    effectiveUntil: string | null;
    contentHash: string;
    ruleHash: string;
  };
  versionSelection: { by: string; date: string | null };
  outcome: Outcome;
  amount: string | null;
  computedAmount: string | null;
  currency: 'CNY';
  reasons: Reason[];
  conditions: ConditionNode | null;
  failingConditions: FailingCondition[];
  missingFacts: string[];
  /** Facts the application did not state that counted as the pack declares (with the reference). */
  defaults?: { fact: string; value: unknown; ref: string }[];
  calculation: CalculationStep[];
  caps: CapApplication[];
  dependencies: { as: string; program: string; explanation: Explanation }[];
  parameters: Record<string, { value: unknown; provenance: Provenance; ref: string }>;
  references: { id: string; title: string; url?: string; provenance: Provenance }[];
  summary: Bilingual;
  /** Which facts read were verified (from an enterprise profile, with their source) and which self-declared. */
  provenance?: ProvenanceSection;
}
