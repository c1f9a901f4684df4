import type { MathNode } from 'mathjs';
import { Decimal } from '../money/decimal';
import { ExpressionError, expressionMath, type CompiledExpression, type ExpressionValue } from '../rules/expressions';

/**
 * An amount formula compiled once into closures for the compiled path. It reads the same text
 * the pack compiler checked, with its mathjs instance (BigNumber, 64 digits), and
 * computes what mathjs computes: + − × ÷ call decimal.js directly, as mathjs does for two
 * BigNumbers; comparisons, functions and logic call mathjs's own functions, so their
 * tolerances and rounding stay mathjs's. Values cross in and out by copying digits (a zero
 * made positive, as printing and parsing it does) instead of printing and parsing.
 */
const { math, parse } = expressionMath;
type MathBigNumber = InstanceType<typeof Decimal>;
const MathBig = (math as unknown as { BigNumber: unknown }).BigNumber as new (v: unknown) => MathBigNumber;
const fns = math as unknown as Record<string, (...args: unknown[]) => unknown>;

type Value = unknown;
type Node = (scope: readonly Value[]) => Value;

export interface FastExpression {
  readonly source: CompiledExpression;
  readonly text: string;
  readonly symbols: readonly string[];
  /** `values` in the order of `symbols`. */
  evaluate(values: readonly ExpressionValue[]): ExpressionValue;
}

const isBig = (v: Value): v is MathBigNumber => typeof v === 'object' && v !== null && (v as { isBigNumber?: boolean }).isBigNumber === true;

const ARITHMETIC: Record<string, (a: MathBigNumber, b: MathBigNumber) => MathBigNumber> = {
  add: (a, b) => a.plus(b),
  subtract: (a, b) => a.minus(b),
  multiply: (a, b) => a.times(b),
  divide: (a, b) => a.div(b),
};

/** mathjs's test of a `cond ? a : b` condition. */
function truthy(c: Value): boolean {
  if (typeof c === 'number' || typeof c === 'boolean' || typeof c === 'string') return !!c;
  if (isBig(c)) return !c.isZero();
  if (c === null || c === undefined) return false;
  throw new TypeError('Unsupported type of condition');
}

function compileNode(node: MathNode, symbols: readonly string[]): Node {
  const n = node as unknown as { type: string; name?: string; fn?: string | { name: string }; args?: MathNode[]; content?: MathNode; condition?: MathNode; trueExpr?: MathNode; falseExpr?: MathNode };
  switch (n.type) {
    case 'ConstantNode': {
      const value = node.compile().evaluate();
      return () => value;
    }
    case 'SymbolNode': {
      const i = symbols.indexOf(n.name!);
      if (i < 0) throw new Error(`symbol ${n.name} is not an input`);
      return (s) => s[i];
    }
    case 'ParenthesisNode':
      return compileNode(n.content!, symbols);
    case 'ConditionalNode': {
      const [c, t, f] = [n.condition!, n.trueExpr!, n.falseExpr!].map((x) => compileNode(x, symbols)) as [Node, Node, Node];
      return (s) => (truthy(c(s)) ? t(s) : f(s));
    }
    case 'OperatorNode': {
      const name = n.fn as string;
      const args = n.args!.map((x) => compileNode(x, symbols));
      const fn = fns[name]!;
      const native = ARITHMETIC[name];
      if (native && args.length === 2) {
        const [a, b] = args as [Node, Node];
        return (s) => {
          const x = a(s);
          const y = b(s);
          return isBig(x) && isBig(y) ? native(x, y) : fn(x, y);
        };
      }
      if (name === 'unaryMinus') {
        const a = args[0]!;
        return (s) => {
          const x = a(s);
          return isBig(x) ? x.neg() : fn(x);
        };
      }
      if (name === 'unaryPlus') {
        const a = args[0]!;
        return (s) => {
          const x = a(s);
          return isBig(x) ? x : fn(x);
        };
      }
      return call(name, args);
    }
    case 'FunctionNode': {
      const name = (n.fn as { name: string }).name;
      return call(name, n.args!.map((x) => compileNode(x, symbols)));
    }
    default:
      throw new Error(`node ${n.type} cannot be compiled`);
  }
}

/** A mathjs function's own implementation for BigNumbers, called without type dispatch. */
function signature(name: string, types: string): ((...args: unknown[]) => unknown) | undefined {
  return (fns[name] as unknown as { signatures?: Record<string, (...args: unknown[]) => unknown> }).signatures?.[types];
}

/**
 * A call of a mathjs function: its BigNumber implementation when every argument is a
 * BigNumber, else the typed function itself. min and max scan their arguments as mathjs's
 * `_min`/`_max` do, with `smaller`/`larger` (and their tolerance).
 */
function call(name: string, args: Node[]): Node {
  const fn = fns[name]!;
  if (name === 'min' || name === 'max') {
    const better = signature(name === 'min' ? 'smaller' : 'larger', 'BigNumber,BigNumber');
    if (better) {
      return (s) => {
        const values = args.map((a) => a(s));
        if (!values.every(isBig)) return fn(...values);
        let best: MathBigNumber | undefined;
        for (const v of values as MathBigNumber[]) if (v.isNaN() || best === undefined || better(v, best)) best = v;
        return best;
      };
    }
  }
  if (args.length === 1) {
    const [a] = args as [Node];
    const direct = signature(name, 'BigNumber');
    return (s) => {
      const x = a(s);
      return direct && isBig(x) ? direct(x) : fn(x);
    };
  }
  if (args.length === 2) {
    const [a, b] = args as [Node, Node];
    const direct = signature(name, 'BigNumber,BigNumber');
    return (s) => {
      const x = a(s);
      const y = b(s);
      return direct && isBig(x) && isBig(y) ? direct(x, y) : fn(x, y);
    };
  }
  return (s) => fn(...args.map((a) => a(s)));
}

const ZERO = new MathBig(0);
function toMath(v: ExpressionValue): Value {
  if (typeof v === 'boolean') return v;
  return v.isZero() ? ZERO : new MathBig(v);
}

export function fastExpression(source: CompiledExpression): FastExpression {
  const symbols = source.symbols;
  const root = compileNode(parse(source.text), symbols);
  return {
    source,
    text: source.text,
    symbols,
    evaluate(values) {
      const scope = new Array<Value>(values.length);
      for (let i = 0; i < values.length; i++) scope[i] = toMath(values[i]!);
      const result = root(scope);
      if (typeof result === 'boolean') return result;
      if (isBig(result)) return result.isZero() ? new Decimal(0) : new Decimal(result);
      throw new ExpressionError(`expression "${source.text}" did not produce a number or a boolean`);
    },
  };
}
