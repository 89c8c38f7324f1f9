import { afterAll, beforeAll, expect, it } from 'vitest';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';
import { demoFirstPins, seedDemo } from './seed-demo.js';
import { seedDemoReplays } from './seed-demo-replays.js';

let dynamo: TestDynamo;
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());

it('seeds two past replays per simulated channel, with pins in their windows and a chart, once', async () => {
  const origin = await createTestOrigin(dynamo);
  const now = origin.clock.now();
  const { created } = await seedDemoReplays(origin.deps.ledger, origin.replays, now);
  expect(created).toHaveLength(6);
  await seedDemo(origin.deps.ledger, origin.events, origin.deps.channels, now, 'demo-password-123');

  const chart = (await callApp(origin.app, 'GET', '/api/replays?sort=plays')).body.replays as { id: string; channelId: string; plays: number; endedAt: string }[];
  expect(chart.map((replay) => replay.plays)).toEqual([1_250, 640, 412, 205, 87, 33]);
  expect(new Set(chart.map((replay) => replay.channelId))).toEqual(new Set(['ch-seongsu', 'ch-beauty', 'ch-snack']));
  for (const { id } of chart) {
    const replay = (await callApp(origin.app, 'GET', `/api/replays/${id}`)).body;
    expect(Date.parse(replay.endedAt)).toBeLessThan(now);
    expect(replay.timeline.map((entry: { offsetSeconds: number }) => entry.offsetSeconds)).toEqual([0, 480, 1_140]);
    const playlist = await (await origin.app.request(`/hls/replays/${id}/240p/index.m3u8`)).text();
    expect(playlist.match(/^#EXT-X-DATERANGE:/gm)).toHaveLength(3);
  }
  // The channels' current pins came after the past ones: made now, shown live.
  for (const [channelId, product] of Object.entries(demoFirstPins)) {
    expect(await origin.deps.ledger.featured(channelId)).toEqual([{ ...product, pinnedAt: new Date(now).toISOString() }]);
  }
  expect(await seedDemoReplays(origin.deps.ledger, origin.replays, now)).toEqual({ created: [] });
});
