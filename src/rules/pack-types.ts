/** The shape of a rule pack file, as `schemas/rule-pack.schema.json` defines it. */

export type Provenance = 'sourced' | 'seed' | 'assumption';
export type ParameterValue = string | number | boolean | string[];

export interface Parameter {
  value: ParameterValue;
  provenance: Provenance;
  ref: string;
  title?: string;
  note?: string;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export type ConditionValue = ParameterValue | null | { param: string } | { fact: string; path?: string };

export interface LeafCondition {
  id?: string;
  title?: Bilingual;
  fact: string;
  path?: string;
  operator: string;
  value: ConditionValue;
}
export interface AllCondition {
  id?: string;
  title?: Bilingual;
  all: Condition[];
}
export interface AnyCondition {
  id?: string;
  title?: Bilingual;
  any: Condition[];
}
export interface NotCondition {
  id?: string;
  title?: Bilingual;
  not: Condition;
}
export type Condition = LeafCondition | AllCondition | AnyCondition | NotCondition;

export interface LookupRow {
  atLeast?: string;
  equals?: string | boolean;
  includes?: string;
  value: string;
}

export interface ExpressionStep {
  id: string;
  title?: Bilingual;
  expr: string;
}
export interface LookupStep {
  id: string;
  title?: Bilingual;
  lookup: { input: string; rows: LookupRow[]; otherwise?: string };
}
export type Step = ExpressionStep | LookupStep;

export type CapPeriod = 'lifetime' | { yearFact: string } | { yearOfDateFact: string };

export interface Cap {
  id: string;
  title: Bilingual;
  /** What the ledger is kept per: 'beneficiary' and/or fact names; empty = the whole program. */
  per: string[];
  period: CapPeriod;
  /** amount: money limit (an expression); grants: number of awards allowed. */
  measure: 'amount' | 'grants';
  limit: string;
  /** The limit is the beneficiary's entitlement to date: paying what is left is not a cut. */
  settlesDifference?: boolean;
  /** grants only: awards with the same values of these facts count once (e.g. one per subsidy year). */
  distinctBy?: string[];
  ref?: string;
}

/** What makes two applications the same claim: one grant per claim, for ever. */
export interface Claim {
  per: string[];
  title: Bilingual;
  ref?: string;
}

/** The cap id a version's claim is kept under. */
export const CLAIM_CAP_ID = 'sameClaim';

export interface PackVersion {
  version: string;
  status: 'draft' | 'published';
  effectiveFrom: string;
  effectiveTo?: string;
  contentHash?: string;
  references: string[];
  parameters: Record<string, Parameter>;
  eligibility: AllCondition | AnyCondition;
  calculation: Step[];
  amount?: string;
  rounding?: 'half-up' | 'down';
  caps: Cap[];
  claim?: Claim;
  /** Facts that count as this value when absent, as the policy text says (never an eligibility fact). */
  defaults?: Record<string, { value: string | number | boolean; ref: string }>;
  /** Facts this version accepts only verified (from an enterprise profile); a self-declared one counts as missing. */
  verifiedFacts?: string[];
  /** 免申即享: the matching job grants it without an application when every fact it reads is verified. */
  autoGrant?: boolean;
}

export type VersionDate = { fact: string } | { firstDayOfYearFact: string } | { applicationDate: true };

export interface Dependency {
  program: string;
  as: string;
}

export interface Source {
  id: string;
  title: string;
  url?: string;
  provenance: Provenance;
  note?: string;
}

export interface RulePack {
  $schema?: string;
  jurisdiction: string;
  name: string;
  title: Bilingual;
  kind: 'payment' | 'determination';
  beneficiary: 'enterprise' | 'bank' | 'fund-manager' | 'bank-or-guarantor';
  status?: 'draft' | 'active';
  versionDate: VersionDate;
  dependsOn?: Dependency[];
  /** The program this one tops up: decided alongside it as a second decision. */
  topUpOf?: string;
  /** The parameter holding this program's rate, to show combined rates with top-ups. */
  shareParameter?: string;
  funding?: Bilingual;
  sources: Source[];
  versions: PackVersion[];
}
