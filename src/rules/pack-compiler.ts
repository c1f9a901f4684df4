import { canonicalJson, sha256, versionContentHash } from './content-hash';
import { compileExpression, ExpressionError, type CompiledExpression } from './expressions';
import type { FactDictionary } from './fact-dictionary';
import type { CompiledCap, CompiledStep, ProgramVersion } from './compiled';
import { CLAIM_CAP_ID, type Cap, type Condition, type ConditionValue, type PackVersion, type RulePack } from './pack-types';

export class RulePackError extends Error {
  constructor(readonly file: string, readonly where: string, message: string) {
    super(`${file}${where ? ` (${where})` : ''}: ${message}`);
  }
}

const SET_OPERATORS = new Set(['in', 'notIn']);
const NUMERIC_OPERATORS = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
const PLACE_OPERATORS = new Set(['within', 'notWithin']);
const JURISDICTION_CODE = /^(CN|[0-9]{6})$/;

/** Checks one version's content against the fact vocabulary and compiles its expressions. */
export function compileVersion(file: string, pack: RulePack, version: PackVersion, facts: FactDictionary, knownPlace?: (code: string) => boolean): ProgramVersion {
  const where = `version ${version.version}`;
  const fail = (message: string): never => {
    throw new RulePackError(file, where, message);
  };

  const computed = versionContentHash(version);
  if (version.status === 'published') {
    if (!version.contentHash) fail(`is published but records no contentHash; its content hashes to ${computed}`);
    if (version.contentHash !== computed) {
      fail(`is published and its content changed: it records ${version.contentHash} but now hashes to ${computed}. Published versions are immutable; add a new version instead`);
    }
  }
  if (version.effectiveTo !== undefined && version.effectiveTo < version.effectiveFrom) fail('effectiveTo is before effectiveFrom');

  const params = version.parameters;
  const aliases = new Set((pack.dependsOn ?? []).map((d) => d.as));
  const steps = new Map<string, CompiledStep>();
  const known = (name: string) => facts.get(name) !== undefined || name in params || steps.has(name) || aliases.has(name);

  const expr = (text: string, context: string): CompiledExpression => {
    let compiled: CompiledExpression;
    try {
      compiled = compileExpression(text);
    } catch (e) {
      if (e instanceof ExpressionError) return fail(`${context}: ${e.message}`);
      throw e;
    }
    for (const s of compiled.symbols) if (!known(s) || aliases.has(s)) fail(`${context}: "${s}" is not a fact, a parameter or an earlier step`);
    return compiled;
  };

  for (const step of version.calculation) {
    if (steps.has(step.id) || step.id in params || facts.get(step.id)) fail(`step ${step.id}: the name is already a step, parameter or fact`);
    if ('expr' in step) {
      steps.set(step.id, { id: step.id, title: step.title, kind: 'expr', expr: expr(step.expr, `step ${step.id}`) });
    } else {
      const { input, rows, otherwise } = step.lookup;
      if (!known(input)) fail(`step ${step.id}: lookup input "${input}" is unknown`);
      steps.set(step.id, {
        id: step.id,
        title: step.title,
        kind: 'lookup',
        input,
        rows: rows.map((r, i) => ({
          match: { atLeast: r.atLeast, equals: r.equals, includes: r.includes },
          value: expr(r.value, `step ${step.id} row ${i}`),
        })),
        otherwise: otherwise === undefined ? undefined : expr(otherwise, `step ${step.id} otherwise`),
      });
    }
  }

  const checkValue = (value: ConditionValue, context: string, operator: string) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      if ('param' in value && !(value.param in params)) fail(`${context}: parameter "${value.param}" is not defined`);
      if ('fact' in value && !known(value.fact)) fail(`${context}: "${value.fact}" is not a fact or a step`);
      if (SET_OPERATORS.has(operator) && 'param' in value && !Array.isArray(params[value.param]!.value)) fail(`${context}: ${operator} needs a list`);
    } else if (SET_OPERATORS.has(operator) && !Array.isArray(value)) {
      fail(`${context}: ${operator} needs a list (json-rules-engine would test a substring)`);
    }
  };
  const checkCondition = (c: Condition, context: string): void => {
    if ('all' in c) c.all.forEach((x, i) => checkCondition(x, `${context}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => checkCondition(x, `${context}/any/${i}`));
    else if ('not' in c) checkCondition(c.not, `${context}/not`);
    else {
      if (!known(c.fact)) fail(`${context}: "${c.fact}" is not a fact, a step or a dependency`);
      if (c.path !== undefined && !aliases.has(c.fact)) fail(`${context}: path is only for dependencies`);
      if (NUMERIC_OPERATORS.has(c.operator) && facts.get(c.fact) && !facts.isNumeric(c.fact) && facts.get(c.fact)!.kind !== 'date') {
        fail(`${context}: ${c.operator} compares numbers or dates, and "${c.fact}" is neither`);
      }
      if (PLACE_OPERATORS.has(c.operator)) checkPlace(c, context);
      checkValue(c.value, context, c.operator);
    }
  };
  // A place test reads a division-code fact and names jurisdictions by code, written in the
  // rule or in a parameter; the codes themselves are checked against the divisions at load.
  const checkPlace = (c: Extract<Condition, { fact: string }>, context: string) => {
    if (facts.get(c.fact)?.kind !== 'jurisdictionCode') fail(`${context}: ${c.operator} tests a division-code fact, and "${c.fact}" is not one`);
    const v = c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'param' in c.value ? params[c.value.param]?.value : c.value;
    const codes = Array.isArray(v) ? v : [v];
    if (codes.length === 0 || !codes.every((x) => typeof x === 'string' && JURISDICTION_CODE.test(x) && (knownPlace?.(x) ?? true))) {
      fail(`${context}: ${c.operator} needs jurisdiction codes known as divisions of China, got ${JSON.stringify(v)}`);
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
    if (!def) fail(`defaults: "${name}" is not a fact`);
    if (eligibilityFacts.has(name)) fail(`defaults: "${name}" decides eligibility; it stays required`);
    const ok = facts.isNumeric(name) ? typeof d.value === (def!.kind === 'count' || def!.kind === 'year' ? 'number' : 'string') : def!.kind === 'boolean' ? typeof d.value === 'boolean' : typeof d.value === 'string';
    if (!ok) fail(`defaults: ${JSON.stringify(d.value)} is not a value of "${name}" (${def!.kind})`);
  }

  for (const name of version.verifiedFacts ?? []) if (!facts.get(name)) fail(`verifiedFacts: "${name}" is not a fact`);
  if (pack.kind === 'payment' && !version.amount) fail('a payment program names its amount step');
  if (version.amount && !steps.has(version.amount)) fail(`amount "${version.amount}" is not a step`);

  if (pack.kind === 'payment' && !version.claim) fail('a payment program states its claim: what makes two applications the same claim (a loan, a period, an investment, a contest entry)');
  if (version.caps.some((c) => c.id === CLAIM_CAP_ID)) fail(`cap id ${CLAIM_CAP_ID} is the claim's`);
  const claimCap: Cap[] = version.claim
    ? [{ id: CLAIM_CAP_ID, title: version.claim.title, per: version.claim.per, period: 'lifetime', measure: 'grants', limit: '1', ...(version.claim.ref ? { ref: version.claim.ref } : {}) }]
    : [];
  const caps: CompiledCap[] = [...claimCap, ...version.caps].map((cap) => {
    // a claim may be keyed by a step too (an entitlement to date: a new tier is a new claim)
    for (const p of cap.per) if (p !== 'beneficiary' && !facts.get(p) && !(cap.id === CLAIM_CAP_ID && steps.has(p))) fail(`cap ${cap.id}: per "${p}" is not a fact`);
    for (const p of cap.distinctBy ?? []) if (!facts.get(p)) fail(`cap ${cap.id}: distinctBy "${p}" is not a fact`);
    if (cap.distinctBy && cap.measure !== 'grants') fail(`cap ${cap.id}: distinctBy counts grants; use measure "grants"`);
    if (cap.period !== 'lifetime') {
      const f = 'yearFact' in cap.period ? cap.period.yearFact : cap.period.yearOfDateFact;
      if (!facts.get(f)) fail(`cap ${cap.id}: period fact "${f}" is not a fact`);
    }
    return { cap, limit: expr(cap.limit, `cap ${cap.id}`) };
  });
  if (new Set(caps.map((c) => c.cap.id)).size !== caps.length) fail('cap ids repeat');

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
