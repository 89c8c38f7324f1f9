import { Redis as UpstashRedis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable } from './redis-server.js';
import { startUpstashRestBridge } from './upstash-rest-bridge.js';
import { useRedisServer } from './use-redis-server.js';

/** The bridge must speak Upstash's protocol as @upstash/redis expects it, or the adapter tests prove nothing. */
describe.runIf(redisServerAvailable())('Upstash REST bridge', () => {
  const fixture = useRedisServer();
  let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
  beforeAll(async () => (bridge = await startUpstashRestBridge(fixture().server.url, 'token')));
  afterAll(() => bridge.stop());
  const client = (options: { enableAutoPipelining?: boolean; token?: string } = {}) =>
    new UpstashRedis({ url: bridge.url, token: options.token ?? 'token', automaticDeserialization: false, enableTelemetry: false, retry: false, ...options });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${bridge.url}${path}`, { method: 'POST', headers: { authorization: 'Bearer token', ...headers }, body: JSON.stringify(body) });

  it('answers one command at POST / with base64 strings, plain numbers and nulls', async () => {
    await fixture().redis.set('bridge:s', 'héllo ✓');
    const response = await post('/', ['MGET', 'bridge:s', 'bridge:none'], { 'upstash-encoding': 'base64' });
    expect(await response.json()).toEqual({ result: [Buffer.from('héllo ✓').toString('base64'), null] });
    expect(await (await post('/', ['INCRBY', 'bridge:n', 5])).json()).toEqual({ result: 5 });
    expect(await (await post('/', ['GET', 'bridge:s'])).json()).toEqual({ result: 'héllo ✓' });
  });

  it('reports a failed command as 400 {error}, and a wrong token as 401', async () => {
    const failed = await post('/', ['INCR', 'bridge:s']);
    expect(failed.status).toBe(400);
    expect(await failed.json()).toEqual({ error: expect.stringMatching(/not an integer/) });
    expect((await fetch(bridge.url, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '["PING"]' })).status).toBe(401);
    await expect(client({ token: 'nope', enableAutoPipelining: false }).ping()).rejects.toThrow(/Unauthorized/);
  });

  it('round-trips through @upstash/redis: single commands, /pipeline and /multi-exec', async () => {
    const redis = client({ enableAutoPipelining: false });
    expect(await redis.set('bridge:k', '{"json":1}')).toBe('OK');
    expect(await redis.get('bridge:k')).toBe('{"json":1}');
    expect(await redis.pipeline().incr('bridge:p').incr('bridge:p').get('bridge:p').exec()).toEqual([1, 2, '2']);
    expect(await redis.multi().set('bridge:m', 'a').append('bridge:m', 'b').get('bridge:m').exec()).toEqual(['OK', 2, 'ab']);
    const entries = await post('/pipeline', [['GET', 'bridge:m'], ['INCR', 'bridge:m']]);
    expect(await entries.json()).toEqual([{ result: 'ab' }, { error: expect.stringMatching(/not an integer/) }]);
  });
});
