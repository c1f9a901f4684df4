import { randomUUID } from 'node:crypto';
import type { ApiKeyRecord } from '../access/api-keys';
import { fromFen, toDecimal, toFen } from '../money/decimal';
import { notFound, unprocessable } from '../service/errors';
import { CorrectionChain, type Correction, type CorrectionEntryDoc } from '../store/correction-chain';
import type { DecisionLog } from '../store/decision-log';
import type { Models } from '../store/models';
import type { AuditLog } from './audit-log';
import type { CorrectionRequest } from '../schema-types/correction-request';

/** A correction or withdrawal of a decision: schemas/correction-request.schema.json. */
export type { CorrectionRequest };

const chains = new WeakMap<object, CorrectionChain>();

/** One correction chain per connection's models. */
export function correctionsOver(models: Pick<Models, 'decisionCorrections'>): CorrectionChain {
  let c = chains.get(models);
  if (!c) {
    c = new CorrectionChain(models.decisionCorrections);
    chains.set(models, c);
  }
  return c;
}

export function correctionView(entry: Pick<CorrectionEntryDoc, 'seq' | 'hash'> | undefined, c: Correction) {
  return { id: c.id, decisionId: c.decisionId, kind: c.kind, reason: c.reason, outcome: c.outcome, amount: c.amountFen === null ? null : fromFen(c.amountFen).toFixed(2), by: c.by, at: c.at, decisionHash: c.decisionHash, ...(entry ? { seq: entry.seq, hash: entry.hash } : {}) };
}

/**
 * Corrects or withdraws a logged decision: a new record in the correction chain referring to the
 * decision by its logged hash, and an audit event. The decision and its record never change.
 */
export async function correctDecision(
  deps: { chain: CorrectionChain; decisionLog: Pick<DecisionLog, 'get' | 'catchUp'>; audit: AuditLog },
  decisionId: string,
  body: CorrectionRequest,
  caller: Pick<ApiKeyRecord, 'id' | 'role'>,
) {
  if (body.kind === 'withdrawal') {
    if (body.outcome !== undefined) throw unprocessable('a withdrawal states no outcome', [{ pointer: '/outcome', detail: 'must be absent for a withdrawal' }]);
    if (body.amount !== undefined) throw unprocessable('a withdrawal states no amount', [{ pointer: '/amount', detail: 'must be absent for a withdrawal' }]);
  } else {
    if (body.outcome === undefined) throw unprocessable('a correction states the outcome that stands', [{ pointer: '/outcome', detail: 'is required for a correction' }]);
    const pays = body.outcome === 'approved' || body.outcome === 'partial';
    if (pays && body.amount === undefined) throw unprocessable('a correction to a payment states its amount', [{ pointer: '/amount', detail: `is required when the outcome is ${body.outcome}` }]);
    if (!pays && body.amount !== undefined) throw unprocessable('only a payment has an amount', [{ pointer: '/amount', detail: `must be absent when the outcome is ${body.outcome}` }]);
  }
  await deps.decisionLog.catchUp();
  const record = deps.decisionLog.get(decisionId);
  if (!record) throw notFound(`no decision ${decisionId}`);
  const correction: Correction = {
    id: `cor_${randomUUID()}`,
    decisionId,
    kind: body.kind,
    reason: body.reason,
    outcome: body.kind === 'withdrawal' ? null : body.outcome!,
    amountFen: body.amount === undefined ? null : toFen(toDecimal(body.amount)!),
    by: { keyId: caller.id, role: caller.role },
    at: new Date().toISOString(),
    decisionHash: record.decisionHash,
  };
  const entry = await deps.chain.append(correction);
  await deps.audit.record({ type: body.kind === 'withdrawal' ? 'decision.withdrawn' : 'decision.corrected', actor: { keyId: caller.id, role: caller.role }, jurisdictions: [record.jurisdiction], subject: decisionId, data: correctionView(entry, correction) });
  return correctionView(entry, correction);
}
