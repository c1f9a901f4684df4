import { Router } from 'express';
import { canSee } from '../access-scope';
import { authorize } from '../auth';
import type { AppContext } from '../context';
import { allowQuery } from '../validation';

/** GET /v1/audit/verify: walks the decision log's hash chain and every decision it records. */
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
    res.json({ intact: firstBreak === null, entries: result.entries, decisions: result.decisions, head: { seq: head.seq, hash: head.hash }, firstBreak, startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString() });
  });

  return router;
}
