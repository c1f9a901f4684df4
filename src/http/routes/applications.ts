import { Router, type RequestHandler } from 'express';
import { allows } from '../../access/roles';
import { invalid, notFound } from '../../service/errors';
import { applicationResource, decisionIdFor } from '../../service/resources';
import type { SubmissionBody } from '../../service/submissions';
import { canSee, requireScope } from '../access-scope';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, checkId, validateBody } from '../validation';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function applicationsRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/v1/applications', mayFile(), allowQuery(), validateBody(ctx.registry, 'application.schema.json'), submitterCheck(), async (req, res) => {
    const body = req.body as SubmissionBody;
    requireScope(res, ctx.catalog, body.beneficiary.jurisdiction, '/beneficiary/jurisdiction');
    const key = req.get('Idempotency-Key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw invalid('malformed Idempotency-Key', [{ pointer: '/headers/Idempotency-Key', detail: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const caller = callerOf(res);
    const reply = await ctx.submissions.submit(body, caller.id, key, { mayBackfile: allows(caller.role, 'backfileApplication') });
    res.status(201).location(`/v1/applications/${reply.body.application.id}`);
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

/** Refuses, before reading the body, a role that can neither submit nor back-file. */
function mayFile(): RequestHandler {
  return (_req, res, next) => {
    const { role } = callerOf(res);
    if (!allows(role, 'submitApplication') && !allows(role, 'backfileApplication')) throw forbidden(`the ${role} role may not submitApplication`);
    next();
  };
}

/** Applicant systems submit; policy staff and administrators only back-file (a body with backfileReason). */
function submitterCheck(): RequestHandler {
  const submit = authorize('submitApplication');
  const backfile = authorize('backfileApplication');
  return (req, res, next) => ((req.body as { backfileReason?: unknown }).backfileReason !== undefined ? backfile : submit)(req, res, next);
}
