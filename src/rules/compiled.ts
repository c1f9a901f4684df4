import type { CompiledExpression } from './expressions';
import type { Cap, Condition, PackVersion, RulePack, Step } from './pack-types';

export type CompiledStep =
  | { id: string; title?: Step['title']; kind: 'expr'; expr: CompiledExpression }
  | {
      id: string;
      title?: Step['title'];
      kind: 'lookup';
      input: string;
      rows: { match: { atLeast?: string; equals?: string | boolean; includes?: string }; value: CompiledExpression }[];
      otherwise?: CompiledExpression;
    };

export interface CompiledCap {
  cap: Cap;
  limit: CompiledExpression;
}

/** One version of one program, checked and ready to evaluate. */
export interface ProgramVersion {
  programKey: string;
  pack: Omit<RulePack, 'versions'>;
  version: PackVersion;
  /** sha256 of the version as published (the immutability anchor in the file). */
  contentHash: string;
  /** sha256 of `ruleText`: what decisions reference and the database stores. */
  ruleHash: string;
  /** Canonical JSON of the pack header with this one version: enough to re-run a decision. */
  ruleText: string;
  eligibility: Condition;
  steps: ReadonlyMap<string, CompiledStep>;
  caps: readonly CompiledCap[];
  /** Last day in force: its effectiveTo, or the day before the next published version starts. */
  effectiveUntil?: string;
}

export interface Program {
  key: string;
  file: string;
  pack: RulePack;
  versions: readonly ProgramVersion[];
}
