import { decimalText, toDecimal, type Decimal as DecimalValue } from '../money/decimal';
import type { CompiledExpression, ExpressionValue } from '../rules/expressions';
import type { CompiledStep, ProgramVersion } from '../rules/compiled';
import type { FactDictionary } from '../rules/fact-dictionary';
import type { ParameterValue } from '../rules/pack-types';
import type { CalculationStep } from './explanation';

export type Resolved = { ok: true; value: unknown } | { ok: false; missing: string[] };

/** The facts an evaluation reads: as submitted, plus built-ins and dependency determinations. */
export type FactValues = Readonly<Record<string, unknown>>;

/**
 * Evaluates calculation steps lazily, each at most once, recording each step it evaluates
 * with its inputs. A step whose inputs are missing is missing too, naming the facts it lacks.
 */
export class Calculation {
  private readonly memo = new Map<string, Resolved>();
  readonly trace: CalculationStep[] = [];

  constructor(
    private readonly version: ProgramVersion,
    private readonly facts: FactValues,
    private readonly dictionary: FactDictionary,
    /** Dependencies that could not be decided, with the facts they lack. */
    private readonly undecided: ReadonlyMap<string, string[]> = new Map(),
  ) {}

  /** A fact, parameter or step, as conditions see it (decimals as text). */
  resolve(name: string): Resolved {
    const param = this.version.version.parameters[name];
    if (param) return { ok: true, value: param.value };
    const step = this.version.steps.get(name);
    if (step) {
      const r = this.step(step);
      return r.ok ? { ok: true, value: asPlain(r.value as ExpressionValue) } : r;
    }
    const value = this.facts[name];
    if (value !== undefined) return { ok: true, value };
    return { ok: false, missing: this.undecided.get(name) ?? [name] };
  }

  /** A value as expressions see it: numbers as decimals, booleans as booleans. */
  numeric(name: string): Resolved {
    const param = this.version.version.parameters[name];
    if (param) return { ok: true, value: toExpressionValue(name, param.value) };
    const step = this.version.steps.get(name);
    if (step) return this.step(step);
    const value = this.facts[name];
    if (value === undefined) return { ok: false, missing: [name] };
    if (typeof value === 'boolean') return { ok: true, value };
    if (!this.dictionary.isNumeric(name)) throw new Error(`fact ${name} is not a number`);
    return { ok: true, value: toExpressionValue(name, value as ParameterValue) };
  }

  evaluate(expr: CompiledExpression): Resolved {
    const scope = new Map<string, ExpressionValue>();
    const missing = new Set<string>();
    for (const s of expr.symbols) {
      const r = this.numeric(s);
      if (r.ok) scope.set(s, r.value as ExpressionValue);
      else r.missing.forEach((m) => missing.add(m));
    }
    if (missing.size) return { ok: false, missing: [...missing].sort() };
    return { ok: true, value: expr.evaluate(scope) };
  }

  private step(step: CompiledStep): Resolved {
    const done = this.memo.get(step.id);
    if (done) return done;
    const result = step.kind === 'expr' ? this.expressionStep(step) : this.lookupStep(step);
    this.memo.set(step.id, result);
    return result;
  }

  private expressionStep(step: Extract<CompiledStep, { kind: 'expr' }>): Resolved {
    const r = this.evaluate(step.expr);
    if (r.ok) this.record(step, step.expr.text, this.inputsOf(step.expr), r.value as ExpressionValue);
    return r;
  }

  private lookupStep(step: Extract<CompiledStep, { kind: 'lookup' }>): Resolved {
    const input = this.resolve(step.input);
    if (!input.ok) return input;
    const value = input.value;
    const row = step.rows.find(({ match }) => {
      if (match.atLeast !== undefined) {
        const d = toDecimal(value);
        return d !== undefined && d.gte(match.atLeast);
      }
      if (match.includes !== undefined) return Array.isArray(value) && value.includes(match.includes);
      return value === match.equals;
    });
    const chosen = row?.value ?? step.otherwise;
    if (!chosen) throw new Error(`step ${step.id}: no row matches ${JSON.stringify(value)} and there is no otherwise`);
    const r = this.evaluate(chosen);
    if (!r.ok) return r;
    const rowText = row
      ? `${row.match.atLeast !== undefined ? `${step.input} ≥ ${row.match.atLeast}` : row.match.includes !== undefined ? `${step.input} includes ${row.match.includes}` : `${step.input} = ${String(row.match.equals)}`} → ${chosen.text}`
      : `otherwise → ${chosen.text}`;
    this.record(step, rowText, { [step.input]: value, ...this.inputsOf(chosen) }, r.value as ExpressionValue);
    return r;
  }

  private inputsOf(expr: CompiledExpression): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const s of expr.symbols) {
      const r = this.numeric(s);
      if (r.ok) out[s] = asPlain(r.value as ExpressionValue);
    }
    return out;
  }

  private record(step: CompiledStep, expression: string, inputs: Record<string, unknown>, value: ExpressionValue) {
    this.trace.push({ id: step.id, ...(step.title ? { title: step.title } : {}), kind: step.kind, expression, inputs, result: asPlain(value) });
  }
}

function toExpressionValue(name: string, value: ParameterValue): ExpressionValue {
  if (typeof value === 'boolean') return value;
  const d = toDecimal(value);
  if (!d) throw new Error(`${name} = ${JSON.stringify(value)} is not a number`);
  return d;
}

export function asPlain(value: ExpressionValue): string | boolean {
  return typeof value === 'boolean' ? value : decimalText(value as DecimalValue);
}
