import { Router } from 'express';
import type { AppContext } from '../context';
import { authorize } from '../auth';
import { allowQuery } from '../validation';
import { knownJurisdiction } from '../../service/jurisdiction-views';
import { listPrograms, programDetail, programVersion } from '../../service/program-views';

export function programsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/v1/programs', authorize('listPrograms'), allowQuery('jurisdiction'), (req, res) => {
    const jurisdiction = req.query.jurisdiction === undefined ? undefined : knownJurisdiction(ctx.catalog, req.query.jurisdiction, '/query/jurisdiction');
    res.json(listPrograms(ctx.catalog, jurisdiction));
  });

  router.get('/v1/programs/:jurisdiction/:name', authorize('getProgram'), allowQuery(), (req, res) => {
    res.json(programDetail(ctx.catalog, String(req.params.jurisdiction), String(req.params.name)));
  });

  router.get('/v1/programs/:jurisdiction/:name/versions/:version', authorize('getProgramVersion'), allowQuery(), (req, res) => {
    res.json(programVersion(ctx.catalog, String(req.params.jurisdiction), String(req.params.name), String(req.params.version)));
  });

  return router;
}
