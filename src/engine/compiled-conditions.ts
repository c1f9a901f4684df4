import type { ConditionNode, FailingCondition, Verdict } from '../adjudication/explanation';
import { dotPath, type ConditionsResult } from '../adjudication/conditions';
import type { Condition, LeafCondition } from '../rules/pack-types';
import { bindOperator, operatorNamed } from './operators';

/**
 * Eligibility conditions compiled once into closures: the same verdicts, failing conditions,
 * missing facts and explanation tree (key for key, in the same order) as running the tree
 * through json-rules-engine and reading its result (src/adjudication/conditions.ts), which
 * stays the reference. Constants and parameters are bound when the version loads.
 */

/** What a condition reads of one application: each fact resolved once, in reading order. */
export interface FactReadings {
  /** The value of a fact (undefined when missing). */
  value(name: string): unknown;
  /** The facts lacking for a name that is missing (undefined when it resolved). */
  lacking(name: string): readonly string[] | undefined;
}

type Evaluate = (facts: FactReadings, failing: FailingCondition[], missing: Set<string>) => ConditionNode;

/** As json-rules-engine's almanac reads `fact` with `path`: a path only into an object. */
function atPath(value: unknown, path: string | undefined): unknown {
  if (path === undefined) return value;
  return value != null && typeof value === 'object' ? dotPath(value, path) : value;
}

/** The names a tree reads, in the order json-rules-engine's reference resolves them. */
export function factsRead(c: Condition, out: Set<string> = new Set()): Set<string> {
  if ('all' in c) c.all.forEach((x) => factsRead(x, out));
  else if ('any' in c) c.any.forEach((x) => factsRead(x, out));
  else if ('not' in c) factsRead(c.not, out);
  else {
    out.add(c.fact);
    if (c.value && typeof c.value === 'object' && !Array.isArray(c.value) && 'fact' in c.value) out.add(c.value.fact);
  }
  return out;
}

export function compileConditions(root: Condition, parameters: Record<string, unknown>): { factsRead: readonly string[]; evaluate(facts: FactReadings): ConditionsResult } {
  const evaluateRoot = compile(root, parameters);
  return {
    factsRead: [...factsRead(root)],
    evaluate(facts) {
      const failing: FailingCondition[] = [];
      const missing = new Set<string>();
      const tree = evaluateRoot(facts, failing, missing);
      return { verdict: tree.result, tree, failing, missing: [...missing].sort() };
    },
  };
}

function compile(c: Condition, parameters: Record<string, unknown>): Evaluate {
  if ('all' in c || 'any' in c) {
    const kind = 'all' in c ? 'all' : 'any';
    const children = ('all' in c ? c.all : c.any).map((s) => compile(s, parameters));
    const decisive: Verdict = kind === 'all' ? 'fail' : 'pass';
    const otherwise: Verdict = kind === 'all' ? 'pass' : 'fail';
    const { id, title } = c;
    return (facts, failing, missing) => {
      const childFailing: FailingCondition[] = [];
      const childMissing = new Set<string>();
      const nodes = new Array<ConditionNode>(children.length);
      let sawDecisive = false;
      let sawUnknown = false;
      for (let i = 0; i < children.length; i++) {
        const node = children[i]!(facts, childFailing, childMissing);
        nodes[i] = node;
        if (node.result === decisive) sawDecisive = true;
        else if (node.result === 'unknown') sawUnknown = true;
      }
      const result: Verdict = sawDecisive ? decisive : sawUnknown ? 'unknown' : otherwise;
      if (result === 'fail') for (const f of childFailing) failing.push(f);
      if (result === 'unknown') for (const m of childMissing) missing.add(m);
      const node = {} as ConditionNode;
      if (id) node.id = id;
      if (title) node.title = title;
      node.kind = kind;
      node.result = result;
      node.children = nodes;
      return node;
    };
  }
  if ('not' in c) {
    const inner = compile(c.not, parameters);
    return (facts, _failing, missing) => {
      const node = inner(facts, [], missing);
      const result: Verdict = node.result === 'unknown' ? 'unknown' : node.result === 'pass' ? 'fail' : 'pass';
      const out = {} as ConditionNode;
      if (c.id) out.id = c.id;
      if (c.title) out.title = c.title;
      out.kind = 'not';
      out.result = result;
      out.children = [node];
      return out;
    };
  }
  return compileLeaf(c, parameters);
}

function compileLeaf(c: LeafCondition, parameters: Record<string, unknown>): Evaluate {
  const { fact, path, operator, id, title } = c;
  const valueRef = c.value && typeof c.value === 'object' && !Array.isArray(c.value) ? c.value : undefined;
  const expectedFrom = valueRef ? ('param' in valueRef ? `param:${valueRef.param}` : `fact:${valueRef.fact}`) : undefined;
  const refFact = valueRef && 'fact' in valueRef ? valueRef : undefined;
  operatorNamed(operator);
  // A literal or a parameter is known now; a fact on the right is read per application.
  // json-rules-engine compares a copy of the rule's literal (it clones the conditions it
  // runs), so a literal is never the very object a fact holds.
  const constant = refFact ? undefined : valueRef && 'param' in valueRef ? dotPath(parameters, valueRef.param) : structuredClone(c.value);
  const bound = refFact ? undefined : bindOperator(operator, constant);
  const generic = refFact ? operatorNamed(operator) : undefined;

  return (facts, failing, missing) => {
    const factValue = atPath(facts.value(fact), path);
    const lackingFact = facts.lacking(fact);
    const lackingRef = refFact ? facts.lacking(refFact.fact) : undefined;
    const rhs = refFact ? atPath(facts.value(refFact.fact), refFact.path) : constant;
    const unknown = (lackingFact !== undefined && lackingFact.length > 0) || (lackingRef !== undefined && lackingRef.length > 0) || (path !== undefined && factValue === undefined);
    let result: Verdict;
    if (unknown) {
      result = 'unknown';
      lackingFact?.forEach((m) => missing.add(m));
      lackingRef?.forEach((m) => missing.add(m));
    } else {
      result = (bound ? bound(factValue) : generic!(factValue, rhs)) ? 'pass' : 'fail';
    }
    const expected = valueRef ? (rhs ?? null) : c.value;
    const actual = factValue ?? null;
    // built key by key in the reference's order: the explanation's bytes depend on it
    const node = {} as ConditionNode;
    if (id) node.id = id;
    if (title) node.title = title;
    node.kind = 'condition';
    node.result = result;
    node.fact = fact;
    if (path) node.path = path;
    node.operator = operator;
    node.expected = expected;
    if (expectedFrom) node.expectedFrom = expectedFrom;
    node.actual = actual;
    if (result === 'fail') {
      const f = {} as FailingCondition;
      if (id) f.id = id;
      f.fact = fact;
      if (path) f.path = path;
      f.operator = operator;
      f.expected = expected;
      f.actual = actual;
      failing.push(f);
    }
    return node;
  };
}
