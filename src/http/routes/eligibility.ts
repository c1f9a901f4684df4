import { Router } from 'express';
import { allows } from '../../access/roles';
import type { EligibilityRequest } from '../../service/eligibility';
import { invalid } from '../../service/errors';
import { requireScope } from '../access-scope';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';

export function eligibilityRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/v1/eligibility-checks', authorize('checkEligibility'), allowQuery('explain'), validateBody(ctx.registry, 'eligibility-check.schema.json'), async (req, res) => {
    const body = req.body as EligibilityRequest;
    requireScope(res, ctx.catalog, body.beneficiary.jurisdiction, '/beneficiary/jurisdiction');
    if (body.includeDrafts && !allows(callerOf(res).role, 'simulateDrafts')) throw forbidden('only policy staff simulate drafts', '/includeDrafts');
    const explain = req.query.explain ?? 'full';
    if (explain !== 'full' && explain !== 'summary') throw invalid('explain is summary or full', [{ pointer: '/query/explain', detail: 'must be "summary" or "full"' }]);
    res.json(await ctx.eligibility.check(body, explain));
  });
  return router;
}
