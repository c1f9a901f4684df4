import { Router } from 'express';
import { DERIVED_TYPES } from '../../audit/audit-log';
import { correctDecision, type CorrectionRequest } from '../../audit/corrections';
import { eventCursor, EVENT_PARAMS, parseEventQuery } from '../../audit/event-query';
import { notFound } from '../../service/errors';
import { canSee } from '../access-scope';
import { authorize, callerOf } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, checkId, validateBody } from '../validation';

/**
 * GET /v1/audit/verify: walks the decision log's hash chain and every decision it records.
 * GET /v1/audit/events: the audit log, filtered, within the caller's scope, oldest first.
 */
export function auditRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/v1/audit/verify', authorize('verifyDecisionChain'), allowQuery(), async (_req, res) => {
    const { repositories } = ctx;
    const startedAt = new Date();
    const result = await repositories.decisionLog.verify((id) => repositories.decisions.get(id));
    let firstBreak = result.firstBreak;
    if (firstBreak?.decisionId) {
      // a key scoped to jurisdictions learns where the chain breaks, not another jurisdiction's decision
      const record = repositories.decisionLog.get(firstBreak.decisionId);
      if (!record || !canSee(res, ctx.catalog, { client: record.client, jurisdiction: record.jurisdiction })) {
        const { decisionId: _hidden, ...rest } = firstBreak;
        firstBreak = { ...rest, detail: `a decision recorded in ${firstBreak.entryId} outside this key's scope fails the check (${firstBreak.problem})` };
      }
    }
    const head = repositories.decisionLog.head;
    // corrections: their own chain, each referring to a decision by the hash the decision log records
    const corrections = await ctx.corrections.verify((id) => repositories.decisionLog.get(id)?.decisionHash);
    res.json({
      intact: firstBreak === null && corrections.firstBreak === null,
      entries: result.entries,
      decisions: result.decisions,
      head: { seq: head.seq, hash: head.hash },
      firstBreak,
      corrections,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
    });
  });

  router.post('/v1/decisions/:id/corrections', authorize('correctDecision'), allowQuery(), validateBody(ctx.registry, 'correction-request.schema.json'), async (req, res) => {
    const id = String(req.params.id);
    checkId('dec', id);
    const decision = await ctx.repositories.decisions.get(id);
    if (!decision || !canSee(res, ctx.catalog, { client: decision.client, jurisdiction: decision.beneficiaryJurisdiction })) throw notFound(`no decision ${id}`);
    const made = await correctDecision({ chain: ctx.corrections, decisionLog: ctx.repositories.decisionLog, audit: ctx.audit }, id, req.body as CorrectionRequest, callerOf(res));
    res.status(201).json(made);
  });

  router.get('/v1/audit/events', authorize('listAuditEvents'), allowQuery(...EVENT_PARAMS), async (req, res) => {
    const query = parseEventQuery(req.query, callerOf(res), ctx.catalog.jurisdictions);
    const log = ctx.audit;
    const derived = query.types ? DERIVED_TYPES.filter((t) => query.types!.includes(t)) : DERIVED_TYPES;
    const all = await log.events(query.keep, derived);
    const after = query.after;
    const start = after ? all.findIndex((e) => e.at > after.at || (e.at === after.at && e.id > after.id)) : 0;
    const page = start < 0 ? [] : all.slice(start, start + query.limit);
    const more = start >= 0 && start + query.limit < all.length;
    res.json({ events: page, total: all.length, nextCursor: more ? eventCursor(page.at(-1)!) : null });
  });

  return router;
}
