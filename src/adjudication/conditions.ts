import { Engine, type TopLevelCondition } from 'json-rules-engine';
import type { Condition, ConditionValue } from '../rules/pack-types';
import type { Calculation } from './calculation';
import type { ConditionNode, FailingCondition, Verdict } from './explanation';
import { installOperators } from './operators';

const PARAMS_FACT = '__parameters';

/** A plain dot path: json-rules-engine's default (jsonpath-plus) is slower and not needed. */
export function dotPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.replace(/^\$\.?/, '').split('.')) {
    if (key === '') continue;
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function toEngine(c: Condition): Record<string, unknown> {
  if ('all' in c) return { all: c.all.map(toEngine) };
  if ('any' in c) return { any: c.any.map(toEngine) };
  if ('not' in c) return { not: toEngine(c.not) };
  return { fact: c.fact, operator: c.operator, value: engineValue(c.value), ...(c.path ? { path: c.path } : {}) };
}

function engineValue(v: ConditionValue): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    if ('param' in v) return { fact: PARAMS_FACT, path: v.param };
    return v.path ? { fact: v.fact, path: v.path } : { fact: v.fact };
  }
  return v;
}

function factsRead(c: Condition, out: Set<string>): Set<string> {
  if ('all' in c) c.all.forEach((x) => factsRead(x, out));
  else if ('any' in c) c.any.forEach((x) => factsRead(x, out));
  else if ('not' in c) factsRead(c.not, out);
  else {
    out.add(c.fact);
    if (c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'fact' in c.value) out.add(c.value.fact);
  }
  return out;
}

export interface ConditionsResult {
  verdict: Verdict;
  tree: ConditionNode;
  failing: FailingCondition[];
  missing: string[];
}

/**
 * Runs eligibility through json-rules-engine, one engine per evaluation (an engine shared by
 * concurrent runs skips rules), then reads the result tree with three-valued logic: a
 * condition on a missing fact is unknown, never passed, so a missing "on the dishonesty list"
 * asks for the fact instead of approving anyone.
 */
export async function evaluateConditions(condition: Condition, calc: Calculation, parameters: Record<string, unknown>): Promise<ConditionsResult> {
  const values: Record<string, unknown> = { [PARAMS_FACT]: parameters };
  const missingByFact = new Map<string, string[]>();
  for (const name of factsRead(condition, new Set())) {
    const r = calc.resolve(name);
    if (r.ok) values[name] = r.value;
    else missingByFact.set(name, r.missing);
  }
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: dotPath });
  installOperators(engine);
  engine.addRule({ conditions: toEngine(condition) as unknown as TopLevelCondition, event: { type: 'eligible' } });
  const { results, failureResults } = await engine.run(values);
  const evaluated = (results[0] ?? failureResults[0])!.conditions as unknown as EngineNode;

  const failing: FailingCondition[] = [];
  const missing = new Set<string>();
  const tree = explain(condition, evaluated, missingByFact, failing, missing);
  return { verdict: tree.result, tree, failing, missing: [...missing].sort() };
}

interface EngineNode {
  all?: EngineNode[];
  any?: EngineNode[];
  not?: EngineNode;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

function explain(
  c: Condition,
  e: EngineNode,
  missingByFact: Map<string, string[]>,
  failing: FailingCondition[],
  missing: Set<string>,
): ConditionNode {
  const head = { ...(c.id ? { id: c.id } : {}), ...(c.title ? { title: c.title } : {}) };
  if ('all' in c || 'any' in c) {
    const kind = 'all' in c ? 'all' : 'any';
    const subs = 'all' in c ? c.all : c.any;
    const engineSubs = (kind === 'all' ? e.all : e.any)!;
    const childFailing: FailingCondition[] = [];
    const childMissing = new Set<string>();
    const children = subs.map((s, i) => explain(s, engineSubs[i]!, missingByFact, childFailing, childMissing));
    const verdicts = children.map((x) => x.result);
    const decisive = kind === 'all' ? 'fail' : 'pass';
    const result: Verdict = verdicts.includes(decisive) ? decisive : verdicts.includes('unknown') ? 'unknown' : kind === 'all' ? 'pass' : 'fail';
    if (result === 'fail') failing.push(...childFailing);
    if (result === 'unknown') childMissing.forEach((m) => missing.add(m));
    return { ...head, kind, result, children };
  }
  if ('not' in c) {
    const innerFailing: FailingCondition[] = [];
    const inner = explain(c.not, e.not!, missingByFact, innerFailing, missing);
    const result: Verdict = inner.result === 'unknown' ? 'unknown' : inner.result === 'pass' ? 'fail' : 'pass';
    return { ...head, kind: 'not', result, children: [inner] };
  }
  const valueRef = c.value && typeof c.value === 'object' && !Array.isArray(c.value) ? c.value : undefined;
  const expectedFrom = valueRef ? ('param' in valueRef ? `param:${valueRef.param}` : `fact:${valueRef.fact}`) : undefined;
  const lacking = [...(missingByFact.get(c.fact) ?? [])];
  if (valueRef && 'fact' in valueRef) lacking.push(...(missingByFact.get(valueRef.fact) ?? []));
  const unknown = lacking.length > 0 || (c.path !== undefined && e.factResult === undefined);
  const result: Verdict = unknown ? 'unknown' : e.result ? 'pass' : 'fail';
  if (unknown) lacking.forEach((m) => missing.add(m));
  const node: ConditionNode = {
    ...head,
    kind: 'condition',
    result,
    fact: c.fact,
    ...(c.path ? { path: c.path } : {}),
    operator: c.operator,
    expected: valueRef ? (e.valueResult ?? null) : c.value,
    ...(expectedFrom ? { expectedFrom } : {}),
    actual: e.factResult ?? null,
  };
  if (result === 'fail') {
    failing.push({ ...(c.id ? { id: c.id } : {}), fact: c.fact, ...(c.path ? { path: c.path } : {}), operator: c.operator, expected: node.expected, actual: node.actual });
  }
  return node;
}
