import type { Clock } from '../../core/index.js';

/** A cached answer: JSON and playlists as text, HLS segments as bytes. */
export interface CachedResponse<Body extends string | Uint8Array = string> {
  status: number;
  /** Lower-case names; a plain object is what the Node adapter writes fastest. */
  headers: Record<string, string>;
  body: Body;
}

interface Entry<Body extends string | Uint8Array> {
  value: CachedResponse<Body>;
  freshUntil: number;
  staleUntil: number;
}

export interface ResponseCache<Body extends string | Uint8Array = string> {
  /**
   * Serves a fresh entry, else loads once however many callers wait (single flight). When the load
   * fails and a stale entry is within its stale-if-error window, serves that instead.
   */
  get(key: string, load: () => Promise<CachedResponse<Body>>): Promise<CachedResponse<Body>>;
  size(): number;
  /** Bytes of the bodies held (a string counts its UTF-16 code units). */
  bytes(): number;
}

export interface ResponseCacheLimits {
  /** Entries held at most. @default 10_000 */
  maxEntries?: number;
  /** Body bytes held at most; least recently used entries go first. @default unbounded */
  maxBytes?: number;
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
export function cachePolicy(response: CachedResponse<string | Uint8Array>): { ttlMs: number; staleIfErrorMs: number } {
  const header = response.headers['cache-control'];
  if (/no-store|private/.test(header ?? '')) return { ttlMs: 0, staleIfErrorMs: 0 };
  if (response.status === 404) return { ttlMs: NOT_FOUND_TTL_MS, staleIfErrorMs: 0 };
  if (response.status !== 200) return { ttlMs: 0, staleIfErrorMs: 0 };
  const ttl = directive(header, 's-maxage') ?? directive(header, 'max-age') ?? 0;
  return { ttlMs: ttl * 1000, staleIfErrorMs: (directive(header, 'stale-if-error') ?? 0) * 1000 };
}

const sizeOf = (body: string | Uint8Array) => (typeof body === 'string' ? body.length : body.byteLength);

/**
 * The edge's own small cache, per isolate/process: what CloudFront does when deployed. Bounded in
 * entries (and in bytes when asked), least recently used out first.
 */
export function createResponseCache<Body extends string | Uint8Array = string>(clock: Clock, limits: number | ResponseCacheLimits = {}): ResponseCache<Body> {
  const { maxEntries = 10_000, maxBytes = Number.POSITIVE_INFINITY } = typeof limits === 'number' ? { maxEntries: limits } : limits;
  const entries = new Map<string, Entry<Body>>();
  const inflight = new Map<string, Promise<CachedResponse<Body>>>();
  let bytes = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= sizeOf(entry.value.body);
    entries.delete(key);
  };

  const store = (key: string, value: CachedResponse<Body>) => {
    const { ttlMs, staleIfErrorMs } = cachePolicy(value);
    const size = sizeOf(value.body);
    if (ttlMs <= 0 || size > maxBytes) return;
    drop(key);
    while (entries.size > 0 && (entries.size >= maxEntries || bytes + size > maxBytes)) drop(entries.keys().next().value!);
    const now = clock.now();
    entries.set(key, { value, freshUntil: now + ttlMs, staleUntil: now + ttlMs + staleIfErrorMs });
    bytes += size;
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
    bytes: () => bytes,
  };
}
