import { Router } from 'express';
import { inScope } from '../../access/api-keys';
import { notFound } from '../../service/errors';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';
import type { AutoGrantSetting } from '../../schema-types/auto-grant-setting';

/** Grants without application: policy staff hold a program's grants for review, and approve them. */
export function autoGrantsRouter(ctx: AppContext): Router {
  const router = Router();

  router.put('/v1/auto-grant-settings/:jurisdiction/:name', authorize('setAutoGrantReview'), allowQuery(), validateBody(ctx.registry, 'auto-grant-setting.schema.json'), async (req, res) => {
    const key = `${String(req.params.jurisdiction)}/${String(req.params.name)}`;
    const program = ctx.catalog.get(key);
    if (!program) throw notFound(`no program ${key}`);
    if (!inScope(callerOf(res), ctx.catalog.jurisdictions.chain(program.pack.jurisdiction))) throw forbidden(`this key may not act for ${key}`);
    res.json(await ctx.autoGrants.setHold(key, (req.body as AutoGrantSetting).holdForReview, callerOf(res).id));
  });

  router.get('/v1/auto-grant-proposals', authorize('listAutoGrantProposals'), allowQuery(), async (_req, res) => {
    const caller = callerOf(res);
    res.json({ proposals: (await ctx.autoGrants.proposals()).filter((p) => inScope(caller, ctx.catalog.jurisdictions.chain(p.beneficiary.jurisdiction))) });
  });

  router.post('/v1/auto-grant-proposals/:id/approval', authorize('approveAutoGrant'), allowQuery(), async (req, res) => {
    const id = String(req.params.id);
    const listed = (await ctx.autoGrants.proposals()).find((p) => p.id === id);
    if (!listed || !inScope(callerOf(res), ctx.catalog.jurisdictions.chain(listed.beneficiary.jurisdiction))) throw notFound(`no auto-grant proposal ${id}`);
    res.json(await ctx.autoGrants.approve(id));
  });

  return router;
}
