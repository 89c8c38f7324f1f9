import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, openEvent, TEST_ADMIN_TOKEN, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

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
const ago = (minutes: number) => NOW - minutes * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const admin = { token: TEST_ADMIN_TOKEN };
const endShow = (channelId: string, body: Record<string, unknown>) => callApp(edge.app, 'POST', `/api/admin/channels/${channelId}/replays`, { ...admin, body });
const play = (replayId: string, options: { viewerId?: string; ip?: string; token?: string } = {}) =>
  callApp(edge.app, 'POST', `/api/replays/${replayId}/plays`, {
    body: options.viewerId ? { viewerId: options.viewerId } : {},
    headers: { 'x-test-ip': options.ip ?? '203.0.113.9' },
    ...(options.token && { token: options.token }),
  });
const fromOrigin = (prefix: string) => edge.originRequests.filter((request) => request.startsWith(prefix)).length;

/** A drop with two items, and the pins of ch-beauty at fixed times around a show from 45 to 30 minutes ago. */
async function pinAroundShow() {
  expect((await callApp(edge.app, 'POST', '/api/admin/events', { ...admin, body: openEvent(origin.clock, { id: 'drop-r' }) })).status).toBe(201);
  const slot = (itemId: string) => ({ eventId: 'drop-r', itemId });
  await origin.deps.ledger.setFeatured('ch-beauty', [slot('slot-a')], ago(50));
  await origin.deps.ledger.setFeatured('ch-beauty', [slot('slot-a'), slot('slot-b')], ago(40));
  await origin.deps.ledger.setFeatured('ch-beauty', [slot('slot-b')], ago(35));
  await origin.deps.ledger.setFeatured('ch-beauty', [], ago(20));
  await origin.deps.ledger.setFeatured('ch-beauty', [slot('slot-a')], ago(10));
}

describe('replays through the edge', () => {
  it('turns a show into a replay with its product timeline, once, cached 60 s', async () => {
    await pinAroundShow();
    const created = await endShow('ch-beauty', { startedAt: iso(ago(45) + 1_000), endedAt: iso(ago(30)), title: 'Beauty hour' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(id).toMatch(/^rp-[0-9a-f]{20}$/);
    expect(created.body).toEqual({
      id,
      channelId: 'ch-beauty',
      title: 'Beauty hour',
      // Snapped outward to whole 2 s segments: the playlist plays exactly this window.
      startedAt: iso(ago(45)),
      endedAt: iso(ago(30)),
      durationSeconds: 900,
      playbackUrl: `/hls/replays/${id}/master.m3u8`,
      plays: 0,
      timeline: [
        { eventId: 'drop-r', itemId: 'slot-a', offsetSeconds: 0, pinnedAt: iso(ago(50)), unpinnedAt: iso(ago(35)) },
        { eventId: 'drop-r', itemId: 'slot-b', offsetSeconds: 300, pinnedAt: iso(ago(40)), unpinnedAt: iso(ago(20)) },
      ],
    });
    const again = await endShow('ch-beauty', { startedAt: iso(ago(45)), endedAt: iso(ago(29)) });
    expect([again.status, again.body.id, again.body.endedAt]).toEqual([200, id, iso(ago(30))]);

    const read = await callApp(edge.app, 'GET', `/api/replays/${id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('public, max-age=10, s-maxage=60, stale-if-error=300');
    expect(read.body).toEqual(created.body);
    await callApp(edge.app, 'GET', `/api/replays/${id}`);
    expect(fromOrigin(`GET /api/replays/${id}`)).toBe(1);

    const list = await callApp(edge.app, 'GET', '/api/replays?utm=x');
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('public, max-age=5, s-maxage=30, stale-while-revalidate=60, stale-if-error=300');
    const { timeline: _timeline, ...summary } = created.body as Record<string, unknown>;
    expect(list.body).toEqual({ replays: [summary] });
    // Parameters a list does not vary on neither split nor bust its cache.
    await callApp(edge.app, 'GET', '/api/replays?utm=y');
    expect(edge.originRequests).toContain('GET /api/replays');
    expect(fromOrigin('GET /api/replays?')).toBe(0);
  });

  it('counts a play once per viewer per 30 min, folds the counts into the chart, pages through it', async () => {
    const ids: string[] = [];
    for (const [channelId, startMinutes] of [['ch-snack', 300], ['ch-seongsu', 200], ['ch-beauty', 100]] as const) {
      ids.push((await endShow(channelId, { startedAt: iso(ago(startMinutes)), endedAt: iso(ago(startMinutes - 20)) })).body.id);
    }
    const [oldest, middle, newest] = ids as [string, string, string];
    const guest = (await callApp(edge.app, 'POST', '/api/auth/guest')).body.idToken as string;
    const plays = [
      play(oldest, { viewerId: 'browser-aaaaaaaaaaaa' }),
      play(oldest, { viewerId: 'browser-aaaaaaaaaaaa' }),
      play(oldest, { viewerId: 'browser-bbbbbbbbbbbb' }),
      play(oldest, { token: guest, viewerId: 'browser-aaaaaaaaaaaa' }),
      play(oldest, { token: guest }),
      play(oldest, { ip: '198.51.100.1' }),
      play(oldest, { ip: '198.51.100.1' }),
      play(newest, { ip: '198.51.100.1' }),
    ];
    for (const sent of plays) expect((await sent).status).toBe(202);
    // Counted, not folded yet: the ledger's totals are unchanged.
    expect((await origin.deps.ledger.getReplay(oldest))?.plays).toBe(0);
    expect(await origin.replays.fold()).toEqual({ folded: 5, dropped: 0 });
    expect(await origin.replays.fold()).toEqual({ folded: 0, dropped: 0 });

    const chart = await callApp(edge.app, 'GET', '/api/replays?sort=plays');
    expect(chart.body.replays.map((replay: { id: string; plays: number }) => [replay.id, replay.plays])).toEqual([[oldest, 4], [newest, 1], [middle, 0]]);
    const newestFirst = await callApp(edge.app, 'GET', '/api/replays');
    expect(newestFirst.body.replays.map((replay: { id: string }) => replay.id)).toEqual([newest, middle, oldest]);

    const first = await callApp(edge.app, 'GET', '/api/replays?sort=plays&limit=2');
    expect(first.body.replays.map((replay: { id: string }) => replay.id)).toEqual([oldest, newest]);
    const second = await callApp(edge.app, 'GET', `/api/replays?sort=plays&limit=2&cursor=${first.body.nextCursor}`);
    expect([second.body.replays.map((replay: { id: string }) => replay.id), second.body.nextCursor]).toEqual([[middle], undefined]);
    // A cursor of one order is refused by the other.
    const crossed = await callApp(edge.app, 'GET', `/api/replays?limit=2&cursor=${first.body.nextCursor}`);
    expect([crossed.status, crossed.body.code]).toEqual([400, 'validation_failed']);
  });

  it('answers bad input with a 4xx problem naming the field, and changes nothing', async () => {
    const kept = (await endShow('ch-snack', { startedAt: iso(ago(60)), endedAt: iso(ago(50)) })).body.id as string;
    const problems: [string, string, number, string, string?][] = [
      ['GET', '/api/replays?sort=hot', 400, 'validation_failed', 'sort'],
      ['GET', '/api/replays?limit=0', 400, 'validation_failed', 'limit'],
      ['GET', '/api/replays?limit=51', 400, 'validation_failed', 'limit'],
      ['GET', '/api/replays?limit=ten', 400, 'validation_failed', 'limit'],
      ['GET', '/api/replays?cursor=%24%24', 400, 'validation_failed', 'cursor'],
      ['GET', `/api/replays?cursor=${Buffer.from('["newest","x","y"]').toString('base64url')}`, 400, 'validation_failed', 'cursor'],
      ['GET', '/api/replays/rp-unknown', 404, 'replay_not_found'],
      ['GET', '/api/replays/a%20b', 404, 'replay_not_found'],
      ['GET', `/api/replays/${'x'.repeat(65)}`, 404, 'replay_not_found'],
      ['POST', '/api/replays/rp-unknown/plays', 404, 'replay_not_found'],
      ['POST', `/api/replays/${kept}/plays#short`, 400, 'validation_failed', 'viewerId'],
    ];
    for (const [method, path, status, code, field] of problems) {
      const body = path.endsWith('#short') ? { viewerId: 'short' } : method === 'POST' ? {} : undefined;
      const answer = await callApp(edge.app, method, path.replace('#short', ''), { ...(body && { body }) });
      expect([answer.status, answer.body.code], path).toEqual([status, code]);
      expect(answer.headers.get('content-type'), path).toContain('application/problem+json');
      if (field) expect(answer.body.fields.map((entry: { path: string }) => entry.path), path).toContain(field);
    }
    const malformed = await callApp(edge.app, 'POST', `/api/replays/${kept}/plays`, { rawBody: '{"viewerId":', headers: { 'content-type': 'application/json' } });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'invalid_json']);
    const badToken = await callApp(edge.app, 'POST', `/api/replays/${kept}/plays`, { token: 'not.a.token', body: {} });
    expect([badToken.status, badToken.body.code]).toEqual([401, 'invalid_token']);

    const windows: [Record<string, unknown>, number, string, string?][] = [
      [{}, 400, 'validation_failed', 'startedAt'],
      [{ startedAt: 'yesterday' }, 400, 'validation_failed', 'startedAt'],
      [{ startedAt: iso(ago(10)), endedAt: iso(NOW + 60_000) }, 400, 'validation_failed', 'endedAt'],
      [{ startedAt: iso(ago(10)), endedAt: iso(ago(10)) }, 400, 'validation_failed', 'endedAt'],
      [{ startedAt: iso(ago(10)), endedAt: iso(ago(20)) }, 400, 'validation_failed', 'endedAt'],
      [{ startedAt: iso(ago(300)), endedAt: iso(ago(59)) }, 400, 'validation_failed', 'endedAt'],
      [{ startedAt: iso(ago(241)) }, 400, 'validation_failed', 'startedAt'],
      [{ startedAt: iso(NOW + 60_000) }, 400, 'validation_failed', 'startedAt'],
      [{ startedAt: iso(ago(10)), extra: 1 }, 400, 'validation_failed'],
      [{ startedAt: iso(ago(10)), title: '' }, 400, 'validation_failed', 'title'],
    ];
    for (const [body, status, code, field] of windows) {
      const answer = await endShow('ch-beauty', body);
      expect([answer.status, answer.body.code], JSON.stringify(body)).toEqual([status, code]);
      if (field) expect(answer.body.fields.map((entry: { path: string }) => entry.path), JSON.stringify(body)).toEqual([field]);
    }
    expect((await endShow('ch-nope', { startedAt: iso(ago(10)) })).body.code).toBe('channel_not_found');
    expect((await callApp(edge.app, 'POST', '/api/admin/channels/ch-beauty/replays', { body: { startedAt: iso(ago(10)) } })).status).toBe(401);

    // Exactly four hours is allowed; nothing refused above was saved, nothing counted.
    expect((await endShow('ch-seongsu', { startedAt: iso(ago(240)) })).status).toBe(201);
    expect((await origin.deps.ledger.listReplays({ sort: 'newest', limit: 50 })).replays.map((replay) => replay.channelId).sort()).toEqual(['ch-seongsu', 'ch-snack']);
    expect(await origin.replays.fold()).toEqual({ folded: 0, dropped: 0 });
  });

  it('limits plays per address together with hearts and beacons, at the edge', async () => {
    const limited = createTestEdge(origin.app, origin.clock, { viewerWritesPerMinute: 2 });
    const id = (await endShow('ch-snack', { startedAt: iso(ago(60)), endedAt: iso(ago(50)) })).body.id as string;
    const from = (ip: string) => ({ body: {}, headers: { 'x-test-ip': ip } });
    expect((await callApp(limited.app, 'POST', '/api/channels/ch-snack/watch', from('192.0.2.5'))).status).toBe(202);
    expect((await callApp(limited.app, 'POST', `/api/replays/${id}/plays`, from('192.0.2.5'))).status).toBe(202);
    const before = limited.originRequests.length;
    const refused = await callApp(limited.app, 'POST', `/api/replays/${id}/plays`, from('192.0.2.5'));
    expect([refused.status, refused.body.code]).toEqual([429, 'rate_limited']);
    expect(limited.originRequests.length).toBe(before);
    expect((await callApp(limited.app, 'POST', `/api/replays/${id}/plays`, from('192.0.2.6'))).status).toBe(202);
  });
});
