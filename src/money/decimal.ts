import DecimalJs from 'decimal.js';

/**
 * The one decimal type for every amount and ratio. A private clone so no other library's
 * configuration can change its precision or rounding.
 */
export const Decimal = DecimalJs.clone({ precision: 64, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

const DECIMAL_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** Parses a decimal from its text or a safe integer; anything else is not a number here. */
export function toDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return new Decimal(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return new Decimal(value);
  if (Decimal.isDecimal(value)) return value as Decimal;
  return undefined;
}

/** Yuan with exactly two places, the form every amount takes in a response. */
export function yuanText(amount: Decimal): string {
  return amount.toFixed(2);
}

/** Integer fen (分), the form money takes in the database. */
export function toFen(yuan: Decimal): number {
  const fen = yuan.times(100);
  if (!fen.isInteger()) throw new Error(`amount ${yuan.toString()} has more than two decimal places`);
  const n = fen.toNumber();
  if (!Number.isSafeInteger(n)) throw new Error(`amount ${yuan.toString()} is out of range`);
  return n;
}

export function fromFen(fen: number): Decimal {
  return new Decimal(fen).dividedBy(100);
}

export type Rounding = 'half-up' | 'down';

export function roundToFen(amount: Decimal, rounding: Rounding): Decimal {
  return amount.toDecimalPlaces(2, rounding === 'down' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP);
}

/** Canonical text of a decimal: no exponent, no trailing zeros. */
export function decimalText(value: Decimal): string {
  return value.toFixed();
}
