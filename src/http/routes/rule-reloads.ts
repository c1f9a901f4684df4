import { Router } from 'express';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery } from '../validation';
import { ServiceError, PROBLEM_TYPE_BASE } from '../../service/errors';

/**
 * POST /v1/rule-reloads (administrators of every jurisdiction): reload the rule files without a
 * restart, all or nothing. 200 with `outcome: reloaded` and what appeared or changed, or
 * `outcome: refused` with every error (file, JSON pointer, English and Chinese) while the
 * service keeps serving the rules it had.
 */
export function ruleReloadsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/v1/rule-reloads', authorize('reloadRules'), allowQuery(), async (_req, res) => {
    const caller = callerOf(res);
    // the rule set serves every jurisdiction: an administrator scoped to some may not replace it
    if (!caller.jurisdictions.includes('*')) throw forbidden('reloading the rules changes every jurisdiction: it needs an administrator of all jurisdictions (*)');
    if (!ctx.reloadRules) throw new ServiceError(503, PROBLEM_TYPE_BASE + 'unavailable', 'Service unavailable', 'this service cannot reload its rules');
    const result = await ctx.reloadRules({ by: 'admin-request', apiKeyId: caller.id });
    res.status(200).json(result);
  });
  return router;
}
