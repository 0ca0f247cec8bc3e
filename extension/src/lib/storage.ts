import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import {
  DEFAULT_CONFIG,
  parseManaged,
  resolveConfig,
  type EffectiveConfig,
  type FailMode,
  type PartialConfig,
} from './config.ts';
import type { RecentDecision } from './messages.ts';
import { INITIAL_STATUS, type Status } from './status.ts';
import type { TelemetryQueueState } from './telemetry-queue.ts';
import type { CachedToolPolicy } from './tool-policy.ts';

/** Options the user saved on the options page; managed storage (policy) overrides them. */
export const backendUrl = storage.defineItem<string>('local:backendUrl', {
  fallback: DEFAULT_CONFIG.backendUrl,
});
export const licenseKey = storage.defineItem<string>('local:licenseKey', {
  fallback: DEFAULT_CONFIG.licenseKey,
});
export const userEmail = storage.defineItem<string>('local:userEmail', {
  fallback: DEFAULT_CONFIG.userEmail,
});
export const failMode = storage.defineItem<FailMode>('local:failMode', { fallback: DEFAULT_CONFIG.failMode });

/** Identifies this browser profile to the backend; generated once, kept across restarts and updates. */
export const endpointId = storage.defineItem<string>('local:endpointId', { init: () => crypto.randomUUID() });

/** The extension token from the last successful registration, its expiry, and what it was issued for. */
export const token = storage.defineItem<string | null>('local:token', { fallback: null });
export const tokenExpiresAt = storage.defineItem<string | null>('local:tokenExpiresAt', { fallback: null });
/** `registrationKey(config)` of the config the token was issued for; a different config re-registers. */
export const tokenIssuedFor = storage.defineItem<string | null>('local:tokenIssuedFor', { fallback: null });

/** Written by the background worker only; the popup and options page read and watch it. */
export const status = storage.defineItem<Status>('local:status', { fallback: INITIAL_STATUS });

/** The org's AI tool lists as last fetched, with the ETag to revalidate them; null before the first fetch. */
export const toolPolicy = storage.defineItem<CachedToolPolicy | null>('local:toolPolicy', { fallback: null });

/** The last decisions of this profile, newest first, capped by decisions-log.ts; never prompt text. */
export const recentDecisions = storage.defineItem<RecentDecision[]>('local:recentDecisions', {
  fallback: [],
});

/** Sightings and WARN overrides not yet sent (telemetry-queue.ts); no prompt text, URLs cut to origin + path. */
export const telemetryQueue = storage.defineItem<TelemetryQueueState>('local:telemetryQueue', {
  fallback: { records: [], dropped: 0, failures: 0, retryAt: null },
});

export const LOCAL_CONFIG_ITEMS = { backendUrl, licenseKey, userEmail, failMode } as const;

export async function readLocalConfig(): Promise<PartialConfig> {
  const [url, key, email, mode] = await Promise.all([
    backendUrl.getValue(),
    licenseKey.getValue(),
    userEmail.getValue(),
    failMode.getValue(),
  ]);
  const out: PartialConfig = { failMode: mode };
  if (url !== '') out.backendUrl = url;
  if (key !== '') out.licenseKey = key;
  if (email !== '') out.userEmail = email;
  return out;
}

/** Saves options-page values; keys not given are left as they are. */
export async function writeLocalConfig(values: PartialConfig): Promise<void> {
  const writes: Promise<void>[] = [];
  if (values.backendUrl !== undefined) writes.push(backendUrl.setValue(values.backendUrl));
  if (values.licenseKey !== undefined) writes.push(licenseKey.setValue(values.licenseKey));
  if (values.userEmail !== undefined) writes.push(userEmail.setValue(values.userEmail));
  if (values.failMode !== undefined) writes.push(failMode.setValue(values.failMode));
  await Promise.all(writes);
}

/**
 * Policy set by the enterprise. Missing when the browser has no policy for the extension: Chrome
 * answers `{}`, Firefox rejects ("Managed storage manifest not found"), so errors read as no policy.
 */
export async function readManagedConfig(): Promise<PartialConfig> {
  try {
    return parseManaged(await browser.storage.managed.get());
  } catch {
    return {};
  }
}

export async function readEffectiveConfig(): Promise<EffectiveConfig> {
  const [local, managed] = await Promise.all([readLocalConfig(), readManagedConfig()]);
  return resolveConfig(local, managed);
}
