import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoadClient } from '../client/load-client.js';
import { createEndpointMetrics } from '../metrics/endpoint-metrics.js';
import { playViewer } from './play-viewer.js';

/**
 * A real viewer loop against a real HTTP server on the wall clock: `/grow/` publishes a segment at
 * every load (always changed), `/frozen/` never changes. What is checked is when the reloads came.
 */
const loads = new Map<string, number[]>();
const segmentLoads: string[] = [];
let grown = 6;
const playlist = (first: number, count: number) =>
  ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-TARGETDURATION:2', `#EXT-X-MEDIA-SEQUENCE:${first}`, ...Array.from({ length: count }, (_, index) => `#EXTINF:2.000,\nseg${first + index}.ts`)].join('\n');
const server = createServer((req, res) => {
  const url = req.url ?? '';
  if (url === '/live/master.m3u8') {
    return res.end('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=300000\n../frozen/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=200000,RESOLUTION=426x240\n../grow/index.m3u8\n');
  }
  if (url.endsWith('.m3u8')) {
    loads.set(url, [...(loads.get(url) ?? []), performance.now()]);
    if (url === '/grow/index.m3u8') return res.end(playlist(0, grown++));
    return res.end(playlist(100, 6));
  }
  segmentLoads.push(url);
  return res.end(Buffer.alloc(1_000));
});
let target = '';
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

const gaps = (times: number[]) => times.slice(1).map((time, index) => time - times[index]!);

describe('a simulated viewer on the wall clock', () => {
  it('reloads a changed playlist every target duration and an unchanged one every half, and downloads segments in order from 3 target durations behind the edge', { timeout: 15_000 }, async () => {
    const start = performance.now();
    const now = () => performance.now() - start;
    const signal = AbortSignal.timeout(5_600);
    const metrics = createEndpointMetrics(now);
    const client = createLoadClient({ target, connections: 4, maxRequests: 1_000, metrics, signal: new AbortController().signal, now });
    const [lowest, highest] = await Promise.all([
      playViewer({ client, signal, endsAt: 5_600 }, { masterPath: '/live/master.m3u8', policy: 'lowest', number: 0, dueAt: 0 }),
      playViewer({ client, signal, endsAt: 5_600 }, { masterPath: '/live/master.m3u8', policy: 'highest', number: 1, dueAt: 0 }),
    ]);
    await client.destroy();

    // Always changed: 2 s apart (measured from when each load began). Never changed: 2 s after the first, then 1 s.
    const grow = gaps(loads.get('/grow/index.m3u8') ?? []);
    const frozen = gaps(loads.get('/frozen/index.m3u8') ?? []);
    // Lower bounds are the rule; upper bounds leave room for a busy machine's late timers while
    // still telling a full target duration (≥ 1,990 ms) from half of one (< 1,600 ms).
    expect(grow.length).toBeGreaterThanOrEqual(1);
    expect(grow.length).toBeLessThanOrEqual(2);
    for (const gap of grow) {
      expect(gap).toBeGreaterThanOrEqual(1_990);
      expect(gap).toBeLessThan(3_200);
    }
    expect(frozen.length).toBeGreaterThanOrEqual(3);
    expect(frozen[0]).toBeGreaterThanOrEqual(1_990);
    for (const gap of frozen.slice(1)) {
      expect(gap).toBeGreaterThanOrEqual(990);
      expect(gap).toBeLessThan(1_600);
    }

    expect(lowest).toMatchObject({ rendition: 'grow', targetDurationS: 2, resyncs: 0, stalls: 0 });
    expect(highest).toMatchObject({ rendition: 'frozen', targetDurationS: 2, resyncs: 0 });
    // The frozen window: seg103..seg105 (3 target durations behind its edge), each once, in order; 6 s of media, so no stall within 5.6 s.
    expect(segmentLoads.filter((url) => url.startsWith('/frozen/'))).toEqual(['/frozen/seg103.ts', '/frozen/seg104.ts', '/frozen/seg105.ts']);
    expect(highest).toMatchObject({ segments: 3, stalls: 0 });
    // The growing one: 3 behind its first edge (seg3..seg5), then each new segment as its playlist lists it.
    const grew = segmentLoads.filter((url) => url.startsWith('/grow/'));
    expect(grew.slice(0, 4)).toEqual(['/grow/seg3.ts', '/grow/seg4.ts', '/grow/seg5.ts', '/grow/seg6.ts']);
    expect(lowest.segments).toBe(grew.length);
    expect(lowest.startupMs).toBeGreaterThan(0);
    expect(lowest.startupMs).toBeLessThan(2_500);
    expect(lowest.playMs + lowest.stallMs).toBeCloseTo(lowest.endedAt - lowest.startupMs!, 0);
  });
});
