import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { collectDefaultMetrics } from 'prom-client';
import { createDrain, DRAIN_MS, serveMetrics } from '../core/node/index.js';
import { buildOrigin } from './boot/build-origin.js';
import { parseOriginConfig } from './config.js';
import { bufferProcessLog, log } from './logging/log.js';
import { originMetrics } from './metrics/origin-metrics.js';
import { startEventTicks } from './events/start-event-ticks.js';
import { startReconciler } from './reconcile/start-reconciler.js';
import { LEASE_RENEW_MS } from './bookings/owner-lease.js';
import { KEY_REFRESH_MS } from './tokens/refresh-signing-keys.js';
import { REPLAY_PLAYS_FOLD_MS } from './replays/fold-replay-plays.js';

// The Node server: with `entry/lambda.ts`, the only reader of process.env in origin/.
const config = parseOriginConfig(process.env);
// A long-lived server: log lines are written 4 KB at a time, not one write per request; what is
// buffered is written when the process exits, however it exits.
const logOut = bufferProcessLog();
process.once('exit', () => logOut.flush());
const origin = await buildOrigin(config);

// Settle what a previous process left half-done before taking traffic, then keep at it.
const reconciler = startReconciler(origin.reconcile, config.RECONCILE_INTERVAL_MS);
await reconciler.runNow();
// The lifecycle's moments (the draw at startsAt, closing at endsAt) happen on time, on every instance.
const ticks = startEventTicks(origin.ticks, config.EVENT_TICK_MS);
await ticks.runNow();
// A rotation written by another instance reaches this one within KEY_REFRESH_MS.
const keyReload = setInterval(() => void origin.refreshKeys.run(), KEY_REFRESH_MS);
keyReload.unref();
// While this process lives its booking attempts are its own; once it dies they are settled within LEASE_TTL_MS.
const leaseRenewal = setInterval(() => void origin.lease.renew().catch((error: unknown) => log.warn({ err: error }, 'lease renewal failed')), LEASE_RENEW_MS);
leaseRenewal.unref();
// Replays' plays reach the chart within a fold period (and the edge's 30 s).
const playsFold = setInterval(() => void origin.foldPlays.run(), REPLAY_PLAYS_FOLD_MS);
playsFold.unref();

// Prometheus on its own loopback listener, never a route of the app (origin/README.md, "Logs and metrics").
collectDefaultMetrics({ register: originMetrics.registry });
const metrics = config.METRICS_PORT === undefined ? undefined : await serveMetrics(originMetrics.registry, config.METRICS_PORT);

// Answers given while draining close their socket behind them (see core/node/drain.ts).
const drain = createDrain();
const fetch = async (request: Request, env?: unknown): Promise<Response> => {
  const response = await origin.app.fetch(request, env);
  if (drain.draining) response.headers.set('connection', 'close');
  return response;
};

const server = serve({ fetch, hostname: config.ORIGIN_HOST, port: config.ORIGIN_PORT }, (info) => {
  const message = { type: 'ready', role: 'origin', port: info.port, metricsPort: metrics?.port };
  if (process.send) process.send(message);
  else log.info({ url: `http://${config.ORIGIN_HOST}:${info.port}`, metricsPort: metrics?.port }, 'origin listening');
});

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(keyReload);
  clearInterval(leaseRenewal);
  clearInterval(playsFold);
  const passesStopped = Promise.all([reconciler.stop(), ticks.stop()]);
  // Exit 0 only once every request in flight has been answered and the stores are closed.
  const drained = await drain.run(server as Server);
  await passesStopped.catch(() => undefined);
  await Promise.all([origin.close().catch(() => undefined), metrics?.close()]);
  if (!drained) log.error({ drainMs: DRAIN_MS }, 'origin stopped with requests still in flight');
  process.exit(drained ? 0 : 1);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
process.on('disconnect', () => void stop());
