import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import { systemClock } from '../../core/index.js';
import { createEdgeApp } from '../app.js';
import { defaultEdgeSettings } from '../deps.js';
import { loadJwks } from '../tokens/load-jwks.js';
import { createNodeAssets } from './node-assets.js';

// The local front door: the edge app on @hono/node-server, serving the API and the built web app.
const config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    ORIGIN_URL: z.url(),
    WEB_DIR: z.string().default('dist/web'),
    RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  })
  .parse(process.env);

const clock = systemClock;
const origin = (path: string, init: RequestInit) => fetch(new URL(path, config.ORIGIN_URL), init);
const jwks = loadJwks(origin, clock);

const app = createEdgeApp({
  clock,
  origin,
  jwks,
  settings: { ...defaultEdgeSettings, rateLimits: config.RATE_LIMITS === 'on' },
  assets: createNodeAssets(config.WEB_DIR),
  clientIp: (c) => getConnInfo(c).remote.address,
});

const server = serve({ fetch: app.fetch, hostname: config.HOST, port: config.PORT }, (info) => {
  const message = { type: 'ready', role: 'edge', port: info.port };
  if (process.send) process.send(message);
  else console.log(`edge listening on http://localhost:${info.port}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.on('disconnect', stop);
