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

  it('keeps its bodies under a byte budget, least recently used out first, and never holds one bigger than the budget', async () => {
    const clock = createFakeClock(0);
    const cache = createResponseCache<Uint8Array>(clock, { maxBytes: 250 });
    const loads: string[] = [];
    const read = (key: string, size: number) => cache.get(key, async () => (loads.push(key), { status: 200, headers: { 'cache-control': 'max-age=60' }, body: new Uint8Array(size) }));
    await read('/seg0', 100);
    await read('/seg1', 100);
    await read('/seg0', 100); // seg0 is now the most recently used
    await read('/seg2', 100); // 300 > 250: seg1 goes
    expect(cache.bytes()).toBe(200);
    expect(cache.size()).toBe(2);
    await read('/seg0', 100);
    await read('/seg1', 100);
    expect(loads).toEqual(['/seg0', '/seg1', '/seg2', '/seg1']);
    await read('/huge', 300);
    await read('/huge', 300);
    expect(loads.filter((key) => key === '/huge')).toHaveLength(2);
    expect(cache.bytes()).toBeLessThanOrEqual(250);
  });

  it('loads a key once while it is in flight, however many callers wait', async () => {
    const cache = createResponseCache(createFakeClock(0));
    let loads = 0;
    let answer: (value: CachedResponse) => void = () => undefined;
    const pending = new Promise<CachedResponse>((resolve) => (answer = resolve));
    const waiting = Array.from({ length: 10 }, () => cache.get('/hls/ch/240p/seg3.ts', () => (loads += 1, pending)));
    answer({ status: 200, headers: { 'cache-control': 'max-age=60' }, body: 'x' });
    expect((await Promise.all(waiting)).every((value) => value.body === 'x')).toBe(true);
    expect(loads).toBe(1);
  });
});
