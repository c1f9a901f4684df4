import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { ApiKeyStore } from '../store/api-key-store';
import type { Metrics } from '../metrics/metrics';
import { PROBLEM_TYPE_BASE, ServiceError } from '../service/errors';
import { forbidden } from './auth';

/** Counts and times every answer by its route pattern (never the raw URL: ids would explode the series). */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.requestSeconds.startTimer();
    res.on('finish', () => {
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' ? `${req.baseUrl}${path}` : '(unmatched)';
      const labels = { method: req.method, route, status: String(res.statusCode) };
      metrics.requests.inc(labels);
      end(labels);
    });
    next();
  };
}

/**
 * GET /metrics for a scraper: with `Authorization: Bearer <METRICS_TOKEN>` when that variable is
 * set, or with an administrator's API key. Nothing else sees it (the series name programs and
 * routes, and the traffic they get).
 */
export function serveMetrics(metrics: Metrics, keys: ApiKeyStore, token: string | undefined): RequestHandler {
  return async (req, res) => {
    const given = /^Bearer (\S+)$/.exec(req.get('Authorization') ?? '')?.[1];
    const scraper = token !== undefined && given !== undefined && given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token));
    if (!scraper) {
      const caller = given ? await keys.authenticate(given) : undefined;
      if (!caller) {
        res.set('WWW-Authenticate', 'Bearer realm="subsidy-rules"');
        throw new ServiceError(401, PROBLEM_TYPE_BASE + 'unauthenticated', 'Authentication required', 'send the METRICS_TOKEN or an administrator API key as Authorization: Bearer <token>');
      }
      if (caller.role !== 'admin') throw forbidden('only an administrator key or the METRICS_TOKEN may read /metrics');
    }
    res.set('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
