import { Router } from 'express';
import { mayManageKey } from '../../access/key-scope';
import { invalid, notFound, unprocessable } from '../../service/errors';
import { authorize, callerOf, forbidden } from '../auth';
import type { AppContext } from '../context';
import { allowQuery, validateBody } from '../validation';
import type { WebhookSubscriptionRequest } from '../../schema-types/webhook-subscription-request';

const SUBSCRIPTION_ID = /^whs_[0-9a-f-]{36}$/;

/** Administrators subscribe systems to topics and read each delivery's attempts. */
export function webhooksRouter(ctx: AppContext): Router {
  const router = Router();
  const visible = (res: Parameters<typeof callerOf>[0], s: { jurisdictions: string[] }) => mayManageKey(callerOf(res), s, ctx.catalog.jurisdictions);

  router.post('/v1/webhook-subscriptions', authorize('createWebhookSubscription'), allowQuery(), validateBody(ctx.registry, 'webhook-subscription-request.schema.json'), async (req, res) => {
    const body = req.body as WebhookSubscriptionRequest;
    const admin = callerOf(res);
    const jurisdictions = body.jurisdictions ?? admin.jurisdictions;
    jurisdictions.forEach((j, i) => {
      if (j !== '*' && !ctx.catalog.jurisdictions.has(j)) throw unprocessable('unknown jurisdiction', [{ pointer: `/jurisdictions/${i}`, detail: 'is not a known jurisdiction code' }]);
      if (!mayManageKey(admin, { jurisdictions: [j] }, ctx.catalog.jurisdictions)) throw forbidden(`this administrator key is scoped to ${admin.jurisdictions.join(', ')}: it may not subscribe to ${j}`, `/jurisdictions/${i}`);
    });
    const created = await ctx.webhooks.subscribe({ ...body, jurisdictions }, admin.id);
    res.status(201).location(`/v1/webhook-subscriptions/${created.id}`).json(created);
  });

  router.get('/v1/webhook-subscriptions', authorize('listWebhookSubscriptions'), allowQuery(), async (_req, res) => {
    res.json({ subscriptions: (await ctx.webhooks.subscriptions()).filter((s) => visible(res, s)) });
  });

  const find = async (res: Parameters<typeof callerOf>[0], id: string) => {
    const s = SUBSCRIPTION_ID.test(id) ? await ctx.webhooks.subscription(id) : undefined;
    if (!s || !visible(res, s)) throw notFound(`no webhook subscription ${id}`);
    return s;
  };

  router.delete('/v1/webhook-subscriptions/:id', authorize('revokeWebhookSubscription'), allowQuery(), async (req, res) => {
    const s = await find(res, String(req.params.id));
    res.json(await ctx.webhooks.revoke(s.id, callerOf(res).id));
  });

  router.get('/v1/webhook-subscriptions/:id/deliveries', authorize('listWebhookDeliveries'), allowQuery('limit'), async (req, res) => {
    const s = await find(res, String(req.params.id));
    const limit = req.query.limit === undefined ? 50 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid('limit must be an integer from 1 to 500', [{ pointer: '/query/limit', detail: 'must be an integer from 1 to 500' }]);
    res.json({ deliveries: await ctx.webhooks.deliveriesOf(s.id, limit) });
  });

  return router;
}
