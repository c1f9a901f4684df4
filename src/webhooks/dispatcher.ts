import pino, { type Logger } from 'pino';
import type { WebhookStore } from '../store/webhook-store';
import { backoffAfter, type DeliveryPolicy } from './policy';
import { signatureHeader, SIGNATURE_HEADER } from './signature';

/**
 * Sends the outbox's deliveries. Each attempt is claimed by inserting `<delivery>#<n>` before
 * the request goes out, so one dispatcher makes each attempt even with several processes; its
 * result is another insert, carrying when the next attempt is due. The state of a delivery is
 * read back from those documents, so a restart (or another process's sweep) resumes it.
 */
export class Dispatcher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<void>>();
  private sweeper: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: WebhookStore,
    private readonly policy: DeliveryPolicy,
    private readonly logger: Logger = pino({ level: 'silent' }),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Resumes every delivery left pending, and sweeps again every `sweepIntervalMs`. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep().catch((err: unknown) => this.logger.warn({ err }, 'webhook sweep failed')), this.policy.sweepIntervalMs);
    this.sweeper.unref();
  }

  async sweep(): Promise<void> {
    for (const id of await this.store.pendingDeliveries()) if (!this.timers.has(id) && !this.running.has(id)) this.schedule(id, 0);
  }

  /** Dispatches a delivery after `delayMs` (at once with 0), unless it is already scheduled or running. */
  schedule(deliveryId: string, delayMs: number): void {
    if (this.stopped) return;
    const existing = this.timers.get(deliveryId);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.timers.delete(deliveryId);
      if (this.running.has(deliveryId)) return;
      const run = this.dispatch(deliveryId)
        .catch((err: unknown) => {
          this.logger.warn({ err, deliveryId }, 'webhook dispatch failed; the sweep retries it');
        })
        .finally(() => this.running.delete(deliveryId));
      this.running.set(deliveryId, run);
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.set(deliveryId, timer);
  }

  /** Stops scheduling and waits for the attempts in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  /** Waits until nothing is scheduled or running (tests, and a drain before shutdown). */
  async idle(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while ((this.timers.size || this.running.size) && Date.now() < until) {
      await Promise.allSettled([...this.running.values()]);
      if (this.timers.size && !this.running.size) await new Promise((r) => setTimeout(r, 5));
    }
  }

  private async dispatch(deliveryId: string): Promise<void> {
    const delivery = await this.store.delivery(deliveryId);
    if (!delivery) return; // the marker was written first and the delivery insert failed: a sweep retries
    const attempts = await this.store.attempts(deliveryId, this.policy.maxAttempts);
    const last = attempts.at(-1);
    const now = this.now();
    if (attempts.some((a) => a.result?.ok) || (last?.result && last.result.nextAttemptAt === null)) {
      await this.store.clearPending(deliveryId);
      return;
    }
    if (last && !last.result && last.attempt.leaseUntil > now) return this.schedule(deliveryId, last.attempt.leaseUntil.getTime() - now.getTime());
    const due = last?.result?.nextAttemptAt;
    if (due && due > now) return this.schedule(deliveryId, due.getTime() - now.getTime());
    const n = attempts.length + 1;
    if (n > this.policy.maxAttempts) {
      await this.store.clearPending(deliveryId);
      return;
    }
    const [event, subscription] = await Promise.all([this.store.event(delivery.eventId), this.store.subscription(delivery.subscriptionId)]);
    if (!event || !subscription) return;
    const attemptId = `${deliveryId}#${n}`;
    if (!(await this.store.claimAttempt({ _id: attemptId, deliveryId, n, startedAt: now, leaseUntil: new Date(now.getTime() + this.policy.leaseMs) }))) return;
    const outcome = subscription.revokedAt ? { ok: false, httpStatus: null, error: 'the subscription is revoked' } : await this.send(subscription, event, deliveryId, n);
    const final = outcome.ok || n >= this.policy.maxAttempts || subscription.revokedAt !== null;
    const finishedAt = this.now();
    const nextAttemptAt = final ? null : new Date(finishedAt.getTime() + backoffAfter(this.policy, n));
    await this.store.recordResult({ _id: attemptId, ...outcome, finishedAt, nextAttemptAt });
    if (final) await this.store.clearPending(deliveryId);
    else this.schedule(deliveryId, nextAttemptAt!.getTime() - finishedAt.getTime());
  }

  private async send(
    subscription: { url: string; secret: string },
    event: { _id: string; topic: string; payload: unknown; publishedAt: Date },
    deliveryId: string,
    n: number,
  ): Promise<{ ok: boolean; httpStatus: number | null; error: string | null }> {
    const body = JSON.stringify({ id: event._id, topic: event.topic, publishedAt: event.publishedAt.toISOString(), data: event.payload });
    const timestamp = Math.floor(this.now().getTime() / 1000);
    try {
      const res = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'subsidy-rules-webhooks/1',
          'X-Webhook-Id': event._id,
          'X-Webhook-Delivery': deliveryId,
          'X-Webhook-Attempt': String(n),
          'X-Webhook-Topic': event.topic,
          'X-Webhook-Timestamp': String(timestamp),
          [SIGNATURE_HEADER]: signatureHeader(subscription.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.policy.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      const ok = res.status >= 200 && res.status < 300;
      return { ok, httpStatus: res.status, error: ok ? null : `the receiver answered ${res.status}` };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      return { ok: false, httpStatus: null, error: err.name === 'TimeoutError' ? `no answer within ${this.policy.timeoutMs} ms` : (err.cause?.code ?? err.message) };
    }
  }
}
