import type { RequestHandler } from 'express';
import { ServiceError, PROBLEM_TYPE_BASE } from '../service/errors';
import { callerOf } from './auth';

/** A token bucket per API key: `perMinute` requests, refilled continuously. In memory, per process. */
export function rateLimit(perMinute: number): RequestHandler {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (_req, res, next) => {
    const id = callerOf(res).id;
    const now = Date.now();
    const bucket = buckets.get(id) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    if (bucket.tokens < 1) {
      buckets.set(id, bucket);
      res.set('Retry-After', String(Math.ceil(((1 - bucket.tokens) * 60) / perMinute)));
      throw new ServiceError(429, PROBLEM_TYPE_BASE + 'rate-limited', 'Too many requests', `at most ${perMinute} requests a minute per API key`);
    }
    bucket.tokens -= 1;
    buckets.set(id, bucket);
    next();
  };
}
