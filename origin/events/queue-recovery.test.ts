import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisAdmissionQueue } from '../admission/redis-admission-queue.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { reservationBlock } from './queue-checkpoints.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

/** docs/decisions/0005-queue-checkpoints.md: Redis loses an event mid-flight, nobody loses a place. */
describe.runIf(redisServerAvailable())('queue recovery after a Redis wipe', () => {
  const fixture = useRedisServer();

  it('restores from the ledger checkpoint: old tokens keep their places, new joins never reuse a seq', async () => {
    const origin = await createTestOrigin(dynamo, { queue: createRedisAdmissionQueue(fixture().redis, { prefix: 'rec' }) });
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const body = openEvent(origin.clock, { admission: { newUsersPerMinute: 600, maxActiveUsers: 1000, sessionSeconds: 600 }, queueAll: true });
    const eventId = (await call('POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body })).body.id as string;
    const join = async () => {
      const guest = (await call('POST', '/api/auth/guest')).body;
      const joined = await call('POST', `/api/queue/${eventId}/join`, { token: guest.idToken });
      expect(joined.status).toBe(201);
      return { idToken: guest.idToken as string, queueToken: joined.body.queueToken as string, seq: joined.body.seq as number };
    };
    const admit = (queueToken: string) => call('POST', `/api/queue/${eventId}/admit`, { token: queueToken });

    const before = [];
    for (let i = 0; i < 50; i += 1) before.push(await join());
    expect(before.map((visitor) => visitor.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    origin.clock.advance(1_500);
    expect((await admit(before[0]!.queueToken)).status).toBe(200);
    origin.clock.advance(1_000); // a second later, the upkeep tick checkpoints servingSeq (25)
    expect((await call('GET', `/api/queue/${eventId}/state`)).body.servingSeq).toBe(25);
    await origin.events.tick(await origin.events.find(eventId));
    expect(await origin.deps.ledger.getQueueCheckpoint(eventId)).toEqual({ tailSeq: reservationBlock(600) + 1, servingSeq: 25, admitted: 1, drawn: true });

    await fixture().redis.flushall();

    const state = (await call('GET', `/api/queue/${eventId}/state`)).body;
    expect(state).toMatchObject({ tailSeq: reservationBlock(600) + 1, servingSeq: 25 });
    const newcomer = await join();
    expect(newcomer.seq).toBeGreaterThan(50);
    const rejoined = await call('POST', `/api/queue/${eventId}/join`, { token: before[1]!.idToken });
    expect(rejoined.body.seq).toBeGreaterThan(newcomer.seq); // the lost mapping costs a rejoiner, never a reuse

    // Old tokens admit in seq order: up to servingSeq now, the rest when the line reaches them.
    expect((await admit(before[24]!.queueToken)).status).toBe(200);
    const early = await admit(before[25]!.queueToken);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('not_ready');
    origin.clock.advance(2_500);
    for (const visitor of before.slice(25)) expect((await admit(visitor.queueToken)).status).toBe(200);
    expect((await admit(newcomer.queueToken)).status).toBe(409);
  });
});
