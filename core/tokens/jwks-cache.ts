import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock.js';
import { AppError } from '../errors/index.js';

export interface JwksCacheOptions {
  /** Loads the current key set (from the origin's /.well-known/jwks.json). */
  load: () => Promise<JSONWebKeySet>;
  clock: Clock;
  /** How long a loaded set is used before a background refresh. @default 300_000 */
  maxAgeMs?: number;
  /** Minimum time between loads triggered by an unknown `kid`, so forged kids cannot hammer the origin. @default 30_000 */
  cooldownMs?: number;
}

export interface JwksCache {
  getKey: JWTVerifyGetKey;
  /** Number of times the key set was loaded (for tests and metrics). */
  loads(): number;
  /** Changes whenever a reload brings a different set of keys, so what the old set verified can be forgotten. */
  version(): number;
}

/**
 * Public keys only, cached. An unknown `kid` triggers one reload (at most once per cooldown),
 * which is how a key rotation at the origin is followed without a restart.
 */
export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const maxAgeMs = options.maxAgeMs ?? 300_000;
  const cooldownMs = options.cooldownMs ?? 30_000;
  let keys: JSONWebKeySet | undefined;
  let local: JWTVerifyGetKey | undefined;
  let loadedAt = -Infinity;
  let inflight: Promise<void> | undefined;
  let loadCount = 0;
  let version = 0;
  let loadedKeys = '';

  const reload = (): Promise<void> => {
    inflight ??= options
      .load()
      .then((set) => {
        const loaded = set.keys.map((key) => `${key.kid}:${key.x}:${key.y}`).join(',');
        if (keys !== undefined && loaded !== loadedKeys) version += 1;
        loadedKeys = loaded;
        keys = set;
        local = createLocalJWKSet(set);
        loadCount += 1;
      })
      .finally(() => {
        loadedAt = options.clock.now();
        inflight = undefined;
      });
    return inflight;
  };

  const knows = (kid: string | undefined): boolean =>
    keys !== undefined && keys.keys.some((key) => kid === undefined || key.kid === kid);

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const age = options.clock.now() - loadedAt;
    if (!local || age > maxAgeMs || (!knows(header.kid) && age > cooldownMs)) {
      try {
        await reload();
      } catch (error) {
        // Without keys nothing can be verified: that is an outage (503), never a bad token (401),
        // or waiting visitors would be told their place is invalid.
        if (!local) throw new AppError('origin_unavailable', { cause: error, headers: { 'retry-after': '2' } });
      }
    }
    if (!local) throw new AppError('origin_unavailable');
    return local(header, token);
  };

  return { getKey, loads: () => loadCount, version: () => version };
}
