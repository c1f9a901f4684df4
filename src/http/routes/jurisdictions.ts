import { Router } from 'express';
import type { AppContext } from '../context';
import { authorize } from '../auth';
import { allowQuery } from '../validation';
import { invalid } from '../../service/errors';
import { jurisdictionView, knownJurisdiction, searchJurisdictions } from '../../service/jurisdiction-views';

/** China's divisions as the service knows them, with the programs that apply in each. */
export function jurisdictionsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/v1/jurisdictions', authorize('listJurisdictions'), allowQuery('q'), (req, res) => {
    const q = req.query.q;
    if (q !== undefined && (typeof q !== 'string' || q.length > 40)) throw invalid('malformed q', [{ pointer: '/query/q', detail: 'must be one text of at most 40 characters' }]);
    res.json(searchJurisdictions(ctx.catalog, q));
  });

  router.get('/v1/jurisdictions/:code', authorize('getJurisdiction'), allowQuery(), (req, res) => {
    res.json(jurisdictionView(ctx.catalog, knownJurisdiction(ctx.catalog, String(req.params.code), '/path/code')));
  });

  return router;
}
