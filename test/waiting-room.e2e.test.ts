import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, newPhoneContext } from './support/chromium.js';
import { startStack, type RunningStack } from './support/start-stack.js';
import { ensureWebBuild } from './support/web-build.js';

/**
 * The waiting room people can trust, in a real Chromium against the real stack: two tabs of one
 * browser on the same line poll /status one request at a time between them (Web Locks +
 * BroadcastChannel) and show the same place; when the polling tab closes the other takes over;
 * a stale, higher position from the server never shows on screen, not even after a reload; and
 * "Leave the line" forgets the place on this device.
 *
 * The line does not move: one visitor ahead was admitted and `maxActiveUsers` is 1, so the
 * serving number stays while the admission rate (600/min) keeps `refreshAfterMs` near 1 s.
 */

const ADMIN_TOKEN = 'waiting-room-e2e-admin-token-0123456789';
const EVENT_ID = 'line-e2e';
const WAITING = 5;
/** Position is seq − servingSeq: the admitted visitor holds the serving number, so 5 waiting put us at 6. */
const AHEAD = WAITING + 1;
const STEP_MS = 20_000;
const QUEUE_KEY_PREFIX = 'banjjak.queue.';

const canRun = chromiumAvailable();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(!canRun)('the waiting room across tabs, against the real stack', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  /** /status requests from every tab of the context: how many at once, and which tab sent each. */
  const polls = { inFlight: 0, maxInFlight: 0, byPage: new Map<Page, number>() };
  const isStatus = (request: Request) => new URL(request.url()).pathname === `/api/queue/${EVENT_ID}/status`;

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${stack!.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-waiting-e2e-'));
    await ensureWebBuild();
    [stack, browser] = await Promise.all([startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, RATE_LIMITS: 'off' }), launchChromium()]);
    const now = Date.now();
    const created = await call('POST', '/api/admin/events', ADMIN_TOKEN, {
      id: EVENT_ID,
      title: 'Line drill',
      kind: 'booking',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      queueAll: true,
      admission: { newUsersPerMinute: 600, maxActiveUsers: 1, sessionSeconds: 3_600 },
      items: [{ id: 'slot-1', label: '10:00', capacity: 50, perUserLimit: 1 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The first in line is let in and fills the only active session; the next ones wait behind.
    const first = await call('POST', `/api/queue/${EVENT_ID}/join`);
    expect(first.status).toBe(201);
    const deadline = Date.now() + STEP_MS;
    let admitted = 0;
    while (admitted !== 200 && Date.now() < deadline) {
      admitted = (await call('POST', `/api/queue/${EVENT_ID}/admit`, first.body.queueToken as string)).status;
      if (admitted !== 200) await sleep(250);
    }
    expect(admitted, 'the first in line is admitted').toBe(200);
    for (let i = 0; i < WAITING; i += 1) expect((await call('POST', `/api/queue/${EVENT_ID}/join`)).status).toBe(201);

    context = await newPhoneContext(browser, stack.url);
    context.setDefaultTimeout(STEP_MS);
    context.on('request', (request) => {
      if (!isStatus(request)) return;
      polls.inFlight += 1;
      polls.maxInFlight = Math.max(polls.maxInFlight, polls.inFlight);
      const page = request.frame().page();
      polls.byPage.set(page, (polls.byPage.get(page) ?? 0) + 1);
    });
    const done = (request: Request) => {
      if (isStatus(request)) polls.inFlight -= 1;
    };
    context.on('requestfinished', done);
    context.on('requestfailed', done);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const ahead = (page: Page) => page.locator('#waiting-room-status').getByText(/people ahead of you$/);
  const shownAhead = async (page: Page) => Number((await ahead(page).innerText()).replace(/\D/g, ''));
  const pollsFrom = (page: Page) => polls.byPage.get(page) ?? 0;

  let first: Page;
  let second: Page;

  it('two tabs on the same line: one poller between them, never two polls at once, the same place on both', async () => {
    first = await context.newPage();
    await first.goto(`/events/${EVENT_ID}/queue`);
    await ahead(first).waitFor();
    expect(await shownAhead(first)).toBe(AHEAD);
    await first.getByText(/Estimated wait: /).waitFor();

    second = await context.newPage();
    await second.goto(`/events/${EVENT_ID}/queue`);
    await ahead(second).waitFor();
    expect(await shownAhead(second)).toBe(AHEAD);

    const before = { first: pollsFrom(first), second: pollsFrom(second) };
    await sleep(8_000);
    // refreshAfterMs is about 1 s: the leader polled several times, the other tab not once.
    expect(pollsFrom(first) - before.first).toBeGreaterThanOrEqual(4);
    expect(pollsFrom(second) - before.second).toBe(0);
    expect(polls.maxInFlight).toBe(1);
    expect(await shownAhead(second)).toBe(AHEAD);
  });

  it('when the polling tab closes, the other one takes over, still one poll at a time', async () => {
    await first.close();
    const taken = pollsFrom(second);
    await expect.poll(() => pollsFrom(second), { timeout: STEP_MS }).toBeGreaterThan(taken + 3);
    expect(polls.maxInFlight).toBe(1);
    expect(await shownAhead(second)).toBe(AHEAD);
  });

  it('never shows a position higher than one already seen, even after a reload', async () => {
    // A stale answer (an edge whose state copy lags): the real answer, 40 places further back.
    let bumped = 0;
    await context.route(`**/api/queue/${EVENT_ID}/status`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { position: number | null };
      if (body.position !== null) body.position += 40;
      bumped += 1;
      await route.fulfill({ response, json: body });
    });
    await expect.poll(() => bumped, { timeout: STEP_MS }).toBeGreaterThan(2);
    expect(await shownAhead(second)).toBe(AHEAD);

    await second.reload();
    await ahead(second).waitFor();
    const afterReload = bumped;
    await expect.poll(() => bumped, { timeout: STEP_MS }).toBeGreaterThan(afterReload + 2);
    expect(await shownAhead(second)).toBe(AHEAD);
    // The progress bar agrees: no progress lost, none invented.
    expect(await second.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
    await context.unroute(`**/api/queue/${EVENT_ID}/status`);
  });

  it('leaves the line behind a confirmation, forgetting the place on this device', async () => {
    const stored = () => second.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), QUEUE_KEY_PREFIX);
    expect(await stored()).toHaveLength(1);
    await second.getByRole('button', { name: 'Leave the line' }).click();
    const dialog = second.getByRole('dialog', { name: 'Leave the line?' });
    await dialog.getByRole('button', { name: 'Stay in line' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await stored()).toHaveLength(1);

    await second.getByRole('button', { name: 'Leave the line' }).click();
    await dialog.getByRole('button', { name: 'Yes, leave' }).click();
    await second.waitForURL((url) => url.pathname === `/events/${EVENT_ID}`);
    expect(await stored()).toEqual([]);
    const count = pollsFrom(second);
    await sleep(3_000);
    expect(pollsFrom(second)).toBe(count);
  });
});
