/**
 * Enterprise policy for the extension, the way an admin deploys it on Linux: a JSON file in
 * Chromium's managed policy directory, with the extension's settings under
 * `3rdparty.extensions.<id>` (validated against `public/managed_schema.json`). Chromium reads the
 * directory at start-up, headless too. It is machine-wide, so writing it needs root, and every
 * Chromium on the machine sees it: give each test its own extension id (`buildExtension({
 * manifestKey })`) and its own file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const CHROMIUM_POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

export interface ManagedSettings {
  backendUrl?: string;
  licenseKey?: string;
  userEmail?: string;
  failMode?: 'closed' | 'open';
}

export interface ManagedPolicy {
  file: string;
  remove(): Promise<void>;
}

export async function writeManagedPolicy(
  extensionId: string,
  settings: ManagedSettings,
): Promise<ManagedPolicy> {
  const file = join(CHROMIUM_POLICY_DIR, `kairro-e2e-${randomUUID()}.json`);
  const policy = { '3rdparty': { extensions: { [extensionId]: settings } } };
  try {
    await mkdir(CHROMIUM_POLICY_DIR, { recursive: true });
    await writeFile(file, JSON.stringify(policy, null, 2));
  } catch (err) {
    throw new Error(
      `cannot write Chromium policy to ${CHROMIUM_POLICY_DIR} (the managed-config test runs as root, as in CI)`,
      { cause: err },
    );
  }
  return { file, remove: () => rm(file, { force: true }) };
}
