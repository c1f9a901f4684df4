import { verifySignature } from '../../src/webhooks/signature';
import { expectDocumented } from '../support/openapi-responses';
import { useTestService } from '../support/service';
import { startReceiver } from './receiver';

/** Signed webhook deliveries through the outbox: retried with backoff, every attempt logged. */
const svc = useTestService({ webhookDelivery: { baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 4, sweepIntervalMs: 60_000 } });
const ctx = () => svc().runtime.context;

async function subscribe(url: string, topics: string[], jurisdictions?: string[]) {
  const res = await svc().as('admin').post('/v1/webhook-subscriptions').send({ url, topics, ...(jurisdictions ? { jurisdictions } : {}) });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
}

it('retries a receiver that fails twice: three attempts, one delivery, each signed with the subscriber secret', async () => {
  const receiver = await startReceiver([503, 500, 200]);
  try {
    const created = await svc().as('admin').post('/v1/webhook-subscriptions').send({ url: receiver.url, topics: ['test.event'], description: 'flaky receiver' });
    expect(created.status).toBe(201);
    expectDocumented(ctx().registry, ctx().openapi, 'POST', '/v1/webhook-subscriptions', created);
    const { id, secret } = created.body;

    const { eventId, deliveries } = await ctx().webhooks.publish('test.event', { enterprise: '91320594MA1P0ABC1R', note: '测试' });
    expect(deliveries).toHaveLength(1);
    await ctx().webhooks.dispatcher.idle();

    expect(receiver.received).toHaveLength(3);
    for (const r of receiver.received) {
      expect(verifySignature(secret, r.headers['x-webhook-signature'] as string, r.body)).toBe(true);
      expect(verifySignature(secret.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')), r.headers['x-webhook-signature'] as string, r.body)).toBe(false);
      expect(verifySignature(secret, r.headers['x-webhook-signature'] as string, r.body.replace('测试', '改动'))).toBe(false);
      expect(JSON.parse(r.body)).toMatchObject({ id: eventId, topic: 'test.event', data: { enterprise: '91320594MA1P0ABC1R', note: '测试' } });
      expect(r.headers['x-webhook-delivery']).toBe(deliveries[0]);
    }
    expect(receiver.received.map((r) => r.headers['x-webhook-attempt'])).toEqual(['1', '2', '3']);

    const log = await svc().as('admin').get(`/v1/webhook-subscriptions/${id}/deliveries`);
    expect(log.status).toBe(200);
    expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/webhook-subscriptions/{id}/deliveries', log);
    expect(log.body.deliveries).toHaveLength(1);
    const [delivery] = log.body.deliveries;
    expect(delivery).toMatchObject({ id: deliveries[0], eventId, subscriptionId: id, topic: 'test.event', state: 'delivered' });
    expect(delivery.attempts.map((a: { n: number; ok: boolean; httpStatus: number }) => [a.n, a.ok, a.httpStatus])).toEqual([[1, false, 503], [2, false, 500], [3, true, 200]]);
    // exponential backoff: 40 ms after the first failure, 80 ms after the second; no attempt before it was due
    const [a1, a2, a3] = delivery.attempts;
    expect(Date.parse(a1.nextAttemptAt) - Date.parse(a1.finishedAt)).toBe(40);
    expect(Date.parse(a2.nextAttemptAt) - Date.parse(a2.finishedAt)).toBe(80);
    expect(Date.parse(a2.startedAt)).toBeGreaterThanOrEqual(Date.parse(a1.nextAttemptAt));
    expect(Date.parse(a3.startedAt)).toBeGreaterThanOrEqual(Date.parse(a2.nextAttemptAt));
    expect(a3.nextAttemptAt).toBeNull();
    expect(await ctx().models.webhookPending.countDocuments()).toBe(0);
  } finally {
    await receiver.close();
  }
});

it('gives a delivery up after the last attempt and logs it as failed', async () => {
  const receiver = await startReceiver([500]);
  try {
    const { id } = await subscribe(receiver.url, ['test.down']);
    await ctx().webhooks.publish('test.down', { n: 1 });
    await ctx().webhooks.dispatcher.idle();
    expect(receiver.received).toHaveLength(4);
    const log = await svc().as('admin').get(`/v1/webhook-subscriptions/${id}/deliveries`);
    expect(log.body.deliveries[0].state).toBe('failed');
    expect(log.body.deliveries[0].attempts).toHaveLength(4);
    expect(log.body.deliveries[0].attempts.at(-1).nextAttemptAt).toBeNull();
  } finally {
    await receiver.close();
  }
});

it('delivers an event once per subscriber even when published again with the same id, and only to matching topics and jurisdictions', async () => {
  const receiver = await startReceiver([200]);
  try {
    await subscribe(receiver.url, ['matching.*'], ['320500']);
    await subscribe(receiver.url, ['other.topic']);
    await subscribe(receiver.url, ['matching.result'], ['440100']);
    const first = await ctx().webhooks.publish('matching.result', { uscc: 'x' }, { id: 'job-1/x', jurisdictions: ['320571', '320500', '320000', 'CN'] });
    const again = await ctx().webhooks.publish('matching.result', { uscc: 'x' }, { id: 'job-1/x', jurisdictions: ['320571', '320500', '320000', 'CN'] });
    expect(again).toEqual(first);
    expect(first.deliveries).toHaveLength(1);
    await ctx().webhooks.dispatcher.idle();
    expect(receiver.received).toHaveLength(1);
  } finally {
    await receiver.close();
  }
});

it('keeps deliveries in the outbox while no dispatcher runs, and sends them when one starts (a restart)', async () => {
  const receiver = await startReceiver([200]);
  try {
    await subscribe(receiver.url, ['test.outbox']);
    await ctx().webhooks.stop();
    await ctx().webhooks.publish('test.outbox', { kept: true });
    expect(await ctx().models.webhookPending.countDocuments()).toBe(1);
    expect(receiver.received).toHaveLength(0);
    await ctx().webhooks.start();
    await ctx().webhooks.dispatcher.idle();
    expect(receiver.received).toHaveLength(1);
    expect(await ctx().models.webhookPending.countDocuments()).toBe(0);
  } finally {
    await receiver.close();
  }
});

it('lists subscriptions without their secrets, revokes them, and refuses a bad URL naming the field', async () => {
  const { id, secret } = await subscribe('https://bank.example/hook', ['test.revoked']);
  const list = await svc().as('admin').get('/v1/webhook-subscriptions');
  expectDocumented(ctx().registry, ctx().openapi, 'GET', '/v1/webhook-subscriptions', list);
  expect(JSON.stringify(list.body)).not.toContain(secret);
  const revoked = await svc().as('admin').delete(`/v1/webhook-subscriptions/${id}`);
  expect(revoked.status).toBe(200);
  expect(revoked.body.revokedAt).toEqual(expect.any(String));
  expect((await ctx().webhooks.publish('test.revoked', {})).deliveries).toHaveLength(0);
  const bad = await svc().as('admin').post('/v1/webhook-subscriptions').send({ url: 'ftp://x', topics: ['a.b'] });
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].pointer).toBe('/url');
  expect((await svc().as('policy-staff').get('/v1/webhook-subscriptions')).status).toBe(403);
});

it('a risk warning raised is delivered to the systems subscribed to risk-warning.*, within their jurisdictions', async () => {
  const receiver = await startReceiver([200]);
  const elsewhere = await startReceiver([200]);
  try {
    await subscribe(receiver.url, ['risk-warning.*'], ['320500']);
    await subscribe(elsewhere.url, ['risk-warning.*'], ['440100']);
    const ledger = '320500/loan-risk-compensation|riskPool|lifetime';
    await ctx().repositories.ledgers.take({ ledger, measure: 'amount', limit: 20_000_000_000, request: 19_000_000_000, holder: 'test:webhook-warning' });
    const raised = await ctx().warnings.evaluateAll();
    const mine = raised.filter((w) => w.subject.ledger === ledger);
    expect(mine.map((w) => w.threshold)).toEqual(['0.95']); // the highest threshold passed
    await ctx().warnings.idle();
    await ctx().webhooks.dispatcher.idle();
    const delivered = receiver.received.map((r) => JSON.parse(r.body) as { topic: string; data: { id: string; subject: { ledger: string } } });
    expect(delivered.filter((d) => d.data.subject.ledger === ledger).map((d) => [d.topic, d.data.id]).sort()).toEqual(mine.map((w) => ['risk-warning.raised', w._id]).sort());
    expect(elsewhere.received).toEqual([]);
  } finally {
    await receiver.close();
    await elsewhere.close();
  }
});
