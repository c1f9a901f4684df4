import { asPlain, Calculation, type FactValues, type Resolved } from '../adjudication/calculation';
import type { FactDictionary } from '../rules/fact-dictionary';
import type { CompiledExpression, ExpressionValue } from '../rules/expressions';
import { toDecimal } from '../money/decimal';
import type { FactReadings } from './compiled-conditions';
import type { EngineVersion, FastStep } from './compiled-version';
import { fastExpression, type FastExpression } from './expressions';

type Numeric = { ok: true; value: ExpressionValue; plain: string | boolean } | { ok: false; missing: string[] };
type Computed = { ok: true; value: ExpressionValue } | { ok: false; missing: string[] };
interface StepResult {
  resolved: Resolved;
  numeric: Numeric;
}

/**
 * The compiled path's calculation over one application: what `Calculation` computes and
 * traces (the same steps, in the same order, with the same inputs), reading the version's
 * compiled form; each fact is parsed at most once.
 */
export class FastCalculation extends Calculation {
  private readonly steps: (StepResult | undefined)[];
  private readonly parsed = new Map<string, Numeric>();

  constructor(
    private readonly compiled: EngineVersion,
    private readonly values: FactValues,
    private readonly dict: FactDictionary,
    private readonly lackingDependencies: ReadonlyMap<string, string[]> = new Map(),
  ) {
    super(compiled.source, values, dict, lackingDependencies);
    this.steps = new Array(compiled.stepCount);
  }

  override resolve(name: string): Resolved {
    const params = this.compiled.params;
    if (Object.prototype.hasOwnProperty.call(params, name)) return { ok: true, value: params[name] };
    const step = this.compiled.steps.get(name);
    if (step) return this.stepOf(step).resolved;
    const value = this.values[name];
    if (value !== undefined) return { ok: true, value };
    return { ok: false, missing: this.lackingDependencies.get(name) ?? [name] };
  }

  override numeric(name: string): Resolved {
    const n = this.number(name);
    return n.ok ? { ok: true, value: n.value } : n;
  }

  override evaluate(expr: CompiledExpression): Resolved {
    return this.run(this.compiled.expressions.get(expr) ?? fastExpression(expr));
  }

  /** The facts a condition tree reads, each resolved once. */
  readings(names: readonly string[]): FactReadings {
    const resolved = new Map<string, Resolved>();
    for (const name of names) resolved.set(name, this.resolve(name));
    return {
      value: (name) => {
        const r = resolved.get(name);
        return r && r.ok ? r.value : undefined;
      },
      lacking: (name) => {
        const r = resolved.get(name);
        return r && !r.ok ? r.missing : undefined;
      },
    };
  }

  private number(name: string): Numeric {
    const param = this.compiled.paramNumeric.get(name);
    if (param) {
      if (!param.ok) throw param.error;
      return param;
    }
    const step = this.compiled.steps.get(name);
    if (step) return this.stepOf(step).numeric;
    let n = this.parsed.get(name);
    if (n) return n;
    const value = this.values[name];
    if (value === undefined) n = { ok: false, missing: [name] };
    else if (typeof value === 'boolean') n = { ok: true, value, plain: value };
    else {
      if (!this.dict.isNumeric(name)) throw new Error(`fact ${name} is not a number`);
      const d = toDecimal(value);
      if (!d) throw new Error(`${name} = ${JSON.stringify(value)} is not a number`);
      n = { ok: true, value: d, plain: asPlain(d) };
    }
    this.parsed.set(name, n);
    return n;
  }

  private run(expr: FastExpression): Computed {
    const symbols = expr.symbols;
    const values = new Array<ExpressionValue>(symbols.length);
    let missing: Set<string> | undefined;
    for (let i = 0; i < symbols.length; i++) {
      const r = this.number(symbols[i]!);
      if (r.ok) values[i] = r.value;
      else {
        missing ??= new Set();
        for (const m of r.missing) missing.add(m);
      }
    }
    if (missing) return { ok: false, missing: [...missing].sort() };
    return { ok: true, value: expr.evaluate(values) };
  }

  private inputs(expr: FastExpression, into: Record<string, unknown>): Record<string, unknown> {
    for (const s of expr.symbols) {
      const r = this.number(s);
      if (r.ok) into[s] = r.plain;
    }
    return into;
  }

  private stepOf(step: FastStep): StepResult {
    const done = this.steps[step.index];
    if (done) return done;
    const numeric = step.kind === 'expr' ? this.exprStep(step) : this.tableStep(step);
    const result: StepResult = { numeric, resolved: numeric.ok ? { ok: true, value: numeric.plain } : numeric };
    this.steps[step.index] = result;
    return result;
  }

  private exprStep(step: Extract<FastStep, { kind: 'expr' }>): Numeric {
    const r = this.run(step.expr);
    if (!r.ok) return r;
    const plain = asPlain(r.value);
    this.note(step, step.expr.text, this.inputs(step.expr, {}), plain);
    return { ok: true, value: r.value, plain };
  }

  private tableStep(step: Extract<FastStep, { kind: 'lookup' }>): Numeric {
    const input = this.resolve(step.input);
    if (!input.ok) return input;
    const value = input.value;
    const row = step.rows.find((r) => r.test(value));
    const chosen = row ?? step.otherwise;
    if (!chosen) throw new Error(`step ${step.id}: no row matches ${JSON.stringify(value)} and there is no otherwise`);
    const r = this.run(chosen.value);
    if (!r.ok) return r;
    const plain = asPlain(r.value);
    this.note(step, chosen.text, this.inputs(chosen.value, { [step.input]: value }), plain);
    return { ok: true, value: r.value, plain };
  }

  private note(step: FastStep, expression: string, inputs: Record<string, unknown>, result: string | boolean) {
    this.trace.push({ id: step.id, ...(step.title ? { title: step.title } : {}), kind: step.kind, expression, inputs, result });
  }
}
