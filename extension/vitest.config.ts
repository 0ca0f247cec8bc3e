import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// `npm test -w @kairro/extension` runs the tests with WXT's plugin (fakeBrowser globals, WXT's
// aliases). The repo's root `npm run test:unit` runs the same files without it: tests that touch
// browser APIs import `src/testing/fake-browser.ts` first, which stubs the same globals.
export default defineConfig({
  plugins: [WxtVitest()],
  test: { include: ['src/**/*.test.ts'], exclude: ['**/*.integration.test.ts', '**/node_modules/**'] },
});
