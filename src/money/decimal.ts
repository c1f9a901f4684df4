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

/** The largest amount the service stores: integer fen kept exactly as a JavaScript number. */
export const MAX_FEN = Number.MAX_SAFE_INTEGER;

/**
 * Room left for what a calculation forms from a stated amount: sums of a few amounts, products
 * with rates and shares (below 1 in every policy), tiers. A stated amount at most MAX_FEN / 100
 * fen keeps every such intermediate within MAX_FEN with a hundredfold margin.
 */
export const CALCULATION_HEADROOM = 100;

/** The largest amount a fact may state, in yuan: 900719925474.00 (about 9,007 亿元). */
export const MAX_STATED_YUAN = new Decimal(Math.floor(MAX_FEN / CALCULATION_HEADROOM / 100));

/** An amount the service cannot represent (it would lose fen as a number). */
export class AmountOutOfRangeError extends Error {
  constructor(readonly amount: string) {
    super(`amount ${amount} is out of range (at most ${fromFen(MAX_FEN).toFixed(2)} yuan)`);
    this.name = 'AmountOutOfRangeError';
  }
}

/** Integer fen (分), the form money takes in the database. */
export function toFen(yuan: Decimal): number {
  const fen = yuan.times(100);
  if (!fen.isInteger()) throw new Error(`amount ${yuan.toString()} has more than two decimal places`);
  if (fen.abs().gt(MAX_FEN)) throw new AmountOutOfRangeError(yuan.toString());
  return fen.toNumber();
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
