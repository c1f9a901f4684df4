import type { Explanation as GeneratedExplanation, ExplanationCondition, ExplanationOutcome } from '../schema-types/explanation';
import type { ProvenanceSection } from './provenance';

/**
 * The explanation every decision carries; schemas/explanation.schema.json is its contract, and
 * these are the types generated from it (src/schema-types/explanation.ts) under the names the
 * rest of the code uses.
 */
// Narrower than the schema in one place: a verified fact's provenance always names its source, batch and dates (here and in dependencies).
export type Explanation = Omit<GeneratedExplanation, 'provenance' | 'dependencies'> & {
  provenance?: ProvenanceSection;
  dependencies: (Omit<GeneratedExplanation['dependencies'][number], 'explanation'> & { explanation: Explanation })[];
};
export type Outcome = ExplanationOutcome;
export type Verdict = ExplanationCondition['result'];
export type ConditionNode = ExplanationCondition;
export type FailingCondition = Explanation['failingConditions'][number];
export type CalculationStep = Explanation['calculation'][number];
/** `limit`, `usedBefore` and `available`: yuan for amount caps, a count for grant caps. */
export type CapApplication = Explanation['caps'][number];
/** When a cap cut: who used the room before, decisions by id and imported awards by source. */
export type LedgerHolderView = NonNullable<CapApplication['usedBy']>[number];
export type Reason = Explanation['reasons'][number];
