import express, { Router } from 'express';
import { inScope } from '../../access/api-keys';
import { actorOf } from '../../audit/audit-log';
import { invalid } from '../../service/errors';
import { PriorAwardImports } from '../../service/prior-awards';
import { authorize, callerOf } from '../auth';
import type { AppContext } from '../context';
import { allowQuery } from '../validation';

/** Admin import of awards paid before the service, as JSON Lines; answers what was imported and what was refused. */
export function priorAwardsRouter(ctx: AppContext): Router {
  const router = Router();

  router.post(
    '/v1/prior-awards',
    authorize('importPriorAwards'),
    allowQuery(),
    express.text({ type: ['application/x-ndjson', 'application/jsonl'], limit: '5mb' }),
    async (req, res) => {
      if (typeof req.body !== 'string') throw invalid('send JSON Lines', [{ pointer: '', detail: 'the body must be application/x-ndjson: one prior award per line' }]);
      const caller = callerOf(res);
      // the catalog of this request (a rule reload replaces ctx.catalog for later ones)
      const imports = new PriorAwardImports(ctx.repositories, ctx.catalog, ctx.registry, ctx.repositories.ledgers);
      const report = await imports.importLines(req.body, (j) => inScope(caller, ctx.catalog.jurisdictions.chain(j)));
      if (report.imported > 0) {
        await ctx.audit.record({ type: 'prior-awards.imported', actor: actorOf(caller), jurisdictions: caller.jurisdictions, data: { imported: report.imported, unchanged: report.unchanged, refused: report.refused.length } });
      }
      res.status(200).json(report);
    },
  );

  return router;
}
