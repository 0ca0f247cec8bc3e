import { defineConfig } from 'wxt';

/**
 * A fixed public key (base64 DER of an RSA key) makes Chrome derive the same extension id,
 * `pmmhpjafcdlhbgjmjfadejgiiofkiogb`, for every unpacked or self-hosted build, wherever it is
 * loaded from: enterprise policy (`3rdparty.extensions.<id>`, `ExtensionSettings`) is keyed by that
 * id, so managed configuration needs it known before the first install. Only the public half
 * exists; the private one was thrown away, as Chrome needs none to load an unpacked build. The
 * Chrome Web Store assigns its own id and does not accept a `key` in uploads: set
 * `KAIRRO_MANIFEST_KEY=0` for a store build. Any other value is used as the key instead: browser
 * tests that write machine-wide Chromium policy build under a key (an id) of their own, so that
 * policy does not configure the extension other test files run at the same time.
 */
const MANIFEST_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAqMkj1g5sI/HXbyGECaSsZ59njEQSzBh7WfAKUlLZtISajBiivBD/pdJiNxEO7dU1qY2D1wFZztSVSl90EpV2Idq78kyi5DDEHd+SBcC9KnMCbrSXM+FFvwU6KUbIKACHw4FROiw8FUC87DQt4PNFXRTJBXlPUG6vP7CcLhYPqYCCyUb8F7Hxb33q7/y8+9rVMVNLANNTR81n8t/DWm1PMb9pXecvzhXYYIHvY4Vy6gz0mGnSRSNzheGTo+MnNN2YF8XOyLP9DRvchulKyMNA32AKmnBSrl1ioND6SZAtT9Ol43zcSHID2NkcKaTrek1y+RqhbZIOpDbSsCXfA1eVyQIDAQAB';
const manifestKey =
  process.env.KAIRRO_MANIFEST_KEY === '0' ? null : process.env.KAIRRO_MANIFEST_KEY || MANIFEST_KEY;

// The background worker fetches the configured ingest URL, which can be any origin. Ingest sends no
// CORS headers, and a managed (policy-installed) deployment has no user gesture with which to ask
// for an optional host permission, so the worker needs host access to http(s) origins up front.
export default defineConfig({
  srcDir: 'src',
  // Browser tests build into a directory of their own: test files run in parallel, and one build
  // must not replace the files another Chromium is loading.
  outDir: process.env.KAIRRO_EXTENSION_OUT_DIR || undefined,
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
      : {
          // Chrome and Edge read enterprise policy for the extension through this schema.
          storage: { managed_schema: 'managed_schema.json' },
          ...(manifestKey ? { key: manifestKey } : {}),
        }),
  }),
});
