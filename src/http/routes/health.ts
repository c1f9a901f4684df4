import { Router } from 'express';
import type { AppContext } from '../context';

export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const ok = await ctx.databaseReachable();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', programs: ctx.catalog.all().length });
  });
  return router;
}
