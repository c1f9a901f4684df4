import { MAX_STATED_YUAN, toDecimal } from '../money/decimal';
import type { FactDictionary } from '../rules/fact-dictionary';
import { escapePointer, type FieldError } from './schema-registry';

/** The earliest date a fact or an application may carry: no program of the catalog is older. */
export const EARLIEST_DATE = '1990-01-01';

/**
 * Amounts, dates and years the schema's patterns admit but the service cannot honour: an amount
 * above what a calculation can carry in integer fen (MAX_STATED_YUAN, derived from the money
 * module); a date before EARLIEST_DATE or after the application's date (a claim is not filed
 * before the loan, loss or investment it claims for); a year after the application's year.
 */
export function factRangeErrors(dictionary: FactDictionary, facts: Record<string, unknown>, applicationDate: string, pointer = '/facts'): FieldError[] {
  const today = applicationDate;
  const out: FieldError[] = [];
  for (const [name, value] of Object.entries(facts)) {
    const kind = dictionary.get(name)?.kind;
    const at = `${pointer}/${escapePointer(name)}`;
    if (kind === 'money' || kind === 'decimal') {
      const d = toDecimal(value);
      if (d && d.abs().gt(MAX_STATED_YUAN)) out.push({ pointer: at, detail: `is out of range: at most ${MAX_STATED_YUAN.toFixed()} in magnitude` });
    } else if (kind === 'date' && typeof value === 'string') {
      if (value < EARLIEST_DATE) out.push({ pointer: at, detail: `is before ${EARLIEST_DATE}` });
      else if (value > today) out.push({ pointer: at, detail: `is after the application date (${today})` });
    } else if (kind === 'year' && typeof value === 'number' && value > Number(today.slice(0, 4))) {
      out.push({ pointer: at, detail: `is after the application's year (${today.slice(0, 4)})` });
    }
  }
  return out;
}
