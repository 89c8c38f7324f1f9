import type { JSONWebKeySet } from 'jose';
import { createJwksCache, isWellFormedKid, type Clock, type JwksCache } from '../../core/index.js';
import type { OriginFetch } from '../deps.js';

/** The origin's public signing keys, fetched from its JWKS document and cached per process/isolate. */
export function loadJwks(origin: OriginFetch, clock: Clock): JwksCache {
  return createJwksCache({
    clock,
    load: async (unknownKid) => {
      const query = unknownKid && isWellFormedKid(unknownKid) ? `?kid=${unknownKid}` : '';
      const response = await origin(`/.well-known/jwks.json${query}`, { method: 'GET', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
      return (await response.json()) as JSONWebKeySet;
    },
  });
}
