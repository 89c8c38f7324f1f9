import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleMediaDir } from '../origin/channels/simulated-hls.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { REPLAY_PLAYLIST_CACHE_CONTROL, SEGMENT_CACHE_CONTROL } from './cache/hls-cache-control.js';
import { createTestEdge } from './test-support/create-test-edge.js';

const execFileAsync = promisify(execFile);
const FFPROBE = '/usr/bin/ffprobe';

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo);
  edge = createTestEdge(origin.app, origin.clock);
});

const NOW = Date.parse('2026-12-05T00:00:00Z');
const ago = (seconds: number) => NOW - seconds * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const get = (path: string) => edge.app.request(path);
const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];

/** A 30 s show on ch-snack from 100 s ago, with a pin carried in from before it, one made during it, one after. */
async function showWithPins() {
  await callApp(edge.app, 'POST', '/api/admin/events', { token: TEST_ADMIN_TOKEN, body: openEvent(origin.clock, { id: 'drop-p' }) });
  const slot = (itemId: string) => ({ eventId: 'drop-p', itemId });
  await origin.deps.ledger.setFeatured('ch-snack', [slot('slot-a')], ago(130));
  await origin.deps.ledger.setFeatured('ch-snack', [slot('slot-a'), slot('slot-b')], ago(89));
  await origin.deps.ledger.setFeatured('ch-snack', [slot('slot-b')], ago(75));
  await origin.deps.ledger.setFeatured('ch-snack', [], ago(60));
  await origin.deps.ledger.setFeatured('ch-snack', [slot('slot-a')], ago(50));
  const created = await callApp(edge.app, 'POST', '/api/admin/channels/ch-snack/replays', { token: TEST_ADMIN_TOKEN, body: { startedAt: iso(ago(100)), endedAt: iso(ago(70)) } });
  expect(created.status).toBe(201);
  return created.body as { id: string; playbackUrl: string; startedAt: string; endedAt: string; durationSeconds: number };
}

describe('a local replay played through the edge', () => {
  it('serves a VOD playlist of the window: its segments exist, it ends with ENDLIST, its pins sit inside the window', async () => {
    const replay = await showWithPins();
    const master = await get(replay.playbackUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('cache-control')).toBe(REPLAY_PLAYLIST_CACHE_CONTROL);
    const renditions = (await master.text()).match(/^\S+\.m3u8$/gm);
    expect(renditions).toEqual(['240p/index.m3u8', '360p/index.m3u8']);

    const base = new URL(replay.playbackUrl, 'http://edge.test');
    for (const rendition of renditions!) {
      const url = new URL(rendition, base);
      const response = await get(url.pathname);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe(REPLAY_PLAYLIST_CACHE_CONTROL);
      const playlist = await response.text();
      const lines = playlist.trim().split('\n');
      expect(lines).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
      expect(lines.at(-1)).toBe('#EXT-X-ENDLIST');

      const times = lines.filter((line) => line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')).map((line) => Date.parse(line.slice(25)));
      expect(times).toHaveLength(replay.durationSeconds / 2);
      expect([iso(times[0]!), iso(times.at(-1)! + 2_000)]).toEqual([replay.startedAt, replay.endedAt]);

      const pins = lines.filter((line) => line.startsWith('#EXT-X-DATERANGE:'));
      expect(pins.map((tag) => [attribute(tag, 'X-ITEM-ID'), attribute(tag, 'ID'), attribute(tag, 'START-DATE'), attribute(tag, 'END-DATE')])).toEqual([
        // Same ID as in the live playlists (the pin's own time); the dates clipped to the window.
        ['slot-a', `pin:${ago(130)}:drop-p:slot-a`, replay.startedAt, iso(ago(75))],
        ['slot-b', `pin:${ago(89)}:drop-p:slot-b`, iso(ago(89)), replay.endedAt],
      ]);

      const segments = lines.filter((line) => !line.startsWith('#'));
      expect(segments).toHaveLength(times.length);
      for (const segment of new Set(segments)) {
        const segmentPath = new URL(segment, url).pathname;
        expect(segmentPath).toMatch(new RegExp(`^/hls/ch-snack/${rendition.split('/')[0]}/seg\\d\\.ts$`));
        const file = await get(segmentPath);
        expect([file.status, file.headers.get('content-type'), file.headers.get('cache-control')], segmentPath).toEqual([200, 'video/mp2t', SEGMENT_CACHE_CONTROL]);
      }
    }
  });

  it('plays from start to end in ffprobe, as long as the replay says', async () => {
    const replay = await showWithPins();
    const playlist = await (await get(`/hls/replays/${replay.id}/360p/index.m3u8`)).text();
    // The edge's layout on disk: the playlist under hls/replays/<id>/360p, the channel's segments under hls/ch-snack.
    const root = await mkdtemp(join(tmpdir(), 'replay-'));
    try {
      const dir = join(root, 'hls', 'replays', replay.id, '360p');
      await mkdir(dir, { recursive: true });
      await symlink(join(sampleMediaDir, 'ch-snack'), join(root, 'hls', 'ch-snack'));
      await writeFile(join(dir, 'index.m3u8'), playlist);
      const { stdout } = await execFileAsync(FFPROBE, ['-v', 'error', '-of', 'json', '-show_entries', 'format=duration:stream=codec_type,codec_name', join(dir, 'index.m3u8')]);
      const probe = JSON.parse(stdout) as { format: { duration: string }; streams: { codec_type: string; codec_name: string }[] };
      expect(probe.streams.map((stream) => `${stream.codec_type}:${stream.codec_name}`).sort()).toEqual(['audio:aac', 'video:h264']);
      expect(Number(probe.format.duration)).toBeCloseTo(replay.durationSeconds, 0);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('answers unknown replays and files with a 404 problem, and keeps live playlists at 1 s', async () => {
    const replay = await showWithPins();
    const answers: [string, string][] = [
      ['/hls/replays/rp-unknown/master.m3u8', 'replay_not_found'],
      ['/hls/replays/rp-unknown/240p/index.m3u8', 'replay_not_found'],
      [`/hls/replays/${replay.id}/720p/index.m3u8`, 'not_found'],
      [`/hls/replays/${replay.id}/live.m3u8`, 'not_found'],
      [`/hls/replays/${replay.id}/240p/seg0.ts`, 'not_found'],
    ];
    for (const [path, code] of answers) {
      const response = await get(path);
      expect([response.status, ((await response.json()) as { code: string }).code], path).toEqual([404, code]);
      expect(response.headers.get('cache-control'), path).not.toBe(REPLAY_PLAYLIST_CACHE_CONTROL);
    }
    expect((await get('/hls/ch-snack/240p/index.m3u8')).headers.get('cache-control')).toBe('public, max-age=1, s-maxage=1');
  });
});
