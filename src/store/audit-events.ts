import { randomUUID } from 'node:crypto';
import { insertOnce } from './repositories';
import type { AuditEventDoc, Models } from './models';

/**
 * Audit events (src/audit/), append-only: each inserted once under a fresh id (a unique
 * insert), never updated or deleted. Few: decisions and applications are not stored here but
 * derived from the decision log, so a full read stays small.
 */
export class AuditEventStore {
  constructor(private readonly model: Models['auditEvents']) {}

  async insert(event: Omit<AuditEventDoc, '_id'>): Promise<AuditEventDoc> {
    const doc: AuditEventDoc = { _id: `aud_${randomUUID()}`, ...event };
    await insertOnce(this.model, doc);
    return doc;
  }

  async all(): Promise<AuditEventDoc[]> {
    return this.model.find().lean<AuditEventDoc[]>();
  }
}
