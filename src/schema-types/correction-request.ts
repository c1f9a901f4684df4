/* Generated from schemas/correction-request.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Correction or withdrawal / 决定更正或撤销
 *
 * A correction (the outcome and amount that stand instead) or a withdrawal of a stored decision, with the reason. The decision is never changed: the correction is a new record referencing it, in a hash chain of its own.
 */
export interface CorrectionRequest {
  kind: 'correction' | 'withdrawal';
  /**
   * Why, with the reference (a review, a court ruling, a repayment order).
   */
  reason: string;
  /**
   * A correction only: the outcome that stands.
   */
  outcome?: 'approved' | 'partial' | 'rejected' | 'needs-information';
  /**
   * A correction only: the amount that stands, yuan.
   */
  amount?: string;
}
