import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoChannels } from '../origin/demo/seed-demo.js';
import { callApp } from '../origin/test-support/call-app.js';
import { createTestOrigin, type TestOrigin } from '../origin/test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../origin/test-support/start-dynalite.js';
import { createTestEdge } from './test-support/create-test-edge.js';

/** The demo channels (they have sample media), two of them made private; ch-seongsu stays public. */
const channels = demoChannels.map((channel) => (channel.id === 'ch-seongsu' ? channel : { ...channel, private: true }));

let dynamo: TestDynamo;
let origin: TestOrigin;
let edge: ReturnType<typeof createTestEdge>;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo, { channels });
  edge = createTestEdge(origin.app, origin.clock);
});

/** A playback token asked for through the edge, as the web app does. */
async function playbackToken(channelId: string) {
  const { token } = await origin.deps.tokens.sign('id', { sub: 'u-viewer', idk: 'guest' }, 3_600);
  const answer = await callApp(edge.app, 'POST', `/api/channels/${channelId}/playback-token`, { token });
  expect(answer.status).toBe(200);
  return answer.body as { token: string; playbackUrl: string };
}

async function expectProblem(path: string, status: number, code: string) {
  const response = await edge.app.request(path);
  expect(response.status, path).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(((await response.json()) as { code: string }).code).toBe(code);
}

describe('private channels at the edge', () => {
  it("refuses a private channel's master playlist without a token and serves it with a valid one, kept by no shared cache", async () => {
    await expectProblem('/hls/ch-beauty/master.m3u8', 401, 'unauthorized');
    const { playbackUrl } = await playbackToken('ch-beauty');
    const response = await edge.app.request(playbackUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toMatch(/^#EXTM3U/);
    // The refusal still holds for the next viewer, though the playlist is now in the edge cache.
    await expectProblem('/hls/ch-beauty/master.m3u8', 401, 'unauthorized');
  });

  it('refuses an expired, a forged and another channel’s token', async () => {
    const { token } = await playbackToken('ch-beauty');
    const other = await playbackToken('ch-snack');
    await expectProblem(`/hls/ch-beauty/master.m3u8?token=${other.token}`, 403, 'forbidden');
    const [header, payload] = token.split('.');
    await expectProblem(`/hls/ch-beauty/master.m3u8?token=${header}.${payload}.${'A'.repeat(128)}`, 401, 'invalid_token');
    await expectProblem('/hls/ch-beauty/master.m3u8?token=not-a-jwt', 401, 'invalid_token');
    expect((await edge.app.request(`/hls/ch-beauty/master.m3u8?token=${token}`)).status).toBe(200);
    origin.clock.advance(606_000);
    await expectProblem(`/hls/ch-beauty/master.m3u8?token=${token}`, 401, 'invalid_token');
  });

  it('leaves public channels open', async () => {
    const response = await edge.app.request('/hls/ch-seongsu/master.m3u8');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=10, s-maxage=30');
  });
});
