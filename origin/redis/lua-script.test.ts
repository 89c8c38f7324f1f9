import { Redis as UpstashRedis } from '@upstash/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLuaScript, runLuaScript, type RedisEval } from './lua-script.js';
import { ioredisEval, upstashEval } from './redis-eval.js';
import { redisServerAvailable } from './test-support/redis-server.js';
import { startUpstashRestBridge } from './test-support/upstash-rest-bridge.js';
import { useRedisServer } from './test-support/use-redis-server.js';

const admissionLua = new URL('../admission/lua/', import.meta.url);
const script = loadLuaScript(admissionLua, 'complete');

const calls = async (redis: Redis, command: 'eval' | 'evalsha'): Promise<number> => {
  const info = await redis.info('commandstats');
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
};

describe.runIf(redisServerAvailable())('runLuaScript on a real redis-server', () => {
  const fixture = useRedisServer();
  let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
  beforeAll(async () => (bridge = await startUpstashRestBridge(fixture().server.url, 'secret')));
  afterAll(() => bridge.stop());

  const clients: [string, () => RedisEval][] = [
    ['ioredis', () => ioredisEval(fixture().redis)],
    ['upstash', () => upstashEval(new UpstashRedis({ url: bridge.url, token: 'secret', automaticDeserialization: false, enableTelemetry: false }))],
  ];

  it('names each script by the SHA1 of its source, shared preludes included', () => {
    expect(script.sha).toMatch(/^[0-9a-f]{40}$/);
    const join = loadLuaScript(admissionLua, 'join', ['advance-queue']);
    expect(join.source.indexOf('local function advance_queue')).toBeLessThan(join.source.indexOf('KEYS[1]'));
  });

  for (const [name, client] of clients) {
    it(`${name}: EVALs once after SCRIPT FLUSH, then EVALSHAs`, async () => {
      const { redis } = fixture();
      await redis.script('FLUSH');
      await redis.config('RESETSTAT');
      await redis.zadd('bj:{lua}:s', 1, 'ana');
      expect(await runLuaScript(client(), script, ['bj:{lua}:s'], ['ana'])).toBe(1);
      expect(await runLuaScript(client(), script, ['bj:{lua}:s'], ['ana'])).toBe(0);
      expect(await calls(redis, 'eval')).toBe(1);
      expect(await calls(redis, 'evalsha')).toBe(2);
    });

    it(`${name}: passes other script errors through`, async () => {
      const broken = { name: 'broken', source: "return redis.error_reply('ERR boom')", sha: '' };
      const sha = String(await fixture().redis.script('LOAD', broken.source));
      await expect(runLuaScript(client(), { ...broken, sha }, [], [])).rejects.toThrow(/boom/);
    });
  }

  it('the REST bridge turns a wrong token away', async () => {
    const intruder = new UpstashRedis({ url: bridge.url, token: 'wrong', retry: false, enableTelemetry: false });
    await expect(intruder.get('anything')).rejects.toThrow(/Unauthorized/);
  });
});
