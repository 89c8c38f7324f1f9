import { Redis as UpstashRedis } from '@upstash/redis';
import { afterAll, beforeAll } from 'vitest';
import { startUpstashRestBridge } from './upstash-rest-bridge.js';
import type { RedisFixture } from './use-redis-server.js';

const TOKEN = 'test-token';

/**
 * An Upstash REST bridge in front of the file's redis-server; returns a factory of @upstash/redis
 * clients set up as the origin sets them up (no automatic deserialisation: ids stay strings).
 */
export function useUpstashBridge(fixture: () => RedisFixture): () => UpstashRedis {
  let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>> | undefined;
  beforeAll(async () => {
    bridge = await startUpstashRestBridge(fixture().server.url, TOKEN);
  });
  afterAll(() => bridge?.stop());
  return () => {
    if (!bridge) throw new Error('the Upstash bridge is not running (use inside a test)');
    return new UpstashRedis({ url: bridge.url, token: TOKEN, automaticDeserialization: false, enableTelemetry: false });
  };
}
