import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../core/index.js';
import { createOriginApp } from '../app.js';
import { createChannelService } from '../channels/channel-service.js';
import { createPlaybackTokenSigner, loadPlaybackPrivateKey } from '../channels/playback-tokens.js';
import { createSimulatedHls, sampleMediaDir } from '../channels/simulated-hls.js';
import type { OriginConfig } from '../config.js';
import { defaultOriginSettings, type OriginDeps } from '../deps.js';
import { demoChannels, seedDemo } from '../demo/seed-demo.js';
import { createEventTickPass, type EventTickPass } from '../events/start-event-ticks.js';
import { createOidcVerifier } from '../identity/oidc-verifier.js';
import { createIdGenerator } from '../ids.js';
import { createDynamoLedger } from '../ledger/dynamo-ledger.js';
import { ensureLedgerTable } from '../ledger/ensure-table.js';
import { log } from '../logging/log.js';
import { countDynamoErrors } from '../metrics/count-dynamo-errors.js';
import { originMetrics } from '../metrics/origin-metrics.js';
import { createOwnerLease, type OwnerLease } from '../bookings/owner-lease.js';
import { reconcileEvent } from '../reconcile/reconcile-event.js';
import { emptyReport } from '../reconcile/reconcile-report.js';
import { createSettleSoon } from '../reconcile/settle-soon.js';
import { createReconcilePass, type ReconcilePass } from '../reconcile/start-reconciler.js';
import { seedDemoReplays } from '../demo/seed-demo-replays.js';
import type { FoldReport } from '../replays/fold-replay-plays.js';
import type { ReplayService } from '../replays/replay-service.js';
import { readSecretString } from '../secrets/read-secret-string.js';
import { createSinglePass, type SinglePass } from '../upkeep/single-pass.js';
import { createFileSigningKeyStore } from '../tokens/file-signing-key-store.js';
import { createSecretsManagerSigningKeyStore } from '../tokens/secrets-manager-signing-key-store.js';
import type { SigningKeyStore } from '../tokens/signing-key-store.js';
import { createSigningKeyControl } from '../tokens/signing-key-control.js';
import { createKeyRefreshPass, type KeyRefreshPass } from '../tokens/refresh-signing-keys.js';
import { loadOrCreateSigningKeys } from '../tokens/signing-keys.js';
import { createTokenIssuer } from '../tokens/token-issuer.js';
import { buildChannelStream } from './build-channel-stream.js';
import { buildStores } from './build-stores.js';

export interface BuildOriginOptions {
  clock?: Clock;
}

export interface BuiltOrigin {
  app: ReturnType<typeof createOriginApp>['app'];
  events: ReturnType<typeof createOriginApp>['events'];
  deps: OriginDeps;
  /** Where the signing keys live: `rotateSigningKeys(keyStore, …)`, then `deps.tokens.setKeys(…)`; other instances follow within KEY_REFRESH_MS. */
  keyStore: SigningKeyStore;
  /** The reconciler, the event ticks and the key reload as passes; the entry decides when they run. */
  reconcile: ReconcilePass;
  ticks: EventTickPass;
  refreshKeys: KeyRefreshPass;
  /** Renewed every LEASE_RENEW_MS while the instance runs (`main.ts`, the Lambda entry). */
  lease: OwnerLease;
  /** Replays: the IVS entry saves recordings through it (`recordIvsEvent`). */
  replays: ReplayService;
  /** Folds the plays counted into the replays' totals; run every REPLAY_PLAYS_FOLD_MS. */
  foldPlays: SinglePass<FoldReport>;
  /** Waits for running passes and closes the clients. */
  close(): Promise<void>;
}

/** The operator and Upstash tokens, given in the environment or read from their secrets. */
async function readTokens(config: OriginConfig, secrets: SecretsManagerClient | undefined) {
  const secret = async (value: string | undefined, arn: string | undefined) => value ?? (arn && secrets ? readSecretString(secrets, arn) : undefined);
  const [adminToken, upstashToken, playbackKey] = await Promise.all([
    secret(config.ADMIN_TOKEN, config.ADMIN_TOKEN_SECRET_ARN),
    secret(config.UPSTASH_REDIS_REST_TOKEN, config.UPSTASH_REDIS_REST_TOKEN_SECRET_ARN),
    secret(config.IVS_PLAYBACK_PRIVATE_KEY, config.IVS_PLAYBACK_KEY_SECRET_ARN),
  ]);
  if (!adminToken || adminToken.length < 16) throw new Error('the operator token (ADMIN_TOKEN or its secret) must be at least 16 characters');
  return { adminToken, upstashToken, playbackKey };
}

/** The ledger table (created when CREATE_TABLE) and the shared key set; the clients are closed on failure. */
async function openLedgerAndKeys(config: OriginConfig, secrets: SecretsManagerClient | undefined, now: Date) {
  const dynamo = new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT && { endpoint: config.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
  try {
    if (config.CREATE_TABLE) await ensureLedgerTable(dynamo, config.DYNAMODB_TABLE);
    // Counted from here: the table check above expects a not-found on a first start.
    countDynamoErrors(dynamo, originMetrics);
    const keyStore = config.SIGNING_KEYS_SECRET_ARN && secrets
      ? createSecretsManagerSigningKeyStore(secrets, config.SIGNING_KEYS_SECRET_ARN)
      : createFileSigningKeyStore(join(config.DATA_DIR, 'keys'));
    return { dynamo, keyStore, keys: await loadOrCreateSigningKeys(keyStore, now) };
  } catch (error) {
    dynamo.destroy();
    secrets?.destroy();
    throw error;
  }
}

/**
 * config → real clients and ports → the app: what the Node server (`origin/main.ts`) and the
 * Lambda entry (`origin/entry/lambda.ts`) share. Secrets named by ARN are read here, once.
 */
export async function buildOrigin(config: OriginConfig, options: BuildOriginOptions = {}): Promise<BuiltOrigin> {
  const clock = options.clock ?? systemClock;
  const needsSecrets = Boolean(config.ADMIN_TOKEN_SECRET_ARN || config.UPSTASH_REDIS_REST_TOKEN_SECRET_ARN || config.SIGNING_KEYS_SECRET_ARN || config.IVS_PLAYBACK_KEY_SECRET_ARN);
  // One client for the `*_SECRET_ARN` settings, made only when one is set.
  const secrets = needsSecrets ? new SecretsManagerClient({ region: config.AWS_REGION }) : undefined;
  const { adminToken, upstashToken, playbackKey } = await readTokens(config, secrets).catch((error: unknown) => {
    secrets?.destroy();
    throw error;
  });
  const { dynamo, keyStore, keys } = await openLedgerAndKeys(config, secrets, new Date(clock.now()));
  const stores = buildStores(config, upstashToken);

  const settings = { ...defaultOriginSettings, adminToken, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE, bookingTimeoutMs: config.BOOKING_TIMEOUT_MS };
  const tokens = createTokenIssuer(keys, settings, clock);
  const ledger = createDynamoLedger(dynamo, config.DYNAMODB_TABLE);
  // Alive before the first request: the attempts it journals name this lease.
  const lease = createOwnerLease(ledger, clock);
  await lease.renew();
  const refreshKeys = createKeyRefreshPass(keyStore, tokens, clock);
  const channelConfigs = config.CHANNELS ?? (config.SEED_DEMO ? demoChannels : []);
  log.level = config.LOG_LEVEL;
  const stream = buildChannelStream({
    channels: channelConfigs,
    region: config.AWS_REGION,
    // Simulated channels' viewers: the distinct viewers of the last minute, from the playback beacons.
    viewers: (channelId) => stores.counters.viewers(channelId, clock.now()),
    onError: (error, operation) => log.warn({ err: error, operation }, 'live channel call failed'),
  });
  const deps: OriginDeps = {
    clock,
    log,
    ids: createIdGenerator(() => clock.now()),
    queue: stores.queue,
    gate: stores.gate,
    ledger,
    lease,
    tokens,
    signingKeys: createSigningKeyControl(keyStore, tokens, refreshKeys, clock, settings),
    channels: createChannelService({ configs: channelConfigs, stream, ledger, clock, counters: stores.counters }),
    qoe: stores.qoe,
    replayPlays: stores.replayPlays,
    // A key made at start works for the local stack's simulated channels only: IVS knows just the uploaded one.
    ...((playbackKey || config.BANJJAK_STACK === 'local') && {
      playback: createPlaybackTokenSigner(loadPlaybackPrivateKey(playbackKey), { allowedOrigin: config.PLAYBACK_ALLOWED_ORIGIN, clock }),
    }),
    // The sample segments ship with the local stack only; on AWS channels play from IVS.
    ...(config.BANJJAK_STACK === 'local' && { hls: createSimulatedHls({ mediaDir: sampleMediaDir, pinsOf: (channelId, sinceMs) => ledger.pinHistory(channelId, sinceMs) }) }),
    settings,
    ...(config.OIDC_ISSUER && config.OIDC_AUDIENCE && config.OIDC_JWKS_URL && {
      oidc: createOidcVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }, clock),
    }),
  };
  const { app, events, replays } = createOriginApp(deps);
  if (config.SEED_DEMO) {
    // The past shows first: their pins come before the channels' current ones in the history.
    await seedDemoReplays(deps.ledger, replays, clock.now());
    await seedDemo(deps.ledger, events, deps.channels, clock.now(), config.DEMO_PASSWORD);
  }
  const foldPlays = createSinglePass('replay plays fold', () => replays.fold());
  const reconcile = createReconcilePass(deps);
  deps.settleSoon = createSettleSoon((eventId) => reconcileEvent(deps, eventId, clock.now(), emptyReport()));
  const ticks = createEventTickPass(deps.ledger, events);
  const close = async () => {
    await Promise.all([reconcile.idle(), ticks.idle(), refreshKeys.idle(), foldPlays.run()]);
    stores.close();
    stream.close();
    dynamo.destroy();
    secrets?.destroy();
  };
  return { app, events, deps, keyStore, lease, replays, foldPlays, reconcile, ticks, refreshKeys, close };
}
