import { all, create, type MathNode } from 'mathjs';
import { Decimal, type Decimal as DecimalValue } from '../money/decimal';

/**
 * Amount formulas in rule packs are mathjs expressions evaluated over BigNumbers, so
 * `averageLoanBalance * min(loanRate - lpr, 0.2 * lpr)` is exact. Only arithmetic,
 * comparisons, boolean logic, `cond ? a : b` and a short list of functions are allowed; every
 * other node (assignments, accessors, function definitions, matrices, strings, units) is
 * refused when the pack loads.
 */
const math = create(all, { number: 'BigNumber', precision: 64 });
const parse = math.parse;
const bignumber = math.bignumber;

// As mathjs's security notes advise: no way back into the parser or the function table.
const refused = (name: string) => () => {
  throw new Error(`function ${name} is disabled`);
};
math.import(
  Object.fromEntries(
    ['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'reviver', 'compile'].map((n) => [n, refused(n)]),
  ),
  { override: true },
);

export const ALLOWED_FUNCTIONS = ['min', 'max', 'floor', 'ceil', 'abs', 'round'] as const;
const ALLOWED_OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus',
  'larger', 'smaller', 'largerEq', 'smallerEq', 'equal', 'unequal', 'and', 'or', 'not',
]);

export type ExpressionValue = DecimalValue | boolean;

export interface CompiledExpression {
  readonly text: string;
  /** Names the expression reads: facts, parameters or earlier steps. */
  readonly symbols: readonly string[];
  evaluate(scope: ReadonlyMap<string, ExpressionValue>): ExpressionValue;
}

export class ExpressionError extends Error {}

function check(node: MathNode, text: string, symbols: Set<string>): void {
  const refuse = (what: string) => {
    throw new ExpressionError(`expression "${text}": ${what} is not allowed`);
  };
  switch (node.type) {
    case 'ConstantNode': {
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value === 'string') refuse('a string constant');
      return;
    }
    case 'SymbolNode':
      symbols.add((node as unknown as { name: string }).name);
      return;
    case 'ParenthesisNode':
    case 'ConditionalNode':
      break;
    case 'OperatorNode': {
      const fn = (node as unknown as { fn: string }).fn;
      if (!ALLOWED_OPERATORS.has(fn)) refuse(`operator ${fn}`);
      break;
    }
    case 'FunctionNode': {
      const fnNode = (node as unknown as { fn: MathNode & { name?: string } }).fn;
      const name = fnNode.type === 'SymbolNode' ? fnNode.name : undefined;
      if (!name || !(ALLOWED_FUNCTIONS as readonly string[]).includes(name)) refuse(`function ${name ?? '(computed)'}`);
      for (const arg of (node as unknown as { args: MathNode[] }).args) check(arg, text, symbols);
      return;
    }
    default:
      refuse(`${node.type}`);
  }
  node.forEach((child) => check(child, text, symbols));
}

export function compileExpression(text: string): CompiledExpression {
  let root: MathNode;
  try {
    root = parse(text);
  } catch (e) {
    throw new ExpressionError(`expression "${text}" does not parse: ${(e as Error).message}`);
  }
  const symbols = new Set<string>();
  check(root, text, symbols);
  const compiled = root.compile();
  return {
    text,
    symbols: [...symbols].sort(),
    evaluate(scope) {
      const mathScope = new Map<string, unknown>();
      for (const [k, v] of scope) mathScope.set(k, typeof v === 'boolean' ? v : bignumber(v.toFixed()));
      const result: unknown = compiled.evaluate(mathScope);
      if (typeof result === 'boolean') return result;
      if (result && typeof (result as { toFixed?: unknown }).toFixed === 'function' && (result as { isBigNumber?: boolean }).isBigNumber) {
        return new Decimal((result as { toFixed(): string }).toFixed());
      }
      throw new ExpressionError(`expression "${text}" did not produce a number or a boolean`);
    },
  };
}

/** The configured instance and its parser, shared with the compiled engine (src/engine/expressions.ts). */
export const expressionMath = { math, parse };
