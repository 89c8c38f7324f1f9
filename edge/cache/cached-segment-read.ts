import type { EdgeDeps } from '../deps.js';
import { originGet } from '../routes/origin-proxy.js';
import { cacheKey } from './cached-origin-read.js';
import { SEGMENT_CACHE_CONTROL } from './hls-cache-control.js';
import { createResponseCache, type CachedResponse, type ResponseCache } from './response-cache.js';

export type CachedSegmentRead = (path: string, requestId?: string) => Promise<CachedResponse<Uint8Array<ArrayBuffer>>>;

/**
 * Segments held by one edge at most (bytes). A live channel's viewers all want the same few
 * newest segments, so a small budget serves them; older ones are dropped first (CloudFront keeps
 * the long tail when deployed).
 */
export const SEGMENT_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * HLS segments through a cache of their own (bytes, with a byte budget): every viewer of a live
 * channel asks for the same segment within a target duration, so the first request fetches it from
 * the origin and the others wait for that fetch (single flight), then it is served from memory for
 * as long as its immutable Cache-Control says. A 404 is kept a few seconds like any other.
 */
export function createCachedSegmentRead(deps: Pick<EdgeDeps, 'origin' | 'clock'>, cache: ResponseCache<Uint8Array<ArrayBuffer>> = createResponseCache<Uint8Array<ArrayBuffer>>(deps.clock, { maxBytes: SEGMENT_CACHE_BYTES })): CachedSegmentRead {
  return (path, requestId) => {
    const key = cacheKey(path);
    return cache.get(key, async () => {
      const response = await originGet(deps.origin, key, requestId);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      if (response.status === 200) headers['cache-control'] = SEGMENT_CACHE_CONTROL;
      return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) };
    });
  };
}
