import type { Context } from 'hono';
import type { Clock, JwksCache, TokenSettings } from '../core/index.js';
import type { EdgeObserver } from './edge-observer.js';

/** Sends a request to the origin; `path` includes the query string. */
export type OriginFetch = (path: string, init: RequestInit) => Promise<Response>;

export interface EdgeSettings extends TokenSettings {
  maxBodyBytes: number;
  rateLimits: boolean;
  /** Per IP per minute. */
  guestPerMinute: number;
  /** Logins per client IP per minute (each costs the origin a scrypt). */
  loginPerMinute: number;
  /** Per IP per minute; a join without a token also spends one guest (docs/decisions/0010). */
  joinPerMinute: number;
  /** Per identity (one of our id tokens) per minute: rejoins, reloads, retries. */
  joinPerIdentityPerMinute: number;
  /** Hearts and playback beacons per client IP per minute, all channels together (a viewer sends ~3 beacons and ≤ 30 batches of hearts a minute). */
  viewerWritesPerMinute: number;
}

/** Every port of the edge; entries (`entry/*.ts`) build them for their runtime. */
export interface EdgeDeps {
  clock: Clock;
  /** The public, cacheable GETs the edge consumes itself: queue state, event and catalog JSON, JWKS, HLS. */
  origin: OriginFetch;
  /**
   * Sends on what the edge does not answer itself (writes, passthrough) and owns that exchange.
   * Unset, requests are relayed through `origin`. The Lambda@Edge entry hands them back to
   * CloudFront instead, which signs them for the origin's Function URL (docs/decisions/0007).
   */
  forward?: OriginFetch;
  jwks: JwksCache;
  settings: EdgeSettings;
  /** Serves the web app for non-API paths (Node entry: dist/web; CloudFront: the S3 origin). */
  assets?: (request: Request) => Promise<Response>;
  /** The caller's address as the runtime reports it. */
  clientIp?: (c: Context) => string | undefined;
  /** Request lines and faults; `consoleObserver` (faults only) by default. */
  observe?: EdgeObserver;
}

export const defaultEdgeSettings: EdgeSettings = {
  issuer: 'banjjak-origin',
  audience: 'banjjak',
  maxBodyBytes: 16 * 1024,
  rateLimits: true,
  guestPerMinute: 30,
  loginPerMinute: 10,
  joinPerMinute: 60,
  joinPerIdentityPerMinute: 10,
  viewerWritesPerMinute: 240,
};
