import { canonicalJson, sha256, versionContentHash } from './content-hash';
import { compileExpression, ExpressionError, type CompiledExpression } from './expressions';
import type { FactDictionary } from './fact-dictionary';
import type { CompiledCap, CompiledStep, ProgramVersion } from './compiled';
import { CLAIM_CAP_ID, type Cap, type Condition, type ConditionValue, type PackVersion, type RulePack } from './pack-types';

export class RulePackError extends Error {
  /** What is wrong, without the file and place (the English text a translation matches). */
  readonly detail: string;
  constructor(readonly file: string, readonly where: string, message: string, readonly pointer: string = '') {
    super(`${file}${where ? ` (${where})` : ''}: ${message}`);
    this.detail = message;
  }
}

const SET_OPERATORS = new Set(['in', 'notIn']);
const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const PLACE_OPERATORS = new Set(['within', 'notWithin']);
const JURISDICTION_CODE = /^(CN|[0-9]{6})$/;

/** Checks one version's content against the fact vocabulary and compiles its expressions. */
export function compileVersion(file: string, pack: RulePack, version: PackVersion, facts: FactDictionary, knownPlace?: (code: string) => boolean): ProgramVersion {
  const where = `version ${version.version}`;
  // JSON pointers into the pack file: each error says where it is
  const index = pack.versions.indexOf(version);
  const vp = index < 0 ? '' : `/versions/${index}`;
  const fail = (message: string, pointer = ''): never => {
    throw new RulePackError(file, where, message, vp + pointer);
  };
  const stepPointer = (id: string) => `/calculation/${version.calculation.findIndex((s) => s.id === id)}`;
  const capPointer = (id: string) => (id === CLAIM_CAP_ID ? '/claim' : `/caps/${version.caps.findIndex((c) => c.id === id)}`);
  /** `eligibility/all/1` (a condition's context) as a pointer. */
  const conditionPointer = (context: string) => '/' + context;

  const computed = versionContentHash(version);
  if (version.status === 'published') {
    if (!version.contentHash) fail(`is published but records no contentHash; its content hashes to ${computed}`, '/status');
    if (version.contentHash !== computed) {
      fail(`is published and its content changed: it records ${version.contentHash} but now hashes to ${computed}. Published versions are immutable; add a new version instead`, '/contentHash');
    }
  }
  if (version.effectiveTo !== undefined && version.effectiveTo < version.effectiveFrom) fail('effectiveTo is before effectiveFrom', '/effectiveTo');

  const params = version.parameters;
  const aliases = new Set((pack.dependsOn ?? []).map((d) => d.as));
  const steps = new Map<string, CompiledStep>();
  const known = (name: string) => facts.get(name) !== undefined || name in params || steps.has(name) || aliases.has(name);

  const expr = (text: string, context: string, pointer: string): CompiledExpression => {
    let compiled: CompiledExpression;
    try {
      compiled = compileExpression(text);
    } catch (e) {
      if (e instanceof ExpressionError) return fail(`${context}: ${e.message}`, pointer);
      throw e;
    }
    for (const s of compiled.symbols) if (!known(s) || aliases.has(s)) fail(`${context}: "${s}" is not a fact, a parameter or an earlier step`, pointer);
    return compiled;
  };

  for (const step of version.calculation) {
    const sp = stepPointer(step.id);
    if (steps.has(step.id) || step.id in params || facts.get(step.id)) fail(`step ${step.id}: the name is already a step, parameter or fact`, `${sp}/id`);
    if ('expr' in step) {
      steps.set(step.id, { id: step.id, title: step.title, kind: 'expr', expr: expr(step.expr, `step ${step.id}`, `${sp}/expr`) });
    } else {
      const { input, rows, otherwise } = step.lookup;
      if (!known(input)) fail(`step ${step.id}: lookup input "${input}" is unknown`, `${sp}/lookup/input`);
      steps.set(step.id, {
        id: step.id,
        title: step.title,
        kind: 'lookup',
        input,
        rows: rows.map((r, i) => ({
          match: { atLeast: r.atLeast, equals: r.equals, includes: r.includes },
          value: expr(r.value, `step ${step.id} row ${i}`, `${sp}/lookup/rows/${i}/value`),
        })),
        otherwise: otherwise === undefined ? undefined : expr(otherwise, `step ${step.id} otherwise`, `${sp}/lookup/otherwise`),
      });
    }
  }

  const checkValue = (value: ConditionValue, context: string, operator: string) => {
    const at = conditionPointer(context) + '/value';
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if ('param' in value && !(value.param in params)) fail(`${context}: parameter "${value.param}" is not defined`, `${at}/param`);
      if ('fact' in value && !known(value.fact)) fail(`${context}: "${value.fact}" is not a fact or a step`, `${at}/fact`);
      if (SET_OPERATORS.has(operator) && 'param' in value && !Array.isArray(params[value.param]!.value)) fail(`${context}: ${operator} needs a list`, at);
    } else if (SET_OPERATORS.has(operator) && !Array.isArray(value)) {
      fail(`${context}: ${operator} needs a list (json-rules-engine would test a substring)`, at);
    }
  };
  const checkCondition = (c: Condition, context: string): void => {
    if ('all' in c) c.all.forEach((x, i) => checkCondition(x, `${context}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, `${context}/any/${i}`));
    else if ('not' in c) checkCondition(c.not, `${context}/not`);
    else {
      const at = conditionPointer(context);
      if (!known(c.fact)) fail(`${context}: "${c.fact}" is not a fact, a step or a dependency`, `${at}/fact`);
      if (c.path !== undefined && !aliases.has(c.fact)) fail(`${context}: path is only for dependencies`, `${at}/path`);
      if (NUMERIC_OPERATORS.has(c.operator) && facts.get(c.fact) && !facts.isNumeric(c.fact) && facts.get(c.fact)!.kind !== 'date') {
        fail(`${context}: ${c.operator} compares numbers or dates, and "${c.fact}" is neither`, `${at}/operator`);
      }
      if (PLACE_OPERATORS.has(c.operator)) checkPlace(c, context);
      checkValue(c.value, context, c.operator);
    }
  };
  // A place test reads a division-code fact and names jurisdictions by code, written in the
  // rule or in a parameter; the codes themselves are checked against the divisions at load.
  const checkPlace = (c: Extract<Condition, { fact: string }>, context: string) => {
    if (facts.get(c.fact)?.kind !== 'jurisdictionCode') fail(`${context}: ${c.operator} tests a division-code fact, and "${c.fact}" is not one`, `${conditionPointer(context)}/fact`);
    const v = c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'param' in c.value ? params[c.value.param]?.value : c.value;
    const codes = Array.isArray(v) ? v : [v];
    if (codes.length === 0 || !codes.every((x) => typeof x === 'string' && JURISDICTION_CODE.test(x) && (knownPlace?.(x) ?? true))) {
      fail(`${context}: ${c.operator} needs jurisdiction codes known as divisions of China, got ${JSON.stringify(v)}`, `${conditionPointer(context)}/value`);
    }
  };
  checkCondition(version.eligibility, 'eligibility');

  const eligibilityFacts = new Set<string>();
  const collect = (c: Condition): void => {
    if ('all' in c) c.all.forEach(collect);
    else if ('any' in c) c.any.forEach(collect);
    else if ('not' in c) collect(c.not);
    else eligibilityFacts.add(c.fact);
  };
  collect(version.eligibility);
  for (const [name, d] of Object.entries(version.defaults ?? {})) {
    const def = facts.get(name);
    const dp = `/defaults/${name}`;
    if (!def) fail(`defaults: "${name}" is not a fact`, dp);
    if (eligibilityFacts.has(name)) fail(`defaults: "${name}" decides eligibility; it stays required`, dp);
    const ok = facts.isNumeric(name) ? typeof d.value === (def!.kind === 'count' || def!.kind === 'year' ? 'number' : 'string') : def!.kind === 'boolean' ? typeof d.value === 'boolean' : typeof d.value === 'string';
    if (!ok) fail(`defaults: ${JSON.stringify(d.value)} is not a value of "${name}" (${def!.kind})`, `${dp}/value`);
  }

  for (const name of version.verifiedFacts ?? []) if (!facts.get(name)) fail(`verifiedFacts: "${name}" is not a fact`, '/verifiedFacts');
  if (pack.kind === 'payment' && !version.amount) fail('a payment program names its amount step', '/amount');
  if (version.amount && !steps.has(version.amount)) fail(`amount "${version.amount}" is not a step`, '/amount');

  if (pack.kind === 'payment' && !version.claim) fail('a payment program states its claim: what makes two applications the same claim (a loan, a period, an investment, a contest entry)', '/claim');
  if (version.caps.some((c) => c.id === CLAIM_CAP_ID)) fail(`cap id ${CLAIM_CAP_ID} is the claim's`, `/caps/${version.caps.findIndex((c) => c.id === CLAIM_CAP_ID)}/id`);
  const claimCap: Cap[] = version.claim
    ? [{ id: CLAIM_CAP_ID, title: version.claim.title, per: version.claim.per, period: 'lifetime', measure: 'grants', limit: '1', ...(version.claim.ref ? { ref: version.claim.ref } : {}) }]
    : [];
  const caps: CompiledCap[] = [...claimCap, ...version.caps].map((cap) => {
    // a claim may be keyed by a step too (an entitlement to date: a new tier is a new claim)
    const cp = capPointer(cap.id);
    cap.per.forEach((p, i) => {
      if (p !== 'beneficiary' && !facts.get(p) && !(cap.id === CLAIM_CAP_ID && steps.has(p))) fail(`cap ${cap.id}: per "${p}" is not a fact`, `${cp}/per/${i}`);
    });
    (cap.distinctBy ?? []).forEach((p, i) => {
      if (!facts.get(p)) fail(`cap ${cap.id}: distinctBy "${p}" is not a fact`, `${cp}/distinctBy/${i}`);
    });
    if (cap.distinctBy && cap.measure !== 'grants') fail(`cap ${cap.id}: distinctBy counts grants; use measure "grants"`, `${cp}/measure`);
    if (cap.period !== 'lifetime') {
      const f = 'yearFact' in cap.period ? cap.period.yearFact : cap.period.yearOfDateFact;
      if (!facts.get(f)) fail(`cap ${cap.id}: period fact "${f}" is not a fact`, `${cp}/period`);
    }
    return { cap, limit: expr(cap.limit, `cap ${cap.id}`, `${cp}/limit`) };
  });
  if (new Set(caps.map((c) => c.cap.id)).size !== caps.length) fail('cap ids repeat', '/caps');

  const { versions: _all, $schema: _s, ...header } = pack;
  const ruleText = canonicalJson({ ...header, version });
  return {
    programKey: `${pack.jurisdiction}/${pack.name}`,
    pack: header,
    version,
    contentHash: version.contentHash ?? computed,
    ruleHash: sha256(ruleText),
    ruleText,
    eligibility: version.eligibility,
    steps,
    caps,
  };
}
