import { Readable } from 'node:stream';
import { Router } from 'express';
import { exportLines, type ExportFormat } from '../../search/decision-export';
import { searchOver, totalsView } from '../../search/decision-search';
import { FILTER_PARAMS, PAGE_PARAMS } from '../../search/search-query';
import { unprocessable } from '../../service/errors';
import type { DecisionRecord } from '../../store/decision-log';
import { authorize, callerOf } from '../auth';
import type { AppContext } from '../context';
import { allowQuery } from '../validation';

/** GET /v1/decisions (search with totals and cursor pages) and GET /v1/decisions/export (CSV or JSON Lines). */
export function searchRouter(ctx: AppContext): Router {
  const router = Router();
  const search = () => searchOver(ctx.repositories.decisionLog, ctx.catalog);
  search(); // the index is built here, at start-up (the log is loaded by then), not by the first search

  router.get('/v1/decisions', authorize('searchDecisions'), allowQuery(...FILTER_PARAMS, ...PAGE_PARAMS), async (req, res) => {
    res.json(await search().search(req.query, callerOf(res), await ctx.corrections.standing()));
  });

  router.get('/v1/decisions/export', authorize('exportDecisions'), allowQuery(...FILTER_PARAMS, 'format'), async (req, res) => {
    const format = (req.query.format ?? 'csv') as ExportFormat;
    if (format !== 'csv' && format !== 'jsonl') throw unprocessable('unknown export format', [{ pointer: '/query/format', detail: 'must be csv or jsonl' }]);
    const s = search();
    const filter = s.filterFor(req.query, callerOf(res));
    await s.index.catchUp();
    const standing = await ctx.corrections.standing();
    // the set as it stands now: decisions logged while the export streams are left to the next one
    const end = s.index.size;
    const totals = s.index.page(filter, { order: 'asc', limit: 0 }).totals;
    const records = function* (): Generator<DecisionRecord> {
      for (const p of s.index.positions(filter, 'asc')) {
        if (p >= end) return;
        yield s.index.at(p)!;
      }
    };
    const view = totalsView(totals);
    res.set('X-Total-Count', String(view.count)).set('X-Total-Amount', view.amount);
    res.type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    res.attachment(`decisions.${format}`);
    await new Promise<void>((resolve, reject) => {
      const stream = Readable.from(exportLines(records(), format, standing));
      stream.on('error', reject);
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      res.on('finish', resolve);
      stream.pipe(res);
    });
  });

  return router;
}
