import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../../core/index.js';
import { createResponseCache, NOT_FOUND_TTL_MS, type CachedResponse } from './response-cache.js';

const answer = (status: number, cacheControl?: string): CachedResponse =>
  ({ status, headers: cacheControl ? { 'cache-control': cacheControl } : {}, body: `${status}` });

describe('the edge response cache', () => {
  it(`keeps a 404 for ${NOT_FOUND_TTL_MS / 1000} s, so a flood of one unknown id reaches the origin once`, async () => {
    const clock = createFakeClock(0);
    const cache = createResponseCache(clock);
    let loads = 0;
    const missing = () => cache.get('/api/events/nope', async () => (loads += 1, answer(404)));
    for (let i = 0; i < 100; i += 1) expect((await missing()).status).toBe(404);
    expect(loads).toBe(1);
    clock.advance(NOT_FOUND_TTL_MS);
    await missing();
    expect(loads).toBe(2);
    // Other failures and no-store answers are never kept.
    await cache.get('/x', async () => answer(409));
    await cache.get('/y', async () => answer(404, 'no-store'));
    expect(cache.size()).toBe(1);
  });

  it('drops the least recently used entry when full, not the one in constant use', async () => {
    const clock = createFakeClock(0);
    const cache = createResponseCache(clock, 3);
    const loads: string[] = [];
    const read = (key: string) => cache.get(key, async () => (loads.push(key), answer(200, 'max-age=60')));
    await read('/state');
    for (const key of ['/a', '/b', '/c', '/d']) {
      await read(key);
      await read('/state');
    }
    expect(loads).toEqual(['/state', '/a', '/b', '/c', '/d']);
    expect(cache.size()).toBe(3);
  });
});
