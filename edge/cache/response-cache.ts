import type { Clock } from '../../core/index.js';

export interface CachedResponse {
  status: number;
  /** Lower-case names; a plain object is what the Node adapter writes fastest. */
  headers: Record<string, string>;
  body: string;
}

interface Entry {
  value: CachedResponse;
  freshUntil: number;
  staleUntil: number;
}

export interface ResponseCache {
  /**
   * Serves a fresh entry, else loads once however many callers wait (single flight). When the load
   * fails and a stale entry is within its stale-if-error window, serves that instead.
   */
  get(key: string, load: () => Promise<CachedResponse>): Promise<CachedResponse>;
  size(): number;
}

const directive = (cacheControl: string | undefined, name: string): number | undefined => {
  const match = new RegExp(`(?:^|[,\\s])${name}=(\\d+)`).exec(cacheControl ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/**
 * How long a 404 is kept: a flood of reads of one unknown id costs the origin one read per key
 * every few seconds, and an event created meanwhile shows up at most this late.
 */
export const NOT_FOUND_TTL_MS = 5_000;

/** TTL from the origin's own `Cache-Control` (s-maxage, then max-age), as a CDN would read it. */
export function cachePolicy(response: CachedResponse): { ttlMs: number; staleIfErrorMs: number } {
  const header = response.headers['cache-control'];
  if (/no-store|private/.test(header ?? '')) return { ttlMs: 0, staleIfErrorMs: 0 };
  if (response.status === 404) return { ttlMs: NOT_FOUND_TTL_MS, staleIfErrorMs: 0 };
  if (response.status !== 200) return { ttlMs: 0, staleIfErrorMs: 0 };
  const ttl = directive(header, 's-maxage') ?? directive(header, 'max-age') ?? 0;
  return { ttlMs: ttl * 1000, staleIfErrorMs: (directive(header, 'stale-if-error') ?? 0) * 1000 };
}

/** The edge's own small cache, per isolate/process: what CloudFront does when deployed. Bounded, least recently used out first. */
export function createResponseCache(clock: Clock, maxEntries = 10_000): ResponseCache {
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<CachedResponse>>();

  const store = (key: string, value: CachedResponse) => {
    const { ttlMs, staleIfErrorMs } = cachePolicy(value);
    if (ttlMs <= 0) return;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    const now = clock.now();
    entries.delete(key);
    entries.set(key, { value, freshUntil: now + ttlMs, staleUntil: now + ttlMs + staleIfErrorMs });
  };

  return {
    async get(key, load) {
      const hit = entries.get(key);
      const now = clock.now();
      if (hit && now < hit.freshUntil) {
        // Least recently used goes first when full: a hit moves its key to the back.
        entries.delete(key);
        entries.set(key, hit);
        return hit.value;
      }
      let pending = inflight.get(key);
      if (!pending) {
        pending = load()
          .then((value) => {
            if (value.status >= 500 && hit && now < hit.staleUntil) return hit.value;
            store(key, value);
            return value;
          })
          .catch((error: unknown) => {
            if (hit && clock.now() < hit.staleUntil) return hit.value;
            throw error;
          })
          .finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      return pending;
    },
    size: () => entries.size,
  };
}
