import { DECIMAL_OPERATORS } from '../adjudication/operators';
import { toDecimal, type Decimal } from '../money/decimal';

/**
 * The compiled path's operators: the very table json-rules-engine is given
 * (src/adjudication/operators.ts), so an operator added there works in both paths. For the
 * decimal operators whose right-hand side is known when a version loads (a literal or a
 * parameter), the constant is parsed once here instead of on every comparison; the
 * differential test (test/engine/differential.test.ts) holds these to the table's results.
 */
export type BoundOperator = (fact: unknown) => unknown;
export type Operator = (fact: unknown, value: unknown) => unknown;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function operatorNamed(name: string): Operator {
  const fn = DECIMAL_OPERATORS[name];
  if (!fn) throw new Error(`unknown operator ${name}`);
  return fn;
}

/** A constant as `same` in operators.ts reads it: booleans never as numbers. */
interface Parsed {
  raw: unknown;
  decimal: Decimal | undefined;
}
const parse = (raw: unknown): Parsed => ({ raw, decimal: typeof raw === 'boolean' ? undefined : toDecimal(raw) });

/** `same(a, b)` of operators.ts with b parsed already. */
function sameAs(a: unknown, b: Parsed): boolean {
  if (b.decimal !== undefined && typeof a !== 'boolean') {
    const da = toDecimal(a);
    if (da) return da.eq(b.decimal);
  }
  return a === b.raw;
}

function orderedAgainst(value: unknown, test: (c: number) => boolean): BoundOperator {
  if (typeof value === 'string' && DATE.test(value)) {
    return (a) => typeof a === 'string' && DATE.test(a) && test(a < value ? -1 : a > value ? 1 : 0);
  }
  const db = toDecimal(value);
  if (!db) return () => false;
  return (a) => {
    const da = toDecimal(a);
    return da !== undefined && test(da.comparedTo(db));
  };
}

const SPECIALISED: Record<string, (value: unknown, generic: Operator) => BoundOperator> = {
  equal: (value) => {
    const b = parse(value);
    return (a) => sameAs(a, b);
  },
  notEqual: (value) => {
    const b = parse(value);
    return (a) => !sameAs(a, b);
  },
  lessThan: (value) => orderedAgainst(value, (c) => c < 0),
  lessThanInclusive: (value) => orderedAgainst(value, (c) => c <= 0),
  greaterThan: (value) => orderedAgainst(value, (c) => c > 0),
  greaterThanInclusive: (value) => orderedAgainst(value, (c) => c >= 0),
  in: (value) => {
    if (!Array.isArray(value)) return () => false;
    const list = value.map(parse);
    return (a) => list.some((b) => sameAs(a, b));
  },
  notIn: (value) => {
    if (!Array.isArray(value)) return () => false;
    const list = value.map(parse);
    return (a) => !list.some((b) => sameAs(a, b));
  },
  contains: (value) => {
    const b = parse(value);
    return (a) => Array.isArray(a) && a.some((x) => sameAs(x, b));
  },
  doesNotContain: (value) => {
    const b = parse(value);
    return (a) => Array.isArray(a) && !a.some((x) => sameAs(x, b));
  },
};

/**
 * The operator with its right-hand side bound: specialised when this file knows the operator,
 * otherwise the table's function called as it is (so an operator added to the table needs
 * nothing here).
 */
export function bindOperator(name: string, value: unknown): BoundOperator {
  const generic = operatorNamed(name);
  const special = SPECIALISED[name];
  return special ? special(value, generic) : (a) => generic(a, value);
}
