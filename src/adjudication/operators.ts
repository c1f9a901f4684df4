import type { Engine } from 'json-rules-engine';
import { toDecimal } from '../money/decimal';
import { divisions } from '../rules/division-index';

/**
 * json-rules-engine's own operators compare with binary floats, coerce strings to numbers and
 * test `in` against a string as a substring. These replace them under the same names: numbers
 * compare as decimals, dates (YYYY-MM-DD) compare as dates, lists must be lists, and a value of
 * the wrong type fails instead of being coerced.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function same(a: unknown, b: unknown): boolean {
  const da = typeof a === 'boolean' ? undefined : toDecimal(a);
  const db = typeof b === 'boolean' ? undefined : toDecimal(b);
  if (da && db) return da.eq(db);
  return a === b;
}

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'string' && typeof b === 'string' && DATE.test(a) && DATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const da = toDecimal(a);
  const db = toDecimal(b);
  return da && db ? da.comparedTo(db) : undefined;
}

const ordered = (test: (c: number) => boolean) => (a: unknown, b: unknown) => {
  const c = compare(a, b);
  return c !== undefined && test(c);
};

/**
 * Place tests on division codes (GB/T 2260): `within` passes when the fact's code is the
 * jurisdiction or lies inside it (440106 within 440100, 440100 within 440100); the value is one
 * code or a list (within any of them). `notWithin` passes when the code is known and lies in
 * none of them. A code that is not a known division (malformed, unknown, not a string) fails
 * both: an unknown place never passes a place test.
 */
function areas(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((c) => typeof c === 'string' && divisions().has(c)) ? (list as string[]) : undefined;
}

export const PLACE_OPERATORS: Record<string, (fact: unknown, value: unknown) => boolean> = {
  within: (a, b) => typeof a === 'string' && divisions().has(a) && (areas(b)?.some((area) => divisions().within(a, area)) ?? false),
  notWithin: (a, b) => typeof a === 'string' && divisions().has(a) && (areas(b)?.every((area) => !divisions().within(a, area)) ?? false),
};

export const DECIMAL_OPERATORS: Record<string, (fact: unknown, value: unknown) => boolean> = {
  equal: (a, b) => same(a, b),
  notEqual: (a, b) => !same(a, b),
  lessThan: ordered((c) => c < 0),
  lessThanInclusive: ordered((c) => c <= 0),
  greaterThan: ordered((c) => c > 0),
  greaterThanInclusive: ordered((c) => c >= 0),
  in: (a, b) => Array.isArray(b) && b.some((x) => same(a, x)),
  notIn: (a, b) => Array.isArray(b) && !b.some((x) => same(a, x)),
  contains: (a, b) => Array.isArray(a) && a.some((x) => same(x, b)),
  doesNotContain: (a, b) => Array.isArray(a) && !a.some((x) => same(x, b)),
  containsAny: (a, b) => Array.isArray(a) && Array.isArray(b) && a.some((x) => b.some((y) => same(x, y))),
  ...PLACE_OPERATORS,
};

export function installOperators(engine: Engine): void {
  for (const [name, fn] of Object.entries(DECIMAL_OPERATORS)) engine.addOperator(name, fn);
}
