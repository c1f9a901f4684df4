/* Generated from schemas/webhook-subscription-request.schema.json by `npm run schema-types` (scripts/schema-types.ts). Do not edit: change the schema and regenerate. */

/**
 * Webhook subscription request
 *
 * An administrator subscribes a system (a bank's platform, a district office) to topics. Events are POSTed to the URL as JSON, signed with HMAC-SHA256 under a secret shown once in the answer.
 */
export interface WebhookSubscriptionRequest {
  /**
   * Where events are POSTed (http or https)
   */
  url: string;
  /**
   * Topics, e.g. matching.result; prefix.* or * for several
   *
   * @minItems 1
   * @maxItems 50
   */
  topics: string[];
  /**
   * Jurisdictions whose events it receives, each with everything below it (default: the administrator's own)
   *
   * @minItems 1
   * @maxItems 50
   */
  jurisdictions?: string[];
  description?: string;
}
