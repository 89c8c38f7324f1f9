import type { Context } from 'hono';
import { systemClock } from '../../core/index.js';
import { createEdgeApp } from '../app.js';
import { loadJwks } from '../tokens/load-jwks.js';
import { toEdgeSettings, type EdgeConfig } from './edge-config.js';

/** The edge wired to an origin reached with `fetch`, for reads and forwards alike: the Workers entry. */
export function createFetchEdge(config: EdgeConfig, clientIp: (c: Context) => string | undefined) {
  const clock = systemClock;
  const origin = (path: string, init: RequestInit) => fetch(new URL(path, config.originUrl), init);
  const jwks = loadJwks(origin, clock);
  return createEdgeApp({ clock, origin, jwks, settings: toEdgeSettings(config), clientIp });
}
