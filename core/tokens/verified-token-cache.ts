import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock.js';
import { AppError } from '../errors/index.js';
import { CLOCK_TOLERANCE_SECONDS, type ClaimsByKind, type TokenKind } from './claims.js';
import { hasExpired } from './check-claims.js';

export interface VerifiedTokenCacheOptions {
  clock: Clock;
  /** Tokens remembered; the least recently used is forgotten first. @default 50_000 */
  maxEntries?: number;
  /** The same tolerance the verifier applies to `exp`. @default CLOCK_TOLERANCE_SECONDS */
  clockToleranceSeconds?: number;
}

export interface VerifiedTokenCache {
  /**
   * The claims of `token`: remembered when it was verified before (its kind and expiry checked
   * again), else from `verify`, whose success alone is remembered.
   */
  verify<K extends TokenKind>(kind: K, token: string, verify: () => ClaimsByKind[K] | Promise<ClaimsByKind[K]>): Promise<ClaimsByKind[K]>;
  /** Forgets every token, for when the keys that verified them change. */
  clear(): void;
  size(): number;
}

interface Entry {
  kind: TokenKind;
  claims: ClaimsByKind[TokenKind];
}

/**
 * Tokens whose signature and claims were checked once, keyed by the whole token string, so a
 * visitor's repeated polls cost one ECDSA verification: a token differing in one byte is another
 * key. A bounded LRU, lru-cache's: a plain Map used as one skips the slots of deleted keys to
 * find its oldest, about 7 µs per new token once full, on every join of a flash crowd. What a
 * token proves never changes except with time, so only the kind and `exp` are checked again, with
 * the verifier's rules.
 */
export function createVerifiedTokenCache(options: VerifiedTokenCacheOptions): VerifiedTokenCache {
  const maxEntries = options.maxEntries ?? 50_000;
  const tolerance = options.clockToleranceSeconds ?? CLOCK_TOLERANCE_SECONDS;
  const entries = new LRUCache<string, Entry>({ max: maxEntries });

  return {
    async verify(kind, token, verify) {
      const hit = entries.get(token);
      if (hit) {
        if (hit.kind !== kind) throw new AppError('wrong_token_type');
        if (hasExpired(hit.claims.exp, options.clock.now(), tolerance)) {
          entries.delete(token);
          throw new AppError('invalid_token', { detail: 'token expired' });
        }
        return hit.claims as ClaimsByKind[typeof kind];
      }
      const claims = await verify();
      entries.set(token, { kind, claims });
      return claims;
    },
    clear: () => entries.clear(),
    size: () => entries.size,
  };
}
