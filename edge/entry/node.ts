import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import { systemClock } from '../../core/index.js';
import { createEdgeApp } from '../app.js';
import { defaultEdgeSettings } from '../deps.js';
import { loadJwks } from '../tokens/load-jwks.js';
import { createNodeAssets } from './node-assets.js';
import { createDrain, DRAIN_MS, serveMetrics } from '../../core/node/index.js';
import { createNodeTelemetry } from './node-telemetry.js';

// The local front door: the edge app on @hono/node-server, serving the API and the built web app.
const config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    ORIGIN_URL: z.url(),
    WEB_DIR: z.string().default('dist/web'),
    RATE_LIMITS: z.enum(['on', 'off']).default('on'),
    /** Prometheus on 127.0.0.1 at this port (`GET /metrics`), never on the public one; unset: none. 0: a free port. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** JSON log lines at this level and above; `info` has one line per request. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .parse(process.env);

const clock = systemClock;
const origin = (path: string, init: RequestInit) => fetch(new URL(path, config.ORIGIN_URL), init);
const jwks = loadJwks(origin, clock);
const telemetry = createNodeTelemetry({ level: config.LOG_LEVEL });
// Its lines are written 4 KB at a time; what is buffered is written when the process exits, however it exits.
process.once('exit', () => telemetry.flushLog());
const metrics = config.METRICS_PORT === undefined ? undefined : await serveMetrics(telemetry.registry, config.METRICS_PORT);

const app = createEdgeApp({
  clock,
  origin,
  jwks,
  settings: { ...defaultEdgeSettings, rateLimits: config.RATE_LIMITS === 'on' },
  assets: createNodeAssets(config.WEB_DIR),
  clientIp: (c) => getConnInfo(c).remote.address,
  observe: telemetry.observer,
});

// Answers given while draining close their socket behind them (core/node/drain.ts).
const drain = createDrain();
const serveRequest = async (request: Request, env?: unknown): Promise<Response> => {
  const response = await app.fetch(request, env);
  if (drain.draining) response.headers.set('connection', 'close');
  return response;
};

const server = serve({ fetch: serveRequest, hostname: config.HOST, port: config.PORT }, (info) => {
  const message = { type: 'ready', role: 'edge', port: info.port, metricsPort: metrics?.port };
  if (process.send) process.send(message);
  else telemetry.log.info({ url: `http://localhost:${info.port}`, metricsPort: metrics?.port }, 'edge listening');
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // Exit 0 only once every request in flight has been answered (DRAIN_MS bound, else 1).
  const drained = await drain.run(server as Server);
  await metrics?.close();
  if (!drained) telemetry.log.error({ boundMs: DRAIN_MS }, 'edge stopped with requests still in flight');
  process.exit(drained ? 0 : 1);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.on('disconnect', () => void stop());
