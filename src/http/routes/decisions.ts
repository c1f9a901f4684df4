import { Router } from 'express';
import type { AppContext } from '../context';
import { allowQuery, checkId } from '../validation';
import { notFound } from '../../service/errors';
import { reproduceDecision } from '../../service/reproduction';
import { decisionResource } from '../../service/resources';

export function decisionsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/v1/decisions/:id', allowQuery(), async (req, res) => {
    const id = String(req.params.id);
    checkId('dec', id);
    const doc = await ctx.models.decisions.findById(id).lean();
    if (!doc) throw notFound(`no decision ${id}`);
    res.json(decisionResource(doc));
  });

  router.post('/v1/decisions/:id/reproduction', allowQuery(), async (req, res) => {
    const id = String(req.params.id);
    checkId('dec', id);
    res.json(await reproduceDecision(ctx.models, ctx.catalog, id));
  });

  return router;
}
