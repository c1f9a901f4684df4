/**
 * Chinese for what `npm run rules -- validate` reports (the English comes from the loader and
 * the pack compiler). Patterns match the whole English detail; `$1`… are its groups. A detail
 * without a row is shown in English after a Chinese lead-in, never dropped.
 */
const WHERE_ZH: [RegExp, string][] = [
  [/^version (.+)$/, '版本 $1'],
  [/^dependsOn$/, '依赖 dependsOn'],
  [/^topUpOf$/, '叠加 topUpOf'],
  [/^versionDate$/, '版本日期 versionDate'],
];

const DETAILS_ZH: [RegExp, string][] = [
  [/^is not valid JSON: (.*)$/, '不是合法的 JSON：$1'],
  [/^is published and its content changed: it records (\S+) but now hashes to (\S+)\. Published versions are immutable; add a new version instead$/, '已发布版本在发布后被修改：记录的内容哈希为 $1，现在的内容哈希为 $2。已发布版本不可修改，请新增一个版本'],
  [/^is published but records no contentHash; its content hashes to (\S+)$/, '已发布但未记录内容哈希（contentHash），其内容哈希为 $1；请运行 npm run rules:publish'],
  [/^effectiveTo is before effectiveFrom$/, '失效日期 effectiveTo 早于生效日期 effectiveFrom'],
  [/^starts while version (\S+) is still in force \(until (\S+)\)$/, '生效日期与版本 $1 重叠（版本 $1 有效至 $2）'],
  [/^leaves a gap: version (\S+) ends on (\S+) and this one starts on (\S+), so no version is in force between them$/, '版本日期有空档：版本 $1 于 $2 失效，本版本 $3 才生效，其间没有任何版本有效'],
  [/^the label repeats$/, '版本标签重复'],
  [/^(.+): parameter "(\w+)" is not defined$/, '$1：引用的参数“$2”未定义'],
  [/^(.+): "(\w+)" is not a fact, a step or a dependency$/, '$1：“$2”不是已知的事实、计算步骤或依赖（未知事实）'],
  [/^(.+): "(\w+)" is not a fact or a step$/, '$1：“$2”不是已知的事实或计算步骤'],
  [/^(.+): "(\w+)" is not a fact, a parameter or an earlier step$/, '$1：“$2”不是已知的事实、参数或前面的计算步骤'],
  [/^(.+): (\w+) needs a list.*$/, '$1：运算符 $2 需要列表'],
  [/^(.+): path is only for dependencies$/, '$1：path 只能用于依赖'],
  [/^(.+): (\w+) compares numbers or dates, and "(\w+)" is neither$/, '$1：运算符 $2 比较数值或日期，而“$3”两者都不是'],
  [/^(.+): (\w+) tests a division-code fact, and "(\w+)" is not one$/, '$1：运算符 $2 用于行政区划代码事实，而“$3”不是'],
  [/^(.+): (\w+) needs jurisdiction codes known as divisions of China, got (.*)$/, '$1：运算符 $2 需要已知的行政区划代码，实际为 $3'],
  [/^step (\w+): the name is already a step, parameter or fact$/, '计算步骤 $1：名称与已有步骤、参数或事实重复'],
  [/^step (\w+): lookup input "(\w+)" is unknown$/, '计算步骤 $1：查表输入“$2”未知'],
  [/^defaults: "(\w+)" is not a fact$/, '默认值：“$1”不是已知事实'],
  [/^defaults: "(\w+)" decides eligibility; it stays required$/, '默认值：“$1”决定资格条件，必须由申请提供'],
  [/^defaults: (.+) is not a value of "(\w+)" \((\w+)\)$/, '默认值：$1 不是“$2”（$3）的合法取值'],
  [/^a payment program names its amount step$/, '支付类项目必须指明金额步骤（amount）'],
  [/^amount "(\w+)" is not a step$/, '金额“$1”不是计算步骤'],
  [/^a payment program states its claim.*$/, '支付类项目必须说明同一申请的认定（claim）'],
  [/^cap (\w+): per "(\w+)" is not a fact$/, '限额 $1：per 中的“$2”不是已知事实'],
  [/^cap (\w+): distinctBy "(\w+)" is not a fact$/, '限额 $1：distinctBy 中的“$2”不是已知事实'],
  [/^cap (\w+): period fact "(\w+)" is not a fact$/, '限额 $1：期间事实“$2”不是已知事实'],
  [/^cap (\w+): distinctBy counts grants; use measure "grants"$/, '限额 $1：distinctBy 计数发放次数，measure 须为 "grants"'],
  [/^cap ids repeat$/, '限额 id 重复'],
  [/^program (\S+) does not exist$/, '项目 $1 不存在'],
  [/^(\S+) does not apply in (\S+)$/, '$1 不适用于 $2'],
  [/^shareParameter "(\w+)" is not a parameter$/, 'shareParameter“$1”不是参数'],
  [/^lives in (\S+) but declares (\S+)$/, '文件位于 $1，但声明为 $2'],
  [/^jurisdiction (\S+) is not a division of China.*$/, '行政区划 $1 不是已知的中国行政区划'],
  [/^"(\w+)" must be a (\w+) fact$/, '“$1”必须是 $2 类型的事实'],
  // schema errors: "<pointer> <ajv message>"
  [/^(\S+) unknown operator: operator must be one of (.*)$/, '$1 运算符未知，必须是 $2 之一'],
  [/^(\S+) must be one of (.*)$/, '$1 必须是 $2 之一'],
  [/^(\S+) is not a known field$/, '$1 不是已知字段'],
  [/^(\S+) is required$/, '$1 为必填项'],
  [/^(\S+) must match pattern (.*)$/, '$1 格式不符合 $2'],
  [/^(\S+) must be (\w+)$/, '$1 类型必须是 $2'],
];

function translate(table: [RegExp, string][], text: string): string | undefined {
  for (const [pattern, zh] of table) if (pattern.test(text)) return text.replace(pattern, zh);
  return undefined;
}

/** The Chinese of one loader error: where (a version, a header field) and what. */
export function ruleIssueZh(where: string, detail: string): string {
  const w = where ? (translate(WHERE_ZH, where) ?? where) + '：' : '';
  const d = translate(DETAILS_ZH, detail);
  return w + (d ?? `规则错误：${detail}`);
}
