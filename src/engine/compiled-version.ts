import type { ConditionsResult } from '../adjudication/conditions';
import type { Explanation } from '../adjudication/explanation';
import { asPlain } from '../adjudication/calculation';
import { Decimal, toDecimal } from '../money/decimal';
import type { CompiledStep, Program, ProgramVersion } from '../rules/compiled';
import type { CompiledExpression, ExpressionValue } from '../rules/expressions';
import type { ParameterValue } from '../rules/pack-types';
import { compileConditions, type FactReadings } from './compiled-conditions';
import { fastExpression, type FastExpression } from './expressions';

/**
 * A rule version compiled once, when it is first used (the service compiles every version
 * of its catalog at start): conditions as closures with constants bound, formulas as
 * closures, parameters parsed, and the parts of the explanation that depend only on the
 * version built once and frozen.
 */
export type ParamNumeric = { ok: true; value: ExpressionValue; plain: string | boolean } | { ok: false; error: Error };

export type FastStep =
  | { index: number; id: string; title?: CompiledStep['title']; kind: 'expr'; expr: FastExpression }
  | {
      index: number;
      id: string;
      title?: CompiledStep['title'];
      kind: 'lookup';
      input: string;
      rows: { test: (value: unknown) => boolean; value: FastExpression; text: string }[];
      otherwise?: { value: FastExpression; text: string };
    };

export interface EngineVersion {
  source: ProgramVersion;
  /** Parameter values as conditions see them. */
  params: Readonly<Record<string, unknown>>;
  paramNumeric: ReadonlyMap<string, ParamNumeric>;
  steps: ReadonlyMap<string, FastStep>;
  stepCount: number;
  expressions: ReadonlyMap<CompiledExpression, FastExpression>;
  amount?: FastStep;
  conditions: { factsRead: readonly string[]; evaluate(facts: FactReadings): ConditionsResult };
  /** Explanation parts that depend only on the version. */
  explained: Pick<Explanation, 'parameters' | 'references'> & { version: NonNullable<Explanation['version']> };
}

const cache = new WeakMap<ProgramVersion, EngineVersion>();

export function engineVersion(version: ProgramVersion): EngineVersion {
  let compiled = cache.get(version);
  if (!compiled) {
    compiled = compile(version);
    cache.set(version, compiled);
  }
  return compiled;
}

/** Compiles every version of every program now, so no request pays for it. */
export function precompile(programs: Iterable<Program>): number {
  let n = 0;
  for (const p of programs) for (const v of p.versions) (engineVersion(v), n++);
  return n;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function paramNumeric(name: string, value: ParameterValue): ParamNumeric {
  if (typeof value === 'boolean') return { ok: true, value, plain: value };
  const d = toDecimal(value);
  if (!d) return { ok: false, error: new Error(`${name} = ${JSON.stringify(value)} is not a number`) };
  return { ok: true, value: d, plain: asPlain(d) };
}

function compile(v: ProgramVersion): EngineVersion {
  const parameters = v.version.parameters;
  const params = Object.fromEntries(Object.entries(parameters).map(([k, p]) => [k, p.value]));
  const expressions = new Map<CompiledExpression, FastExpression>();
  const fast = (e: CompiledExpression) => {
    let f = expressions.get(e);
    if (!f) expressions.set(e, (f = fastExpression(e)));
    return f;
  };
  const steps = new Map<string, FastStep>();
  let index = 0;
  for (const step of v.steps.values()) {
    const title = step.title ? { title: step.title } : {};
    if (step.kind === 'expr') {
      steps.set(step.id, { index: index++, id: step.id, ...title, kind: 'expr', expr: fast(step.expr) });
      continue;
    }
    steps.set(step.id, {
      index: index++,
      id: step.id,
      ...title,
      kind: 'lookup',
      input: step.input,
      rows: step.rows.map(({ match, value }) => ({ test: rowTest(match), value: fast(value), text: `${rowLabel(step.input, match)} → ${value.text}` })),
      ...(step.otherwise ? { otherwise: { value: fast(step.otherwise), text: `otherwise → ${step.otherwise.text}` } } : {}),
    });
  }
  for (const c of v.caps) fast(c.limit);

  const explained = deepFreeze({
    version: {
      version: v.version.version,
      status: v.version.status,
      effectiveFrom: v.version.effectiveFrom,
      effectiveUntil: v.effectiveUntil ?? null,
      contentHash: v.contentHash,
      ruleHash: v.ruleHash,
    },
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, p]) => [k, { value: p.value, provenance: p.provenance, ref: p.ref }])),
    references: v.pack.sources.filter((s) => v.version.references.includes(s.id)).map((s) => ({ id: s.id, title: s.title, provenance: s.provenance, ...(s.url ? { url: s.url } : {}) })),
  });
  return {
    source: v,
    params,
    paramNumeric: new Map(Object.entries(parameters).map(([k, p]) => [k, paramNumeric(k, p.value)])),
    steps,
    stepCount: index,
    expressions,
    amount: v.version.amount === undefined ? undefined : steps.get(v.version.amount),
    conditions: compileConditions(v.eligibility, params),
    explained,
  };
}

type Match = Extract<CompiledStep, { kind: 'lookup' }>['rows'][number]['match'];

function rowLabel(input: string, match: Match): string {
  if (match.atLeast !== undefined) return `${input} ≥ ${match.atLeast}`;
  if (match.includes !== undefined) return `${input} includes ${match.includes}`;
  return `${input} = ${String(match.equals)}`;
}

function rowTest(match: Match): (value: unknown) => boolean {
  if (match.atLeast !== undefined) {
    const atLeast = new Decimal(match.atLeast);
    return (value) => {
      const d = toDecimal(value);
      return d !== undefined && d.gte(atLeast);
    };
  }
  if (match.includes !== undefined) {
    const wanted = match.includes;
    return (value) => Array.isArray(value) && value.includes(wanted);
  }
  const equals = match.equals;
  return (value) => value === equals;
}
