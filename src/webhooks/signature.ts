import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed deliveries: `X-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
 * `<t>.<raw body>` with the subscriber's secret. The timestamp inside the signed text lets a
 * receiver refuse replays older than its tolerance.
 */
export const SIGNATURE_HEADER = 'X-Webhook-Signature';

export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signature(secret, timestamp, body)}`;
}

/**
 * What a receiver runs: true when the header signs this raw body with the secret and its
 * timestamp is within `toleranceSeconds` of `now`.
 */
export function verifySignature(secret: string, header: string | undefined, body: string, options: { toleranceSeconds?: number; now?: Date } = {}): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const t = Number(m[1]);
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signature(secret, t, body), 'hex');
  const given = Buffer.from(m[2]!, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
