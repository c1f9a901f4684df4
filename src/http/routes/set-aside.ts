import { Router } from 'express';
import { canSee } from '../access-scope';
import { authorize } from '../auth';
import type { AppContext } from '../context';
import { allowQuery } from '../validation';

/** Applications that will never be decided (a failed attempt, a failed recovery), for administrators. */
export function setAsideRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/v1/set-aside-applications', authorize('listSetAsideApplications'), allowQuery(), async (_req, res) => {
    const docs = await ctx.repositories.setAside.list();
    const visible = docs.filter((d) => canSee(res, ctx.catalog, { client: d.client, jurisdiction: d.beneficiaryJurisdiction }));
    res.json({
      applications: visible.map((d) => ({ applicationId: d._id, program: d.program, jurisdiction: d.beneficiaryJurisdiction, client: d.client, stage: d.stage, error: d.error, at: d.at.toISOString() })),
    });
  });
  return router;
}
