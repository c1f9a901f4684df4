import express, { Router } from 'express';
import { inScope } from '../../access/api-keys';
import { isValidUscc } from '../../adjudication/uscc';
import { invalid, notFound } from '../../service/errors';
import { authorize, callerOf } from '../auth';
import type { AppContext } from '../context';
import { allowQuery } from '../validation';

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Profile batches in (JSON Lines), profiles out as of a date. */
export function profilesRouter(ctx: AppContext): Router {
  const router = Router();

  router.post(
    '/v1/profile-batches',
    authorize('importProfileBatch'),
    allowQuery('source', 'batch', 'selfDeclared'),
    express.text({ type: ['application/x-ndjson', 'application/jsonl'], limit: '20mb' }),
    async (req, res) => {
      if (typeof req.body !== 'string') throw invalid('send JSON Lines', [{ pointer: '', detail: 'the body must be application/x-ndjson: one profile row per line' }]);
      const missing = ['source', 'batch'].filter((k) => typeof req.query[k] !== 'string');
      if (missing.length) throw invalid('name the source and the batch', missing.map((k) => ({ pointer: `/query/${k}`, detail: 'is required' })));
      if (req.query.selfDeclared !== undefined && req.query.selfDeclared !== 'true' && req.query.selfDeclared !== 'false') throw invalid('selfDeclared must be true or false', [{ pointer: '/query/selfDeclared', detail: 'must be true or false' }]);
      const caller = callerOf(res);
      const report = await ctx.profiles.importBatch(String(req.query.source), String(req.query.batch), req.body, (j) => inScope(caller, ctx.catalog.jurisdictions.chain(j)), { selfDeclared: req.query.selfDeclared === 'true' });
      res.status(200).json(report);
    },
  );

  router.get('/v1/profiles/:uscc', authorize('getProfile'), allowQuery('asOf'), async (req, res) => {
    const uscc = String(req.params.uscc);
    if (!isValidUscc(uscc)) throw notFound(`no profile of ${uscc}`);
    const asOf = req.query.asOf === undefined ? ctx.profiles.today() : String(req.query.asOf);
    if (!DATE.test(asOf) || Number.isNaN(Date.parse(asOf))) throw invalid('asOf must be a date', [{ pointer: '/query/asOf', detail: 'must be a date (YYYY-MM-DD)' }]);
    const view = await ctx.profiles.get(uscc, asOf);
    // a profile outside the key's jurisdictions is answered as not found, like any other read
    if (!inScope(callerOf(res), ctx.catalog.jurisdictions.chain(view.beneficiary.jurisdiction))) throw notFound(`no profile of ${uscc} valid on or before ${asOf}`);
    res.json(view);
  });

  return router;
}
