import { Router } from 'express';
import type { AppContext } from '../context';
import { allowQuery, checkId, validateBody } from '../validation';
import { invalid, notFound } from '../../service/errors';
import { applicationResource, decisionIdFor } from '../../service/resources';
import type { SubmissionBody } from '../../service/submissions';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function applicationsRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/v1/applications', allowQuery(), validateBody(ctx.registry, 'application.schema.json'), async (req, res) => {
    const key = req.get('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalid('malformed Idempotency-Key', [{ pointer: '/headers/Idempotency-Key', detail: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const reply = await ctx.submissions.submit(req.body as SubmissionBody, ctx.clientOf(req), key);
    const body = reply.body as { application: { id: string } };
    res.status(reply.status).location(`/v1/applications/${body.application.id}`);
    if (reply.replayed) res.set('Idempotent-Replayed', 'true');
    res.json(reply.body);
  });

  router.get('/v1/applications/:id', allowQuery(), async (req, res) => {
    const id = String(req.params.id);
    checkId('app', id);
    const doc = await ctx.models.applications.findById(id).lean();
    if (!doc) throw notFound(`no application ${id}`);
    const decision = await ctx.models.decisions.findById(decisionIdFor(id)).lean();
    res.json(applicationResource(doc, decisionIdFor(id), decision?.topUps ?? []));
  });

  return router;
}
