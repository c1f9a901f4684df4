import type { DecisionRecord } from '../store/decision-log';
import type { Correction } from '../store/correction-chain';
import { searchItem } from './decision-search';

export type ExportFormat = 'csv' | 'jsonl';

export const CSV_COLUMNS = ['decisionId', 'applicationId', 'program', 'version', 'jurisdiction', 'uscc', 'beneficiaryName', 'outcome', 'amount', 'reasons', 'applicationDate', 'decidedAt', 'topUpOf', 'client', 'ruleHash', 'decisionHash', 'correctionKind', 'correctionOutcome', 'correctionAmount', 'correctedAt'] as const;

/** The byte order mark that makes common spreadsheet programs read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A text that
 * a spreadsheet would run as a formula (starting with = + - @ or a tab) is prefixed with an
 * apostrophe, so a beneficiary name cannot become a formula on an auditor's machine.
 */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(r: DecisionRecord, corrections: ReadonlyMap<string, Correction> = new Map()): string {
  const { correction, ...item } = searchItem(r, corrections);
  const v: Record<string, unknown> = { ...item, correctionKind: correction?.kind, correctionOutcome: correction?.outcome, correctionAmount: correction?.amount, correctedAt: correction?.at };
  return CSV_COLUMNS.map((c) => csvField(v[c])).join(',') + '\r\n';
}

/**
 * The lines of an export, produced as they are read: a generator over the records' positions,
 * chunked so a large export is written in pieces of bounded size and never held whole.
 */
export function* exportLines(records: Iterable<DecisionRecord>, format: ExportFormat, corrections: ReadonlyMap<string, Correction> = new Map(), chunkRows = 500): Generator<string> {
  let chunk = format === 'csv' ? UTF8_BOM + CSV_COLUMNS.join(',') + '\r\n' : '';
  let rows = 0;
  for (const r of records) {
    chunk += format === 'csv' ? csvRow(r, corrections) : JSON.stringify(searchItem(r, corrections)) + '\n';
    if (++rows % chunkRows === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
