import { DECIMAL_OPERATORS as op } from '../../src/adjudication/operators';
import { isValidUscc, withCheckCharacter } from '../../src/adjudication/uscc';
import { compileExpression } from '../../src/rules/expressions';
import { Decimal } from '../../src/money/decimal';

describe('condition operators', () => {
  it('compare money as decimals, not binary floats', () => {
    const sum = compileExpression('a + b').evaluate(new Map([['a', new Decimal('0.1')], ['b', new Decimal('0.2')]]));
    expect(op.equal(String(sum), '0.3')).toBe(true);
    expect(op.lessThanInclusive('200000000.00', '200000000')).toBe(true);
    expect(op.lessThanInclusive('200000000.01', '200000000')).toBe(false);
  });
  it('test "in" for membership of a list, never a substring', () => {
    expect(op.in('3205', '320571')).toBe(false);
    expect(op.in('320571', ['320505', '320571'])).toBe(true);
    expect(op.notIn('320571', '320571')).toBe(false);
  });
  it('do not coerce booleans or text into numbers', () => {
    expect(op.greaterThan('abc', 1)).toBe(false);
    expect(op.equal(true, 1)).toBe(false);
    expect(op.equal('1', 1)).toBe(true);
  });
  it('compare dates as dates', () => {
    expect(op.lessThan('2025-09-30', '2025-10-01')).toBe(true);
  });
});

describe('amount expressions', () => {
  it('evaluate the SIP formula exactly', () => {
    const e = compileExpression('averageLoanBalance * min(loanRate - lpr, 0.2 * lpr)');
    const v = e.evaluate(new Map([['averageLoanBalance', new Decimal('10000000')], ['loanRate', new Decimal('0.0435')], ['lpr', new Decimal('0.0345')]]));
    expect(String(v)).toBe('69000');
    expect(e.symbols).toEqual(['averageLoanBalance', 'loanRate', 'lpr']);
  });
});

describe('unified social credit codes', () => {
  it('check the GB 32100-2015 check character', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc('91350100M000100Y44')).toBe(false);
    expect(isValidUscc(withCheckCharacter('91320594MA1N6QYX2'))).toBe(true);
    expect(isValidUscc('91320594MA1N6QYX2')).toBe(false);
  });
});

describe('place operators', () => {
  it('"within" tests a division code against a jurisdiction and everything above it', () => {
    expect(op.within('440106', '440100')).toBe(true);
    expect(op.within('440106', '440000')).toBe(true);
    expect(op.within('440106', 'CN')).toBe(true);
    expect(op.within('440100', '440100')).toBe(true);
    expect(op.within('440300', '440100')).toBe(false);
    expect(op.within('440106', ['320500', '440100'])).toBe(true);
    expect(op.within('440100', '440106')).toBe(false);
  });
  it('never passes an unknown or malformed code, either way', () => {
    for (const bad of ['449999', '44010', 'abc', '', 440106, null, undefined]) {
      expect(op.within(bad, '440100')).toBe(false);
      expect(op.notWithin(bad, '440100')).toBe(false);
    }
    expect(op.within('440106', '449999')).toBe(false);
    expect(op.notWithin('440106', '449999')).toBe(false);
    expect(op.within('440106', [])).toBe(false);
  });
  it('"notWithin" passes a known code outside every listed jurisdiction', () => {
    expect(op.notWithin('320583', '340000')).toBe(true);
    expect(op.notWithin('340104', '340000')).toBe(false);
    expect(op.notWithin('340104', ['320000', '440000'])).toBe(true);
  });
});
