/**
 * Builds the Chrome extension into a directory of this test file's own (files run in parallel and
 * must not rebuild under another file's Chromium) and names the id Chrome gives it.
 */
import { execFile } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const EXTENSION_ROOT = resolve(import.meta.dirname, '..', '..');
const WXT = join(EXTENSION_ROOT, '..', 'node_modules', '.bin', 'wxt');

export interface BuiltExtension {
  /** The unpacked Chrome MV3 build, for `--load-extension`. */
  dir: string;
  id: string;
  remove(): Promise<void>;
}

/**
 * Chrome's id for an extension with manifest `key`: the first 128 bits of the SHA-256 of the public
 * key (DER), written in hex with the digits 0–f spelled a–p.
 */
export function extensionIdFromKey(base64Der: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Der, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode(97 + parseInt(d, 16))).join('');
}

/** A new RSA public key (base64 DER) for a build with an id of its own. */
export function newManifestKey(): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** `manifestKey` replaces the repo's fixed key (see wxt.config.ts), for an id no other test uses. */
export async function buildExtension(opts: { manifestKey?: string } = {}): Promise<BuiltExtension> {
  const out = await mkdtemp(join(tmpdir(), 'kairro-extension-build-'));
  await promisify(execFile)(WXT, ['build'], {
    cwd: EXTENSION_ROOT,
    env: {
      ...process.env,
      KAIRRO_EXTENSION_OUT_DIR: out,
      ...(opts.manifestKey ? { KAIRRO_MANIFEST_KEY: opts.manifestKey } : {}),
    },
  });
  const dir = join(out, 'chrome-mv3');
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { key?: string };
  if (!manifest.key) throw new Error('the Chrome build has no manifest key: was KAIRRO_MANIFEST_KEY=0 set?');
  return {
    dir,
    id: extensionIdFromKey(manifest.key),
    remove: () => rm(out, { recursive: true, force: true }),
  };
}
