import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { LRUCache } from 'lru-cache';
import { AppError, type Clock } from '../../core/index.js';

export interface RateLimiterOptions {
  clock: Clock;
  perMinute: number;
  enabled: boolean;
  /** Keys counted at once; past it the least recently seen key is forgotten. @default 100_000 */
  maxKeys?: number;
}

export interface RateLimiter {
  /** Counts one request for `key`; throws `rate_limited` (with Retry-After) past the limit. */
  take(key: string | undefined): void;
}

/**
 * Fixed one-minute windows per key (a client IP, an identity), per edge instance. Coarse by
 * design: it stops one address from minting identities or places in bulk; WAF rate rules do the
 * same when deployed. One limiter is shared by every route that spends from it.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  // Recency order: a key seen again is the newest, the oldest is forgotten first, so a flood of
  // fresh keys (rotating IPv6 addresses) cannot reset a busy one.
  const windows = new LRUCache<string, { start: number; count: number }>({ max: options.maxKeys ?? 100_000 });
  return {
    take(key = 'unknown') {
      if (!options.enabled) return;
      const now = options.clock.now();
      const start = now - (now % 60_000);
      let window = windows.get(key);
      if (!window || window.start !== start) {
        window = { start, count: 0 };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count > options.perMinute) {
        const retryAfter = Math.ceil((start + 60_000 - now) / 1000);
        throw new AppError('rate_limited', { headers: { 'retry-after': String(retryAfter) } });
      }
    },
  };
}

/** Spends one request of `limiter` per call, keyed by `key` (usually the client IP). */
export function rateLimit(limiter: RateLimiter, key: (c: Context) => string | undefined) {
  return createMiddleware(async (c, next) => {
    limiter.take(key(c));
    await next();
  });
}
