/* Generated from schemas/warning-rules.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * A decimal text from 0 to 1, e.g. "0.8".
 *
 * This interface was referenced by `WarningRules`'s JSON-Schema
 * via the `definition` "share".
 */
export type WarningRulesShare = string;
/**
 * @minItems 1
 * @maxItems 5
 *
 * This interface was referenced by `WarningRules`'s JSON-Schema
 * via the `definition` "shares".
 */
export type WarningRulesShares = WarningRulesShare[];
/**
 * Where the threshold comes from (a policy text, a decision of the bureau, an assumption).
 *
 * This interface was referenced by `WarningRules`'s JSON-Schema
 * via the `definition` "ref".
 */
export type WarningRulesRef = string;

/**
 * Risk warning rules / 风险预警规则
 *
 * The thresholds of the risk warnings (rules/warnings.json): policy staff change them without touching code. Shares are decimal texts between 0 and 1.
 */
export interface WarningRules {
  $schema?: string;
  /**
   * 预算/资金池使用 / budget or pool use
   *
   * A program-wide budget or pool (a cap kept per no party) whose used share reaches a threshold.
   */
  budgetUse: {
    thresholds: WarningRulesShares;
    ref: WarningRulesRef;
  };
  /**
   * 终身上限 / a beneficiary near a lifetime cap
   *
   * A cap kept per beneficiary for its whole life whose used share reaches a threshold.
   */
  lifetimeCap: {
    thresholds: WarningRulesShares;
    ref: WarningRulesRef;
  };
  /**
   * 银行损失率 / a bank's loss ratio against its program's limit
   */
  bankLossRatio: {
    /**
     * The risk-compensation program.
     */
    program: string;
    /**
     * The calculation step of the program's rules that computes the bank's loss ratio.
     */
    ratioStep: string;
    /**
     * The parameter of the program's version holding the limit (e.g. maxLossRatio, 3%).
     */
    limitParameter: string;
    /**
     * Warn when the ratio reaches these shares of the limit (1: the limit itself).
     */
    thresholdsOfLimit: WarningRulesShares;
    ref: WarningRulesRef;
  }[];
  /**
   * 申请异常集中 / an unusual burst of applications by one beneficiary
   */
  applicationBurst: {
    windowHours: number;
    /**
     * Warn when this many applications of one beneficiary are decided within the window.
     */
    maxApplications: number;
    ref: WarningRulesRef;
  };
}
