import { describe, expect, it } from 'vitest';
import { cacheKey } from './cached-origin-read.js';

describe('the edge cache key rule', () => {
  it('is the pathname, without the query string', () => {
    expect(cacheKey('/api/events/drop-1?bust=123')).toBe('/api/events/drop-1');
    expect(cacheKey('/hls/ch-beauty/live.m3u8?_HLS_msn=4')).toBe('/hls/ch-beauty/live.m3u8');
    expect(cacheKey('/api/queue/drop%3F1/state')).toBe('/api/queue/drop%3F1/state');
  });

  it("keeps only the catalog's page parameters, in a fixed order", () => {
    expect(cacheKey('/api/catalog')).toBe('/api/catalog');
    expect(cacheKey('/api/catalog?bust=1')).toBe('/api/catalog');
    expect(cacheKey('/api/catalog?cursor=abc&x=1&limit=5')).toBe('/api/catalog?limit=5&cursor=abc');
  });

  it("keeps only the part of a draw's registrant list", () => {
    expect(cacheKey('/api/events/drop-1/fairness')).toBe('/api/events/drop-1/fairness');
    expect(cacheKey('/api/events/drop-1/fairness?bust=1')).toBe('/api/events/drop-1/fairness');
    expect(cacheKey('/api/events/drop-1/fairness?bust=1&part=2')).toBe('/api/events/drop-1/fairness?part=2');
    expect(cacheKey('/api/events/drop-1?part=2')).toBe('/api/events/drop-1');
  });
});
