/**
 * The shape of a rule pack file: the types generated from `schemas/rule-pack.schema.json`
 * (src/schema-types/rule-pack.ts), under the names the rest of the code uses.
 */
import type {
  RulePack as GeneratedRulePack,
  RulePackAllCondition,
  RulePackAnyCondition,
  RulePackBilingual,
  RulePackCap,
  RulePackCondition,
  RulePackConditionValue,
  RulePackLeafCondition,
  RulePackNotCondition,
  RulePackParameter,
  RulePackProvenance,
  RulePackStep,
  RulePackVersion,
  RulePackVersionClaim,
} from '../schema-types/rule-pack';

export type Provenance = RulePackProvenance;
export type Parameter = RulePackParameter;
export type ParameterValue = Parameter['value'];
export type Bilingual = RulePackBilingual;

export type ConditionValue = RulePackConditionValue;
export type LeafCondition = RulePackLeafCondition;
export type AllCondition = RulePackAllCondition;
export type AnyCondition = RulePackAnyCondition;
export type NotCondition = RulePackNotCondition;
export type Condition = RulePackCondition;

export type Step = RulePackStep;
export type ExpressionStep = Extract<Step, { expr: string }>;
export type LookupStep = Extract<Step, { lookup: object }>;
export type LookupRow = LookupStep['lookup']['rows'][number];

/** 'lifetime', or one ledger per year of a year fact or of a date fact. */
export type CapPeriod = Cap['period'];
/** A limit kept in a ledger per 'beneficiary' and/or fact names (empty: the whole program). */
export type Cap = RulePackCap;

/** What makes two applications the same claim: one grant per claim, for ever. */
export type Claim = RulePackVersionClaim;

/** The cap id a version's claim is kept under. */
export const CLAIM_CAP_ID = 'sameClaim';

export type PackVersion = RulePackVersion;
export type VersionDate = RulePack['versionDate'];
export type Dependency = NonNullable<RulePack['dependsOn']>[number];
export type Source = RulePack['sources'][number];
export type RulePack = GeneratedRulePack;
