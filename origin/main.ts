import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { systemClock } from '../core/index.js';
import type { AdmissionQueue } from './admission/admission-queue.js';
import { createMemoryAdmissionQueue } from './admission/memory-admission-queue.js';
import { createRedisAdmissionQueue } from './admission/redis-admission-queue.js';
import { createUpstashAdmissionQueue } from './admission/upstash-admission-queue.js';
import { createOriginApp } from './app.js';
import { createStaticChannelDirectory } from './channels/channel-directory.js';
import { createSimulatedHls, sampleMediaDir } from './channels/simulated-hls.js';
import { parseOriginConfig } from './config.js';
import { defaultOriginSettings, type OriginDeps } from './deps.js';
import { demoChannels, seedDemo } from './demo/seed-demo.js';
import { createIdGenerator } from './ids.js';
import { createOidcVerifier } from './identity/oidc-verifier.js';
import type { InventoryGate } from './inventory/inventory-gate.js';
import { createMemoryInventoryGate } from './inventory/memory-inventory-gate.js';
import { createRedisInventoryGate } from './inventory/redis-inventory-gate.js';
import { createUpstashInventoryGate } from './inventory/upstash-inventory-gate.js';
import { createDynamoLedger } from './ledger/dynamo-ledger.js';
import { ensureLedgerTable } from './ledger/ensure-table.js';
import { startEventTicks } from './events/start-event-ticks.js';
import { startReconciler } from './reconcile/start-reconciler.js';
import { loadOrCreateSigningKeys } from './tokens/signing-keys.js';
import { createTokenIssuer } from './tokens/token-issuer.js';

// The only reader of process.env in origin/: builds the real ports and serves the app on Node.
const config = parseOriginConfig(process.env);
const clock = systemClock;

const dynamo = new DynamoDBClient({
  region: config.AWS_REGION,
  ...(config.DYNAMODB_ENDPOINT && {
    endpoint: config.DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
});
if (config.CREATE_TABLE) await ensureLedgerTable(dynamo, config.DYNAMODB_TABLE);

// REDIS_URL → ioredis (TCP), UPSTASH_REDIS_REST_* → @upstash/redis (HTTP), else in-process.
let redis: Redis | undefined;
let queue: AdmissionQueue;
let gate: InventoryGate;
if (config.REDIS_URL) {
  redis = new Redis(config.REDIS_URL, { enableAutoPipelining: true });
  queue = createRedisAdmissionQueue(redis);
  gate = createRedisInventoryGate(redis);
} else if (config.UPSTASH_REDIS_REST_URL && config.UPSTASH_REDIS_REST_TOKEN) {
  // Raw replies: the adapters parse them themselves (a user id "1234" must stay a string).
  const upstash = new UpstashRedis({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN, automaticDeserialization: false });
  queue = createUpstashAdmissionQueue(upstash);
  gate = createUpstashInventoryGate(upstash);
} else {
  queue = createMemoryAdmissionQueue();
  gate = createMemoryInventoryGate();
}

const settings = {
  ...defaultOriginSettings,
  adminToken: config.ADMIN_TOKEN,
  issuer: config.TOKEN_ISSUER,
  audience: config.TOKEN_AUDIENCE,
  bookingTimeoutMs: config.BOOKING_TIMEOUT_MS,
};
const keys = await loadOrCreateSigningKeys(join(config.DATA_DIR, 'keys'), new Date(clock.now()));
const deps: OriginDeps = {
  clock,
  ids: createIdGenerator(() => clock.now()),
  queue,
  gate,
  ledger: createDynamoLedger(dynamo, config.DYNAMODB_TABLE),
  tokens: createTokenIssuer(keys, settings, clock),
  channels: createStaticChannelDirectory(config.SEED_DEMO ? demoChannels : []),
  hls: createSimulatedHls({ mediaDir: sampleMediaDir, segmentCount: 4, segmentSeconds: 2 }),
  settings,
  ...(config.OIDC_ISSUER &&
    config.OIDC_AUDIENCE &&
    config.OIDC_JWKS_URL && {
      oidc: createOidcVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }, clock),
    }),
};
const { app, events } = createOriginApp(deps);
if (config.SEED_DEMO) await seedDemo(deps.ledger, events, clock.now(), config.DEMO_PASSWORD);

// Settle what a previous process left half-done before taking traffic, then keep at it.
const reconciler = startReconciler(deps, config.RECONCILE_INTERVAL_MS);
await reconciler.runNow();
// The lifecycle's moments (the draw at startsAt, closing at endsAt) happen on time, on every instance.
const ticks = startEventTicks(deps.ledger, events, config.EVENT_TICK_MS);
await ticks.runNow();

const server = serve({ fetch: app.fetch, hostname: config.ORIGIN_HOST, port: config.ORIGIN_PORT }, (info) => {
  const message = { type: 'ready', role: 'origin', port: info.port };
  if (process.send) process.send(message);
  else console.log(`origin listening on http://${config.ORIGIN_HOST}:${info.port}`);
});

const stop = () => {
  const reconcilerStopped = Promise.all([reconciler.stop(), ticks.stop()]);
  server.close(() => {
    void reconcilerStopped.finally(() => {
      redis?.disconnect();
      process.exit(0);
    });
  });
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.on('disconnect', stop);
