import { createHash } from 'node:crypto';
import { isValidUscc } from '../adjudication/uscc';
import { toDecimal, toFen } from '../money/decimal';
import type { ProgramCatalog } from '../rules/catalog';
import { unprocessable } from '../service/errors';
import type { DecisionRecord } from '../store/decision-log';
import type { FieldError } from '../validation/schema-registry';
import type { DecisionFilter } from './decision-index';

/** The query parameters of GET /v1/decisions (and its export) that filter. */
export const FILTER_PARAMS = ['program', 'jurisdiction', 'uscc', 'outcome', 'minAmount', 'maxAmount', 'decidedFrom', 'decidedTo', 'version'] as const;
export const PAGE_PARAMS = ['cursor', 'limit', 'order'] as const;

export const OUTCOMES: readonly DecisionRecord['outcome'][] = ['approved', 'partial', 'rejected', 'needs-information'];
const PROGRAM = /^(CN|[0-9]{6})\/[a-z0-9-]{1,60}$/;
const YUAN = /^(0|[1-9]\d{0,13})(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const VERSION = /^[\x21-\x7e]{1,40}$/;
export const MAX_LIMIT = 500;
export const DEFAULT_LIMIT = 50;

type Query = Record<string, unknown>;

/** Midnight in China Standard Time (UTC+8) that starts a calendar date, in epoch milliseconds. */
function chinaMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+08:00`);
}

function validDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

/**
 * Reads the filter parameters; every bad value is a 422 naming `/query/<param>`. Dates are days
 * in China Standard Time (decidedTo includes its whole day); a date-time with an offset is an
 * instant (decidedTo exclusive). Amounts are yuan with at most two decimals.
 */
export function parseFilter(query: Query, catalog: ProgramCatalog): DecisionFilter {
  const errors: FieldError[] = [];
  const bad = (name: string, detail: string) => errors.push({ pointer: `/query/${name}`, detail });
  const text = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') {
      bad(name, 'must be given once, not empty');
      return undefined;
    }
    return v;
  };
  const f: DecisionFilter = {};
  const program = text('program');
  if (program !== undefined) (PROGRAM.test(program) ? (f.program = program) : bad('program', 'must be a program key such as 320500/loan-interest-subsidy'));
  const jurisdiction = text('jurisdiction');
  if (jurisdiction !== undefined) (catalog.jurisdictions.has(jurisdiction) ? (f.jurisdiction = jurisdiction) : bad('jurisdiction', 'is not a known jurisdiction code'));
  const uscc = text('uscc');
  if (uscc !== undefined) (isValidUscc(uscc) ? (f.uscc = uscc) : bad('uscc', 'is not a valid unified social credit code (GB 32100-2015 check character)'));
  const outcome = text('outcome');
  if (outcome !== undefined) {
    const list = outcome.split(',');
    if (list.every((o) => (OUTCOMES as readonly string[]).includes(o))) f.outcomes = [...new Set(list)] as DecisionRecord['outcome'][];
    else bad('outcome', `must be one or more of ${OUTCOMES.join(', ')}, separated by commas`);
  }
  for (const [name, key] of [['minAmount', 'minAmountFen'], ['maxAmount', 'maxAmountFen']] as const) {
    const v = text(name);
    if (v !== undefined) (YUAN.test(v) ? (f[key] = toFen(toDecimal(v)!)) : bad(name, 'must be yuan as a decimal string with at most two decimals, e.g. 3000000 or 12.50'));
  }
  if (f.minAmountFen !== undefined && f.maxAmountFen !== undefined && f.minAmountFen > f.maxAmountFen) bad('maxAmount', 'must not be below minAmount');
  for (const name of ['decidedFrom', 'decidedTo'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    let ms: number | undefined;
    if (DATE.test(v) && validDate(v)) ms = chinaMidnight(v) + (name === 'decidedTo' ? 86_400_000 : 0);
    else if (DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) && validDate(v.slice(0, 10))) ms = Date.parse(v);
    if (ms === undefined) bad(name, 'must be a date (YYYY-MM-DD, China Standard Time) or a date-time with an offset');
    else if (name === 'decidedFrom') f.decidedFromMs = ms;
    else f.decidedBeforeMs = ms;
  }
  if (f.decidedFromMs !== undefined && f.decidedBeforeMs !== undefined && f.decidedFromMs >= f.decidedBeforeMs) bad('decidedTo', 'must come after decidedFrom');
  const version = text('version');
  if (version !== undefined) (VERSION.test(version) ? (f.version = version) : bad('version', 'must be a version label such as 2021-01-01'));
  if (errors.length) throw unprocessable('the search parameters are invalid', errors);
  return f;
}

/** A cursor: where the previous page ended, bound to the filters and order it was made for. */
interface CursorContent {
  v: 1;
  /** The last position returned. */
  p: number;
  o: 'asc' | 'desc';
  /** The filters' fingerprint: a cursor is refused with other filters. */
  h: string;
}

export function filterFingerprint(query: Query): string {
  const pairs = FILTER_PARAMS.filter((k) => query[k] !== undefined).map((k) => [k, String(query[k])]);
  return createHash('sha256').update(JSON.stringify(pairs)).digest('base64url').slice(0, 12);
}

export function encodeCursor(c: Omit<CursorContent, 'v'>): string {
  return Buffer.from(JSON.stringify({ v: 1, ...c })).toString('base64url');
}

export interface PageRequest {
  order: 'asc' | 'desc';
  after?: number;
  limit: number;
  fingerprint: string;
}

/** Reads cursor, limit and order; a cursor made for other filters or another order is a 422. */
export function parsePage(query: Query): PageRequest {
  const errors: FieldError[] = [];
  const order = query.order ?? 'asc';
  if (order !== 'asc' && order !== 'desc') errors.push({ pointer: '/query/order', detail: 'must be asc (log order, oldest first) or desc (newest first)' });
  let limit = DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    const n = typeof query.limit === 'string' && /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
    if (!(n >= 1 && n <= MAX_LIMIT)) errors.push({ pointer: '/query/limit', detail: `must be an integer from 1 to ${MAX_LIMIT}` });
    else limit = n;
  }
  const fingerprint = filterFingerprint(query);
  let after: number | undefined;
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor);
    if (!c) errors.push({ pointer: '/query/cursor', detail: 'is not a cursor this service issued' });
    else if (c.h !== fingerprint || c.o !== order) errors.push({ pointer: '/query/cursor', detail: 'was issued for other filters or another order' });
    else after = c.p;
  }
  if (errors.length) throw unprocessable('the paging parameters are invalid', errors);
  return { order: order as 'asc' | 'desc', limit, fingerprint, ...(after !== undefined ? { after } : {}) };
}

function decodeCursor(raw: unknown): CursorContent | undefined {
  if (typeof raw !== 'string' || raw.length > 200 || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorContent;
    if (c.v !== 1 || !Number.isSafeInteger(c.p) || c.p < 0 || (c.o !== 'asc' && c.o !== 'desc') || typeof c.h !== 'string') return undefined;
    return c;
  } catch {
    return undefined;
  }
}
