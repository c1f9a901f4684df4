/* Generated from schemas/decision-record.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Decision record / 决定登记
 *
 * The small record of one stored decision that the decision log chains: what search, statistics and warnings read instead of the decision with its full explanation. `decisionHash` binds it to the stored decision.
 */
export interface DecisionRecord {
  /**
   * 决定编号 / decision id
   */
  decisionId: string;
  /**
   * 申请编号 / application id
   */
  applicationId: string;
  /**
   * 项目 / program key
   *
   * `<jurisdiction>/<name>` of the program decided.
   */
  program: string;
  /**
   * 项目所属地区 / the program's jurisdiction code
   */
  programJurisdiction: string;
  /**
   * 规则版本 / rule version label
   *
   * null when no version was in force.
   */
  version: string | null;
  /**
   * 规则哈希 / hash of the rule text decided with
   */
  ruleHash: string | null;
  /**
   * 申请人所在地区 / the beneficiary's jurisdiction code
   */
  jurisdiction: string;
  /**
   * 地区链 / the beneficiary's jurisdiction and every area containing it
   *
   * From CN down to the beneficiary's own code (as the jurisdictions' chain runs), so a city's figures include its districts by a membership test.
   */
  jurisdictionChain: string[];
  /**
   * 统一社会信用代码 / the beneficiary's unified social credit code
   */
  uscc: string;
  /**
   * 申请人名称 / the beneficiary's name
   */
  beneficiaryName: string;
  /**
   * 提交方 / the API key that submitted the application
   */
  client: string;
  /**
   * 结果 / outcome
   */
  outcome: 'approved' | 'partial' | 'rejected' | 'needs-information';
  /**
   * 金额（分） / amount awarded, integer fen
   */
  amountFen: number | null;
  /**
   * 原因代码 / the explanation's reason codes
   */
  reasons: string[];
  /**
   * 申请日期 / application date
   */
  applicationDate: string;
  /**
   * 决定时间 / when the decision was stored
   */
  decidedAt: string;
  /**
   * 所加码的决定 / the base decision this one tops up
   */
  topUpOf: string | null;
  /**
   * 决定哈希 / hash of the stored decision's canonical content
   */
  decisionHash: string;
}
