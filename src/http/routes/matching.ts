import { Router } from 'express';
import { inScope } from '../../access/api-keys';
import { runResource } from '../../matching/matching';
import type { ResultFilter } from '../../matching/views';
import { invalid, notFound } from '../../service/errors';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';

const STATUSES = ['qualified', 'needs-facts', 'failed'];
const AMOUNT = /^(0|[1-9][0-9]{0,13})(\.[0-9]{1,2})?$/;

/** Proactive matching: runs over the profiles of a jurisdiction, and their results, filtered or exported. */
export function matchingRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/v1/matching-runs', authorize('runMatching'), allowQuery(), validateBody(ctx.registry, 'matching-run-request.schema.json'), async (req, res) => {
    const body = req.body as { jurisdiction: string; asOf?: string; usccs?: string[]; whatWouldChange?: boolean };
    if (ctx.catalog.jurisdictions.has(body.jurisdiction) && !inScope(callerOf(res), ctx.catalog.jurisdictions.chain(body.jurisdiction))) {
      throw forbidden(`this key may not act in ${body.jurisdiction}`, '/jurisdiction');
    }
    const started = await ctx.matching.start(body, callerOf(res).id);
    res.status(202).location(`/v1/matching-runs/${started.id}`).json(runResource(started));
  });

  const visibleRun = async (res: Parameters<typeof callerOf>[0], id: string) => {
    const state = await ctx.matching.get(id);
    const jurisdiction = (state.run ?? state.start)!.jurisdiction;
    if (!inScope(callerOf(res), ctx.catalog.jurisdictions.chain(jurisdiction))) throw notFound(`no matching run ${id}`);
    return state;
  };

  router.get('/v1/matching-runs/:id', authorize('getMatchingRun'), allowQuery(), async (req, res) => {
    res.json(runResource(await visibleRun(res, String(req.params.id))));
  });

  router.get('/v1/matching-runs/:id/results', authorize('listMatchingResults'), allowQuery('program', 'status', 'district', 'minAmount', 'limit', 'offset', 'format'), async (req, res) => {
    const state = await visibleRun(res, String(req.params.id));
    const q = req.query as Record<string, string | undefined>;
    const errors = [];
    if (q.program !== undefined && !ctx.catalog.get(q.program)) errors.push({ pointer: '/query/program', detail: 'is not a known program' });
    if (q.status !== undefined && !STATUSES.includes(q.status)) errors.push({ pointer: '/query/status', detail: `must be one of ${STATUSES.join(', ')}` });
    if (q.district !== undefined && !ctx.catalog.jurisdictions.has(q.district)) errors.push({ pointer: '/query/district', detail: 'is not a known jurisdiction code' });
    if (q.minAmount !== undefined && !AMOUNT.test(q.minAmount)) errors.push({ pointer: '/query/minAmount', detail: 'must be an amount in yuan, e.g. 100000 or 2500.50' });
    const limit = q.limit === undefined ? 100 : Number(q.limit);
    const offset = q.offset === undefined ? 0 : Number(q.offset);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) errors.push({ pointer: '/query/limit', detail: 'must be an integer from 1 to 1000' });
    if (!Number.isInteger(offset) || offset < 0) errors.push({ pointer: '/query/offset', detail: 'must be a non-negative integer' });
    if (q.format !== undefined && q.format !== 'json' && q.format !== 'jsonl') errors.push({ pointer: '/query/format', detail: 'must be json or jsonl' });
    if (errors.length) throw invalid('invalid filter', errors);
    const filter: ResultFilter = { ...(q.program ? { program: q.program } : {}), ...(q.status ? { status: q.status as ResultFilter['status'] } : {}), ...(q.district ? { district: q.district } : {}), ...(q.minAmount ? { minAmount: q.minAmount } : {}) };
    const run = ctx.matching.finished(state);
    const results = await ctx.matching.results(run, filter);
    if (q.format === 'jsonl') {
      // the export: every result passing the filter, one per line
      res.type('application/x-ndjson').send(results.map((r) => JSON.stringify(r)).join('\n') + (results.length ? '\n' : ''));
      return;
    }
    res.json({ run: runResource(state), total: results.length, results: results.slice(offset, offset + limit) });
  });

  return router;
}
