import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AppError, type Clock } from '../../core/index.js';

export interface RateLimitOptions {
  clock: Clock;
  perMinute: number;
  key: (c: Context) => string | undefined;
  enabled: boolean;
}

/**
 * Fixed one-minute windows per key (the client IP), per edge instance. Coarse by design: it stops
 * one address from minting identities or places in bulk; WAF rate rules do the same when deployed.
 */
export function rateLimit(options: RateLimitOptions) {
  const windows = new Map<string, { start: number; count: number }>();
  return createMiddleware(async (c, next) => {
    if (!options.enabled) return next();
    const key = options.key(c) ?? 'unknown';
    const now = options.clock.now();
    const start = now - (now % 60_000);
    let window = windows.get(key);
    if (!window || window.start !== start) {
      if (windows.size > 100_000) windows.clear();
      window = { start, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > options.perMinute) {
      const retryAfter = Math.ceil((start + 60_000 - now) / 1000);
      throw new AppError('rate_limited', { headers: { 'retry-after': String(retryAfter) } });
    }
    return next();
  });
}
