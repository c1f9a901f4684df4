import { Router } from 'express';
import { notFound, unprocessable } from '../../service/errors';
import { simulationResource } from '../../simulation/jobs';
import type { SimulationRequest } from '../../simulation/simulate';
import { requireScope } from '../access-scope';
import { authorize, callerOf } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';

/**
 * Policy staff's what-if runs: POST /v1/simulations starts a job (202, Location) over the
 * stored applications of a period; GET /v1/simulations/{id} reads its progress and, once done,
 * its result. Nothing stored is changed but the job's own document.
 */
export function simulationsRouter(ctx: AppContext): Router {
  const router = Router();
  router.post('/v1/simulations', authorize('createSimulation'), allowQuery(), validateBody(ctx.registry, 'simulation.schema.json'), async (req, res) => {
    const body = req.body as SimulationRequest;
    const catalog = ctx.catalog; // the set in force now: a reload during the run does not change it
    const program = catalog.get(body.program);
    if (!program) throw unprocessable(`no program ${body.program}`, [{ pointer: '/program', detail: 'is not a known program' }]);
    requireScope(res, catalog, program.pack.jurisdiction, '/program');
    if (!program.versions.some((v) => v.version.version === body.version)) {
      throw unprocessable(`${body.program} has no version ${body.version}`, [{ pointer: '/version', detail: `is not a version of ${body.program} (${program.versions.map((v) => v.version.version).join(', ')})` }]);
    }
    (body.sourcePrograms ?? []).forEach((key, i) => {
      if (!catalog.get(key)) throw unprocessable(`no program ${key}`, [{ pointer: `/sourcePrograms/${i}`, detail: 'is not a known program' }]);
    });
    if (body.from > body.to) throw unprocessable('the period ends before it starts', [{ pointer: '/to', detail: 'is before from' }]);
    if (!ctx.simulations) throw notFound('simulations are not available on this service');
    const job = await ctx.simulations.start(catalog, body, callerOf(res).id);
    res.status(202).location(`/v1/simulations/${job._id}`).json(simulationResource(job));
  });

  router.get('/v1/simulations/:id', authorize('getSimulation'), allowQuery(), async (req, res) => {
    const id = String(req.params.id);
    const job = /^sim_[0-9a-f-]{36}$/.test(id) && ctx.simulations ? await ctx.simulations.get(id) : undefined;
    if (!job) throw notFound(`no simulation ${id}`);
    const program = ctx.catalog.get(String(job.request.program));
    if (program) requireScope(res, ctx.catalog, program.pack.jurisdiction, '/program');
    res.json(simulationResource(job));
  });
  return router;
}
