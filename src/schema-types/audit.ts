/* Generated from schemas/audit.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Audit / 审计
 *
 * What auditors read besides decisions: the verification of the decision log's hash chain, and the audit log of events that changed state.
 */
export type Audit = unknown;
/**
 * Chain verification / 链校验
 *
 * The result of walking the decision log from its first entry: each entry's hash, its link to the previous one, and each decision it records against the stored decision's hash.
 *
 * This interface was referenced by `Audit`'s JSON-Schema
 * via the `definition` "verification".
 */
export interface AuditVerification {
  /**
   * true when nothing breaks the decision log or the corrections' chain.
   */
  intact: boolean;
  /**
   * Entries checked and found intact (before the first break).
   */
  entries: number;
  /**
   * Decisions checked and found intact.
   */
  decisions: number;
  head: {
    seq: number;
    hash: string;
  };
  firstBreak: null | {
    seq: number;
    entryId: string;
    /**
     * The decision that fails the check (left out when it lies outside the caller's scope).
     */
    decisionId?: string;
    problem:
      | 'entry-missing'
      | 'entry-hash'
      | 'previous-hash'
      | 'decision-missing'
      | 'decision-hash'
      | 'record-invalid'
      | 'segment-differs';
    detail: string;
  };
  /**
   * The corrections' own chain: each link, each hash, and each correction's reference to a logged decision (problem `decision-reference` when the decision log records no such decision hash).
   */
  corrections: {
    entries: number;
    firstBreak: null | {
      seq: number;
      entryId: string;
      decisionId?: string;
      problem: 'entry-missing' | 'entry-hash' | 'previous-hash' | 'decision-reference';
      detail: string;
    };
  };
  startedAt: string;
  finishedAt: string;
}
/**
 * Audit event / 审计事件
 *
 * This interface was referenced by `Audit`'s JSON-Schema
 * via the `definition` "event".
 */
export interface AuditEvent {
  id: string;
  /**
   * application.accepted, decision.made (both read from the decision log), api-key.created, api-key.revoked, prior-awards.imported, and what the service records through AuditLog.record (rule loads and reloads).
   */
  type: string;
  at: string;
  /**
   * Who: an API key (id and role; the submitting key of an application) or the system (a signal, a command-line tool).
   */
  actor: {
    keyId?: string;
    role?: string;
    system?: string;
  };
  /**
   * Where the event belongs: a key scoped to jurisdictions sees an event of one of them.
   */
  jurisdictions: string[];
  /**
   * What it is about: an application, decision, API key or program.
   */
  subject: string | null;
  /**
   * The event's details.
   */
  data: unknown;
}
/**
 * Audit events / 审计事件列表
 *
 * This interface was referenced by `Audit`'s JSON-Schema
 * via the `definition` "eventPage".
 */
export interface AuditEventPage {
  events: AuditEvent[];
  /**
   * Events matching the filters within the caller's scope.
   */
  total: number;
  nextCursor: string | null;
}
/**
 * Correction or withdrawal / 更正或撤销记录
 *
 * This interface was referenced by `Audit`'s JSON-Schema
 * via the `definition` "correction".
 */
export interface AuditCorrection {
  id: string;
  decisionId: string;
  kind: 'correction' | 'withdrawal';
  reason: string;
  outcome: null | ('approved' | 'partial' | 'rejected' | 'needs-information');
  amount: string | null;
  by: {
    keyId: string;
    role: string;
  };
  at: string;
  /**
   * The corrected decision's hash as the decision log records it.
   */
  decisionHash: string;
  /**
   * Its place in the corrections' chain (`correction#<seq>`).
   */
  seq: number;
  hash: string;
}
