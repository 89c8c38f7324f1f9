import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleMediaDir } from '../origin/channels/simulated-hls.js';
import { createTestOrigin, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { playlistCacheControl } from './cache/hls-cache-control.js';
import { createTestEdge } from './test-support/create-test-edge.js';

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(async () => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  edge = createTestEdge(origin.app, origin.clock);
});

const get = async (path: string) => edge.app.request(path);

describe('HLS through the edge', () => {
  it('caches a live playlist for half a target duration and slides its window with the clock', async () => {
    const first = await get('/hls/ch-beauty/live.m3u8');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=1, s-maxage=1');
    const playlist = await first.text();
    const sequence = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)![1]);
    expect(playlist.match(/^seg\d\.ts$/gm)).toHaveLength(4);

    const before = edge.originRequests.length;
    await Promise.all(Array.from({ length: 20 }, () => get('/hls/ch-beauty/live.m3u8')));
    expect(edge.originRequests.length).toBe(before);

    origin.clock.advance(2_000);
    const next = await (await get('/hls/ch-beauty/live.m3u8')).text();
    expect(Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(next)![1])).toBe(sequence + 1);
  });

  it('serves segments byte for byte as immutable for a year', async () => {
    const response = await get('/hls/ch-beauty/seg2.ts');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toBe('video/mp2t');
    expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(join(sampleMediaDir, 'seg2.ts')))).toBe(true);
  });

  it('answers unknown channels, files and offline channels with a 404 problem', async () => {
    for (const path of ['/hls/nope/live.m3u8', '/hls/ch-beauty/seg9.ts', '/hls/ch-sneakers/live.m3u8', '/hls/ch-beauty/notes.txt']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('marks a loop back to the first segment as a discontinuity', async () => {
    origin.clock.set(Math.ceil(origin.clock.now() / 8_000) * 8_000 + 2_000);
    const playlist = await (await origin.app.request('/hls/ch-beauty/live.m3u8')).text();
    expect(playlist).toMatch(/#EXT-X-DISCONTINUITY\n#EXTINF:2\.000,\nseg0\.ts/);
  });
});

describe('playlist cache policy', () => {
  it('keeps VOD long, multivariant short, live at half a target duration', () => {
    expect(playlistCacheControl('#EXTM3U\n#EXT-X-TARGETDURATION:6\nseg.ts\n#EXT-X-ENDLIST\n')).toBe('public, max-age=300, s-maxage=86400');
    expect(playlistCacheControl('#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-TARGETDURATION:6\n')).toBe('public, max-age=300, s-maxage=86400');
    expect(playlistCacheControl('#EXTM3U\n#EXT-X-TARGETDURATION:6\n')).toBe('public, max-age=3, s-maxage=3');
    expect(playlistCacheControl('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlow.m3u8\n')).toBe('public, max-age=10, s-maxage=30');
  });
});
