import type { Context } from 'hono';
import type { JSONWebKeySet } from 'jose';
import { createJwksCache, systemClock } from '../../core/index.js';
import { createEdgeApp } from '../app.js';
import { toEdgeSettings, type EdgeConfig } from './edge-config.js';

/** The edge wired to an origin reached with `fetch`: what the Lambda@Edge and Workers entries share. */
export function createFetchEdge(config: EdgeConfig, clientIp: (c: Context) => string | undefined) {
  const clock = systemClock;
  const origin = (path: string, init: RequestInit) => fetch(new URL(path, config.originUrl), init);
  const jwks = createJwksCache({
    clock,
    load: async () => {
      const response = await origin('/.well-known/jwks.json', { method: 'GET', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`JWKS fetch failed: ${response.status}`);
      return (await response.json()) as JSONWebKeySet;
    },
  });
  return createEdgeApp({ clock, origin, jwks, settings: toEdgeSettings(config), clientIp });
}
