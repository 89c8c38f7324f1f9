import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.js';
import { startStack, type RunningStack } from './support/start-stack.js';
import { ensureWebBuild } from './support/web-build.js';

/**
 * Every page of the visitor's path and of the operator console, in Korean and in English, on a 360×640 phone and a 1280×800
 * laptop, in Chromium against the real stack: a screenshot of each (the folder is printed), no
 * serious or critical axe-core violation, no sideways scrolling, `<html lang>` right, and the
 * page in the language asked for.
 */

const ADMIN_TOKEN = 'tour-e2e-admin-token-0123456789abcdef';
const EVENT_ID = 'seongsu-popup';
const CHANNEL = 'ch-beauty';
const STEP_MS = 30_000;
const SHOTS = join(import.meta.dirname, '../dist/screenshots');
const VIEWPORTS = [
  { name: 'phone', width: 360, height: 640, isMobile: true },
  { name: 'laptop', width: 1280, height: 800, isMobile: false },
] as const;
const LOCALES = [
  { lang: 'ko', browser: 'ko-KR', home: '반짝이는 드롭, 공정하게', book: /예약하기$/ },
  { lang: 'en', browser: 'en-US', home: 'Sparkling drops, fairly', book: /^Book / },
] as const;

interface Visit {
  page: string;
  path: string;
  violations: string[];
  sideways: boolean;
}

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('every page in two languages and two sizes', () => {
  let dataDir: string;
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  let replayPath: string;
  const visits: Visit[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-tour-'));
    await ensureWebBuild();
    [stack, browser] = await Promise.all([startStack({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true' }), launchChromium()]);
    await fetch(`${stack.url}/api/admin/channels/${CHANNEL}/featured`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ products: [{ eventId: 'k-beauty-deal', itemId: 'serum-duo' }] }),
    });
    const { replays } = (await (await fetch(`${stack.url}/api/replays?sort=plays`)).json()) as { replays: { id: string; channelId: string }[] };
    expect(replays.length).toBeGreaterThan(0);
    replayPath = `/channels/${replays[0]!.channelId}?replay=${replays[0]!.id}`;
    console.info(`web tour screenshots: ${SHOTS}`);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function check(page: Page, folder: string, name: string): Promise<void> {
    await page.locator('h1').first().waitFor();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = axe.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    visits.push({ page: `${folder.split('/').pop()}/${name}`, path: new URL(page.url()).pathname, violations, sideways });
  }

  for (const locale of LOCALES) {
    for (const viewport of VIEWPORTS) {
      it(`${locale.lang} on a ${viewport.width}×${viewport.height} ${viewport.name}: home, drop, channel, replay, login, line, booking, confirmation, my bookings, not found, and the console`, async () => {
        const folder = join(SHOTS, `${locale.lang}-${viewport.width}x${viewport.height}`);
        await mkdir(folder, { recursive: true });
        const context = await browser!.newContext({
          baseURL: stack!.url,
          viewport: { width: viewport.width, height: viewport.height },
          isMobile: viewport.isMobile,
          hasTouch: viewport.isMobile,
          locale: locale.browser,
          timezoneId: 'Asia/Seoul',
        });
        context.setDefaultTimeout(STEP_MS);
        const page = await context.newPage();
        try {
          await page.goto('/');
          await page.getByRole('heading', { level: 1, name: locale.home }).waitFor();
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale.lang);
          await check(page, folder, '01-home');
          // The toggle switches every sentence and is remembered across a reload; then back.
          const other = LOCALES.find((candidate) => candidate.lang !== locale.lang)!;
          await page.locator('.lang-toggle').click();
          await page.getByRole('heading', { level: 1, name: other.home }).waitFor();
          await page.reload();
          await page.getByRole('heading', { level: 1, name: other.home }).waitFor();
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(other.lang);
          await page.locator('.lang-toggle').click();
          await page.getByRole('heading', { level: 1, name: locale.home }).waitFor();

          await page.goto(`/events/${EVENT_ID}`);
          await check(page, folder, '02-drop');

          await page.goto(`/channels/${CHANNEL}`);
          await page.locator('.product-card .product-title').first().waitFor();
          await check(page, folder, '03-channel');

          await page.goto(replayPath);
          await page.locator('.timeline button').first().waitFor();
          await check(page, folder, '04-replay');

          await page.goto('/login');
          await check(page, folder, '05-login');

          // The line lets this new guest in at once (the drop is open and not full): the booking page follows.
          await page.goto(`/events/${EVENT_ID}/queue`);
          await check(page, folder, '06-line');
          await page.waitForURL(`**/events/${EVENT_ID}/book`);
          await page.getByRole('radio').first().waitFor();
          await check(page, folder, '07-book');
          await page.getByRole('radio').first().check();
          await page.getByRole('button', { name: locale.book }).click();
          await page.waitForURL('**/bookings/**');
          await check(page, folder, '08-confirmation');

          await page.goto('/me');
          await page.locator('.booking-list li').first().waitFor();
          await check(page, folder, '09-my-bookings');

          await page.goto('/nowhere-at-all');
          await check(page, folder, '10-not-found');

          // The operator console, signed in with the operator token.
          await page.goto('/console');
          await page.locator('#operator-token').fill(ADMIN_TOKEN);
          await page.locator('form button[type="submit"]').click();
          await page.locator(`tr[data-drop="${EVENT_ID}"]`).waitFor();
          await check(page, folder, '11-console-drops');
          await page.goto(`/console/events/${EVENT_ID}`);
          await page.locator('.funnel-value[data-step="joined"]').waitFor();
          await check(page, folder, '12-console-drop');
          await page.goto('/console/events/new');
          await page.locator('form').first().waitFor();
          await check(page, folder, '13-console-new-drop');
          await page.goto(`/console/channels/${CHANNEL}`);
          await page.locator('#featured-slot-0').waitFor();
          await check(page, folder, '14-console-channel');
        } finally {
          await context.close();
        }
      });
    }
  }

  it('found no serious or critical accessibility violation and no page wider than the screen', () => {
    expect(visits.length).toBe(LOCALES.length * VIEWPORTS.length * 14);
    expect(visits.filter((visit) => visit.violations.length > 0).map((visit) => `${visit.page}: ${visit.violations.join('; ')}`)).toEqual([]);
    expect(visits.filter((visit) => visit.sideways).map((visit) => visit.page)).toEqual([]);
  });
});
