import type { ApiKeyRecord } from '../access/api-keys';
import type { JurisdictionChains } from '../access/key-scope';
import { unprocessable } from '../service/errors';
import type { FieldError } from '../validation/schema-registry';
import type { AuditEvent } from './audit-log';

export const EVENT_PARAMS = ['type', 'actor', 'subject', 'from', 'to', 'cursor', 'limit'] as const;
const TYPE = /^[a-z][a-z0-9.-]{0,60}$/;
const TOKEN = /^[\x21-\x7e]{1,200}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export interface EventQuery {
  keep: (e: Pick<AuditEvent, 'type' | 'at' | 'actor' | 'jurisdictions' | 'subject'>) => boolean;
  types?: string[];
  after?: { at: string; id: string };
  limit: number;
}

/** An instant from a day (China Standard Time; `to` includes its whole day) or a date-time with an offset. */
function instant(v: string, end: boolean): string | undefined {
  if (DATE.test(v)) {
    const ms = Date.parse(`${v}T00:00:00+08:00`);
    return Number.isNaN(ms) || new Date(Date.parse(`${v}T00:00:00Z`)).toISOString().slice(0, 10) !== v ? undefined : new Date(ms + (end ? 86_400_000 : 0)).toISOString();
  }
  return DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)) ? new Date(Date.parse(v)).toISOString() : undefined;
}

/** Reads the query of GET /v1/audit/events within the caller's scope (422 naming a bad parameter). */
export function parseEventQuery(q: Record<string, unknown>, caller: Pick<ApiKeyRecord, 'jurisdictions'>, tree: JurisdictionChains): EventQuery {
  const errors: FieldError[] = [];
  const text = (name: string) => (typeof q[name] === 'string' && q[name] !== '' ? (q[name] as string) : q[name] === undefined ? undefined : (errors.push({ pointer: `/query/${name}`, detail: 'must be given once, not empty' }), undefined));
  const typeText = text('type');
  const types = typeText?.split(',');
  if (types && !types.every((t) => TYPE.test(t))) errors.push({ pointer: '/query/type', detail: 'must be event types separated by commas, e.g. api-key.created,decision.made' });
  const actor = text('actor');
  if (actor !== undefined && !TOKEN.test(actor)) errors.push({ pointer: '/query/actor', detail: 'must be an API key id' });
  const subject = text('subject');
  if (subject !== undefined && !TOKEN.test(subject)) errors.push({ pointer: '/query/subject', detail: 'must be an id' });
  const range: { from?: string; to?: string } = {};
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    const at = instant(v, name === 'to');
    if (at === undefined) errors.push({ pointer: `/query/${name}`, detail: 'must be a date (YYYY-MM-DD, China Standard Time) or a date-time with an offset' });
    else range[name] = at;
  }
  let limit = 100;
  const limitText = text('limit');
  if (limitText !== undefined) {
    limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 1000)) errors.push({ pointer: '/query/limit', detail: 'must be an integer from 1 to 1000' });
  }
  let after: EventQuery['after'];
  const cursor = text('cursor');
  if (cursor !== undefined) {
    try {
      const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
      if (typeof c.at !== 'string' || typeof c.id !== 'string') throw new Error('bad cursor');
      after = { at: c.at, id: c.id };
    } catch {
      errors.push({ pointer: '/query/cursor', detail: 'is not a cursor this service issued' });
    }
  }
  if (errors.length) throw unprocessable('the audit event query is invalid', errors);
  const scope = caller.jurisdictions.includes('*') ? undefined : caller.jurisdictions;
  const visible = (codes: string[]) => !scope || (codes.length > 0 && codes.every((c) => c !== '*') && codes.some((c) => tree.has(c) && tree.chain(c).some((a) => scope.includes(a))));
  const keep: EventQuery['keep'] = (e) =>
    (!types || types.includes(e.type)) &&
    (actor === undefined || e.actor.keyId === actor) &&
    (subject === undefined || e.subject === subject) &&
    (range.from === undefined || e.at >= range.from) &&
    (range.to === undefined || e.at < range.to) &&
    visible(e.jurisdictions);
  return { keep, limit, ...(types ? { types } : {}), ...(after ? { after } : {}) };
}

export function eventCursor(e: Pick<AuditEvent, 'at' | 'id'>): string {
  return Buffer.from(JSON.stringify({ at: e.at, id: e.id })).toString('base64url');
}
