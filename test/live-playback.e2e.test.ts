import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { startStack, type RunningStack } from './support/start-stack.js';

/**
 * A simulated channel played by hls.js in Chromium through the real local stack (edge, origin,
 * dynalite): the video plays, and a product the operator pins with the admin API reaches the page
 * inside the stream, as the EXT-X-DATERANGE cue of a metadata text track.
 */

const ADMIN_TOKEN = 'live-e2e-admin-token-0123456789abcdef';
const CHANNEL = 'ch-beauty';
const EVENT_ID = 'k-beauty-deal';
const PLAYER = join(import.meta.dirname, 'support/live-player.html');
const HLS_JS = createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js');
/** Generous per step: a starved browser reloads playlists late, and the cue opens only when the playhead reaches it. */
const STEP_MS = 60_000;
const POLL = { polling: 500 } as const;

interface PinCue {
  id: string;
  itemId: string;
  startTime: number;
  endTime: number;
}

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('a live channel in Chromium, against the real stack', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-live-e2e-'));
    [stack, browser] = await Promise.all([startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true' }), launchChromium()]);
    const context = await browser.newContext({ baseURL: stack.url });
    context.setDefaultTimeout(STEP_MS);
    // The page and hls.js are served at the stack's origin, so the player reads /hls like the web app would.
    await context.route((url) => url.pathname === '/__test/live-player.html', (route) => route.fulfill({ path: PLAYER, contentType: 'text/html' }));
    await context.route((url) => url.pathname === '/__test/hls.min.js', (route) => route.fulfill({ path: HLS_JS, contentType: 'text/javascript' }));
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function feature(itemId: string): Promise<{ pinnedAt: string }> {
    const response = await fetch(`${stack!.url}/api/admin/channels/${CHANNEL}/featured`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ products: [{ eventId: EVENT_ID, itemId }] }),
    });
    const document = (await response.json()) as { featured: { eventId: string; itemId: string; pinnedAt: string }[] };
    expect(response.status, JSON.stringify(document)).toBe(200);
    expect(document.featured.map((pin) => pin.itemId)).toEqual([itemId]);
    return document.featured[0]!;
  }

  const pinCues = (activeOnly: boolean) => page.evaluate((active) => (window as unknown as { pinCues(active: boolean): PinCue[] }).pinCues(active), activeOnly);
  const currentTime = () => page.evaluate(() => document.querySelector('video')!.currentTime);

  it('plays the master playlist in both renditions, the video advancing', async () => {
    await feature('serum-duo');
    await page.goto(`/__test/live-player.html?src=/hls/${CHANNEL}/master.m3u8`);
    await page.waitForFunction(() => document.querySelector('video')!.currentTime > 1, undefined, POLL);
    const levels = await page.evaluate(() => (window as unknown as { hls: { levels: { width: number; height: number; videoCodec?: string }[] } }).hls.levels.map((level) => `${level.width}x${level.height}`));
    expect(levels).toEqual(['426x240', '640x360']);
    // Playing on: the picture moves on by more than two segments (hls.js rides out any stall).
    const before = await currentTime();
    await page.waitForFunction((from) => document.querySelector('video')!.currentTime > from + 4, before, POLL);
    expect(await page.evaluate(() => document.querySelector('video')!.paused)).toBe(false);
  });

  it('shows the featured product from the stream: a DATERANGE cue under the playhead', async () => {
    await page.locator('#pins li', { hasText: 'serum-duo' }).waitFor();
    const cues = await pinCues(true);
    expect(cues.map((cue) => cue.itemId)).toEqual(['serum-duo']);
    expect(cues[0]!.id).toMatch(new RegExp(`^pin:\\d+:${EVENT_ID}:serum-duo$`));
  });

  it('receives a product pinned while playing, at the time it was pinned in the stream', async () => {
    const asked = Date.now();
    const { pinnedAt } = await feature('mask-box');
    await page.waitForFunction(() => (window as unknown as { pinCues(active: boolean): PinCue[] }).pinCues(false).some((cue) => cue.itemId === 'mask-box'), undefined, POLL);
    const inPlaylistMs = Date.now() - asked;
    await page.locator('#pins li', { hasText: 'mask-box' }).waitFor();
    const onScreenMs = Date.now() - asked;
    // The cue opens when the playhead reaches the pin's time: the picture the viewer sees carries its date.
    const playingDate = await page.evaluate(() => (window as unknown as { hls: { playingDate: Date | null } }).hls.playingDate?.getTime() ?? 0);
    expect(playingDate).toBeGreaterThanOrEqual(Date.parse(pinnedAt));
    // The product taken off is no longer under the playhead (its cue ended, or left with the playlist).
    expect((await pinCues(true)).map((cue) => cue.itemId)).toEqual(['mask-box']);
    console.info(`pin in the player's playlist after ${inPlaylistMs} ms, on screen (cue active) after ${onScreenMs} ms`);
  });

  it('plays in the web app: hls.js only on the channel page, the pin on screen, hearts counted, playback quality reported', async () => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto('/');
    await page.locator('a.channel-card', { hasText: 'K-beauty time-deal live' }).waitFor();
    expect(scripts.some((path) => path.includes('hls'))).toBe(false);

    await feature('serum-duo');
    await page.locator('a.channel-card', { hasText: 'K-beauty time-deal live' }).click();
    await page.waitForURL(`**/channels/${CHANNEL}`);
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('video.player-video')?.currentTime ?? 0) > 1, undefined, POLL);
    expect(scripts.some((path) => /\/assets\/hls-[\w-]+\.js$/.test(path))).toBe(true);
    await page.locator('.product-card[data-item-id="serum-duo"] .product-title').waitFor();

    // An operator pins another product while the viewer watches: the card follows.
    const asked = Date.now();
    await feature('mask-box');
    await page.locator('.product-card[data-item-id="mask-box"] .product-title').waitFor();
    console.info(`web app: pinned product on screen ${Date.now() - asked} ms after the operator's call`);
    await page.locator('.product-card[data-item-id="serum-duo"]').waitFor({ state: 'detached' });
    // Its way in is the drop's line.
    expect(await page.locator('.product-card[data-item-id="mask-box"] a').getAttribute('href')).toBe(`/events/${EVENT_ID}/queue`);

    const heartsBefore = ((await (await fetch(`${stack!.url}/api/channels/${CHANNEL}`)).json()) as { hearts: number }).hearts;
    const heart = page.getByRole('button', { name: /♥|Send a heart/ });
    for (let tap = 0; tap < 3; tap += 1) await heart.click();
    await expect
      .poll(async () => ((await (await fetch(`${stack!.url}/api/channels/${CHANNEL}`)).json()) as { hearts: number }).hearts, { timeout: STEP_MS, interval: 500 })
      .toBe(heartsBefore + 3);

    // Leaving the page sends the last beacon; the operator's figures count this session's startup.
    await page.getByRole('link', { name: 'All drops' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect
      .poll(
        async () => {
          const response = await fetch(`${stack!.url}/api/admin/channels/${CHANNEL}/qoe`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
          return ((await response.json()) as { startupMs: { samples: number } }).startupMs.samples;
        },
        { timeout: STEP_MS, interval: 500 },
      )
      .toBeGreaterThanOrEqual(1);
    const qoe = (await (await fetch(`${stack!.url}/api/admin/channels/${CHANNEL}/qoe`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      sessions: number;
      startupMs: { p50: number };
      playedSeconds: number;
    };
    expect(qoe.sessions).toBeGreaterThanOrEqual(1);
    expect(qoe.startupMs.p50).toBeGreaterThan(0);
    expect(qoe.playedSeconds).toBeGreaterThan(1);
  });
});
