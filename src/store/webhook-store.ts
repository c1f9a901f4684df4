import { insertOnce } from './repositories';
import type { SecretBox } from './secret-box';
import type { WebhookAttemptDoc, WebhookAttemptResultDoc, WebhookDeliveryDoc, WebhookEventDoc, WebhookModels, WebhookSubscriptionDoc } from './webhook-models';

/**
 * The webhook outbox in MongoDB. Insert-only: every write is a unique `_id` insert, so two
 * dispatchers (or a retry after a crash) never update one document; reads are by `_id`, except
 * the listings of subscriptions and pending deliveries (small collections read whole) and the
 * delivery log of one subscription (an admin read, served by an index on MongoDB).
 */
export class WebhookStore {
  /** `secrets`: seals each subscription's signing secret at rest (see SecretBox). */
  constructor(
    private readonly models: WebhookModels,
    private readonly secrets: SecretBox,
  ) {}

  async createSubscription(doc: WebhookSubscriptionDoc): Promise<void> {
    await this.models.webhookSubscriptions.create({ ...doc, secret: this.secrets.seal(doc.secret, doc._id) });
  }

  private opened(doc: WebhookSubscriptionDoc): WebhookSubscriptionDoc {
    return { ...doc, secret: this.secrets.open(doc.secret, doc._id) };
  }

  /** Every subscription with its revocation time (null while active). */
  async subscriptions(): Promise<(WebhookSubscriptionDoc & { revokedAt: Date | null })[]> {
    const [subs, revoked] = await Promise.all([this.models.webhookSubscriptions.find().lean(), this.models.webhookRevocations.find().lean()]);
    const at = new Map(revoked.map((r) => [r._id, r.at]));
    return (subs as WebhookSubscriptionDoc[]).map((s) => ({ ...this.opened(s), revokedAt: at.get(s._id) ?? null })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a._id.localeCompare(b._id));
  }

  async subscription(id: string): Promise<(WebhookSubscriptionDoc & { revokedAt: Date | null }) | undefined> {
    const [sub, revoked] = await Promise.all([this.models.webhookSubscriptions.findById(id).lean(), this.models.webhookRevocations.findById(id).lean()]);
    return sub ? { ...this.opened(sub as WebhookSubscriptionDoc), revokedAt: revoked?.at ?? null } : undefined;
  }

  /** Revokes once; a second revocation keeps the first one's time. */
  async revoke(id: string, by: string, at: Date): Promise<void> {
    await insertOnce(this.models.webhookRevocations, { _id: id, by, at });
  }

  /** Stores the event; false when an event with its id was published before. */
  insertEvent(doc: WebhookEventDoc): Promise<boolean> {
    return insertOnce(this.models.webhookEvents, doc);
  }

  async event(id: string): Promise<WebhookEventDoc | undefined> {
    return ((await this.models.webhookEvents.findById(id).lean()) as WebhookEventDoc | null) ?? undefined;
  }

  /** The delivery and its pending marker (the marker first: a delivery never exists unmarked). */
  async insertDelivery(doc: WebhookDeliveryDoc): Promise<boolean> {
    await insertOnce(this.models.webhookPending, { _id: doc._id, since: doc.createdAt });
    return insertOnce(this.models.webhookDeliveries, doc);
  }

  async delivery(id: string): Promise<WebhookDeliveryDoc | undefined> {
    return ((await this.models.webhookDeliveries.findById(id).lean()) as WebhookDeliveryDoc | null) ?? undefined;
  }

  /** The newest deliveries of a subscription, newest first. */
  async deliveriesOf(subscriptionId: string, limit: number): Promise<WebhookDeliveryDoc[]> {
    return (await this.models.webhookDeliveries.find({ subscriptionId }).sort({ createdAt: -1, _id: -1 }).limit(limit).lean()) as WebhookDeliveryDoc[];
  }

  async pendingDeliveries(): Promise<string[]> {
    return (await this.models.webhookPending.find().lean()).map((p) => p._id);
  }

  async clearPending(deliveryId: string): Promise<void> {
    await this.models.webhookPending.deleteOne({ _id: deliveryId });
  }

  /** Claims attempt n of a delivery; false when another dispatcher claimed it first. */
  claimAttempt(doc: WebhookAttemptDoc): Promise<boolean> {
    return insertOnce(this.models.webhookAttempts, doc);
  }

  recordResult(doc: WebhookAttemptResultDoc): Promise<boolean> {
    return insertOnce(this.models.webhookAttemptResults, doc);
  }

  /** Attempts 1, 2, … of a delivery with their results, read by `_id` until the first unclaimed one. */
  async attempts(deliveryId: string, max = 100): Promise<{ attempt: WebhookAttemptDoc; result: WebhookAttemptResultDoc | undefined }[]> {
    const out: { attempt: WebhookAttemptDoc; result: WebhookAttemptResultDoc | undefined }[] = [];
    for (let n = 1; n <= max; n++) {
      const id = `${deliveryId}#${n}`;
      const [attempt, result] = await Promise.all([this.models.webhookAttempts.findById(id).lean(), this.models.webhookAttemptResults.findById(id).lean()]);
      if (!attempt) break;
      out.push({ attempt: attempt as WebhookAttemptDoc, result: (result as WebhookAttemptResultDoc | null) ?? undefined });
    }
    return out;
  }
}
