import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../../core/index.js';
import { createOriginApp } from '../app.js';
import { createRedisAdmissionQueue } from '../admission/redis-admission-queue.js';
import { createRedisInventoryGate } from '../inventory/redis-inventory-gate.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

/** Counts every DynamoDB command that can write, at the SDK client's own middleware stack. */
function countDynamoWrites(client: DynamoDBClient) {
  const counter = { writes: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (/Put|Update|Delete|Write/.test(context.commandName ?? '')) counter.writes += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  return counter;
}

/** Redis' own count of dataset changes since the last save: any write by any script moves it. */
async function redisChanges(redis: Redis): Promise<number> {
  const info = await redis.info('persistence');
  return Number(/rdb_changes_since_last_save:(\d+)/.exec(info)?.[1]);
}

describe.runIf(redisServerAvailable())('reads change nothing (DESIGN.md §4 invariant 8)', () => {
  const fixture = useRedisServer();
  let writes: { writes: number };
  beforeAll(() => {
    writes = countDynamoWrites(dynamo.client);
  });

  const originOn = (prefix: string, clock = createFakeClock(Date.parse('2026-12-05T00:00:00Z'))) =>
    createTestOrigin(dynamo, {
      clock,
      queue: createRedisAdmissionQueue(fixture().redis, { prefix }),
      gate: createRedisInventoryGate(fixture().redis, { prefix }),
    });

  /** Every public and operator GET of an event, asserting that none wrote a thing. */
  async function readAll(origin: TestOrigin, eventId: string) {
    const call = (path: string, token?: string) => callApp(origin.app, 'GET', path, token ? { token } : {});
    const [redisBefore, dynamoBefore] = [await redisChanges(fixture().redis), writes.writes];
    const answers = {
      catalog: await call('/api/catalog'),
      event: await call(`/api/events/${eventId}`),
      state: await call(`/api/queue/${eventId}/state`),
      stats: await call(`/api/admin/events/${eventId}/stats`, TEST_ADMIN_TOKEN),
    };
    for (const answer of Object.values(answers)) expect(answer.status).toBe(200);
    expect(await redisChanges(fixture().redis), 'Redis writes during GETs').toBe(redisBefore);
    expect(writes.writes, 'DynamoDB writes during GETs').toBe(dynamoBefore);
    return answers;
  }

  it('through the pre-queue, the draw, the lazy advance and a Redis wipe', async () => {
    const origin = await originOn('reads');
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const startsAt = origin.clock.now() + 60_000;
    const body = openEvent(origin.clock, { startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 10, queueAll: true });
    const eventId = (await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).body.id as string;
    for (let i = 0; i < 5; i += 1) {
      const guest = (await call('POST', '/api/auth/guest')).body;
      expect((await call('POST', `/api/queue/${eventId}/join`, { token: guest.idToken })).body.status).toBe('prequeue');
    }
    expect((await readAll(origin, eventId)).state.body.status).toBe('prequeue');

    // At the start the reads say "drawing" (transient) and leave the draw to the upkeep.
    origin.clock.set(startsAt + 500);
    const drawing = await readAll(origin, eventId);
    expect(drawing.state.body.status).toBe('drawing');
    expect(drawing.catalog.body.events.map((event: { id: string }) => event.id)).toContain(eventId);
    await origin.events.tick(await origin.events.find(eventId));
    const open = await readAll(origin, eventId);
    expect(open.state.body).toMatchObject({ status: 'open', tailSeq: expect.any(Number) });
    expect(open.stats.body).toMatchObject({ status: 'open', prequeued: 0 });

    // servingSeq moves with time on reads (10 a second at 600/min), and is persisted only by writes.
    const served = open.state.body.servingSeq as number;
    origin.clock.advance(300);
    expect((await readAll(origin, eventId)).state.body.servingSeq).toBe(Math.min(5, served + 3));

    await fixture().redis.flushall();
    const wiped = await readAll(origin, eventId);
    expect(wiped.state.body.status).toBe('open');
    expect(wiped.event.body.items.map((item: { remaining: number }) => item.remaining)).toEqual([2, 5]);
  });

  it('runs the draw exactly once when several instances tick and join at the start', async () => {
    const clock = createFakeClock(Date.parse('2026-12-05T00:00:00Z'));
    const first = await originOn('multi', clock);
    const call = (method: string, path: string, options = {}) => callApp(first.app, method, path, options);
    const startsAt = clock.now() + 60_000;
    const body = openEvent(clock, { startsAt: new Date(startsAt).toISOString(), prequeueMinutes: 10 });
    const eventId = (await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).body.id as string;
    const idTokens: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const guest = (await call('POST', '/api/auth/guest')).body;
      await call('POST', `/api/queue/${eventId}/join`, { token: guest.idToken });
      idTokens.push(guest.idToken as string);
    }
    // Three more instances on the same ledger and Redis: separate apps, each with its own caches and clients.
    const apps = [0, 1, 2].map(() =>
      createOriginApp({ ...first.deps, queue: createRedisAdmissionQueue(fixture().redis, { prefix: 'multi' }), gate: createRedisInventoryGate(fixture().redis, { prefix: 'multi' }) }),
    );
    clock.set(startsAt + 1);
    const record = await first.events.find(eventId);
    const rejoin = (token: string, index: number) => callApp(index % 2 ? first.app : apps[index % apps.length]!.app, 'POST', `/api/queue/${eventId}/join`, { token });
    const results = await Promise.all([
      ...[first.events, ...apps.map((app) => app.events)].map((events) => events.tick(record)),
      ...idTokens.map((token, index) => rejoin(token, index)),
    ]);
    const joins = results.slice(4) as Awaited<ReturnType<typeof rejoin>>[];
    for (const joined of joins) expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    // Whoever met the draw in flight was told it is transient, never closed; asking again places them.
    const seqs: number[] = [];
    for (const [index, joined] of joins.entries()) {
      const answer = joined.body.status === 'drawing' ? (await rejoin(idTokens[index]!, index)).body : joined.body;
      seqs.push(answer.seq as number);
    }
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await call('GET', `/api/queue/${eventId}/state`)).body).toMatchObject({ status: 'open', tailSeq: 40 });
  });
});
