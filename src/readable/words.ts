import { Decimal, toDecimal } from '../money/decimal';

export type Lang = 'zh' | 'en';

/** Text in both languages; `t(lang)` picks one. */
export type Words = { zh: string; en: string };
export const pick = (w: Words, lang: Lang): string => w[lang];

export const LABELS = {
  title: { zh: '补贴决定说明', en: 'Subsidy decision explained' },
  decision: { zh: '决定', en: 'Decision' },
  decisionId: { zh: '决定编号', en: 'Decision id' },
  decidedAt: { zh: '决定时间', en: 'Decided at' },
  applicant: { zh: '申请人', en: 'Applicant' },
  name: { zh: '名称', en: 'Name' },
  uscc: { zh: '统一社会信用代码', en: 'Unified social credit code' },
  jurisdiction: { zh: '注册地', en: 'Registered in' },
  applicationId: { zh: '申请编号', en: 'Application id' },
  applicationDate: { zh: '申请日期', en: 'Application date' },
  program: { zh: '政策项目与版本', en: 'Program and version' },
  programKey: { zh: '项目', en: 'Program' },
  version: { zh: '规则版本', en: 'Rule version' },
  effective: { zh: '有效期', en: 'In force' },
  selectedBy: { zh: '版本选择依据', en: 'Version chosen by' },
  ruleHash: { zh: '规则哈希', en: 'Rule hash' },
  references: { zh: '政策依据', en: 'Policy references' },
  outcome: { zh: '结果', en: 'Outcome' },
  amount: { zh: '核定金额', en: 'Amount' },
  computedAmount: { zh: '测算金额（封顶前）', en: 'Computed amount (before caps)' },
  summary: { zh: '摘要', en: 'Summary' },
  reasons: { zh: '理由', en: 'Reasons' },
  conditions: { zh: '条件审查', en: 'Conditions' },
  condition: { zh: '条件', en: 'Condition' },
  required: { zh: '要求', en: 'Required' },
  actual: { zh: '实际值', en: 'Actual value' },
  result: { zh: '结论', en: 'Result' },
  failing: { zh: '未满足的条件', en: 'Conditions not met' },
  missing: { zh: '缺少的信息', en: 'Missing facts' },
  defaults: { zh: '按政策默认的事实', en: 'Facts taken by default' },
  calculation: { zh: '计算过程', en: 'Calculation' },
  step: { zh: '步骤', en: 'Step' },
  formula: { zh: '公式', en: 'Formula' },
  inputs: { zh: '代入数值', en: 'Inputs' },
  caps: { zh: '封顶与限额', en: 'Caps and limits' },
  cap: { zh: '限额', en: 'Cap' },
  limit: { zh: '上限', en: 'Limit' },
  usedBefore: { zh: '此前已用', en: 'Used before' },
  requested: { zh: '申请额', en: 'Requested' },
  granted: { zh: '给予', en: 'Granted' },
  cut: { zh: '核减', en: 'Cut' },
  usedBy: { zh: '占用者', en: 'Held by' },
  parameters: { zh: '参数', en: 'Parameters' },
  value: { zh: '取值', en: 'Value' },
  source: { zh: '出处', en: 'Source' },
  dependencies: { zh: '所依据的认定', en: 'Determinations relied on' },
  marks: { zh: '复核提示', en: 'Marks for a reviewer' },
  none: { zh: '无', en: 'none' },
  notProvided: { zh: '（未提供）', en: '(not provided)' },
  openEnded: { zh: '至今', en: 'open-ended' },
  noVersion: { zh: '无适用版本', en: 'no version in force' },
  yes: { zh: '是', en: 'yes' },
  no: { zh: '否', en: 'no' },
  param: { zh: '参数', en: 'parameter' },
} satisfies Record<string, Words>;

export const MARKS: Record<'pass' | 'fail' | 'unknown', Words> = {
  pass: { zh: '✔ 满足', en: '✔ met' },
  fail: { zh: '✘ 不满足', en: '✘ not met' },
  unknown: { zh: '? 无法判断', en: '? unknown' },
};

export const GROUPS: Record<'all' | 'any' | 'not', Words> = {
  all: { zh: '以下条件须全部满足', en: 'all of the following' },
  any: { zh: '以下条件满足其一即可', en: 'any one of the following' },
  not: { zh: '以下条件不得成立', en: 'the following must not hold' },
};

export const OUTCOMES: Record<string, Words> = {
  approved: { zh: '批准', en: 'approved' },
  partial: { zh: '部分批准（受限额核减）', en: 'partially approved (cut by a cap)' },
  rejected: { zh: '不予支持', en: 'rejected' },
  'needs-information': { zh: '需补充信息', en: 'needs information' },
};

export const OPERATORS: Record<string, Words> = {
  equal: { zh: '等于', en: 'equals' },
  notEqual: { zh: '不等于', en: 'does not equal' },
  lessThan: { zh: '小于', en: 'is less than' },
  lessThanInclusive: { zh: '不超过', en: 'is at most' },
  greaterThan: { zh: '大于', en: 'is more than' },
  greaterThanInclusive: { zh: '不低于', en: 'is at least' },
  in: { zh: '属于以下之一', en: 'is one of' },
  notIn: { zh: '不属于以下任一', en: 'is none of' },
  contains: { zh: '包含', en: 'includes' },
  doesNotContain: { zh: '不包含', en: 'does not include' },
  containsAny: { zh: '包含以下任一', en: 'includes any of' },
  within: { zh: '位于以下地区之内', en: 'lies within' },
  notWithin: { zh: '不在以下地区之内', en: 'lies outside' },
};

const WAN = new Decimal(10_000);
const YI = new Decimal(100_000_000);

/** Grouped digits with two decimals: 3,000,000.00. */
export function exactYuan(d: Decimal): string {
  const [int, frac] = d.toFixed(2).split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/**
 * An amount as policy texts write it (300万元, 1.5亿元, 8000元) beside the exact yuan figure:
 * "300万元（3,000,000.00 元）" or, in English, "300万元 (CNY 3,000,000.00)". A figure the
 * short form cannot state exactly gets 约 / about.
 */
export function policyAmount(value: unknown, lang: Lang): string {
  const d = toDecimal(value);
  if (!d) return String(value);
  const exact = lang === 'zh' ? `${exactYuan(d)} 元` : `CNY ${exactYuan(d)}`;
  const abs = d.abs();
  let short: string;
  if (abs.gte(YI) && abs.mod(1_000_000).isZero()) short = `${d.div(YI).toFixed()}亿元`;
  else if (abs.gte(WAN)) {
    const wan = d.div(WAN);
    const rounded = wan.toDecimalPlaces(2);
    short = `${rounded.eq(wan) ? '' : lang === 'zh' ? '约' : 'about '}${rounded.toFixed()}万元`;
  } else short = `${d.toFixed()}元`;
  return lang === 'zh' ? `${short}（${exact}）` : `${short} (${exact})`;
}
