import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelViewSchema, type ChannelView } from '../../core/index.js';
import type { ChannelCounters } from '../channels/channel-counters.js';
import { createRedisChannelCounters } from '../channels/lua-channel-counters.js';
import { createMemoryChannelCounters } from '../channels/memory-channel-counters.js';
import { redisServerAvailable } from '../redis/test-support/redis-server.js';
import { useRedisServer } from '../redis/test-support/use-redis-server.js';
import { callApp, type CallResult } from '../test-support/call-app.js';
import { createTestOrigin, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

function expectProblem(result: CallResult, status: number, code: string) {
  expect({ status: result.status, code: result.body?.code }).toEqual({ status, code });
  expect(result.headers.get('content-type')).toContain('application/problem+json');
}

function describeCounterRoutes(name: string, makeCounters: () => Promise<ChannelCounters>) {
  describe(`channel hearts and watch beacons (${name})`, () => {
    let origin: TestOrigin;
    let counters: ChannelCounters;
    beforeEach(async () => {
      counters = await makeCounters();
      origin = await createTestOrigin(dynamo, { counters });
    });
    const call = (method: string, path: string, options = {}) => callApp(origin.app, method, path, options);
    const from = (address: string) => ({ 'x-forwarded-for': address });
    const hearts = (count: unknown, headers: Record<string, string> = from('203.0.113.1'), channelId = 'ch-beauty', token?: string) =>
      call('POST', `/api/channels/${channelId}/hearts`, { body: { count }, headers, ...(token && { token }) });
    const watch = (body: unknown, headers: Record<string, string> = from('203.0.113.1'), token?: string) =>
      call('POST', '/api/channels/ch-beauty/watch', { body, headers, ...(token && { token }) });
    const channel = async (): Promise<ChannelView> => channelViewSchema.parse((await call('GET', '/api/channels/ch-beauty')).body);

    it('sums hearts into the channel document, one batch per viewer per 2 s', async () => {
      expect((await hearts(5)).status).toBe(202);
      const again = await hearts(7);
      expectProblem(again, 429, 'rate_limited');
      expect(again.headers.get('retry-after')).toBe('2');
      expect((await hearts(3, from('198.51.100.9'))).status).toBe(202);
      const guest = (await call('POST', '/api/auth/guest')).body.idToken as string;
      // A signed-in viewer is limited by the token, whatever the address.
      expect((await hearts(4, from('203.0.113.1'), 'ch-beauty', guest)).status).toBe(202);
      expectProblem(await hearts(4, from('192.0.2.50'), 'ch-beauty', guest), 429, 'rate_limited');
      expect((await channel()).hearts).toBe(12);
      origin.clock.advance(2_000);
      expect((await hearts(50)).status).toBe(202);
      expect((await channel()).hearts).toBe(62);
      expect(await counters.hearts('ch-snack')).toBe(0);
    });

    it('refuses bad hearts with problem+json and counts nothing', async () => {
      for (const count of [0, 51, -1, 1.5, '3', null]) expectProblem(await hearts(count), 400, 'validation_failed');
      expectProblem(await call('POST', '/api/channels/ch-beauty/hearts', { body: { count: 1, extra: true } }), 400, 'validation_failed');
      expectProblem(await call('POST', '/api/channels/ch-beauty/hearts', { rawBody: '{"count":', headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
      expectProblem(await hearts(1, from('203.0.113.1'), 'ch-nowhere'), 404, 'channel_not_found');
      expectProblem(await hearts(1, from('203.0.113.1'), 'ch-beauty', 'not-a-token'), 401, 'invalid_token');
      expect((await channel()).hearts).toBe(0);
      // None of the refusals used up the viewer's turn.
      expect((await hearts(1)).status).toBe(202);
    });

    it('counts distinct viewers of the last minute in the channel document', async () => {
      const guest = (await call('POST', '/api/auth/guest')).body.idToken as string;
      expect((await watch({}, from('203.0.113.1'), guest)).status).toBe(202);
      expect((await watch({}, from('203.0.113.2'), guest)).status).toBe(202);
      expect((await watch({ viewerId: 'browser-0123456789ab' }, from('203.0.113.1'))).status).toBe(202);
      expect((await watch({ viewerId: 'browser-0123456789cd' }, from('203.0.113.1'))).status).toBe(202);
      expect((await watch({}, from('203.0.113.3'))).status).toBe(202);
      expect((await watch({}, from('203.0.113.3'))).status).toBe(202);
      expect((await channel()).viewers).toBe(4);
      expect(await counters.viewers('ch-snack', origin.clock.now())).toBe(0);
      origin.clock.advance(70_000);
      expect((await channel()).viewers).toBe(0);
    });

    it('refuses bad beacons with problem+json and counts nothing', async () => {
      for (const viewerId of ['short', 'x'.repeat(65), 'has space in it!!!', 42]) expectProblem(await watch({ viewerId }), 400, 'validation_failed');
      expectProblem(await watch({ viewerId: 'browser-0123456789ab', more: 1 }), 400, 'validation_failed');
      expectProblem(await call('POST', '/api/channels/ch-nowhere/watch', { body: {} }), 404, 'channel_not_found');
      expectProblem(await watch({}, from('203.0.113.1'), 'forged'), 401, 'invalid_token');
      expect((await channel()).viewers).toBe(0);
    });
  });
}

describeCounterRoutes('memory', async () => createMemoryChannelCounters());

describe.runIf(redisServerAvailable())('on a real redis-server', () => {
  const fixture = useRedisServer();
  let prefix = 0;
  describeCounterRoutes('redis', async () => createRedisChannelCounters(fixture().redis, { prefix: `r${(prefix += 1)}` }));
});
