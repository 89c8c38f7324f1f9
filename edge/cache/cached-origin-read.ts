import type { EdgeDeps } from '../deps.js';
import { originGet, toCached } from '../routes/origin-proxy.js';
import { playlistCacheControl } from './hls-cache-control.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';

/** How a read is cached: `json` takes the origin's Cache-Control; `hls-playlist` gets the HLS policy. */
export type CachedReadKind = 'json' | 'hls-playlist';

export interface CachedReadOptions {
  kind?: CachedReadKind;
  /** The request this read serves; the fill sends it to the origin (readers sharing it share the fill). */
  requestId?: string;
}

export type CachedRead = (path: string, options?: CachedReadOptions) => Promise<CachedResponse>;

/**
 * Query parameters a read actually varies on, by pathname: the catalog's page, the part of a
 * draw's registrant list, the replays' order and page. Every other query parameter is dropped, so it can neither split the
 * cache nor bust it.
 */
const VARYING_QUERY: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^\/api\/catalog$/, ['limit', 'cursor']],
  [/^\/api\/events\/[^/]+\/fairness$/, ['part']],
  [/^\/api\/replays$/, ['sort', 'limit', 'cursor']],
];

/**
 * The one cache-key rule: the pathname, without its query string, except for the parameters listed
 * in `VARYING_QUERY` (kept in a fixed order). The origin is asked for exactly the key, so what is
 * cached under a key is always the answer to that key.
 */
export function cacheKey(path: string): string {
  const at = path.indexOf('?');
  const pathname = at === -1 ? path : path.slice(0, at);
  const varying = VARYING_QUERY.find(([pattern]) => pattern.test(pathname))?.[1];
  if (!varying || at === -1) return pathname;
  const given = new URLSearchParams(path.slice(at + 1));
  const kept = new URLSearchParams();
  for (const name of varying) {
    const value = given.get(name);
    if (value !== null) kept.set(name, value);
  }
  const query = kept.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/**
 * Public GETs on the origin through the edge cache: single flight per key and stale-if-error come
 * from the cache; the ETag is added by `toCached`, and the 304 is the caller's (`fromCached`).
 */
export function createCachedRead(deps: Pick<EdgeDeps, 'origin'>, cache: ResponseCache): CachedRead {
  return (path, options = {}) => {
    const key = cacheKey(path);
    return cache.get(key, async () => {
      const entry = await toCached(await originGet(deps.origin, key, options.requestId));
      if (options.kind === 'hls-playlist' && entry.status === 200) entry.headers['cache-control'] = playlistCacheControl(entry.body, key);
      return entry;
    });
  };
}
