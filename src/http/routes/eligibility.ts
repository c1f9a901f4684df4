import { Router } from 'express';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';
import type { EligibilityRequest } from '../../service/eligibility';

export function eligibilityRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/v1/eligibility-checks', allowQuery(), validateBody(ctx.registry, 'eligibility-check.schema.json'), async (req, res) => {
    res.json(await ctx.eligibility.check(req.body as EligibilityRequest));
  });
  return router;
}
