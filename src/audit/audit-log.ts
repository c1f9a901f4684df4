import type { ApiKeyRecord } from '../access/api-keys';
import { fromFen } from '../money/decimal';
import type { DecisionRecord } from '../store/decision-log';
import { AuditEventStore } from '../store/audit-events';
import type { AuditEventDoc, Models } from '../store/models';
import type { AuditEvent } from '../schema-types/audit';

/** Who caused an event: an API key (id and role), or the service or a command-line tool itself. */
export type Actor = AuditEvent['actor'];

/**
 * An event to record: anything that changes state and is not a decision (decisions and the
 * applications they answer are read from the decision log). Rule loads and reloads, API key
 * changes, prior-award imports, corrections. `jurisdictions` decide who may read it.
 */
export interface AuditEventInput {
  type: string;
  actor: Actor;
  jurisdictions?: string[];
  subject?: string;
  data?: unknown;
  at?: Date;
}

/** A recorded event, as the audit log answers it: schemas/audit.schema.json#/$defs/event. */
export type { AuditEvent };

export const DERIVED_TYPES = ['application.accepted', 'decision.made'] as const;

export function actorOf(caller: Pick<ApiKeyRecord, 'id' | 'role'>): Actor {
  return { keyId: caller.id, role: caller.role };
}

function view(doc: AuditEventDoc): AuditEvent {
  const actor: Actor = {};
  for (const k of ['keyId', 'role', 'system'] as const) if (doc.actor?.[k]) actor[k] = doc.actor[k];
  return { id: doc._id, type: doc.type, at: new Date(doc.at).toISOString(), actor, jurisdictions: doc.jurisdictions ?? [], subject: doc.subject ?? null, data: JSON.parse(doc.data) as unknown };
}

/** The events a decision record stands for: the application accepted (base decisions) and the decision made. */
export function derivedEvents(r: DecisionRecord): AuditEvent[] {
  const actor: Actor = { keyId: r.client };
  const made: AuditEvent = {
    id: `decision.made:${r.decisionId}`,
    type: 'decision.made',
    at: r.decidedAt,
    actor,
    jurisdictions: [r.jurisdiction],
    subject: r.decisionId,
    data: { program: r.program, version: r.version, uscc: r.uscc, outcome: r.outcome, amount: r.amountFen === null ? null : fromFen(r.amountFen).toFixed(2), topUpOf: r.topUpOf, decisionHash: r.decisionHash },
  };
  if (r.topUpOf !== null) return [made];
  const accepted: AuditEvent = { id: `application.accepted:${r.applicationId}`, type: 'application.accepted', at: r.decidedAt, actor, jurisdictions: [r.jurisdiction], subject: r.applicationId, data: { program: r.program, uscc: r.uscc, beneficiaryName: r.beneficiaryName, applicationDate: r.applicationDate } };
  return [accepted, made];
}

/**
 * The audit log: stored events (append-only, src/store/audit-events.ts) and the events the
 * decision log stands for, read together. `record(event)` is the one way to add one: the rule
 * reload (RuleLoadEvents.record), key management and imports route theirs here.
 */
export class AuditLog {
  private readonly store: AuditEventStore;

  constructor(
    models: Pick<Models, 'auditEvents'>,
    private readonly decisions: { records(): Iterable<DecisionRecord>; catchUp(): Promise<void> },
  ) {
    this.store = new AuditEventStore(models.auditEvents);
  }

  async record(event: AuditEventInput): Promise<AuditEvent> {
    const doc = await this.store.insert({
      type: event.type,
      at: event.at ?? new Date(),
      actor: event.actor,
      jurisdictions: event.jurisdictions ?? [],
      ...(event.subject !== undefined ? { subject: event.subject } : {}),
      data: JSON.stringify(event.data ?? {}),
    });
    return view(doc);
  }

  /** Every event matching `keep`, the stored ones and the derived ones, oldest first (then by id). */
  async events(keep: (e: Pick<AuditEvent, 'type' | 'at' | 'actor' | 'jurisdictions' | 'subject'>) => boolean, derivedTypes: readonly string[] = DERIVED_TYPES): Promise<AuditEvent[]> {
    await this.decisions.catchUp();
    const out = (await this.store.all()).map(view).filter(keep);
    if (derivedTypes.length) {
      for (const r of this.decisions.records()) {
        // the record's own fields decide first, before any event object is made
        const probe = { type: 'decision.made', at: r.decidedAt, actor: { keyId: r.client }, jurisdictions: [r.jurisdiction], subject: r.decisionId };
        const made = derivedTypes.includes('decision.made') && keep(probe);
        const accepted = r.topUpOf === null && derivedTypes.includes('application.accepted') && keep({ ...probe, type: 'application.accepted', subject: r.applicationId });
        if (!made && !accepted) continue;
        for (const e of derivedEvents(r)) if ((e.type === 'decision.made' && made) || (e.type === 'application.accepted' && accepted)) out.push(e);
      }
    }
    return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

const logs = new WeakMap<object, AuditLog>();

/** One audit log per connection's models. */
export function auditLogOver(models: Pick<Models, 'auditEvents'>, decisions: ConstructorParameters<typeof AuditLog>[1]): AuditLog {
  let log = logs.get(models);
  if (!log) {
    log = new AuditLog(models, decisions);
    logs.set(models, log);
  }
  return log;
}
