import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { readBearer } from '../../core/index.js';
import type { TokenVerifier } from '../tokens/verified-token-cache.js';
import type { RateLimiter } from './rate-limit.js';

export interface JoinLimits {
  /** The per-IP window `POST /api/auth/guest` spends from. */
  guestPerIp: RateLimiter;
  joinPerIp: RateLimiter;
  joinPerIdentity: RateLimiter;
  enabled: boolean;
  verifier: TokenVerifier;
  ip: (c: Context) => string | undefined;
}

/**
 * The limits of `POST /api/queue/:eventId/join`. Without a token the join also mints a guest
 * (docs/decisions/0010-one-request-join.md), so it spends from the same windows as the two calls
 * it replaces, guest then join: one request costs an address no more, and no less, than two.
 * With a token it spends from the caller's IP and, when the token is one of ours, its identity.
 * Refused here, the request never reaches the origin, so nothing is created.
 */
export function limitJoin(limits: JoinLimits) {
  return createMiddleware(async (c, next) => {
    if (!limits.enabled) return next();
    const address = limits.ip(c);
    const authorization = c.req.header('authorization');
    if (authorization === undefined) {
      limits.guestPerIp.take(address);
      limits.joinPerIp.take(address);
    } else {
      limits.joinPerIp.take(address);
      const identity = await verifiedIdentity(limits.verifier, authorization);
      if (identity !== undefined) limits.joinPerIdentity.take(identity);
    }
    return next();
  });
}

/**
 * The `sub` of one of our id tokens, verified (an unverified `sub` would let anyone spend a
 * victim's window). Anything else (an external provider's token, a key the edge has not loaded
 * yet, a bad token) is left to the origin, which answers for it as it always has; the per-IP
 * window above already bounds what that costs.
 */
async function verifiedIdentity(verifier: TokenVerifier, authorization: string): Promise<string | undefined> {
  try {
    return (await verifier.verify('id', readBearer(authorization))).sub;
  } catch {
    return undefined;
  }
}
