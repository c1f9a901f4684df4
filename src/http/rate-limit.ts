import type { RequestHandler } from 'express';
import { ServiceError, PROBLEM_TYPE_BASE } from '../service/errors';
import { callerOf } from './auth';

/** Token buckets: `perMinute` tokens each, refilled continuously. In memory, per process. */
class Buckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number) {}

  /** Seconds until a token is there, or 0 when one is. */
  wait(id: string): number {
    const b = this.refill(id);
    return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * 60) / this.perMinute);
  }

  take(id: string): void {
    this.refill(id).tokens -= 1;
  }

  private refill(id: string) {
    const now = Date.now();
    const b = this.buckets.get(id) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    b.at = now;
    this.buckets.set(id, b);
    // full buckets are forgotten, so addresses that come and go do not accumulate
    if (this.buckets.size > 10_000) for (const [k, v] of this.buckets) if (v.tokens >= this.perMinute) this.buckets.delete(k);
    return b;
  }
}

function tooMany(res: Parameters<RequestHandler>[1], seconds: number, detail: string): ServiceError {
  res.set('Retry-After', String(seconds));
  return new ServiceError(429, PROBLEM_TYPE_BASE + 'rate-limited', 'Too many requests', detail);
}

/** A token bucket per API key: `perMinute` requests, refilled continuously. In memory, per process. */
export function rateLimit(perMinute: number): RequestHandler {
  const buckets = new Buckets(perMinute);
  return (_req, res, next) => {
    const id = callerOf(res).id;
    const wait = buckets.wait(id);
    if (wait > 0) throw tooMany(res, wait, `at most ${perMinute} requests a minute per API key`);
    buckets.take(id);
    next();
  };
}

/**
 * A token bucket per client address for requests without a valid key: each one answered 401
 * takes a token, and an address whose bucket is empty is answered 429 before any key is
 * looked up. Guessing keys, or flooding with unknown ones, is limited like any key's traffic.
 */
export function rateLimitUnauthenticated(perMinute: number): RequestHandler {
  const buckets = new Buckets(perMinute);
  return (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = buckets.wait(address);
    if (wait > 0) throw tooMany(res, wait, `at most ${perMinute} requests a minute without a valid API key from one address`);
    res.once('finish', () => {
      if (res.statusCode === 401) buckets.take(address);
    });
    next();
  };
}
