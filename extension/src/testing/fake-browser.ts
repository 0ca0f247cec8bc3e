/**
 * Import this first in tests that touch `wxt/browser` or `wxt/utils/storage`. WXT's vitest plugin
 * stubs the `browser`/`chrome` globals with fakeBrowser before tests load; the repo's root vitest
 * run has no such plugin, so this module does the same. It must be evaluated before
 * `@wxt-dev/browser`, which reads the globals once when it loads.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

const globals = globalThis as { browser?: unknown; chrome?: unknown };
globals.browser ??= fakeBrowser;
globals.chrome ??= fakeBrowser;

export { fakeBrowser };
