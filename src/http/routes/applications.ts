import { Router } from 'express';
import { invalid, notFound } from '../../service/errors';
import { applicationResource, decisionIdFor } from '../../service/resources';
import type { SubmissionBody } from '../../service/submissions';
import { canSee, requireScope } from '../access-scope';
import { authorize, callerOf } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, checkId, validateBody } from '../validation';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function applicationsRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/v1/applications', authorize('submitApplication'), allowQuery(), validateBody(ctx.registry, 'application.schema.json'), async (req, res) => {
    const body = req.body as SubmissionBody;
    requireScope(res, ctx.catalog, body.beneficiary.jurisdiction, '/beneficiary/jurisdiction');
    const key = req.get('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalid('malformed Idempotency-Key', [{ pointer: '/headers/Idempotency-Key', detail: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const reply = await ctx.submissions.submit(body, callerOf(res).id, key);
    const answer = reply.body as { application: { id: string } };
    res.status(reply.status).location(`/v1/applications/${answer.application.id}`);
    if (reply.replayed) res.set('Idempotent-Replayed', 'true');
    res.json(reply.body);
  });

  router.get('/v1/applications/:id', authorize('getApplication'), allowQuery(), async (req, res) => {
    const id = String(req.params.id);
    checkId('app', id);
    const doc = await ctx.repositories.applications.get(id);
    if (!doc || !canSee(res, ctx.catalog, { client: doc.client, jurisdiction: doc.beneficiary.jurisdiction })) throw notFound(`no application ${id}`);
    const decision = await ctx.repositories.decisions.get(decisionIdFor(id));
    res.json(applicationResource(doc, decisionIdFor(id), decision?.topUps ?? []));
  });

  return router;
}
