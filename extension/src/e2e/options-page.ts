import type { Page } from 'playwright-core';
import { eventually } from '../../../test/helpers/platform.ts';
import type { ExtensionBrowser } from './browser.ts';

export interface OptionsInput {
  backendUrl: string;
  licenseKey: string;
  userEmail: string;
}

/** Fills Kairro's options page as an employee would and waits for the status it leads to. */
export async function saveOptions(
  browser: ExtensionBrowser,
  input: OptionsInput,
  status = 'Protected',
): Promise<Page> {
  const options = await browser.extensionPage('options.html');
  for (const [name, value] of Object.entries(input)) await options.fill(`input[name=${name}]`, value);
  await options.click('button[type=submit]');
  // Also runs in beforeAll, where expect.poll is not available.
  await eventually(async () => (await options.textContent('#status-label')) === status, 15_000).catch(
    async (err: unknown) => {
      const shown = `${await options.textContent('#status-label')}: ${await options.textContent('#status-message')}`;
      throw new Error(`options page did not reach "${status}" (shows ${shown})`, { cause: err });
    },
  );
  return options;
}
