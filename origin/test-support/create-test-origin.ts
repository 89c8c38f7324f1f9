import { randomBytes } from 'node:crypto';
import { createFakeClock, type FakeClock } from '../../core/index.js';
import type { AdmissionQueue } from '../admission/admission-queue.js';
import { createMemoryAdmissionQueue } from '../admission/memory-admission-queue.js';
import { createOriginApp } from '../app.js';
import { createChannelService } from '../channels/channel-service.js';
import type { ChannelConfig } from '../channels/channel-config.js';
import type { ChannelCounters } from '../channels/channel-counters.js';
import type { ChannelStream } from '../channels/channel-stream.js';
import { createMemoryChannelCounters } from '../channels/memory-channel-counters.js';
import { createPlaybackTokenSigner, loadPlaybackPrivateKey } from '../channels/playback-tokens.js';
import { createSimulatedChannelStream } from '../channels/simulated-channel-stream.js';
import { createSimulatedHls, sampleMediaDir } from '../channels/simulated-hls.js';
import { defaultOriginSettings, type OriginDeps, type OriginSettings } from '../deps.js';
import { demoChannels } from '../demo/seed-demo.js';
import type { ExternalIdentityVerifier } from '../identity/oidc-verifier.js';
import { createIdGenerator } from '../ids.js';
import type { InventoryGate } from '../inventory/inventory-gate.js';
import type { ReplayPlays } from '../replays/replay-plays.js';
import { createMemoryInventoryGate } from '../inventory/memory-inventory-gate.js';
import { createMemoryQoeStore } from '../qoe/memory-qoe-store.js';
import type { QoeStore } from '../qoe/qoe-store.js';
import { createDynamoLedger } from '../ledger/dynamo-ledger.js';
import { ensureLedgerTable } from '../ledger/ensure-table.js';
import { generateSigningKey } from '../tokens/signing-keys.js';
import { createTokenIssuer } from '../tokens/token-issuer.js';
import type { TestDynamo } from './start-dynalite.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestOrigin {
  app: ReturnType<typeof createOriginApp>['app'];
  /** The origin's event service, for driving the lifecycle's tick as the timer would. */
  events: ReturnType<typeof createOriginApp>['events'];
  /** The origin's replay service (the IVS entry saves recordings through it). */
  replays: ReturnType<typeof createOriginApp>['replays'];
  deps: OriginDeps;
  clock: FakeClock;
  tableName: string;
}

/** A real origin app on a fresh ledger table, memory stores by default, and a fake clock. */
export async function createTestOrigin(
  dynamo: TestDynamo,
  overrides: { queue?: AdmissionQueue; gate?: InventoryGate; clock?: FakeClock; oidc?: ExternalIdentityVerifier; settings?: Partial<OriginSettings>; stream?: ChannelStream; channels?: ChannelConfig[]; counters?: ChannelCounters; qoe?: QoeStore; replayPlays?: ReplayPlays } = {},
): Promise<TestOrigin> {
  const clock = overrides.clock ?? createFakeClock(Date.parse('2026-12-05T00:00:00Z'));
  const tableName = `t-${randomBytes(6).toString('hex')}`;
  await ensureLedgerTable(dynamo.client, tableName);
  const settings = { ...defaultOriginSettings, adminToken: TEST_ADMIN_TOKEN, ...overrides.settings };
  const { key } = await generateSigningKey(new Date(clock.now()));
  const ledger = createDynamoLedger(dynamo.client, tableName);
  const channels = overrides.channels ?? demoChannels;
  const counters = overrides.counters ?? createMemoryChannelCounters();
  const viewers = (channelId: string) => counters.viewers(channelId, clock.now());
  const deps: OriginDeps = {
    clock,
    ids: createIdGenerator(() => clock.now()),
    queue: overrides.queue ?? createMemoryAdmissionQueue(),
    gate: overrides.gate ?? createMemoryInventoryGate(),
    ledger,
    tokens: createTokenIssuer({ active: key, all: [key] }, settings, clock),
    channels: createChannelService({ configs: channels, stream: overrides.stream ?? createSimulatedChannelStream({ channels, viewers }), ledger, clock, counters }),
    qoe: overrides.qoe ?? createMemoryQoeStore(),
    playback: createPlaybackTokenSigner(loadPlaybackPrivateKey(undefined), { allowedOrigin: '*', clock }),
    hls: createSimulatedHls({ mediaDir: sampleMediaDir, pinsOf: (channelId, sinceMs) => ledger.pinHistory(channelId, sinceMs) }),
    settings,
    ...(overrides.oidc && { oidc: overrides.oidc }),
    ...(overrides.replayPlays && { replayPlays: overrides.replayPlays }),
  };
  const { app, events, replays } = createOriginApp(deps);
  return { app, events, replays, deps, clock, tableName };
}

/** A booking event open at the clock's time, with `capacity` places in each of `slots` slots. */
export function openEvent(clock: FakeClock, overrides: Record<string, unknown> = {}) {
  return {
    title: 'Test drop',
    kind: 'booking',
    startsAt: new Date(clock.now() - 60_000).toISOString(),
    endsAt: new Date(clock.now() + 3_600_000).toISOString(),
    admission: { newUsersPerMinute: 600, maxActiveUsers: 100, sessionSeconds: 600 },
    items: [
      { id: 'slot-a', label: '10:00', capacity: 2, perUserLimit: 1 },
      { id: 'slot-b', label: '11:00', capacity: 5, perUserLimit: 2 },
    ],
    ...overrides,
  };
}
