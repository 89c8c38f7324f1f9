import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { qoeSummarySchema, type QoeSummary } from '../../core/index.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { createRedisQoeStore } from '../qoe/lua-qoe-store.js';
import { createMemoryQoeStore } from '../qoe/memory-qoe-store.js';
import type { QoeStore } from '../qoe/qoe-store.js';
import { callApp, type CallResult } from '../test-support/call-app.js';
import { createTestOrigin, TEST_ADMIN_TOKEN, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

function expectProblem(result: CallResult, status: number, code: string) {
  expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
  expect(result.headers.get('content-type')).toContain('application/problem+json');
}

const beacon = (overrides: Record<string, unknown> = {}) => ({
  channelId: 'ch-beauty',
  sessionId: 'session-0123456789ab',
  playedMs: 15_000,
  rebufferMs: 0,
  bitrateSwitches: 0,
  ...overrides,
});

function describeQoeRoutes(name: string, makeStore: () => Promise<QoeStore>) {
  describe(`QoE beacons and the operator's summary (${name})`, () => {
    let origin: TestOrigin;
    beforeEach(async () => {
      origin = await createTestOrigin(dynamo, { qoe: await makeStore() });
    });
    const post = (body: unknown) => callApp(origin.app, 'POST', '/api/qoe', { body });
    const summary = async (channelId = 'ch-beauty'): Promise<QoeSummary> => {
      const result = await callApp(origin.app, 'GET', `/api/admin/channels/${channelId}/qoe`, { token: TEST_ADMIN_TOKEN });
      expect(result.status).toBe(200);
      expect(result.headers.get('cache-control')).toBe('no-store');
      return qoeSummarySchema.parse(result.body);
    };

    it('sums a batch into the channel summary, with the viewers of the channel counters', async () => {
      const accepted = await post({
        beacons: [
          beacon({ startupMs: 900, playedMs: 12_000, rebufferMs: 3_000, bitrateSwitches: 2, bitrateKbps: 1_800, errors: [{ code: 'bufferStalledError', fatal: false }] }),
          beacon({ sessionId: 'session-other-00000001', startupMs: 2_000, playedMs: 15_000, errors: [{ code: 'fragLoadError', fatal: true }] }),
          beacon({ channelId: undefined, replayId: 'replay-1', playedMs: 60_000 }),
        ],
      });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get('cache-control')).toBe('no-store');
      await callApp(origin.app, 'POST', '/api/channels/ch-beauty/watch', { body: { viewerId: 'browser-0123456789ab' } });
      origin.clock.advance(5_000);
      const qoe = await summary();
      expect(qoe).toMatchObject({
        channelId: 'ch-beauty',
        windowSeconds: 600,
        sessions: 2,
        startupMs: { samples: 2 },
        rebufferRatio: 0.1,
        playedSeconds: 27,
        bitrateSwitches: 2,
        errors: { total: 2, fatal: 1, top: [{ code: 'bufferStalledError', count: 1 }, { code: 'fragLoadError', count: 1 }] },
        viewers: 1,
      });
      expect(qoe.startupMs.p50! / 900).toBeCloseTo(1, 0);
      expect(Math.abs(qoe.startupMs.p90! - 2_000)).toBeLessThanOrEqual(200);
      expect(qoe.minutes).toHaveLength(10);
      expect(qoe.minutes.at(-1)).toMatchObject({ at: '2026-12-05T00:00:00.000Z', sessions: 2, rebufferRatio: 0.1 });
      expect((await summary('ch-snack')).sessions).toBe(0);
    });

    it('refuses every malformed batch with problem+json naming the field, and counts nothing', async () => {
      await post({ beacons: [beacon({ startupMs: 1_000 })] });
      const before = await summary();
      const refusals: [unknown, string][] = [
        [{}, 'beacons'],
        [{ beacons: [] }, 'beacons'],
        [{ beacons: Array.from({ length: 21 }, () => beacon()) }, 'beacons'],
        [{ beacons: [beacon(), beacon({ replayId: 'replay-1' })] }, 'beacons.1.channelId'],
        [{ beacons: [beacon({ channelId: undefined })] }, 'beacons.0.channelId'],
        [{ beacons: [beacon({ channelId: 'bad id!' })] }, 'beacons.0.channelId'],
        [{ beacons: [beacon({ sessionId: 'short' })] }, 'beacons.0.sessionId'],
        [{ beacons: [beacon({ startupMs: 120_001 })] }, 'beacons.0.startupMs'],
        [{ beacons: [beacon({ playedMs: -1 })] }, 'beacons.0.playedMs'],
        [{ beacons: [beacon({ rebufferMs: 1.5 })] }, 'beacons.0.rebufferMs'],
        [{ beacons: [beacon({ bitrateSwitches: 1_001 })] }, 'beacons.0.bitrateSwitches'],
        [{ beacons: [beacon({ bitrateKbps: '900' })] }, 'beacons.0.bitrateKbps'],
        [{ beacons: [beacon({ errors: Array.from({ length: 11 }, () => ({ code: 'e', fatal: false })) })] }, 'beacons.0.errors'],
        [{ beacons: [beacon({ errors: [{ code: 'has space', fatal: false }] })] }, 'beacons.0.errors.0.code'],
        [{ beacons: [beacon({ errors: [{ code: 'e', fatal: 'yes' }] })] }, 'beacons.0.errors.0.fatal'],
        [{ beacons: [beacon({ extra: 1 })] }, 'beacons.0'],
        [{ beacons: [beacon()], more: true }, '(body)'],
        [[beacon()], '(body)'],
      ];
      for (const [body, field] of refusals) {
        const refused = await post(body);
        expectProblem(refused, 400, 'validation_failed');
        expect((refused.body.fields as { path: string }[]).map((entry) => entry.path), JSON.stringify(body).slice(0, 80)).toContain(field);
      }
      expectProblem(await callApp(origin.app, 'POST', '/api/qoe', { rawBody: '{"beacons":[', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
      const unknown = await post({ beacons: [beacon({ playedMs: 9_000 }), beacon({ channelId: 'ch-nowhere' })] });
      expectProblem(unknown, 404, 'channel_not_found');
      expect(unknown.body.detail).toContain('beacons.1.channelId');
      const huge = { beacons: [beacon({ errors: Array.from({ length: 10 }, () => ({ code: 'x'.repeat(64), fatal: false })) })], pad: 'x'.repeat(16 * 1024) };
      expectProblem(await post(huge), 413, 'payload_too_large');
      expect(await summary()).toEqual(before);
    });

    it('lets only the operator read a summary, of a channel that exists', async () => {
      expectProblem(await callApp(origin.app, 'GET', '/api/admin/channels/ch-beauty/qoe'), 401, 'unauthorized');
      expectProblem(await callApp(origin.app, 'GET', '/api/admin/channels/ch-beauty/qoe', { token: 'not-the-operator-token' }), 401, 'invalid_token');
      expectProblem(await callApp(origin.app, 'GET', '/api/admin/channels/ch-nowhere/qoe', { token: TEST_ADMIN_TOKEN }), 404, 'channel_not_found');
    });
  });
}

describeQoeRoutes('memory', async () => createMemoryQoeStore());

describe.runIf(redisServerAvailable())('on a real redis-server', () => {
  const fixture = useRedisServer();
  let prefix = 0;
  describeQoeRoutes('redis', async () => createRedisQoeStore(fixture().redis, { prefix: `r${(prefix += 1)}` }));
});
