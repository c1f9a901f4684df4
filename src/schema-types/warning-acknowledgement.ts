/* Generated from schemas/warning-acknowledgement.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Acknowledging a risk warning / 确认风险预警
 *
 * Who acknowledges is the API key of the request; when is the time the service receives it.
 */
export interface WarningAcknowledgement {
  /**
   * 说明 / note
   *
   * What was done or decided about the warning.
   */
  note: string;
}
