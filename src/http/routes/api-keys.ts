import { Router } from 'express';
import { issueKey, type ApiKeyRecord } from '../../access/api-keys';
import { mayManageKey } from '../../access/key-scope';
import { actorOf } from '../../audit/audit-log';
import { notFound, unprocessable } from '../../service/errors';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';
import type { ApiKeyRequest } from '../../schema-types/api-key-request';

export function apiKeyResource(r: ApiKeyRecord) {
  return { id: r.id, name: r.name, role: r.role, jurisdictions: r.jurisdictions, createdAt: r.createdAt.toISOString(), revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null };
}

export function apiKeysRouter(ctx: AppContext): Router {
  const router = Router();

  router.post('/v1/api-keys', authorize('createApiKey'), allowQuery(), validateBody(ctx.registry, 'api-key-request.schema.json'), async (req, res) => {
    const body = req.body as ApiKeyRequest;
    body.jurisdictions.forEach((j, i) => {
      if (j !== '*' && !ctx.catalog.jurisdictions.has(j)) throw unprocessable('unknown jurisdiction', [{ pointer: `/jurisdictions/${i}`, detail: 'is not a known jurisdiction code' }]);
    });
    const admin = callerOf(res);
    body.jurisdictions.forEach((j, i) => {
      if (!mayManageKey(admin, { jurisdictions: [j] }, ctx.catalog.jurisdictions)) {
        throw forbidden(`this administrator key is scoped to ${admin.jurisdictions.join(', ')}: it may not issue a key for ${j}`, `/jurisdictions/${i}`);
      }
    });
    const { record, token } = issueKey(body.name, body.role, body.jurisdictions);
    await ctx.keys.create(record);
    await ctx.audit.record({ type: 'api-key.created', actor: actorOf(admin), jurisdictions: record.jurisdictions, subject: record.id, data: { name: record.name, role: record.role, jurisdictions: record.jurisdictions } });
    res.status(201).location(`/v1/api-keys/${record.id}`).json({ ...apiKeyResource(record), token });
  });

  router.get('/v1/api-keys', authorize('listApiKeys'), allowQuery(), async (_req, res) => {
    const admin = callerOf(res);
    res.json({ keys: (await ctx.keys.list()).filter((k) => mayManageKey(admin, k, ctx.catalog.jurisdictions)).map(apiKeyResource) });
  });

  router.delete('/v1/api-keys/:id', authorize('revokeApiKey'), allowQuery(), async (req, res) => {
    const id = String(req.params.id);
    // a key outside the administrator's scope is answered as not found, like any other read
    const target = /^[0-9a-f]{12}$/.test(id) ? await ctx.keys.find(id) : undefined;
    if (!target || !mayManageKey(callerOf(res), target, ctx.catalog.jurisdictions)) throw notFound(`no API key ${id}`);
    const revoked = await ctx.keys.revoke(id);
    if (!revoked) throw notFound(`no API key ${id}`);
    await ctx.audit.record({ type: 'api-key.revoked', actor: actorOf(callerOf(res)), jurisdictions: revoked.jurisdictions, subject: revoked.id, data: { name: revoked.name, role: revoked.role } });
    res.json(apiKeyResource(revoked));
  });

  return router;
}
