import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runLoadTest } from '../loadtest/run-load-test.js';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { startStack, type RunningStack } from './support/start-stack.js';
import { ensureWebBuild } from './support/web-build.js';

/**
 * Drop day, as issue #12 tells it, in Chromium against the real stack: an operator creates a
 * drop in the console and pins its product on a live channel; a Korean shopper on a 360-px phone
 * opens the home page, watches the channel, sees the product arrive, taps it, waits in line, books,
 * and still finds the booking after the stack restarts; the operator watches a load test's drop
 * fill its funnel. Screenshots of each step go to dist/screenshots/drop-day.
 */

const ADMIN_TOKEN = 'drop-day-admin-token-0123456789abcdef';
const DROP_ID = 'drop-day-glow';
const DROP_TITLE = '성수 글로우 세트 라이브 특가';
const ITEM_ID = 'glow-set';
const ITEM_LABEL = '글로우 세트';
const CHANNEL = 'ch-beauty';
const CHANNEL_TITLE = 'K-beauty time-deal live';
const STEP_MS = 45_000;
const SHOTS = join(import.meta.dirname, '../dist/screenshots/drop-day');

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('drop day: the console, a Korean phone, a load test and a restart', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  let operator: Page;
  let phone: Page;
  let phoneContext: BrowserContext;
  let bookingId: string;
  let broken = false;

  const env = () => ({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true', RATE_LIMITS: 'off' });
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-drop-day-'));
    await mkdir(SHOTS, { recursive: true });
    await ensureWebBuild();
    [stack, browser] = await Promise.all([startStack(env()), launchChromium()]);
    const laptop = await browser.newContext({ baseURL: stack.url, viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'Asia/Seoul' });
    laptop.setDefaultTimeout(STEP_MS);
    operator = await laptop.newPage();
    phoneContext = await browser.newContext({
      baseURL: stack.url,
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
    });
    phoneContext.setDefaultTimeout(STEP_MS);
    phone = await phoneContext.newPage();
    console.info(`drop-day screenshots: ${SHOTS}`);
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
    });
  });

  it('the operator creates the drop in the console', async () => {
    await operator.goto('/console');
    await operator.getByLabel('Operator token').fill(ADMIN_TOKEN);
    await operator.getByRole('button', { name: 'Sign in' }).click();
    await operator.getByRole('link', { name: 'Create a drop' }).click();
    await operator.getByLabel('Title', { exact: true }).fill(DROP_TITLE);
    await operator.getByLabel('Id (optional)', { exact: true }).fill(DROP_ID);
    await operator.getByLabel('Kind').selectOption('deal');
    const item = operator.getByRole('group', { name: 'Item 1' });
    await item.getByLabel('Item id').fill(ITEM_ID);
    await item.getByLabel('Label', { exact: true }).fill(ITEM_LABEL);
    await item.getByLabel('Capacity').fill('30');
    await item.getByLabel('Price (KRW, optional)').fill('39000');
    await operator.getByRole('button', { name: 'Create the drop' }).click();
    await operator.getByRole('heading', { level: 1, name: DROP_TITLE }).waitFor();
    const event = (await (await fetch(`${stack!.url}/api/events/${DROP_ID}`)).json()) as { status: string; items: { id: string; remaining: number }[] };
    expect(event.status).toBe('open');
    expect(event.items).toEqual([expect.objectContaining({ id: ITEM_ID, remaining: 30 })]);
    await shot(operator, '01-console-drop-created');
  });

  it('a Korean shopper opens the home page on a 360-px phone and watches the live channel', async () => {
    await phone.goto('/');
    await phone.getByRole('heading', { level: 1, name: '반짝이는 드롭, 공정하게' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.lang)).toBe('ko');
    await shot(phone, '02-phone-home');
    await phone.locator('a.channel-card', { hasText: CHANNEL_TITLE }).click();
    await phone.waitForURL(`**/channels/${CHANNEL}`);
    await phone.waitForFunction(() => (document.querySelector<HTMLVideoElement>('video.player-video')?.currentTime ?? 0) > 1);
  });

  it('the operator pins the product and it appears on the phone', async () => {
    await operator.goto(`/console/channels/${CHANNEL}`);
    await operator.locator(`#featured-slot-0 option[value="${DROP_ID}/${ITEM_ID}"]`).waitFor({ state: 'attached' });
    await operator.getByLabel('Product 1', { exact: true }).selectOption(`${DROP_ID}/${ITEM_ID}`);
    for (const slot of ['Product 2', 'Product 3']) {
      const select = operator.getByLabel(slot, { exact: true });
      if (await select.count()) await select.selectOption('');
    }
    const pinned = Date.now();
    await operator.getByRole('button', { name: 'Pin these products' }).click();
    // What the phone polls: the channel document through the edge (cached ≤ 1 s).
    let inDocumentMs = Number.NaN;
    const documentWatch = (async () => {
      while (Date.now() - pinned < STEP_MS) {
        const document = (await (await fetch(`${stack!.url}/api/channels/${CHANNEL}`)).json()) as { featured: { itemId: string }[] };
        if (document.featured.some((pin) => pin.itemId === ITEM_ID)) return (inDocumentMs = Date.now() - pinned);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return inDocumentMs;
    })();
    await phone.locator(`.product-card[data-item-id="${ITEM_ID}"] .product-title`).waitFor();
    const onPhoneMs = Date.now() - pinned;
    await documentWatch;
    expect(inDocumentMs).toBeGreaterThanOrEqual(0);
    // Headless Chromium decoding video in software runs multi-second tasks on a playing page's main
    // thread on a busy machine, which delays its timers; the document's figure is the platform's.
    console.info(`drop day: the pin in the channel document after ${inDocumentMs} ms, the card on the phone after ${onPhoneMs} ms`);
    expect(await phone.locator(`.product-card[data-item-id="${ITEM_ID}"]`).innerText()).toMatch(/₩39,000/);
    await shot(phone, '03-phone-channel-pinned');
  });

  it('the shopper taps the product, waits in line and books', async () => {
    await phone.locator(`.product-card[data-item-id="${ITEM_ID}"]`).getByRole('link', { name: '줄 서기' }).click();
    await phone.waitForURL(`**/events/${DROP_ID}/**`);
    await shot(phone, '04-phone-line');
    await phone.waitForURL(`**/events/${DROP_ID}/book`);
    await phone.getByRole('radio').first().check();
    await phone.getByRole('button', { name: `${ITEM_LABEL} 예약하기` }).click();
    await phone.waitForURL('**/bookings/**');
    await phone.getByRole('img', { name: /QR/ }).waitFor();
    bookingId = decodeURIComponent(new URL(phone.url()).pathname.split('/').pop() ?? '');
    await shot(phone, '05-phone-booked');
    const stats = (await (await fetch(`${stack!.url}/api/admin/events/${DROP_ID}/stats`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as { booked: number };
    expect(stats.booked).toBe(1);
  });

  it("the operator watches a load test's drop fill its funnel", async () => {
    const run = runLoadTest({
      scenario: 'flash-crowd',
      target: stack!.url,
      visitors: 60,
      seats: 20,
      durationSeconds: 40,
      ratePerMinute: 600,
      concurrency: 32,
      workers: Math.min(2, availableParallelism()),
      burstSeconds: 2,
      rps: 1000,
      maxRequests: 50_000,
      outDir: join(dataDir, 'loadtest'),
      adminToken: ADMIN_TOKEN,
      allowRemote: false,
    });
    // The tester's drop appears in the console's list; the operator opens it while the crowd arrives.
    await operator.goto('/console');
    const row = operator.locator('tr[data-drop^="lt-flash-crowd-"]').first();
    await row.waitFor();
    await row.getByRole('link').first().click();
    await operator.locator('.funnel-value[data-step="joined"]').waitFor();
    await expect.poll(async () => Number((await operator.locator('.funnel-value[data-step="joined"]').innerText()).replace(/\D/g, '')), { timeout: STEP_MS, interval: 500 }).toBeGreaterThanOrEqual(20);
    await shot(operator, '06-console-funnel');
    const { report } = await run;
    expect(report.invariants.filter((check) => !check.ok)).toEqual([]);
  });

  it('after a restart, the booking is still there', async () => {
    await stack!.stop();
    stack = await startStack({ ...env(), PORT: new URL(stack!.url).port });
    await phone.goto('/me');
    await phone.locator('.booking-list li', { hasText: bookingId }).waitFor();
    await shot(phone, '07-phone-my-bookings-after-restart');
  });
});
