import { Router } from 'express';
import type { AppContext } from '../context';
import { authorize } from '../auth';
import { allowQuery } from '../validation';
import { unprocessable } from '../../service/errors';
import { listPrograms, programVersion } from '../../service/program-views';

export function programsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/v1/programs', authorize('listPrograms'), allowQuery('jurisdiction'), (req, res) => {
    const jurisdiction = req.query.jurisdiction as string | undefined;
    if (jurisdiction !== undefined && !ctx.catalog.jurisdictions.has(jurisdiction)) {
      throw unprocessable('unknown jurisdiction', [{ pointer: '/query/jurisdiction', detail: 'is not a known jurisdiction code' }]);
    }
    res.json(listPrograms(ctx.catalog, jurisdiction));
  });

  router.get('/v1/programs/:jurisdiction/:name/versions/:version', authorize('getProgramVersion'), allowQuery(), (req, res) => {
    res.json(programVersion(ctx.catalog, String(req.params.jurisdiction), String(req.params.name), String(req.params.version)));
  });

  return router;
}
