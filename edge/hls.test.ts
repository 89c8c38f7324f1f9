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
const sequenceOf = (playlist: string) => Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(playlist)![1]);
const BEAUTY = '/hls/ch-beauty/240p/index.m3u8';

describe('HLS through the edge', () => {
  it('serves a master playlist naming both renditions of the channel', async () => {
    const response = await get('/hls/ch-seongsu/master.m3u8');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(response.headers.get('cache-control')).toBe('public, max-age=10, s-maxage=30');
    const master = await response.text();
    expect(master.match(/^#EXT-X-STREAM-INF:.*RESOLUTION=(\d+x\d+).*$/gm)?.map((line) => /RESOLUTION=(\d+x\d+)/.exec(line)![1])).toEqual(['426x240', '640x360']);
    expect(master.match(/^\S+\.m3u8$/gm)).toEqual(['240p/index.m3u8', '360p/index.m3u8']);
  });

  it('caches a live playlist for one second and slides its window with the clock', async () => {
    for (const rendition of ['240p', '360p']) {
      const path = `/hls/ch-beauty/${rendition}/index.m3u8`;
      const first = await get(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('cache-control')).toBe('public, max-age=1, s-maxage=1');
      const playlist = await first.text();
      expect(playlist.match(/^seg\d\.ts$/gm)).toHaveLength(6);
      expect(playlist.match(/^#EXT-X-PROGRAM-DATE-TIME:/gm)).toHaveLength(6);

      const before = edge.originRequests.length;
      await Promise.all(Array.from({ length: 20 }, () => get(path)));
      expect(edge.originRequests.length).toBe(before);

      origin.clock.advance(2_000);
      expect(sequenceOf(await (await get(path)).text())).toBe(sequenceOf(playlist) + 1);
    }
  });

  it("serves each rendition's segments byte for byte as immutable for a year", async () => {
    for (const path of ['ch-beauty/360p/seg2.ts', 'ch-snack/240p/seg0.ts']) {
      const response = await get(`/hls/${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toBe('video/mp2t');
      expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(join(sampleMediaDir, path)))).toBe(true);
    }
  });

  it('fetches a segment from the origin once however many viewers ask at once, then serves it from memory', async () => {
    const path = '/hls/ch-beauty/240p/seg1.ts';
    const expected = await readFile(join(sampleMediaDir, 'ch-beauty/240p/seg1.ts'));
    const fetches = () => edge.originRequests.filter((line) => line === `GET ${path}`).length;
    // A crowd arriving together: every request is in flight before the first fill answers.
    const crowd = await Promise.all(Array.from({ length: 50 }, () => get(path)));
    expect(fetches()).toBe(1);
    for (const response of crowd) {
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(expected)).toBe(true);
    }
    // Immutable: an hour later it is still served without the origin, with its year-long header.
    origin.clock.advance(3_600_000);
    const later = await get(path);
    expect(later.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await later.arrayBuffer()).equals(expected)).toBe(true);
    expect(fetches()).toBe(1);
    // Another rendition is another key.
    await get('/hls/ch-beauty/360p/seg1.ts');
    expect(edge.originRequests.filter((line) => line.startsWith('GET /hls/ch-beauty/360p/seg1.ts'))).toHaveLength(1);
  });

  it('fetches a live playlist once per second for a crowd polling it', async () => {
    const fetches = () => edge.originRequests.filter((line) => line === `GET ${BEAUTY}`).length;
    for (let second = 0; second < 5; second += 1) {
      await Promise.all(Array.from({ length: 40 }, () => get(BEAUTY)));
      origin.clock.advance(1_000);
    }
    expect(fetches()).toBe(5);
  });

  it('answers unknown channels, renditions and files with a 404 problem', async () => {
    const paths = [
      '/hls/nope/master.m3u8',
      '/hls/ch-sneakers/240p/index.m3u8',
      '/hls/ch-beauty/720p/index.m3u8',
      '/hls/ch-beauty/240p/seg9.ts',
      '/hls/ch-beauty/480p/seg0.ts',
      '/hls/ch-beauty/live.m3u8',
      '/hls/ch-beauty/notes.txt',
      '/hls/ch-beauty/240p/extra/seg0.ts',
    ];
    for (const path of paths) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });

  it('marks a loop back to the first segment as a discontinuity', async () => {
    origin.clock.set(Math.ceil(origin.clock.now() / 8_000) * 8_000 + 2_000);
    const playlist = await (await origin.app.request(BEAUTY)).text();
    expect(playlist).toMatch(/#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:\S+\n#EXTINF:2\.000,\nseg0\.ts/);
  });
});

describe('pins in the stream, from the ledger', () => {
  const pinTags = (playlist: string) => playlist.split('\n').filter((line) => line.startsWith('#EXT-X-DATERANGE:'));

  const tagOf = (at: number, itemId: string) =>
    `#EXT-X-DATERANGE:ID="pin:${at}:k-beauty-deal:${itemId}",CLASS="com.banjjak.pin",START-DATE="${new Date(at).toISOString()}",X-EVENT-ID="k-beauty-deal",X-ITEM-ID="${itemId}"`;
  const ended = (tag: string, at: number) => tag.replace(',X-EVENT-ID', `,END-DATE="${new Date(at).toISOString()}",X-EVENT-ID`);
  const feature = (itemIds: string[]) =>
    origin.deps.ledger.setFeatured('ch-beauty', itemIds.map((itemId) => ({ eventId: 'k-beauty-deal', itemId })), origin.clock.now());

  it('shows a pin within a second and keeps the featured set in every window', async () => {
    expect(pinTags(await (await get(BEAUTY)).text())).toEqual([]);
    const pinnedAt = origin.clock.now();
    await feature(['serum-duo']);
    expect(pinTags(await (await get(BEAUTY)).text())).toEqual([]); // the edge's copy, for up to a second

    origin.clock.advance(1_000);
    expect(pinTags(await (await get(BEAUTY)).text())).toEqual([tagOf(pinnedAt, 'serum-duo')]);
    expect(pinTags(await (await get('/hls/ch-snack/240p/index.m3u8')).text())).toEqual([]);

    origin.clock.advance(3_600_000);
    expect(pinTags(await (await get('/hls/ch-beauty/360p/index.m3u8')).text())).toEqual([tagOf(pinnedAt, 'serum-duo')]);
  });

  it('ends a pin taken off within the window and drops it once the window has passed', async () => {
    const oldPin = origin.clock.now();
    await feature(['serum-duo']);
    origin.clock.advance(3_600_000);
    const newPin = origin.clock.now();
    await feature(['mask-box']);
    origin.clock.advance(1_000);
    // serum-duo was made long before this window and is no longer featured: it leaves the playlist.
    expect(pinTags(await (await get(BEAUTY)).text())).toEqual([tagOf(newPin, 'mask-box')]);
    expect(oldPin).toBeLessThan(newPin);

    const unpinnedAt = origin.clock.now();
    await feature([]);
    origin.clock.advance(1_000);
    expect(pinTags(await (await get(BEAUTY)).text())).toEqual([ended(tagOf(newPin, 'mask-box'), unpinnedAt)]);
    origin.clock.advance(14_000); // past the 12-second window
    expect(pinTags(await (await get(BEAUTY)).text())).toEqual([]);
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
