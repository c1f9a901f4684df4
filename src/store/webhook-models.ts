import { Schema, type Connection } from 'mongoose';

/**
 * The webhook outbox. Every document is inserted once under a deterministic `_id` and never
 * updated (FerretDB v1 loses concurrent updates): a subscription's revocation, a delivery, each
 * attempt's claim and each attempt's result are documents of their own.
 */
const common = { versionKey: false, strict: 'throw', minimize: false } as const;

export interface WebhookSubscriptionDoc {
  _id: string;
  url: string;
  topics: string[];
  /** Jurisdiction codes whose events it receives (each with everything below it); "*" for all. */
  jurisdictions: string[];
  description: string;
  /** The HMAC key: kept to sign, shown to the administrator once. */
  secret: string;
  createdBy: string;
  createdAt: Date;
}

export interface WebhookRevocationDoc {
  _id: string;
  by: string;
  at: Date;
}

export interface WebhookEventDoc {
  _id: string;
  topic: string;
  /** The event's jurisdiction chain (most local first); empty: no jurisdiction. */
  jurisdictions: string[];
  payload: Record<string, unknown>;
  publishedAt: Date;
}

export interface WebhookDeliveryDoc {
  /** `<event id>|<subscription id>`: one delivery per event and subscriber. */
  _id: string;
  eventId: string;
  subscriptionId: string;
  topic: string;
  createdAt: Date;
}

/** A delivery still to be made: inserted with the delivery, deleted by its dispatcher when final. */
export interface WebhookPendingDoc {
  _id: string;
  since: Date;
}

/** Attempt n of a delivery, claimed by a unique insert before the request is sent. */
export interface WebhookAttemptDoc {
  /** `<delivery id>#<n>` */
  _id: string;
  deliveryId: string;
  n: number;
  startedAt: Date;
  /** The claim is abandoned after this: another dispatcher takes the next attempt. */
  leaseUntil: Date;
}

/** How attempt n ended, inserted by the dispatcher that claimed it. */
export interface WebhookAttemptResultDoc {
  /** same `_id` as the attempt */
  _id: string;
  ok: boolean;
  httpStatus: number | null;
  error: string | null;
  finishedAt: Date;
  /** When the next attempt is due; null when this one was the last (delivered, or given up). */
  nextAttemptAt: Date | null;
}

export function defineWebhookModels(conn: Connection) {
  const subscriptions = new Schema<WebhookSubscriptionDoc>(
    { _id: String, url: String, topics: [String], jurisdictions: [String], description: String, secret: String, createdBy: String, createdAt: Date },
    common,
  );
  const revocations = new Schema<WebhookRevocationDoc>({ _id: String, by: String, at: Date }, common);
  const events = new Schema<WebhookEventDoc>({ _id: String, topic: String, jurisdictions: [String], payload: { type: Schema.Types.Mixed, required: true }, publishedAt: Date }, common);
  const deliveries = new Schema<WebhookDeliveryDoc>({ _id: String, eventId: String, subscriptionId: String, topic: String, createdAt: Date }, common);
  deliveries.index({ subscriptionId: 1, createdAt: -1 });
  const pending = new Schema<WebhookPendingDoc>({ _id: String, since: Date }, common);
  const attempts = new Schema<WebhookAttemptDoc>({ _id: String, deliveryId: String, n: Number, startedAt: Date, leaseUntil: Date }, common);
  const results = new Schema<WebhookAttemptResultDoc>(
    { _id: String, ok: Boolean, httpStatus: { type: Number, default: null }, error: { type: String, default: null }, finishedAt: Date, nextAttemptAt: { type: Date, default: null } },
    common,
  );
  return {
    webhookSubscriptions: conn.model('WebhookSubscription', subscriptions, 'webhook_subscriptions'),
    webhookRevocations: conn.model('WebhookRevocation', revocations, 'webhook_revocations'),
    webhookEvents: conn.model('WebhookEvent', events, 'webhook_events'),
    webhookDeliveries: conn.model('WebhookDelivery', deliveries, 'webhook_deliveries'),
    webhookPending: conn.model('WebhookPending', pending, 'webhook_pending'),
    webhookAttempts: conn.model('WebhookAttempt', attempts, 'webhook_attempts'),
    webhookAttemptResults: conn.model('WebhookAttemptResult', results, 'webhook_attempt_results'),
  };
}

export type WebhookModels = ReturnType<typeof defineWebhookModels>;
