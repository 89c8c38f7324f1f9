import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { startStack, type RunningStack } from './support/start-stack.js';
import { ensureWebBuild } from './support/web-build.js';

/**
 * The operator console in a real browser against the real stack, at laptop size: sign in with the
 * token (a wrong one refused), create a drop through the form (a bad knob refused with its field
 * marked), see it listed, pause and resume it, watch its chart draw points as visitors join, pin a
 * product on a channel and find it in the channel document phones read. Each step is checked on
 * screen and against the API.
 */

const ADMIN_TOKEN = 'console-e2e-admin-token-0123456789abcdef';
const DROP_ID = 'console-e2e-drop';
const DROP_TITLE = 'Console e2e drop';
const CHANNEL_ID = 'ch-beauty';
const STEP_MS = 20_000;
const LAPTOP = { width: 1280, height: 800 } as const;

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('the operator console, against the real stack', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let broken = false;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-console-e2e-'));
    await ensureWebBuild();
    [stack, browser] = await Promise.all([startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true', RATE_LIMITS: 'off' }), launchChromium()]);
    context = await browser.newContext({ baseURL: stack.url, viewport: { ...LAPTOP }, locale: 'en-US', timezoneId: 'Asia/Seoul' });
    context.setDefaultTimeout(STEP_MS);
    context.setDefaultNavigationTimeout(STEP_MS);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach((test) => {
    expect(broken, 'an earlier step failed; this one depends on it').toBe(false);
    test.onTestFailed(() => {
      broken = true;
      console.warn(`failed at ${page?.url()}\nstack output:\n${stack?.output().slice(-3_000)}`);
    });
  });

  async function api(path: string, init: { method?: string; token?: string } = {}) {
    const response = await fetch(`${stack!.url}${path}`, { method: init.method ?? 'GET', headers: init.token ? { authorization: `Bearer ${init.token}` } : {} });
    return { status: response.status, body: await response.json() };
  }

  it('refuses a wrong token with the reason, and keeps the right one out of the URL', async () => {
    await page.goto('/console');
    await page.getByRole('heading', { level: 1, name: 'Operator console' }).waitFor();
    await page.getByLabel('Operator token').fill('not-the-operator-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/\S/);
    await page.getByLabel('Operator token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Drops' }).waitFor();
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    expect(await page.evaluate(() => sessionStorage.getItem('banjjak.console.token'))).toBe(JSON.stringify(ADMIN_TOKEN));
  });

  it('refuses a bad knob naming its field, then creates the drop', async () => {
    await page.getByRole('link', { name: 'Create a drop' }).click();
    await page.getByRole('heading', { level: 1, name: 'Create a drop' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill(DROP_TITLE);
    await page.getByLabel('Id (optional)', { exact: true }).fill(DROP_ID);
    await page.getByLabel('New visitors per minute').fill('0');
    const item = page.getByRole('group', { name: 'Item 1' });
    await item.getByLabel('Item id').fill('slot-a');
    await item.getByLabel('Label', { exact: true }).fill('Slot A');
    await item.getByLabel('Capacity').fill('40');
    await page.getByRole('button', { name: 'Create the drop' }).click();

    const knob = page.getByLabel('New visitors per minute');
    await page.locator('#drop-admission-newUsersPerMinute[aria-invalid="true"]').waitFor();
    expect(await page.locator('#drop-admission-newUsersPerMinute-error').innerText()).toMatch(/>=\s*1|too small/i);
    expect(await knob.getAttribute('aria-describedby')).toContain('drop-admission-newUsersPerMinute-error');
    expect(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBe('false');
    expect((await api(`/api/events/${DROP_ID}`)).status).toBe(404);

    await knob.fill('6000');
    await page.getByRole('button', { name: 'Create the drop' }).click();
    await page.getByRole('heading', { level: 1, name: DROP_TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/events/${DROP_ID}`);
    const created = await api(`/api/events/${DROP_ID}`);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ title: DROP_TITLE, admission: { newUsersPerMinute: 6000 }, items: [{ id: 'slot-a', capacity: 40 }] });
  });

  it('lists the drop with its live figures', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Drops' }).click();
    const row = page.locator(`tr[data-drop="${DROP_ID}"]`);
    await row.getByRole('link', { name: DROP_TITLE }).waitFor();
    await row.getByText('Open now').waitFor();
    // The figures come with the list (GET /api/admin/events): nothing booked, all 40 places remaining.
    expect(await row.locator('td').last().innerText()).toBe('40');
    await row.getByRole('link', { name: DROP_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: DROP_TITLE }).waitFor();
  });

  it('pauses and resumes admission', async () => {
    await page.getByRole('button', { name: 'Pause admission' }).click();
    await page.getByRole('button', { name: 'Resume admission' }).waitFor();
    await page.locator('.console-heading').getByText('Paused').waitFor();
    expect((await api(`/api/admin/events/${DROP_ID}/stats`, { token: ADMIN_TOKEN })).body.status).toBe('paused');
    await page.getByRole('button', { name: 'Resume admission' }).click();
    await page.getByRole('button', { name: 'Pause admission' }).waitFor();
    await page.locator('.console-heading').getByText('Open now').waitFor();
    expect((await api(`/api/admin/events/${DROP_ID}/stats`, { token: ADMIN_TOKEN })).body.status).toBe('open');
  });

  it('draws the drop’s figures as they change: visitors join, the chart and the funnel follow', async () => {
    for (let visitor = 0; visitor < 3; visitor++) {
      const join = await api(`/api/queue/${DROP_ID}/join`, { method: 'POST' });
      expect(join.status).toBe(201);
    }
    await page.locator('[data-figure="waiting"], [data-figure="admitted"]').first().waitFor();
    await page.waitForFunction(() => document.querySelector('.funnel-value[data-step="joined"]')?.textContent?.trim() === '3');
    // Several 2 s samples: the waiting/admitted/active line is a path with at least three points.
    await page.waitForFunction(() => {
      const path = document.querySelector('.chart-line')?.getAttribute('d') ?? '';
      return (path.match(/[ML]/g) ?? []).length >= 3;
    });
    const label = await page.locator('.chart-svg').first().getAttribute('aria-label');
    expect(label).toMatch(/Waiting \d+, Admitted \d+, Active \d+/);
  });

  it('fits a tablet and a 360 px phone without sideways scrolling', async () => {
    for (const viewport of [{ width: 768, height: 1024 }, { width: 360, height: 740 }]) {
      await page.setViewportSize(viewport);
      await page.getByRole('button', { name: 'Pause admission' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
    }
    await page.setViewportSize({ ...LAPTOP });
  });

  it('pins a product on a channel, which the channel document shows', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Channels' }).waitFor();
    await page.locator(`a[href="/console/channels/${CHANNEL_ID}"]`).click();
    await page.getByRole('heading', { level: 2, name: 'Featured products' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /Playback quality/ }).waitFor();
    await page.locator('#featured-slot-0 option[value="k-beauty-deal/serum-duo"]').waitFor({ state: 'attached' });

    // The same product twice: the API refuses the second slot by name.
    await page.getByLabel('Product 1', { exact: true }).selectOption('k-beauty-deal/serum-duo');
    await page.getByLabel('Product 2', { exact: true }).selectOption('k-beauty-deal/serum-duo');
    await page.getByRole('button', { name: 'Pin these products' }).click();
    await page.locator('#featured-slot-1[aria-invalid="true"]').waitFor();
    expect(await page.locator('#featured-slot-1-error').innerText()).toMatch(/twice/);

    await page.getByLabel('Product 2', { exact: true }).selectOption('');
    const pinnedAt = Date.now();
    await page.getByRole('button', { name: 'Pin these products' }).click();
    await page.getByText(/^Pinned: phones show them/).waitFor();
    let featured: { eventId: string; itemId: string }[] = [];
    while (Date.now() - pinnedAt < 5_000) {
      featured = (await api(`/api/channels/${CHANNEL_ID}`)).body.featured;
      if (featured.length === 1 && featured[0]!.itemId === 'serum-duo') break;
      await new Promise((done) => setTimeout(done, 250));
    }
    expect(featured).toMatchObject([{ eventId: 'k-beauty-deal', itemId: 'serum-duo' }]);
    expect(Date.now() - pinnedAt).toBeLessThan(3_000);
  });

  it('signs out, forgetting the token', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Operator token').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('banjjak.console.token'))).toBeNull();
  });
});
