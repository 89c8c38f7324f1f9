/**
 * One origin app as `bench:queue` drives it, in the main thread or in a worker (one per core):
 * the real app (`app.request`: Hono, tokens, zod, metrics) over a given queue, a dynalite ledger
 * table shared by every instance, and identities signed up front so each join presents a token
 * the instance has never verified (one ECDSA verification and one signature per join).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../core/index.js';
import type { AdmissionQueue } from '../origin/admission/admission-queue.js';
import { createOriginApp } from '../origin/app.js';
import { createChannelService } from '../origin/channels/channel-service.js';
import { createSimulatedChannelStream } from '../origin/channels/simulated-channel-stream.js';
import { defaultOriginSettings, type OriginDeps } from '../origin/deps.js';
import { createIdGenerator } from '../origin/ids.js';
import { createMemoryInventoryGate } from '../origin/inventory/memory-inventory-gate.js';
import { createDynamoLedger } from '../origin/ledger/dynamo-ledger.js';
import type { SigningKey } from '../origin/tokens/signing-keys.js';
import { createTokenIssuer, type TokenIssuer } from '../origin/tokens/token-issuer.js';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';
const settings = { ...defaultOriginSettings, adminToken: BENCH_ADMIN_TOKEN };

export const dynamoAt = (port: number) =>
  new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}`, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

/**
 * Tokens without cryptography, for one phase only: what joins would reach if signing and
 * verifying cost nothing, i.e. how much of a join is the tokens at all.
 */
function createStubIssuer(real: TokenIssuer): TokenIssuer {
  return {
    ...real,
    sign: async (_kind, _payload, ttlSeconds) => ({ token: 'stub.stub.stub', expiresAt: Date.now() + ttlSeconds * 1000 }),
    verify: async (_kind, token) => ({ sub: `guest_${token.slice(-12)}`, idk: 'guest', iat: 0, exp: 4_000_000_000 }) as never,
  };
}

export function createBenchOrigin(options: { dynamo: DynamoDBClient; tableName: string; queue: AdmissionQueue; key: SigningKey; stubTokens?: boolean }) {
  const { dynamo, tableName, queue, key } = options;
  const ledger = createDynamoLedger(dynamo, tableName);
  const tokens = createTokenIssuer({ active: key, all: [key] }, settings, systemClock);
  const deps: OriginDeps = {
    clock: systemClock,
    ids: createIdGenerator(),
    queue,
    gate: createMemoryInventoryGate(),
    ledger,
    tokens: options.stubTokens ? createStubIssuer(tokens) : tokens,
    channels: createChannelService({ configs: [], stream: createSimulatedChannelStream({ channels: [], viewers: async () => null }), ledger, clock: systemClock }),
    settings,
  };
  return createOriginApp(deps).app;
}

export type BenchApp = ReturnType<typeof createBenchOrigin>;

/** An open drop admitting 6,000 a minute: what every join of a phase asks for. */
export async function createBenchEvent(app: BenchApp): Promise<string> {
  const created = await app.request('/api/admin/events', {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Bench drop',
      kind: 'booking',
      startsAt: new Date(Date.now() - 1_000).toISOString(),
      admission: { newUsersPerMinute: 6_000, maxActiveUsers: 1_000, sessionSeconds: 600 },
      items: [{ id: 'slot', label: 'Slot', capacity: 100, perUserLimit: 1 }],
    }),
  });
  if (created.status !== 201) throw new Error(`creating the bench drop answered ${created.status}: ${await created.text()}`);
  return ((await created.json()) as { id: string }).id;
}

/** Identity tokens signed by another issuer on the same key, so the app's verified-token cache stays cold. */
export async function signIdentities(key: SigningKey, label: string, count: number): Promise<string[]> {
  const signer = createTokenIssuer({ active: key, all: [key] }, settings, systemClock);
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push((await signer.sign('id', { sub: `guest_${label}_${i}`, idk: 'guest' }, 3_600)).token);
  return tokens;
}

/**
 * Joins through `app` from `loops` callers, back to back, for `ms` after `warmMs`; each join takes
 * the next identity from `identities` (one beyond the last reuses one, and is counted: a cache hit).
 */
export function createJoiner(app: BenchApp, eventId: string, identities: string[]) {
  let next = 0;
  let reused = 0;
  const join = async () => {
    const i = next++;
    if (i >= identities.length) reused += 1;
    const response = await app.request(`/api/queue/${eventId}/join`, { method: 'POST', headers: { authorization: `Bearer ${identities[i % identities.length]}` } });
    if (response.status !== 201 && response.status !== 200) throw new Error(`join answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  return {
    /** Joins per second over `ms`, after `warmMs` of the same. */
    async run(loops: number, warmMs: number, ms: number): Promise<{ joins: number; seconds: number }> {
      const loop = async (until: number, count: { n: number }) => {
        while (performance.now() < until) {
          await join();
          count.n += 1;
        }
      };
      const warm = { n: 0 };
      const warmUntil = performance.now() + warmMs;
      await Promise.all(Array.from({ length: loops }, () => loop(warmUntil, warm)));
      const measured = { n: 0 };
      const started = performance.now();
      await Promise.all(Array.from({ length: loops }, () => loop(started + ms, measured)));
      return { joins: measured.n, seconds: (performance.now() - started) / 1000 };
    },
    get reused() {
      return reused;
    },
  };
}
