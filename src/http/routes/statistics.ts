import { Router } from 'express';
import { jurisdictionsWithin } from '../../access/key-scope';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery } from '../validation';

/** Statistics monitoring (统计监测): figures for an area the caller's key covers, rolled up. */
export function statisticsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/v1/statistics', authorize('getStatistics'), allowQuery('jurisdiction', 'program', 'from', 'to'), async (req, res) => {
    const caller = callerOf(res);
    const own = caller.jurisdictions;
    // a key for all of China sees the nation's figures unless it names an area; a key for one area, that area's
    const fallback = own.includes('*') ? 'CN' : own.length === 1 ? own[0] : undefined;
    const query = req.query as Record<string, string | undefined>;
    const q = ctx.statistics.check({ jurisdiction: query.jurisdiction, program: query.program, from: query.from, to: query.to }, fallback);
    if (!jurisdictionsWithin([q.jurisdiction], own, ctx.catalog.jurisdictions)) {
      throw forbidden(`this API key may not see statistics for ${q.jurisdiction}`, '/query/jurisdiction');
    }
    res.json(await ctx.statistics.answer(q));
  });

  return router;
}
