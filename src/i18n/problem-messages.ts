/**
 * Chinese for problem titles and details. The service writes every problem in English; a
 * request with `Accept-Language: zh…` gets the Chinese of each title (by problem type) and of
 * each detail (by the first pattern that matches the whole English text; `$1`… are its
 * groups). A message without a row stays English: adding a problem never needs a row here to
 * work, only to be translated. Field pointers never change.
 */

/** By problem type: the part of `type` after https://subsidy-rules.example/problems/. */
export const TITLES_ZH: Record<string, string> = {
  'invalid-request': '请求无效',
  unprocessable: '请求无法处理',
  'not-found': '未找到',
  'idempotency-in-flight': '使用该 Idempotency-Key 的请求仍在处理中',
  'idempotency-key-reused': '该 Idempotency-Key 已用于另一个请求',
  'not-ready': '结果尚未就绪',
  unauthenticated: '需要身份认证',
  forbidden: '无权操作',
  'rate-limited': '请求过于频繁',
  'too-large': '请求体过大',
  'malformed-json': '请求体不是合法的 JSON',
  'bad-request': '错误的请求',
  unavailable: '服务暂时不可用',
  internal: '内部错误',
};

/** English detail (whole text) → Chinese. Keep the most specific patterns first. */
export const DETAILS_ZH: [RegExp, string][] = [
  [/^the body must be JSON \(Content-Type: application\/json\)$/, '请求体必须是 JSON（Content-Type: application/json）'],
  [/^must be a JSON object$/, '必须是 JSON 对象'],
  [/^the body is too deeply nested or has too long a list$/, '请求体嵌套过深或列表过长'],
  [/^the body has keys starting with \$ or containing a dot$/, '请求体含有以 $ 开头或包含点号的键'],
  [/^keys may not start with \$ or contain a dot$/, '键不能以 $ 开头或包含点号'],
  [/^the body does not match (\S+)$/, '请求体不符合 $1'],
  [/^unknown query parameters$/, '未知的查询参数'],
  [/^is not a known query parameter$/, '不是可用的查询参数'],
  [/^a query parameter repeats$/, '查询参数重复'],
  [/^must be given once$/, '只能给出一次'],
  [/^no application (\S+)$/, '申请 $1 不存在'],
  [/^no decision (\S+)$/, '决定 $1 不存在'],
  [/^no simulation (\S+)$/, '模拟测算 $1 不存在'],
  [/^matching run (\S+) is still running: read GET (\S+) until its state is done$/, '匹配任务 $1 仍在运行：请轮询 GET $2，直到其状态为 done'],
  [/^matching run (\S+) failed: (.*)$/, '匹配任务 $1 失败：$2'],
  [/^no API key (\S+)$/, 'API 密钥 $1 不存在'],
  [/^no program (\S+)$/, '项目 $1 不存在'],
  [/^(\S+) has no version (\S+)$/, '$1 没有版本 $2'],
  [/^rule text (\S+) is not stored$/, '规则文本 $1 未存储'],
  [/^no route (\S+) (\S+)$/, '没有路由 $1 $2'],
  [/^the API key is unknown or revoked$/, 'API 密钥不存在或已吊销'],
  [/^send an API key as Authorization: Bearer <key>$/, '请以 Authorization: Bearer <key> 发送 API 密钥'],
  [/^the (\S+) role may not (\S+)$/, '$1 角色无权执行 $2'],
  [/^this API key may not act for beneficiaries registered in (\S+)$/, '该 API 密钥无权代表注册在 $1 的受益人'],
  [/^only policy staff simulate drafts$/, '只有政策人员可以模拟草案'],
  [/^at most (\d+) requests a minute per API key$/, '每个 API 密钥每分钟最多 $1 个请求'],
  [/^unknown jurisdiction$/, '未知的行政区划'],
  [/^is not a known jurisdiction code$/, '不是已知的行政区划代码'],
  [/^is not a known program$/, '不是已知的项目'],
  [/^(\S+) does not apply here$/, '$1 不适用于此'],
  [/^does not apply in (\S+)$/, '不适用于 $1'],
  [/^(\S+) is a draft program$/, '$1 是草案项目'],
  [/^(\S+) is a draft$/, '$1 是草案'],
  [/^is a draft program: simulate it with includeDrafts$/, '是草案项目：请用 includeDrafts 模拟'],
  [/^is a draft: it can be simulated, not applied for$/, '是草案：只能模拟，不能申请'],
  [/^(\S+) does not apply in (\S+)$/, '$1 不适用于 $2'],
  [/^is outside (\S+), where (\S+) applies$/, '不在 $2 适用的 $1 范围内'],
  [/^malformed Idempotency-Key$/, 'Idempotency-Key 格式错误'],
  [/^must be 1 to 255 visible ASCII characters$/, '必须是 1 到 255 个可见 ASCII 字符'],
  [/^this Idempotency-Key was first used with a different request body$/, '该 Idempotency-Key 首次使用时的请求体不同'],
  [/^retry when the first request has completed$/, '请在第一个请求完成后重试'],
  [/^the body exceeds the size limit$/, '请求体超过大小限制'],
  [/^request entity too large$/, '请求体过大'],
  [/^the body could not be parsed as JSON$/, '请求体无法解析为 JSON'],
  [/^is not valid JSON$/, '不是合法的 JSON'],
  [/^the database cannot be reached; retry later$/, '数据库无法连接，请稍后重试'],
  [/^an unexpected error occurred$/, '发生了意外错误'],
  [/^is not a known field$/, '不是已知的字段'],
  [/^is required$/, '为必填项'],
  [/^must be one of (.+)$/, '必须是以下之一：$1'],
  [/^is not a valid unified social credit code \(GB 32100-2015 check character\)$/, '不是有效的统一社会信用代码（GB 32100-2015 校验码）'],
  [/^must have required property '([^']+)'$/, "缺少必需的属性 '$1'"],
  [/^must NOT have additional properties$/, '不允许有额外的属性'],
  [/^must match pattern "(.*)"$/, '必须匹配模式 "$1"'],
  [/^must be (string|number|integer|boolean|object|array|null)$/, '必须是 $1 类型'],
  [/^must be equal to one of the allowed values$/, '必须是允许的值之一'],
  [/^must match format "([^"]+)"$/, '必须符合格式 "$1"'],
  [/^must be (>=|<=|>|<) (\S+)$/, '必须 $1 $2'],
];

export type Language = 'zh' | 'en';

export function translateTitle(type: string, title: string, lang: Language): string {
  if (lang !== 'zh') return title;
  return TITLES_ZH[type.slice(type.lastIndexOf('/') + 1)] ?? title;
}

export function translateDetail(detail: string, lang: Language): string {
  if (lang !== 'zh') return detail;
  for (const [pattern, zh] of DETAILS_ZH) if (pattern.test(detail)) return detail.replace(pattern, zh);
  return detail;
}
