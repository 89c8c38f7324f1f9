import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer } from './redis-server.js';

export interface RedisFixture {
  server: RedisServer;
  /** A plain ioredis connection to it, for setup and inspection (FLUSHALL, MEMORY USAGE). */
  redis: Redis;
}

/** Starts one private redis-server for the calling test file; read the fixture inside tests. */
export function useRedisServer(): () => RedisFixture {
  let fixture: RedisFixture | undefined;
  beforeAll(async () => {
    const server = await startRedisServer();
    fixture = { server, redis: new Redis(server.url) };
  });
  afterAll(async () => {
    fixture?.redis.disconnect();
    await fixture?.server.stop();
  });
  return () => {
    if (!fixture) throw new Error('redis-server is not running (use inside a test)');
    return fixture;
  };
}
