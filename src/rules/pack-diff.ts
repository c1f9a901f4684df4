import { canonicalJson } from './content-hash';
import type { Condition, PackVersion } from './pack-types';

/** One difference between two versions, in words (English and Chinese). */
export interface VersionChange {
  where: string;
  en: string;
  zh: string;
}

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function conditionText(c: Condition): string {
  if ('all' in c) return `all of ${c.all.length}`;
  if ('any' in c) return `any of ${c.any.length}`;
  if ('not' in c) return 'not';
  const value = c.value && typeof c.value === 'object' && !Array.isArray(c.value) ? ('param' in c.value ? `parameter ${c.value.param}` : `fact ${c.value.fact}`) : show(c.value);
  return `${c.fact}${c.path ? '.' + c.path : ''} ${c.operator} ${value}`;
}

/** Every leaf and group of an eligibility tree by a stable name: its id, or its path. */
function conditions(c: Condition, path: string, out: Map<string, string>): Map<string, string> {
  const name = c.id ?? path;
  out.set(name, conditionText(c) + (c.title ? ` (${c.title.en})` : ''));
  if ('all' in c) c.all.forEach((x, i) => conditions(x, `${path}/all/${i}`, out));
  else if ('any' in c) c.any.forEach((x, i) => conditions(x, `${path}/any/${i}`, out));
  else if ('not' in c) conditions(c.not, `${path}/not`, out);
  return out;
}

function compareMaps(kind: { en: string; zh: string }, a: Map<string, string>, b: Map<string, string>, out: VersionChange[]): void {
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined) out.push({ where: `${kind.en} ${k}`, en: `${kind.en} ${k} removed (was: ${v})`, zh: `删除${kind.zh} ${k}（原为：${v}）` });
    else if (w !== v) out.push({ where: `${kind.en} ${k}`, en: `${kind.en} ${k} changed: ${v} → ${w}`, zh: `${kind.zh} ${k} 修改：${v} → ${w}` });
  }
  for (const [k, w] of b) if (!a.has(k)) out.push({ where: `${kind.en} ${k}`, en: `${kind.en} ${k} added: ${w}`, zh: `新增${kind.zh} ${k}：${w}` });
}

/** What differs between two versions of a program: dates, parameters, conditions, steps, caps, claim, defaults. */
export function diffVersions(a: PackVersion, b: PackVersion): VersionChange[] {
  const out: VersionChange[] = [];
  for (const field of ['status', 'effectiveFrom', 'effectiveTo', 'amount', 'rounding'] as const) {
    if (a[field] !== b[field]) out.push({ where: field, en: `${field}: ${show(a[field] ?? '(none)')} → ${show(b[field] ?? '(none)')}`, zh: `${field}：${show(a[field] ?? '（无）')} → ${show(b[field] ?? '（无）')}` });
  }
  const params = (v: PackVersion) => new Map(Object.entries(v.parameters).map(([k, p]) => [k, `${show(p.value)} [${p.provenance}; ${p.ref}]`]));
  // a parameter whose value changes is said first and plainly: that is most of what staff change
  for (const [k, p] of Object.entries(a.parameters)) {
    const q = b.parameters[k];
    if (q && canonicalJson(p.value) !== canonicalJson(q.value)) {
      out.push({ where: `parameter ${k}`, en: `parameter ${k}${p.title ? ` (${p.title})` : ''}: ${show(p.value)} → ${show(q.value)}`, zh: `参数 ${k}${p.title ? `（${p.title}）` : ''}：${show(p.value)} → ${show(q.value)}` });
    }
  }
  const pa = params(a);
  const pb = params(b);
  for (const [k, v] of pa) {
    const w = pb.get(k);
    if (w === undefined) out.push({ where: `parameter ${k}`, en: `parameter ${k} removed (was ${v})`, zh: `删除参数 ${k}（原为 ${v}）` });
    else if (w !== v && canonicalJson(a.parameters[k]!.value) === canonicalJson(b.parameters[k]!.value)) {
      out.push({ where: `parameter ${k}`, en: `parameter ${k}: provenance or reference changed: ${v} → ${w}`, zh: `参数 ${k} 的来源或依据修改：${v} → ${w}` });
    }
  }
  for (const [k, w] of pb) if (!pa.has(k)) out.push({ where: `parameter ${k}`, en: `parameter ${k} added: ${w}`, zh: `新增参数 ${k}：${w}` });
  compareMaps({ en: 'condition', zh: '条件' }, conditions(a.eligibility, 'eligibility', new Map()), conditions(b.eligibility, 'eligibility', new Map()), out);
  const steps = (v: PackVersion) => new Map(v.calculation.map((s) => [s.id, 'expr' in s ? s.expr : `lookup ${s.lookup.input}: ${s.lookup.rows.map((r) => `${show(r.atLeast ?? r.equals ?? r.includes)} → ${r.value}`).join('; ')}${s.lookup.otherwise ? `; otherwise ${s.lookup.otherwise}` : ''}`]));
  compareMaps({ en: 'step', zh: '计算步骤' }, steps(a), steps(b), out);
  const caps = (v: PackVersion) => new Map(v.caps.map((c) => [c.id, `limit ${c.limit}, per [${c.per.join(', ')}], ${typeof c.period === 'string' ? c.period : canonicalJson(c.period)}, ${c.measure}${c.distinctBy ? `, distinct by ${c.distinctBy.join(', ')}` : ''}${c.settlesDifference ? ', settles the difference' : ''}`]));
  compareMaps({ en: 'cap', zh: '限额' }, caps(a), caps(b), out);
  const claim = (v: PackVersion) => new Map(v.claim ? [['claim', `per [${v.claim.per.join(', ')}]`]] : []);
  compareMaps({ en: 'claim', zh: '同一申请认定' }, claim(a), claim(b), out);
  const defaults = (v: PackVersion) => new Map(Object.entries(v.defaults ?? {}).map(([k, d]) => [k, `${show(d.value)} (${d.ref})`]));
  compareMaps({ en: 'default', zh: '默认值' }, defaults(a), defaults(b), out);
  const refs = (v: PackVersion) => new Map(v.references.map((r) => [r, r]));
  compareMaps({ en: 'reference', zh: '政策依据' }, refs(a), refs(b), out);
  return out;
}
