/* Generated from schemas/webhooks.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Webhook subscriptions and deliveries
 *
 * What the webhook administration API answers. Each delivery is POSTed with the headers X-Webhook-Id (the event), X-Webhook-Delivery, X-Webhook-Attempt, X-Webhook-Topic, X-Webhook-Timestamp and X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the subscription's secret>; the body is {id, topic, publishedAt, data}.
 */
export type Webhooks = unknown;
/**
 * This interface was referenced by `Webhooks`'s JSON-Schema
 * via the `definition` "subscription".
 */
export interface WebhooksSubscription {
  id: string;
  url: string;
  topics: string[];
  jurisdictions: string[];
  description: string;
  createdAt: string;
  revokedAt: string | null;
}
/**
 * This interface was referenced by `Webhooks`'s JSON-Schema
 * via the `definition` "createdSubscription".
 */
export interface WebhooksCreatedSubscription {
  id: string;
  url: string;
  topics: string[];
  jurisdictions: string[];
  description: string;
  createdAt: string;
  revokedAt: string | null;
  /**
   * The HMAC-SHA256 key: shown once, here
   */
  secret: string;
}
/**
 * This interface was referenced by `Webhooks`'s JSON-Schema
 * via the `definition` "subscriptionList".
 */
export interface WebhooksSubscriptionList {
  subscriptions: WebhooksSubscription[];
}
/**
 * This interface was referenced by `Webhooks`'s JSON-Schema
 * via the `definition` "attempt".
 */
export interface WebhooksAttempt {
  n: number;
  startedAt: string;
  /**
   * null while the request is in flight (or its dispatcher died: the next attempt follows after its lease)
   */
  finishedAt: string | null;
  ok: boolean | null;
  httpStatus: number | null;
  error: string | null;
  /**
   * when the next attempt is due; null after the last one
   */
  nextAttemptAt: string | null;
}
/**
 * This interface was referenced by `Webhooks`'s JSON-Schema
 * via the `definition` "delivery".
 */
export interface WebhooksDelivery {
  id: string;
  eventId: string;
  subscriptionId: string;
  topic: string;
  createdAt: string;
  /**
   * failed: every attempt failed and the delivery was given up
   */
  state: 'pending' | 'delivered' | 'failed';
  attempts: WebhooksAttempt[];
}
/**
 * This interface was referenced by `Webhooks`'s JSON-Schema
 * via the `definition` "deliveryList".
 */
export interface WebhooksDeliveryList {
  deliveries: WebhooksDelivery[];
}
