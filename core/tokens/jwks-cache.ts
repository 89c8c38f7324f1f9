import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../clock.js';
import { AppError } from '../errors/index.js';
import { createPacedRun } from './paced-run.js';

export interface JwksCacheOptions {
  /**
   * Loads the current key set (from the origin's /.well-known/jwks.json); `unknownKid` is set when
   * a token named a key this set lacks, so the origin can look for keys added since it loaded.
   */
  load: (unknownKid?: string) => Promise<JSONWebKeySet>;
  clock: Clock;
  /** How long a loaded set is used before a background refresh. @default 300_000 */
  maxAgeMs?: number;
  /**
   * Minimum real time between loads asked for by an unknown `kid`: a rotated key is followed
   * within it, and forged kids cannot make more than one load per interval. @default 1_000
   */
  unknownKidIntervalMs?: number;
}

export interface JwksCache {
  getKey: JWTVerifyGetKey;
  /** Number of times the key set was loaded (for tests and metrics). */
  loads(): number;
  /** Changes whenever a reload brings a different set of keys, so what the old set verified can be forgotten. */
  version(): number;
}

/**
 * Public keys only, cached. A token with an unknown `kid` waits for the next paced reload (at most
 * one per `unknownKidIntervalMs`, shared by every such token), which is how a key rotation at the
 * origin is followed at once, without a restart. A failed load never blocks the next one.
 */
export function createJwksCache(options: JwksCacheOptions): JwksCache {
  const maxAgeMs = options.maxAgeMs ?? 300_000;
  let keys: JSONWebKeySet | undefined;
  let local: JWTVerifyGetKey | undefined;
  let loadedAt = -Infinity;
  let inflight: Promise<void> | undefined;
  let loadCount = 0;
  let version = 0;
  let loadedKeys = '';

  const reload = (unknownKid?: string): Promise<void> => {
    inflight ??= options
      .load(unknownKid)
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

  let askedKid: string | undefined;
  const reloadForUnknownKid = createPacedRun(() => reload(askedKid), options.unknownKidIntervalMs ?? 1_000);

  const knows = (kid: string | undefined): boolean =>
    keys !== undefined && keys.keys.some((key) => kid === undefined || key.kid === kid);

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const age = options.clock.now() - loadedAt;
    const unknownKid = local !== undefined && age <= maxAgeMs && !knows(header.kid);
    if (!local || age > maxAgeMs || unknownKid) {
      try {
        if (unknownKid) askedKid = header.kid;
        await (unknownKid ? reloadForUnknownKid() : reload());
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
