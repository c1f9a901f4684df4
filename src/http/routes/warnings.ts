import { Router } from 'express';
import { invalid, notFound } from '../../service/errors';
import { WARNING_KINDS } from '../../warnings/warnings';
import { authorize, callerOf } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';
import type { WarningAcknowledgement } from '../../schema-types/warning-acknowledgement';

const WARNING_ID = /^wrn_[0-9a-f]{24}$/;

/** Risk warnings (风险预警): list, evaluate now, acknowledge — within the caller's jurisdictions. */
export function warningsRouter(ctx: AppContext): Router {
  const router = Router();

  router.get('/v1/warnings', authorize('listWarnings'), allowQuery('kind', 'acknowledged', 'program'), async (req, res) => {
    const { kind, acknowledged, program } = req.query as Record<string, string | undefined>;
    if (kind !== undefined && !(WARNING_KINDS as readonly string[]).includes(kind)) throw invalid('unknown kind', [{ pointer: '/query/kind', detail: `must be one of ${WARNING_KINDS.join(', ')}` }]);
    if (acknowledged !== undefined && acknowledged !== 'true' && acknowledged !== 'false') throw invalid('acknowledged is true or false', [{ pointer: '/query/acknowledged', detail: 'must be true or false' }]);
    if (program !== undefined && !ctx.catalog.get(program)) throw invalid(`unknown program ${program}`, [{ pointer: '/query/program', detail: 'is not a known program key' }]);
    const warnings = await ctx.warnings.list(callerOf(res), { kind, program, ...(acknowledged !== undefined ? { acknowledged: acknowledged === 'true' } : {}) });
    res.json({ warnings });
  });

  router.post('/v1/warnings/evaluation', authorize('evaluateWarnings'), allowQuery(), async (_req, res) => {
    const caller = callerOf(res);
    await ctx.warnings.evaluateAll();
    res.json({ warnings: await ctx.warnings.list(caller, { acknowledged: false }) });
  });

  router.post('/v1/warnings/:id/acknowledgements', authorize('acknowledgeWarning'), allowQuery(), validateBody(ctx.registry, 'warning-acknowledgement.schema.json'), async (req, res) => {
    const id = String(req.params.id);
    const warning = WARNING_ID.test(id) ? await ctx.warnings.visible(callerOf(res), id) : undefined;
    if (!warning) throw notFound(`no warning ${id}`);
    res.status(201).json(await ctx.warnings.acknowledge(callerOf(res), warning, (req.body as WarningAcknowledgement).note));
  });

  return router;
}
