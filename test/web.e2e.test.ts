import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, newPhoneContext, PHONE } from './support/chromium.js';
import { startStack, type RunningStack } from './support/start-stack.js';
import { ensureWebBuild } from './support/web-build.js';

/**
 * The walking skeleton in a real browser: a visitor on a phone goes catalog → log in → event →
 * waiting room → book → confirmation → my bookings → cancel, books again, and still finds the
 * booking after the whole stack restarts on the same data. Every step is checked on screen and
 * against the API, so a page that merely looks right is not enough.
 */

const ADMIN_TOKEN = 'web-e2e-admin-token-0123456789abcdef';
const EVENT_ID = 'seongsu-popup';
const POPUP_TITLE = 'Seongsu popup store: opening weekend';
const DEAL_TITLE = 'Live time-deal: K-beauty sets';
/** Generous per step: the machine running this may be busy with other suites. */
const STEP_MS = 20_000;
const IDENTITY_KEY = 'banjjak.identity.current';

const canRun = chromiumAvailable();

describe.skipIf(!canRun)('the web app on a phone, against the real stack', () => {
  let dataDir: string;
  let shotsDir: string;
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  /** Steps depend on each other: after the first failure the rest fail at once, naming the cause. */
  let broken = false;
  let firstBookingId: string;
  let secondBookingId: string;

  const stackEnv = () => ({ DATA_DIR: dataDir, ADMIN_TOKEN, SEED_DEMO: 'true' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'banjjak-web-e2e-'));
    shotsDir = await mkdtemp(join(tmpdir(), 'banjjak-web-shots-'));
    await ensureWebBuild();
    [stack, browser] = await Promise.all([startStack(stackEnv()), launchChromium()]);
    context = await newPhoneContext(browser, stack.url);
    context.setDefaultTimeout(STEP_MS);
    context.setDefaultNavigationTimeout(STEP_MS);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
    if (broken) console.warn(`web e2e failed: screenshots kept in ${shotsDir}`);
    else await rm(shotsDir, { recursive: true, force: true });
  });

  beforeEach((test) => {
    expect(broken, 'an earlier step failed; this one depends on it').toBe(false);
    test.onTestFailed(async () => {
      broken = true;
      const shot = join(shotsDir, `failed-${test.task.name.replace(/\W+/g, '-')}.png`);
      await page?.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      console.warn(`failed at ${page?.url()} (screenshot: ${shot})\nstack output:\n${stack?.output().slice(-4_000)}`);
    });
  });

  async function api(path: string, token: string) {
    const response = await fetch(`${stack!.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, `GET ${path}`).toBe(200);
    return response.json();
  }

  /** The member's id token, as the app keeps it in localStorage. */
  async function idToken(): Promise<string> {
    const raw = await page.evaluate((key) => localStorage.getItem(key), IDENTITY_KEY);
    expect(raw, 'identity in localStorage').toBeTruthy();
    return JSON.parse(raw!).idToken;
  }

  const myBookings = async () => (await api('/api/me/bookings', await idToken())).bookings as { id: string; itemId: string; status: string }[];

  /** Booked places per slot, straight from the ledger (the operator view is never cached). */
  async function remaining(itemId: string): Promise<number> {
    const stats = await api(`/api/admin/events/${EVENT_ID}/stats`, ADMIN_TOKEN);
    return stats.items.find((item: { id: string }) => item.id === itemId).remaining;
  }

  /** Screenshot at phone width, and the page must not scroll sideways. */
  async function checkPhoneLayout(name: string): Promise<void> {
    const path = join(shotsDir, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    expect((await stat(path)).size).toBeGreaterThan(1_000);
    expect((await readFile(path)).subarray(1, 4).toString()).toBe('PNG');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  }

  const mainNav = () => page.getByRole('navigation', { name: 'Main' });
  const slotChoice = (slot: string) => page.getByRole('radio', { name: new RegExp(`^${slot}\\b`) });
  /**
   * What the page says is left of a slot (the event page's list or the booking form's choice);
   * waits through the page's 5 s refresh.
   */
  const waitForSlotLeft = (slot: string, left: number) =>
    page
      .locator('.item-summary')
      .filter({ has: page.getByText(slot, { exact: true }) })
      .getByText(`${left} of 50 left`, { exact: true })
      .waitFor();
  const bookingCard = (bookingId: string) => page.getByRole('listitem').filter({ hasText: bookingId });

  /**
   * On the booking page (from the event page through the line, unless a pass is still held and
   * the event page offers to continue), check the slot shows all 50 places, then book it.
   */
  async function bookSlot(slot: string): Promise<string> {
    await page.getByRole('heading', { level: 1, name: POPUP_TITLE }).waitFor();
    if (!page.url().endsWith(`/events/${EVENT_ID}/book`)) {
      const join = page.getByRole('link', { name: 'Join the line' });
      const resume = page.getByRole('link', { name: 'Continue to booking' });
      await join.or(resume).first().waitFor();
      // queueAll=false and 600 admissions a minute: the waiting room lets us through at once.
      await ((await join.isVisible()) ? join : resume).tap();
      await page.waitForURL(`**/events/${EVENT_ID}/book`);
    }
    const choice = slotChoice(slot);
    await page.getByText("You're in!").waitFor();
    await waitForSlotLeft(slot, 50);
    await choice.tap();
    expect(await choice.isChecked()).toBe(true);
    await page.getByRole('button', { name: `Book ${slot}` }).tap();
    await page.waitForURL(/\/bookings\/bk_[\w-]+$/);
    const confirmation = page.getByRole('region', { name: "You're booked!" });
    await confirmation.waitFor();
    await confirmation.getByRole('definition').filter({ hasText: new RegExp(`^${slot}$`) }).waitFor();
    await confirmation.getByText(POPUP_TITLE).waitFor();
    const bookingId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await confirmation.getByText(bookingId).waitFor();
    return bookingId;
  }

  it('shows both demo drops in the catalog', async () => {
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Drops' }).waitFor();
    await page.getByRole('link', { name: new RegExp(POPUP_TITLE) }).waitFor();
    await page.getByRole('link', { name: new RegExp(DEAL_TITLE) }).waitFor();
    expect(await page.title()).toContain('Banjjak');
    await checkPhoneLayout('catalog');
  });

  it('logs in as user1', async () => {
    await page.getByRole('link', { name: 'Log in' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByLabel('User name').fill('user1');
    await page.getByLabel('Password').fill('flashdrop');
    await page.getByRole('button', { name: 'Log in' }).tap();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByText('Member 1').waitFor();
    const identity = JSON.parse((await page.evaluate((key) => localStorage.getItem(key), IDENTITY_KEY)) ?? '{}');
    expect(identity).toMatchObject({ kind: 'member', userId: expect.any(String), idToken: expect.any(String) });
  });

  it('gets in line for the Seongsu popup, passes the waiting room and books 13:00', async () => {
    expect(await remaining('slot-13')).toBe(50);
    await page.getByRole('link', { name: new RegExp(POPUP_TITLE) }).tap();
    await page.waitForURL(`**/events/${EVENT_ID}`);
    await page.getByRole('link', { name: 'Join the line' }).waitFor();
    // Not let in yet: the slots are a read-only list.
    await page.getByRole('heading', { name: 'Time slots' }).waitFor();

    // The waiting room really runs: it joins the line, sees its turn, and is let in.
    const visited: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(new URL(frame.url()).pathname));
    const joined = page.waitForResponse((response) => response.url().endsWith(`/api/queue/${EVENT_ID}/join`));
    const admitted = page.waitForResponse((response) => response.url().endsWith(`/api/queue/${EVENT_ID}/admit`));
    void admitted.catch(() => undefined); // reported where awaited; no unhandled rejection if join fails first
    await page.getByRole('link', { name: 'Join the line' }).tap();
    expect((await joined).status()).toBe(201);
    expect((await admitted).status()).toBe(200);
    await page.waitForURL(`**/events/${EVENT_ID}/book`);
    expect(visited).toContain(`/events/${EVENT_ID}/queue`);
    await page.getByRole('group', { name: 'Choose a slot' }).waitFor();
    await checkPhoneLayout('booking-page');

    firstBookingId = await bookSlot('13:00');
    await checkPhoneLayout('confirmation');

    expect(await myBookings()).toEqual([expect.objectContaining({ id: firstBookingId, itemId: 'slot-13', status: 'confirmed' })]);
    expect(await remaining('slot-13')).toBe(49);

    await page.getByRole('link', { name: 'Back to the event' }).tap();
    await page.waitForURL(`**/events/${EVENT_ID}`);
    await waitForSlotLeft('13:00', 49);
  });

  it('lists the booking under my bookings and cancels it there', async () => {
    await mainNav().getByRole('link', { name: 'My bookings' }).tap();
    await page.getByRole('heading', { level: 1, name: 'My bookings' }).waitFor();
    const card = bookingCard(firstBookingId);
    await card.getByText('13:00', { exact: true }).waitFor();
    await card.getByText('Confirmed', { exact: true }).waitFor();
    await checkPhoneLayout('my-bookings');

    await card.getByRole('button', { name: 'Cancel booking' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
    await dialog.waitFor();
    await dialog.getByText(POPUP_TITLE).waitFor();
    await dialog.getByRole('button', { name: 'Yes, cancel it' }).tap();
    await dialog.waitFor({ state: 'hidden' });

    await card.getByText('Cancelled', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Cancel booking' }).waitFor({ state: 'detached' });
    expect(await myBookings()).toEqual([expect.objectContaining({ id: firstBookingId, status: 'cancelled' })]);
    expect(await remaining('slot-13')).toBe(50);
  });

  it('books another slot (14:00)', async () => {
    await mainNav().getByRole('link', { name: 'Drops' }).tap();
    await page.getByRole('link', { name: new RegExp(POPUP_TITLE) }).tap();
    await page.waitForURL(`**/events/${EVENT_ID}`);
    secondBookingId = await bookSlot('14:00');
    expect(secondBookingId).not.toBe(firstBookingId);
    expect(await remaining('slot-14')).toBe(49);

    // On screen too, once the page's poll sees past the short public cache (max-age=1, swr=5):
    // the new booking took a place, the cancelled one gave its place back.
    await page.getByRole('link', { name: 'Back to the event' }).tap();
    await waitForSlotLeft('14:00', 49);
    await waitForSlotLeft('13:00', 50);
  });

  it('still shows the booking after the stack restarts on the same data', async () => {
    await mainNav().getByRole('link', { name: 'My bookings' }).tap();
    await bookingCard(secondBookingId).getByText('Confirmed', { exact: true }).waitFor();

    expect(await stack!.stop()).toBe(0);
    // Same port: the page's origin (and with it localStorage, i.e. who we are) stays the same.
    stack = await startStack({ ...stackEnv(), PORT: new URL(stack!.url).port });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'My bookings' }).waitFor();
    await page.getByText('Member 1').waitFor();

    const second = bookingCard(secondBookingId);
    await second.getByText('14:00', { exact: true }).waitFor();
    await second.getByText('Confirmed', { exact: true }).waitFor();
    await second.getByRole('button', { name: 'Cancel booking' }).waitFor();
    const first = bookingCard(firstBookingId);
    await first.getByText('Cancelled', { exact: true }).waitFor();

    const bookings = await myBookings();
    expect(bookings).toHaveLength(2);
    expect(bookings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: firstBookingId, itemId: 'slot-13', status: 'cancelled' }),
        expect.objectContaining({ id: secondBookingId, itemId: 'slot-14', status: 'confirmed' }),
      ]),
    );
    expect(await remaining('slot-13')).toBe(50);
    expect(await remaining('slot-14')).toBe(49);
  });
});
