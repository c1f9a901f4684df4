import { createHash, randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { WebhookStore } from '../store/webhook-store';
import type { WebhookDeliveryDoc, WebhookSubscriptionDoc } from '../store/webhook-models';
import { Dispatcher } from './dispatcher';
import { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './policy';
import { newSecret } from './signature';
import { inJurisdictions, topicMatches } from './topics';
import type { WebhookSubscriptionRequest } from '../schema-types/webhook-subscription-request';
import type { WebhooksSubscription } from '../schema-types/webhooks';

export interface PublishOptions {
  /** A stable event id: publishing it again is a no-op (a job re-run, a retry). Default: a new one. */
  id?: string;
  /** The jurisdiction chain of the event (most local first): only subscribers covering one of them get it. */
  jurisdictions?: string[];
}

/** A subscription as the API shows it: schemas/webhooks.schema.json#/$defs/subscription. */
export type SubscriptionView = WebhooksSubscription;

export type DeliveryState = 'pending' | 'delivered' | 'failed';

/**
 * Signed webhooks for any capability: `publish(topic, payload)` writes the event and one
 * delivery per matching subscriber into the outbox, then the dispatcher sends them, retrying
 * with exponential backoff; every attempt is kept as the delivery log.
 */
export class Webhooks {
  readonly dispatcher: Dispatcher;
  private cache: { at: number; subs: Awaited<ReturnType<WebhookStore['subscriptions']>> } | undefined;

  constructor(
    private readonly store: WebhookStore,
    readonly policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
    logger: Logger = pino({ level: 'silent' }),
  ) {
    this.dispatcher = new Dispatcher(store, policy, logger);
  }

  async publish(topic: string, payload: Record<string, unknown>, options: PublishOptions = {}): Promise<{ eventId: string; deliveries: string[] }> {
    const eventId = options.id ? `evt_${createHash('sha256').update(options.id).digest('hex').slice(0, 32)}` : `evt_${randomUUID()}`;
    const jurisdictions = options.jurisdictions ?? [];
    const publishedAt = new Date();
    const subs = (await this.activeSubscriptions()).filter((s) => s.topics.some((p) => topicMatches(p, topic)) && inJurisdictions(s.jurisdictions, jurisdictions));
    // an event nobody subscribes to is not kept (a matching run over 10,000 enterprises publishes each result)
    if (!subs.length) return { eventId, deliveries: [] };
    await this.store.insertEvent({ _id: eventId, topic, jurisdictions, payload, publishedAt });
    const deliveries: string[] = [];
    for (const s of subs) {
      const doc: WebhookDeliveryDoc = { _id: `${eventId}|${s._id}`, eventId, subscriptionId: s._id, topic, createdAt: publishedAt };
      if (await this.store.insertDelivery(doc)) this.dispatcher.schedule(doc._id, 0);
      deliveries.push(doc._id);
    }
    return { eventId, deliveries };
  }

  async subscribe(input: WebhookSubscriptionRequest & { jurisdictions: string[] }, createdBy: string): Promise<SubscriptionView & { secret: string }> {
    const doc: WebhookSubscriptionDoc = {
      _id: `whs_${randomUUID()}`,
      url: input.url,
      topics: [...new Set(input.topics)],
      jurisdictions: [...new Set(input.jurisdictions)],
      description: input.description ?? '',
      secret: newSecret(),
      createdBy,
      createdAt: new Date(),
    };
    await this.store.createSubscription(doc);
    this.cache = undefined;
    return { ...view({ ...doc, revokedAt: null }), secret: doc.secret };
  }

  async subscriptions(): Promise<SubscriptionView[]> {
    return (await this.store.subscriptions()).map(view);
  }

  async subscription(id: string): Promise<SubscriptionView | undefined> {
    const s = await this.store.subscription(id);
    return s ? view(s) : undefined;
  }

  async revoke(id: string, by: string): Promise<SubscriptionView | undefined> {
    if (!(await this.store.subscription(id))) return undefined;
    await this.store.revoke(id, by, new Date());
    this.cache = undefined;
    return this.subscription(id);
  }

  /** A delivery with every attempt: when it started and ended, the receiver's status or the error. */
  async delivery(id: string) {
    const d = await this.store.delivery(id);
    if (!d) return undefined;
    const attempts = await this.store.attempts(id, this.policy.maxAttempts);
    const delivered = attempts.some((a) => a.result?.ok);
    const last = attempts.at(-1);
    const state: DeliveryState = delivered ? 'delivered' : last?.result && last.result.nextAttemptAt === null ? 'failed' : 'pending';
    return {
      id: d._id,
      eventId: d.eventId,
      subscriptionId: d.subscriptionId,
      topic: d.topic,
      createdAt: d.createdAt.toISOString(),
      state,
      attempts: attempts.map(({ attempt, result }) => ({
        n: attempt.n,
        startedAt: attempt.startedAt.toISOString(),
        finishedAt: result ? result.finishedAt.toISOString() : null,
        ok: result ? result.ok : null,
        httpStatus: result?.httpStatus ?? null,
        error: result?.error ?? null,
        nextAttemptAt: result?.nextAttemptAt ? result.nextAttemptAt.toISOString() : null,
      })),
    };
  }

  /** The newest deliveries of a subscription (at most `limit`), each with its attempts. */
  async deliveriesOf(subscriptionId: string, limit = 50) {
    const docs = await this.store.deliveriesOf(subscriptionId, limit);
    return (await Promise.all(docs.map((d) => this.delivery(d._id)))).filter((d) => d !== undefined);
  }

  start(): Promise<void> {
    return this.dispatcher.start();
  }

  stop(): Promise<void> {
    return this.dispatcher.stop();
  }

  /** Active subscriptions, cached for a second (publishing many events reads them once). */
  private async activeSubscriptions() {
    if (!this.cache || Date.now() - this.cache.at > 1000) this.cache = { at: Date.now(), subs: await this.store.subscriptions() };
    return this.cache.subs.filter((s) => s.revokedAt === null);
  }
}

function view(s: WebhookSubscriptionDoc & { revokedAt: Date | null }): SubscriptionView {
  return { id: s._id, url: s.url, topics: s.topics, jurisdictions: s.jurisdictions, description: s.description, createdAt: s.createdAt.toISOString(), revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null };
}
