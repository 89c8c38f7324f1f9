import { accessSync, constants } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** The system Chromium (Debian package); playwright-core never downloads its own browsers here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A phone: the narrowest width the web app promises to support (web/README.md). */
export const PHONE = { width: 375, height: 812 } as const;

/**
 * Whether the browser suites can run here. Like the Redis suites (DESIGN.md §5): under CI=true a
 * missing Chromium is a failure, not a skip; elsewhere the suites skip and say why.
 */
export function chromiumAvailable(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    const message = `${CHROMIUM_PATH} not found or not executable`;
    if (process.env.CI === 'true') throw new Error(`${message}: CI must run the browser suite (apt-get install chromium)`);
    console.warn(`${message}: skipping the browser suite (install chromium to run it)`);
    return false;
  }
}

/** Headless system Chromium, quiet: no background downloads, no sync, no QUIC. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A phone-sized touch context with a fixed locale and time zone, so rendered dates are stable. */
export function newPhoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { ...PHONE },
    screen: { ...PHONE },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'en-US',
    timezoneId: 'Asia/Seoul',
  });
}
