/** How deliveries are retried: exponential backoff from `baseDelayMs`, doubling up to `maxDelayMs`. */
export interface DeliveryPolicy {
  /** Attempts before a delivery is given up (the first included). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A receiver answering slower than this fails the attempt. */
  timeoutMs: number;
  /** How long a claimed attempt blocks other dispatchers (a dispatcher that died mid-request). */
  leaseMs: number;
  /** How often the outbox is swept for deliveries another process (or a crash) left due. */
  sweepIntervalMs: number;
}

export const DEFAULT_DELIVERY_POLICY: Readonly<DeliveryPolicy> = Object.freeze({
  maxAttempts: 8,
  baseDelayMs: 10_000,
  maxDelayMs: 3_600_000,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  sweepIntervalMs: 30_000,
});

/** The wait after failed attempt n (1-based) before attempt n + 1. */
export function backoffAfter(policy: DeliveryPolicy, n: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
}
