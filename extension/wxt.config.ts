import { defineConfig } from 'wxt';

// The background worker fetches the configured ingest URL, which can be any origin. Ingest sends no
// CORS headers, and a managed (policy-installed) deployment has no user gesture with which to ask
// for an optional host permission, so the worker needs host access to http(s) origins up front.
export default defineConfig({
  srcDir: 'src',
  // Explicit imports everywhere, as in the rest of the repo.
  imports: false,
  // Manifest V3 for Firefox too (WXT builds Firefox as MV2 unless told otherwise).
  manifestVersion: 3,
  zip: {
    artifactTemplate: 'kairro-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'kairro-{{version}}-sources.zip',
  },
  manifest: ({ browser }) => ({
    name: 'Kairro',
    description: 'Checks prompts sent to AI tools against your organization’s data protection policy.',
    permissions: ['storage', 'alarms'],
    host_permissions: ['http://*/*', 'https://*/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'extension@kairro.dev',
              strict_min_version: '128.0',
              // Registration sends the user's email to the organization's own backend.
              data_collection_permissions: { required: ['personallyIdentifyingInfo'] },
            },
          },
        }
      : // Chrome and Edge read enterprise policy for the extension through this schema.
        { storage: { managed_schema: 'managed_schema.json' } }),
  }),
});
