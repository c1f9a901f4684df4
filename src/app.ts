import cors from 'cors';
import express from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { AppContext } from './http/context';
import { problemHandler, sendProblem } from './http/problem';
import { authenticate } from './http/auth';
import { rateLimit, rateLimitUnauthenticated } from './http/rate-limit';
import { requestLogging } from './http/request-log';
import { apiKeysRouter } from './http/routes/api-keys';
import { auditRouter } from './http/routes/audit';
import { applicationsRouter } from './http/routes/applications';
import { decisionsRouter } from './http/routes/decisions';
import { eligibilityRouter } from './http/routes/eligibility';
import { explanationsRouter } from './http/routes/explanations';
import { healthRouter } from './http/routes/health';
import { jurisdictionsRouter } from './http/routes/jurisdictions';
import { priorAwardsRouter } from './http/routes/prior-awards';
import { programsRouter } from './http/routes/programs';
import { ruleReloadsRouter } from './http/routes/rule-reloads';
import { simulationsRouter } from './http/routes/simulations';
import { searchRouter } from './http/routes/search';
import { setAsideRouter } from './http/routes/set-aside';
import { statisticsRouter } from './http/routes/statistics';
import { warningsRouter } from './http/routes/warnings';
import { requestMetrics, serveMetrics } from './http/metrics';
import { webhooksRouter } from './http/routes/webhooks';
import { profilesRouter } from './http/routes/profiles';
import { matchingRouter } from './http/routes/matching';
import { autoGrantsRouter } from './http/routes/auto-grants';
import { PROBLEM_TYPE_BASE } from './service/errors';

/** Builds the Express app without listening: the server and the tests both use it. */
export function buildApp(ctx: AppContext): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLogging(ctx.logger));
  app.use(requestMetrics(ctx.metrics));
  // Security headers everywhere; the documentation page's own scripts need a looser policy.
  const apiHeaders = helmet();
  const docsHeaders = helmet({ contentSecurityPolicy: false });
  app.use((req, res, next) => (req.path.startsWith('/docs') ? docsHeaders : apiHeaders)(req, res, next));
  if (ctx.corsOrigins.length) app.use(cors({ origin: ctx.corsOrigins, exposedHeaders: ['Location', 'Idempotent-Replayed', 'Retry-After', 'X-Request-Id', 'Content-Language'] }));
  app.use(express.json({ limit: ctx.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));

  app.use(healthRouter(ctx));
  app.get('/openapi.json', (_req, res) => {
    res.json(ctx.openapi);
  });
  app.get('/metrics', serveMetrics(ctx.metrics, ctx.keys, ctx.metricsToken));
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(ctx.openapi));
  app.use('/v1', rateLimitUnauthenticated(ctx.rateLimitPerMinute), authenticate(ctx.keys), rateLimit(ctx.rateLimitPerMinute));
  app.use(apiKeysRouter(ctx));
  app.use(applicationsRouter(ctx));
  app.use(searchRouter(ctx)); // before /v1/decisions/:id, which would take /v1/decisions/export
  app.use(decisionsRouter(ctx));
  app.use(explanationsRouter(ctx));
  app.use(auditRouter(ctx));
  app.use(eligibilityRouter(ctx));
  app.use(programsRouter(ctx));
  app.use(setAsideRouter(ctx));
  app.use(jurisdictionsRouter(ctx));
  app.use(priorAwardsRouter(ctx));
  app.use(ruleReloadsRouter(ctx));
  app.use(simulationsRouter(ctx));
  app.use(statisticsRouter(ctx));
  app.use(warningsRouter(ctx));
  app.use(webhooksRouter(ctx));
  app.use(profilesRouter(ctx));
  app.use(matchingRouter(ctx));
  app.use(autoGrantsRouter(ctx));

  app.use((req, res) => {
    sendProblem(res, { type: PROBLEM_TYPE_BASE + 'not-found', title: 'Not found', status: 404, detail: `no route ${req.method} ${req.path}`, instance: req.originalUrl });
  });
  app.use(problemHandler(ctx.logger));
  return app;
}
