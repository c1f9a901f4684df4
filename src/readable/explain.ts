import type { ConditionNode, Explanation } from '../adjudication/explanation';
import type { ProgramCatalog } from '../rules/catalog';
import type { ApplicationDoc, DecisionDoc } from '../store/models';
import type { Block, MarkedText, ReadableDocument, TreeNode, Verdict } from './blocks';
import { GROUPS, LABELS, MARKS, OPERATORS, OUTCOMES, pick, policyAmount, type Lang, type Words } from './words';

const MONEY_KINDS = new Set(['money']);

/** Builds the readable explanation of a stored decision (HTTP-free: the route renders it). */
export function readableExplanation(catalog: ProgramCatalog, decision: DecisionDoc, application: ApplicationDoc | undefined, lang: Lang): ReadableDocument {
  const e = decision.explanation as unknown as Explanation;
  const t = (w: Words) => pick(w, lang);
  const title = `${t(LABELS.title)}：${t(e.program.title)}`.replace('：', lang === 'zh' ? '：' : ': ');
  const blocks: Block[] = [];
  const place = (code: string) => {
    const j = catalog.jurisdictions.get(code);
    return j ? `${code} ${lang === 'en' && j.nameEn ? j.nameEn : j.name}` : code;
  };
  const money = (v: unknown) => (v === null || v === undefined ? t(LABELS.none) : policyAmount(v, lang));

  blocks.push({ kind: 'heading', level: 2, text: t(LABELS.decision) });
  blocks.push({
    kind: 'fields',
    rows: [
      [t(LABELS.decisionId), decision._id],
      [t(LABELS.outcome), outcomeMark(e.outcome, t(OUTCOMES[e.outcome] ?? { zh: e.outcome, en: e.outcome }))],
      [t(LABELS.amount), money(e.amount)],
      [t(LABELS.computedAmount), money(e.computedAmount)],
      [t(LABELS.summary), t(e.summary)],
      [t(LABELS.decidedAt), new Date(decision.decidedAt).toISOString()],
    ],
  });
  if (e.reasons.length) blocks.push({ kind: 'heading', level: 3, text: t(LABELS.reasons) }, { kind: 'list', items: e.reasons.map((r) => `${r.code}: ${r.detail}`) });

  blocks.push({ kind: 'heading', level: 2, text: t(LABELS.applicant) });
  const beneficiary = application?.beneficiary ?? { name: '', uscc: decision.beneficiaryUscc, jurisdiction: decision.beneficiaryJurisdiction };
  blocks.push({
    kind: 'fields',
    rows: [
      [t(LABELS.name), beneficiary.name || t(LABELS.notProvided)],
      [t(LABELS.uscc), beneficiary.uscc],
      [t(LABELS.jurisdiction), place(beneficiary.jurisdiction)],
      [t(LABELS.applicationId), decision.applicationId],
      [t(LABELS.applicationDate), application?.applicationDate ?? ''],
    ],
  });
  if (decision.marks?.length) blocks.push({ kind: 'heading', level: 3, text: t(LABELS.marks) }, { kind: 'list', items: decision.marks.map((m) => `${m.code}: ${m.detail}`) });

  explainProgram(blocks, e, catalog, lang, 2);
  return { lang, title, blocks };
}

/** The program, version, conditions, calculation, caps and parameters of one explanation (dependencies nested). */
function explainProgram(blocks: Block[], e: Explanation, catalog: ProgramCatalog, lang: Lang, level: 2 | 3): void {
  const t = (w: Words) => pick(w, lang);
  const sub = (level + 1) as 3;
  const money = (v: unknown) => policyAmount(v, lang);
  blocks.push({ kind: 'heading', level, text: `${t(LABELS.program)}：${t(e.program.title)}`.replace('：', lang === 'zh' ? '：' : ': ') });
  const v = e.version;
  blocks.push({
    kind: 'fields',
    rows: [
      [t(LABELS.programKey), e.program.key],
      [t(LABELS.version), v ? `${v.version} (${v.status})` : t(LABELS.noVersion)],
      [t(LABELS.effective), v ? `${v.effectiveFrom} – ${v.effectiveUntil ?? t(LABELS.openEnded)}` : ''],
      [t(LABELS.selectedBy), `${selectedBy(e.versionSelection.by, lang)}${e.versionSelection.date ? ` ${e.versionSelection.date}` : ''}`],
      [t(LABELS.ruleHash), v?.ruleHash ?? ''],
    ],
  });
  if (e.references.length) blocks.push({ kind: 'heading', level: sub, text: t(LABELS.references) }, { kind: 'list', items: e.references.map((r) => `[${r.id}] ${r.title}${r.url ? ` <${r.url}>` : ''} (${r.provenance})`) });

  const words = conditionWords(e, catalog, lang);
  if (e.conditions) blocks.push({ kind: 'heading', level: sub, text: t(LABELS.conditions) }, { kind: 'tree', root: conditionTree(e.conditions, words, lang) });
  if (e.failingConditions.length) {
    blocks.push({ kind: 'heading', level: sub, text: t(LABELS.failing) });
    blocks.push({
      kind: 'table',
      head: [t(LABELS.condition), t(LABELS.required), t(LABELS.actual), t(LABELS.result)],
      rows: e.failingConditions.map((f) => [words.fact(f.fact, f.path), `${words.operator(f.operator)} ${words.value(f.fact, f.expected)}`, words.value(f.fact, f.actual), mark('fail', '', lang)]),
    });
  }
  if (e.missingFacts.length) blocks.push({ kind: 'heading', level: sub, text: t(LABELS.missing) }, { kind: 'list', items: e.missingFacts.map((f) => words.fact(f)) });
  if (e.defaults?.length) blocks.push({ kind: 'heading', level: sub, text: t(LABELS.defaults) }, { kind: 'list', items: e.defaults.map((d) => `${words.fact(d.fact)} = ${words.value(d.fact, d.value)} (${d.ref})`) });

  if (e.calculation.length) {
    blocks.push({ kind: 'heading', level: sub, text: t(LABELS.calculation) });
    blocks.push({
      kind: 'table',
      head: [t(LABELS.step), t(LABELS.formula), t(LABELS.inputs), t(LABELS.result)],
      rows: e.calculation.map((s) => [
        s.title ? `${t(s.title)} (${s.id})` : s.id,
        s.expression,
        Object.entries(s.inputs).map(([k, x]) => `${k} = ${words.value(k, x)}`).join('; '),
        typeof s.result === 'boolean' ? t(s.result ? LABELS.yes : LABELS.no) : s.result,
      ]),
    });
  }
  if (e.caps.length) {
    blocks.push({ kind: 'heading', level: sub, text: t(LABELS.caps) });
    const amount = (c: (typeof e.caps)[number], x: string) => (c.measure === 'amount' ? money(x) : x);
    blocks.push({
      kind: 'table',
      head: [t(LABELS.cap), t(LABELS.limit), t(LABELS.usedBefore), t(LABELS.requested), t(LABELS.granted), t(LABELS.cut)],
      rows: e.caps.map((c) => [
        `${t(c.title)}${c.ref ? ` [${c.ref}]` : ''}${c.usedBy?.length ? `; ${t(LABELS.usedBy)}: ${c.usedBy.map((h) => `${h.imported ? `${h.imported.source} ${h.imported.row} (${h.imported.ref})` : h.holder} ${amount(c, h.used)}`).join(', ')}` : ''}`,
        amount(c, c.limit),
        amount(c, c.usedBefore),
        money(c.requested),
        money(c.granted),
        Number(c.cut) > 0 ? mark('fail', money(c.cut), lang) : money(c.cut),
      ]),
    });
  }
  const params = Object.entries(e.parameters);
  if (params.length) {
    blocks.push({ kind: 'heading', level: sub, text: t(LABELS.parameters) });
    blocks.push({ kind: 'table', head: [t(LABELS.param), t(LABELS.value), t(LABELS.source)], rows: params.map(([k, p]) => [k, Array.isArray(p.value) ? p.value.join(', ') : String(p.value), `${p.ref} (${p.provenance})`]) });
  }
  for (const d of e.dependencies) {
    blocks.push({ kind: 'heading', level: 3, text: `${t(LABELS.dependencies)}: ${d.as}` });
    blocks.push({ kind: 'paragraph', text: `${t(OUTCOMES[d.explanation.outcome] ?? { zh: d.explanation.outcome, en: d.explanation.outcome })} — ${t(d.explanation.summary)}` });
    explainProgram(blocks, d.explanation, catalog, lang, 3);
  }
}

/** How the version was chosen (version-selection.ts says it in English). */
function selectedBy(by: string, lang: Lang): string {
  if (lang === 'en') return by;
  if (by === 'application date') return '申请日期';
  const fact = /^fact (\S+)$/.exec(by);
  if (fact) return `事实 ${fact[1]} 的日期`;
  const year = /^first day of (\S+)$/.exec(by);
  return year ? `${year[1]} 所在年度的首日` : by;
}

/** The outcome with a symbol only (✔ paid, ✘ rejected, ? needs information), not "met". */
function outcomeMark(outcome: string, text: string): MarkedText {
  const verdict: Verdict = outcome === 'rejected' ? 'fail' : outcome === 'needs-information' ? 'unknown' : 'pass';
  return { mark: verdict, markText: { pass: '✔', fail: '✘', unknown: '?' }[verdict], text };
}

function mark(verdict: Verdict, text: string, lang: Lang): MarkedText {
  return { mark: verdict, markText: pick(MARKS[verdict], lang), text };
}

/** How facts, operators and values read in words, in one language. */
function conditionWords(e: Explanation, catalog: ProgramCatalog, lang: Lang) {
  const t = (w: Words) => pick(w, lang);
  const fact = (name: string, path?: string) => {
    const def = catalog.facts.get(name);
    const [zh, en] = (def?.title ?? name).split(' / ');
    const label = lang === 'zh' ? zh! : (en ?? zh!);
    return `${label}${path ? `.${path}` : ''} (${name})`;
  };
  const value = (name: string, v: unknown): string => {
    if (v === null || v === undefined) return t(LABELS.notProvided);
    if (typeof v === 'boolean') return t(v ? LABELS.yes : LABELS.no);
    if (Array.isArray(v)) return v.length ? v.map((x) => value(name, x)).join(lang === 'zh' ? '、' : ', ') : `[${t(LABELS.none)}]`;
    const kind = catalog.facts.get(name)?.kind;
    if (kind && MONEY_KINDS.has(kind)) return policyAmount(v, lang);
    if (kind === 'jurisdictionCode' && typeof v === 'string') {
      const j = catalog.jurisdictions.get(v);
      return j ? `${v} ${lang === 'en' && j.nameEn ? j.nameEn : j.name}` : v;
    }
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  };
  const operator = (op: string) => (OPERATORS[op] ? t(OPERATORS[op]!) : op);
  const expected = (node: ConditionNode) => {
    const from = node.expectedFrom;
    const shown = value(node.fact ?? '', node.expected);
    if (!from) return shown;
    const [kind, nameOf] = from.split(':');
    const ref = kind === 'param' ? e.parameters[nameOf!]?.ref : undefined;
    return `${shown} (${kind === 'param' ? t(LABELS.param) : kind} ${nameOf}${ref ? `: ${ref}` : ''})`;
  };
  return { fact, value, operator, expected };
}

function conditionTree(node: ConditionNode, words: ReturnType<typeof conditionWords>, lang: Lang): TreeNode {
  const t = (w: Words) => pick(w, lang);
  const titled = (text: string) => (node.title ? `${t(node.title)} — ${text}` : text);
  if (node.kind === 'condition') {
    const actual = `${t(LABELS.actual)}: ${words.value(node.fact ?? '', node.actual)}`;
    const text = `${words.fact(node.fact ?? '', node.path)} ${words.operator(node.operator ?? '')} ${words.expected(node)}; ${actual}`;
    return { mark: mark(node.result, '', lang), text: titled(text), children: [] };
  }
  return { mark: mark(node.result, '', lang), text: titled(t(GROUPS[node.kind])), children: (node.children ?? []).map((c) => conditionTree(c, words, lang)) };
}
