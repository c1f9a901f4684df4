/* Generated from schemas/risk-warnings.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Risk warnings / 风险预警
 *
 * Warnings raised by the thresholds of rules/warnings.json, each once per condition, with what triggered it and its acknowledgements.
 */
export type RiskWarnings = unknown;
/**
 * This interface was referenced by `RiskWarnings`'s JSON-Schema
 * via the `definition` "acknowledgement".
 */
export interface RiskWarningsAcknowledgement {
  id: string;
  warningId: string;
  by: {
    keyId: string;
    name: string;
    role: string;
  };
  at: string;
  note: string;
}
/**
 * This interface was referenced by `RiskWarnings`'s JSON-Schema
 * via the `definition` "warning".
 */
export interface RiskWarningsWarning {
  id: string;
  kind: 'budget-use' | 'bank-loss-ratio' | 'lifetime-cap' | 'application-burst';
  program: string | null;
  /**
   * The program's jurisdiction (budgets) or the beneficiary's.
   */
  jurisdiction: string;
  subject: {
    uscc?: string;
    name?: string;
    ledger?: string;
  };
  /**
   * The threshold reached: a share (0.8) or a count (bursts).
   */
  threshold: string;
  /**
   * The figures that triggered it (used, limit, ratio, …).
   */
  figures: {
    [k: string]: string | number;
  };
  message: string;
  /**
   * Where the threshold comes from.
   */
  ref: string;
  /**
   * The decision after which it was raised, if any.
   */
  decisionId: string | null;
  raisedAt: string;
  acknowledged: boolean;
  acknowledgements: RiskWarningsAcknowledgement[];
}
/**
 * This interface was referenced by `RiskWarnings`'s JSON-Schema
 * via the `definition` "warningList".
 */
export interface RiskWarningsWarningList {
  /**
   * Newest first.
   */
  warnings: RiskWarningsWarning[];
}
