import { serve } from '@hono/node-server';
import { buildOrigin } from './boot/build-origin.js';
import { parseOriginConfig } from './config.js';
import { startEventTicks } from './events/start-event-ticks.js';
import { startReconciler } from './reconcile/start-reconciler.js';
import { KEY_REFRESH_MS } from './tokens/refresh-signing-keys.js';

// The Node server: with `entry/lambda.ts`, the only reader of process.env in origin/.
const config = parseOriginConfig(process.env);
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

const server = serve({ fetch: origin.app.fetch, hostname: config.ORIGIN_HOST, port: config.ORIGIN_PORT }, (info) => {
  const message = { type: 'ready', role: 'origin', port: info.port };
  if (process.send) process.send(message);
  else console.log(`origin listening on http://${config.ORIGIN_HOST}:${info.port}`);
});

const stop = () => {
  clearInterval(keyReload);
  const passesStopped = Promise.all([reconciler.stop(), ticks.stop()]);
  server.close(() => {
    void passesStopped.finally(() => origin.close().finally(() => process.exit(0)));
  });
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.on('disconnect', stop);
