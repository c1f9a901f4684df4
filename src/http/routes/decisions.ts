import { Router } from 'express';
import type { Response } from 'express';
import { invalid, notFound } from '../../service/errors';
import { reproduceDecision } from '../../service/reproduction';
import { decisionResource } from '../../service/resources';
import { canSee } from '../access-scope';
import { authorize } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, checkId } from '../validation';

export function decisionsRouter(ctx: AppContext): Router {
  const router = Router();

  const visibleDecision = async (id: string, res: Response) => {
    checkId('dec', id);
    const doc = await ctx.repositories.decisions.get(id);
    if (!doc || !canSee(res, ctx.catalog, { client: doc.client, jurisdiction: doc.beneficiaryJurisdiction })) throw notFound(`no decision ${id}`);
    return doc;
  };

  router.get('/v1/decisions/:id', authorize('getDecision'), allowQuery(), async (req, res) => {
    res.json(decisionResource(await visibleDecision(String(req.params.id), res)));
  });

  router.post('/v1/decisions/:id/reproduction', authorize('reproduceDecision'), allowQuery('engine'), async (req, res) => {
    const engine = req.query.engine ?? 'compiled';
    if (engine !== 'compiled' && engine !== 'reference') throw invalid('engine is compiled or reference', [{ pointer: '/query/engine', detail: 'must be "compiled" or "reference"' }]);
    const doc = await visibleDecision(String(req.params.id), res);
    res.json(await reproduceDecision(ctx.repositories, ctx.catalog, doc._id, engine));
  });

  return router;
}
