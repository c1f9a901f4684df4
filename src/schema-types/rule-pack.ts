/* Generated from schemas/rule-pack.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "name".
 */
export type RulePackName = string;
/**
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "date".
 */
export type RulePackDate = string;
/**
 * Provenance
 *
 * sourced: quoted from a policy text; seed: stated in the research report; assumption: chosen for completeness, to be confirmed by policy staff.
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "provenance".
 */
export type RulePackProvenance = 'sourced' | 'seed' | 'assumption';
/**
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "decimalText".
 */
export type RulePackDecimalText = string;
/**
 * Expected value: a literal, {"param": name} or {"fact": name}
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "conditionValue".
 */
export type RulePackConditionValue =
  | (string | number | boolean | null)
  | (string | number)[]
  | {
      /**
       * A parameter of the version
       *
       * The value is this parameter of the same version (e.g. a threshold), so changing the threshold is a parameter change.
       */
      param: RulePackName;
    }
  | {
      /**
       * Another fact or a step
       *
       * The value is another fact of the application or a calculation step.
       */
      fact: RulePackName;
      /**
       * Dot path inside that fact
       *
       * For a dependency's result, e.g. "qualified".
       */
      path?: string;
    };
/**
 * Condition (json-rules-engine syntax)
 *
 * A leaf {fact, operator, value} or a group {all: [...]}, {any: [...]}, {not: ...}; which one is decided by the keys the object has (all, any, not, otherwise a leaf).
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "condition".
 */
export type RulePackCondition =
  RulePackAllCondition | RulePackAnyCondition | RulePackNotCondition | RulePackLeafCondition;
/**
 * Calculation step
 *
 * expr: arithmetic over facts, parameters and earlier steps (+ - * /, comparisons, and/or/not, c ? a : b, min max floor ceil abs round). lookup: the first row that matches the input (atLeast for tiers, equals for a value, includes for a member of a list).
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "step".
 */
export type RulePackStep =
  | {
      /**
       * Step id
       *
       * The step's name: later steps, conditions and the amount refer to it.
       */
      id: RulePackName;
      /**
       * Step title / 计算说明
       *
       * What the step computes, in words.
       */
      title?: RulePackBilingual;
      /**
       * Lookup table
       *
       * The first row matching the input gives the value.
       */
      lookup: {
        /**
         * Input
         *
         * The fact, parameter or earlier step the rows are matched against.
         */
        input: RulePackName;
        /**
         * Rows
         *
         * Tried in order; the first match wins.
         *
         * @minItems 1
         */
        rows: {
          /**
           * At least (tier)
           *
           * Matches when the input is at least this decimal.
           */
          atLeast?: RulePackDecimalText;
          /**
           * Equals
           *
           * Matches when the input equals this text or boolean.
           */
          equals?: string | boolean;
          /**
           * Includes
           *
           * Matches when the input list includes this member.
           */
          includes?: string;
          /**
           * An expression
           *
           * The value of the step when this row matches.
           */
          value: string;
        }[];
        /**
         * An expression used when no row matches; without it no match is an error of the pack
         *
         * An expression used when no row matches; without it no match is an error of the pack.
         */
        otherwise?: string;
      };
    }
  | {
      /**
       * Step id
       *
       * The step's name: later steps, conditions and the amount refer to it.
       */
      id: RulePackName;
      /**
       * Step title / 计算说明
       *
       * What the step computes, in words.
       */
      title?: RulePackBilingual;
      /**
       * Expression
       *
       * Exact decimal arithmetic over facts, parameters and earlier steps: + - * /, comparisons, and/or/not, c ? a : b, min max floor ceil abs round.
       */
      expr: string;
    };

/**
 * Rule pack / 政策规则包
 *
 * One program: its identity and every version of its rules. Packs are data: conditions in json-rules-engine syntax, amounts as restricted arithmetic expressions, no JavaScript. A published version is never edited: change a program by adding a version.
 */
export interface RulePack {
  /**
   * JSON Schema of this file
   *
   * Path of schemas/rule-pack.schema.json from the pack, so editors check and complete the file.
   */
  $schema?: string;
  /**
   * Jurisdiction code
   *
   * Six-digit administrative division code, or CN for national programs.
   */
  jurisdiction: string;
  /**
   * Program name
   *
   * Kebab-case name, unique within the jurisdiction, as in the policy catalog.
   */
  name: string;
  /**
   * Program title / 项目名称
   *
   * The program name in Chinese and English, as the explanation and the documentation show it.
   */
  title: RulePackBilingual;
  /**
   * Kind
   *
   * payment: decides an amount; determination: decides a status other programs depend on (no amount).
   */
  kind: 'payment' | 'determination';
  /**
   * Beneficiary kind
   *
   * Who is paid: an enterprise, a bank, a fund manager, or a bank or guarantor; eligibility checks filter programs by it.
   */
  beneficiary: 'enterprise' | 'bank' | 'fund-manager' | 'bank-or-guarantor';
  /**
   * Program status
   *
   * draft: the whole program is a proposal, never applied to submitted applications.
   */
  status?: 'draft' | 'active';
  /**
   * Which date chooses the version
   *
   * The version in force on this date decides an application.
   */
  versionDate:
    | {
        /**
         * A date fact, e.g. loanIssueDate
         *
         * The version in force on the date this fact states decides.
         */
        fact: RulePackName;
      }
    | {
        /**
         * A year fact; the version in force on 1 January of that year
         *
         * The version in force on 1 January of the year this fact states decides (e.g. subsidyYear).
         */
        firstDayOfYearFact: RulePackName;
      }
    | {
        /**
         * The application date
         *
         * The version in force on the day the application is received decides.
         */
        applicationDate: true;
      };
  /**
   * Determinations this program reads
   *
   * Other programs (determinations) decided first; their result is read in conditions under the name given by "as".
   */
  dependsOn?: {
    /**
     * Program key, jurisdiction/name
     *
     * The determination program to decide first, e.g. CN/tech-sme-evaluation.
     */
    program: string;
    /**
     * Fact name under which conditions read it ({qualified, outcome})
     *
     * Fact name under which conditions read the determination ({qualified, outcome}), e.g. techSme with path "qualified".
     */
    as: RulePackName;
  }[];
  /**
   * Policy texts
   *
   * Every policy text the versions cite, with its provenance; parameters refer to them by id.
   *
   * @minItems 1
   */
  sources: {
    /**
     * Reference id used by parameters
     *
     * Short name of the text; a parameter's ref and a version's references start with it.
     */
    id: RulePackName;
    /**
     * Title and article / 文件名称与条款
     *
     * The document's name, number and the article implemented, as published.
     */
    title: string;
    /**
     * Where the text is published
     *
     * Link to the official publication, when there is one.
     */
    url?: string;
    /**
     * Provenance
     *
     * sourced: quoted from a policy text; seed: stated in the research report; assumption: chosen for completeness, to be confirmed by policy staff.
     */
    provenance: RulePackProvenance;
    /**
     * Note
     *
     * Anything policy staff should know about this text (e.g. how it was read).
     */
    note?: string;
  }[];
  /**
   * Versions
   *
   * Every version of the program, each in force from its effective date; a published version is never edited.
   *
   * @minItems 1
   */
  versions: RulePackVersion[];
  /**
   * The program this one tops up
   *
   * A top-up is decided together with every application to the program it tops up, as a second decision referencing the first; eligibility checks show the combined rate.
   */
  topUpOf?: string;
  /**
   * The parameter holding this program's rate
   *
   * Used to show combined rates of a program and its top-ups (e.g. city 50% + district 40%).
   */
  shareParameter?: RulePackName;
  /**
   * Funding source / 资金来源
   *
   * Who pays this level of a combined subsidy (shown with top-ups).
   */
  funding?: RulePackBilingual;
}
/**
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "bilingual".
 */
export interface RulePackBilingual {
  /**
   * Chinese / 中文
   *
   * The text in Chinese.
   */
  zh: string;
  /**
   * English
   *
   * The text in English.
   */
  en: string;
}
/**
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "parameter".
 */
export interface RulePackParameter {
  /**
   * Value
   *
   * Money and ratios as decimal strings ("0.5", "300000"); lists as arrays of strings.
   */
  value: RulePackDecimalText | boolean | number | string[] | string;
  /**
   * Provenance
   *
   * sourced: quoted from a policy text; seed: stated in the research report; assumption: chosen for completeness, to be confirmed by policy staff.
   */
  provenance: RulePackProvenance;
  /**
   * Where the value comes from (source id and article)
   *
   * A source id followed by the article and the words quoted, so an auditor can check the value.
   */
  ref: string;
  /**
   * Title / 参数名称
   *
   * What the parameter is, in the words of the policy text.
   */
  title?: string;
  /**
   * Note
   *
   * Anything to confirm or know about the value.
   */
  note?: string;
}
/**
 * All of / 全部满足
 *
 * Passes when every condition of the list passes; unknown when none fails but one is unknown (a missing fact).
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "allCondition".
 */
export interface RulePackAllCondition {
  /**
   * Condition id
   *
   * A name for the group, shown in explanations and in GET /v1/programs (eligibility/<id>).
   */
  id?: RulePackName;
  /**
   * Condition title / 条件说明
   *
   * What the group requires, in words, as explanations show it.
   */
  title?: RulePackBilingual;
  /**
   * All of
   *
   * Conditions that must all pass.
   *
   * @minItems 1
   */
  all: RulePackCondition[];
}
/**
 * Any of / 任一满足
 *
 * Passes when at least one condition of the list passes; fails when all fail.
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "anyCondition".
 */
export interface RulePackAnyCondition {
  /**
   * Condition id
   *
   * A name for the group, shown in explanations and in GET /v1/programs (eligibility/<id>).
   */
  id?: RulePackName;
  /**
   * Condition title / 条件说明
   *
   * What the group requires, in words, as explanations show it.
   */
  title?: RulePackBilingual;
  /**
   * Any of
   *
   * Conditions of which at least one must pass.
   *
   * @minItems 1
   */
  any: RulePackCondition[];
}
/**
 * Not / 不满足
 *
 * Passes when the condition inside fails; a missing fact stays unknown (never a pass).
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "notCondition".
 */
export interface RulePackNotCondition {
  /**
   * Condition id
   *
   * A name for the group, shown in explanations and in GET /v1/programs (eligibility/<id>).
   */
  id?: RulePackName;
  /**
   * Condition title / 条件说明
   *
   * What the group requires, in words, as explanations show it.
   */
  title?: RulePackBilingual;
  /**
   * Not
   *
   * The condition that must fail.
   */
  not: RulePackCondition;
}
/**
 * Leaf condition / 单项条件
 *
 * Compares one fact (or a determination read from a dependency) with a value: fact operator value.
 *
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "leafCondition".
 */
export interface RulePackLeafCondition {
  /**
   * Condition id
   *
   * A name for the condition, shown in explanations.
   */
  id?: RulePackName;
  /**
   * Condition title / 条件说明
   *
   * What the condition requires, in words.
   */
  title?: RulePackBilingual;
  /**
   * A fact, a calculation step, or a dependency
   *
   * Must be a fact of schemas/facts.schema.json, a step of this version, or a dependency's "as" name; anything else is refused at load.
   */
  fact: RulePackName;
  /**
   * Dot path inside the fact
   *
   * Only for dependencies: which part of its result to test, e.g. "qualified".
   */
  path?: string;
  /**
   * Operator / 运算符
   *
   * How the fact is compared: equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive (numbers and dates, exact decimals), in/notIn (a list), contains/doesNotContain/containsAny (a list fact), within/notWithin (division codes).
   */
  operator:
    | 'equal'
    | 'notEqual'
    | 'lessThan'
    | 'lessThanInclusive'
    | 'greaterThan'
    | 'greaterThanInclusive'
    | 'in'
    | 'notIn'
    | 'contains'
    | 'doesNotContain'
    | 'containsAny'
    | 'within'
    | 'notWithin';
  /**
   * Expected value
   *
   * A literal, {"param": name} or {"fact": name}.
   */
  value: RulePackConditionValue;
}
/**
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "cap".
 */
export interface RulePackCap {
  /**
   * Cap id; keep it across versions so its ledger carries on
   *
   * Keep it across versions so its ledger carries on.
   */
  id: RulePackName;
  /**
   * Cap title / 限额说明
   *
   * What the cap limits, in words, as explanations show it.
   */
  title: RulePackBilingual;
  /**
   * Ledger kept per: 'beneficiary' and/or fact names; [] for the whole program (a budget or pool)
   *
   * "beneficiary" and/or fact names; [] for the whole program (a budget or pool).
   */
  per: RulePackName[];
  /**
   * Period
   *
   * lifetime, per year of a year fact ({"yearFact"}), or per year of a date fact ({"yearOfDateFact"}).
   */
  period:
    | 'lifetime'
    | {
        /**
         * Year fact
         *
         * A year fact, e.g. subsidyYear: one ledger per year.
         */
        yearFact: RulePackName;
      }
    | {
        /**
         * Date fact
         *
         * A date fact; the ledger is kept per its calendar year.
         */
        yearOfDateFact: RulePackName;
      };
  /**
   * amount: money in yuan; grants: number of awards
   *
   * amount: money in yuan; grants: number of awards.
   */
  measure: 'amount' | 'grants';
  /**
   * An expression giving the limit
   *
   * An expression giving the limit (usually a parameter).
   */
  limit: string;
  /**
   * The limit is an entitlement to date: what was paid before is subtracted, not reported as a cut
   *
   * The limit is an entitlement to date: what was paid before is subtracted, not reported as a cut.
   */
  settlesDifference?: boolean;
  /**
   * Reference
   *
   * Source id and article of the cap.
   */
  ref?: string;
  /**
   * grants only: awards with the same values of these facts count once (e.g. at most 3 distinct subsidy years)
   *
   * grants only: awards with the same values of these facts count once (e.g. at most 3 distinct subsidy years).
   *
   * @minItems 1
   */
  distinctBy?: RulePackName[];
}
/**
 * This interface was referenced by `RulePack`'s JSON-Schema
 * via the `definition` "version".
 */
export interface RulePackVersion {
  /**
   * Version label, usually its first effective date
   *
   * Usually its first effective date (YYYY-MM-DD); unique in the pack.
   */
  version: string;
  /**
   * draft: editable, only simulated; published: immutable, applied
   *
   * draft: editable, only simulated; published: immutable, applied to applications.
   */
  status: 'draft' | 'published';
  /**
   * Effective from / 生效日期
   *
   * First day in force; the version ends the day before the next published version starts, or at effectiveTo.
   */
  effectiveFrom: RulePackDate;
  /**
   * Last day in force (inclusive)
   *
   * Last day in force (inclusive); it may neither overlap the next published version nor leave a gap before it.
   */
  effectiveTo?: RulePackDate;
  /**
   * sha256 of the version without this field; required when published
   *
   * sha256 of the version without this field, recorded by npm run rules:publish; required when published. A published version whose content no longer matches refuses to load.
   */
  contentHash?: string;
  /**
   * Source ids this version implements
   *
   * Source ids this version implements.
   */
  references: RulePackName[];
  /**
   * Parameters / 参数
   *
   * Rates, thresholds and caps by name, each with its value, provenance and reference.
   */
  parameters: {
    [k: string]: RulePackParameter;
  };
  /**
   * Eligibility: an all or any condition
   *
   * An all or any condition; a missing fact makes it unknown (needs-information), never a pass.
   */
  eligibility: RulePackAllCondition | RulePackAnyCondition;
  /**
   * Calculation / 计算
   *
   * Steps computed in order.
   */
  calculation: RulePackStep[];
  /**
   * The step whose value is the amount (payments only)
   *
   * The step whose value is the amount (payments only).
   */
  amount?: RulePackName;
  /**
   * Rounding of the amount to fen
   *
   * Rounding of the amount to fen: half-up (default) or down.
   */
  rounding?: 'half-up' | 'down';
  /**
   * Caps and budgets / 限额与预算
   *
   * Limits per beneficiary, per fact or for the whole program, each kept in a ledger.
   */
  caps: RulePackCap[];
  /**
   * Defaults / 缺省事实
   *
   * Facts the policy text makes irrelevant or zero when absent (an insurance category the firm did not buy): the value used when the application does not state the fact, with the reference. A fact that decides eligibility cannot have one: it stays required, and missing means needs-information.
   */
  defaults?: {
    [k: string]: {
      /**
       * Default value
       *
       * The value used when the application does not state the fact.
       */
      value: string | number | boolean;
      /**
       * Reference
       *
       * Source id and the words of the text that make it so.
       */
      ref: string;
    };
  };
  claim?: RulePackVersionClaim;
  /**
   * Facts this version accepts only verified
   *
   * Facts that count only when they come from the enterprise profile (一企一档, verified with their source); a value the application declares itself is read as missing (needs-information), and the explanation's provenance names it.
   */
  verifiedFacts?: RulePackName[];
  /**
   * Grant without application (免申即享)
   *
   * The proactive matching job decides this version for an enterprise without an application when every fact the version reads is verified from its profile: the same ledgers, caps, idempotency and explanation as a submission, with the batches and sources named as its origin.
   */
  autoGrant?: boolean;
}
/**
 * Claim / 同一申请
 *
 * What makes two applications the same claim (a payment program must say): a loan, a period, an investment, a contest entry. Kept as a ledger of one grant per claim for ever (cap id sameClaim, applied first); a second application for the same claim is rejected naming the decision that holds it.
 */
export interface RulePackVersionClaim {
  /**
   * 'beneficiary' and/or fact names whose values together identify the claim
   *
   * "beneficiary" and/or fact names whose values together identify the claim.
   *
   * @minItems 1
   */
  per: RulePackName[];
  /**
   * Claim title / 同一申请说明
   *
   * What one claim is, in words.
   */
  title: RulePackBilingual;
  /**
   * Reference
   *
   * Source id and article, or the catalog rule.
   */
  ref?: string;
}
