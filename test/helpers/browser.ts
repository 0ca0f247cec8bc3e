import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium package; install with `apt-get install -y chromium` if it is missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium for integration tests (console pages, extension flows). Close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ headless: true, executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Signs in on the console's login page the browser is on (or was redirected to). */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Opens `path` of the console, which redirects to the login page, signs in and waits until the
 * console is back on `path`.
 */
export async function signInAt(
  page: Page,
  baseUrl: string,
  path: string,
  user: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/login/);
  await submitLogin(page, user.email, user.password);
  await page.waitForURL(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`));
}
