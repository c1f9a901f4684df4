import { fastExpression } from '../../src/engine/expressions';
import { pick, seededRandom } from '../../src/engine/samples';
import { Decimal } from '../../src/money/decimal';
import { compileExpression, type ExpressionValue } from '../../src/rules/expressions';

/**
 * Compiled formulas against mathjs (the reference): every allowed operator and function, on
 * decimals that differ in the 13th digit (where mathjs's comparison tolerance matters),
 * zeros, negatives, huge and tiny values and booleans.
 */
const EXPRESSIONS = [
  'a + b', 'a - b', 'a * b', 'a / b', '-a', '+a', '2 a', 'a * 0.2 + b / 3',
  'a > b', 'a < b', 'a >= b', 'a <= b', 'a == b', 'a != b',
  'a > b and b > 0', 'a > b or b > 0', 'not (a > b)', 'p and q', 'p or q', 'not p', 'p == q',
  'a > b ? a : b', 'p ? a : b', 'a ? a : b', 'a - b ? 1 : 0',
  'min(a, b)', 'max(a, b)', 'min(a, b, 0)', 'max(a, -b, 1)', 'min(a)',
  'floor(a)', 'ceil(a)', 'abs(a)', 'round(a)', 'round(a, 2)', 'floor(a / b)', 'ceil(a * b)',
  'min(a * 0.2, b)', 'a * min(b - a, 0.2 * b)', 'max(0, a - b) * 0.5',
];

function values(rnd: () => number): Record<string, ExpressionValue> {
  const base = pick(rnd, ['0', '1', '-1', '0.1', '0.2', '0.3', '100', '300000', '0.0345', '123456789.123456789', '1e-20', '99999999999999999999', '-0.5', '2.5', '3.5']);
  const near = new Decimal(base).times(pick(rnd, ['1', '1.0000000000001', '0.9999999999999', '1.000000001', '1.00000000000000001', '2', '0']));
  const a = new Decimal(base);
  const b = rnd() < 0.5 ? near : new Decimal(pick(rnd, ['0', '7', '-3', '0.0435', '1e-15', '1000000']));
  return rnd() < 0.5 ? { a, b, p: rnd() < 0.5, q: rnd() < 0.5 } : { a: b, b: a, p: rnd() < 0.5, q: rnd() < 0.5 };
}

const text = (f: () => ExpressionValue) => {
  try {
    const v = f();
    return typeof v === 'boolean' ? String(v) : `${v.toFixed()}${v.isNeg() ? '(neg)' : ''}`;
  } catch (e) {
    return `error ${(e as Error).message}`;
  }
};

describe('compiled formulas', () => {
  it.each(EXPRESSIONS)('%s computes what mathjs computes', (source) => {
    const reference = compileExpression(source);
    const compiled = fastExpression(reference);
    const rnd = seededRandom(source.length * 7919);
    for (let i = 0; i < 400; i++) {
      const v = values(rnd);
      const scope = new Map(reference.symbols.map((s) => [s, v[s]!] as const));
      const expected = text(() => reference.evaluate(scope));
      const actual = text(() => compiled.evaluate(reference.symbols.map((s) => v[s]!)));
      if (actual !== expected) throw new Error(`${source} with ${JSON.stringify(v)}: mathjs ${expected}, compiled ${actual}`);
    }
  });
});
