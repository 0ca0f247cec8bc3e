/**
 * The extension's configuration: what a user can set on the options page, what an enterprise can
 * enforce through managed storage (browser policy), and how the two combine. Pure: no browser APIs.
 */

export type FailMode = 'closed' | 'open';
export const FAIL_MODES: readonly FailMode[] = ['closed', 'open'];

/** Keys shared by the options page (local storage) and managed storage (policy). */
export const CONFIG_KEYS = ['backendUrl', 'licenseKey', 'userEmail', 'failMode'] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

export interface ConfigValues {
  /** Base URL of Kairro ingest, e.g. `https://kairro.example.com` (no trailing slash). */
  backendUrl: string;
  licenseKey: string;
  userEmail: string;
  /** What the extension does when it cannot get a decision: block the prompt (closed) or let it pass. */
  failMode: FailMode;
}

export const DEFAULT_CONFIG: ConfigValues = {
  backendUrl: '',
  licenseKey: '',
  userEmail: '',
  failMode: 'closed',
};

/** A subset of the keys, as set by policy or saved from the options page. */
export type PartialConfig = Partial<ConfigValues>;

export interface EffectiveConfig {
  values: ConfigValues;
  /** Keys whose value comes from managed storage; the options page shows them read-only. */
  enforced: ConfigKey[];
}

/** Same limits as ingest's register body: license keys are 8..200 characters, emails up to 320. */
const LICENSE_KEY_MIN = 8;
const LICENSE_KEY_MAX = 200;
const EMAIL_MAX = 320;

export function isFailMode(value: unknown): value is FailMode {
  return value === 'closed' || value === 'open';
}

/**
 * Keeps the recognised, well-typed, non-empty entries of a managed storage object. Chrome validates
 * policy against `managed_schema.json`, Firefox does not, so anything else is ignored here.
 */
export function parseManaged(raw: unknown): PartialConfig {
  if (typeof raw !== 'object' || raw === null) return {};
  const source = raw as Record<string, unknown>;
  const out: PartialConfig = {};
  for (const key of ['backendUrl', 'licenseKey', 'userEmail'] as const) {
    const value = source[key];
    if (typeof value === 'string' && value.trim() !== '') out[key] = value.trim();
  }
  if (isFailMode(source.failMode)) out.failMode = source.failMode;
  return out;
}

/** Managed values win over local ones, key by key; unset keys fall back to the defaults. */
export function resolveConfig(local: PartialConfig, managed: PartialConfig): EffectiveConfig {
  const values: ConfigValues = { ...DEFAULT_CONFIG };
  const enforced: ConfigKey[] = [];
  for (const key of CONFIG_KEYS) {
    const fromManaged = managed[key];
    const fromLocal = local[key];
    if (fromManaged !== undefined) {
      enforced.push(key);
      assign(values, key, fromManaged);
    } else if (fromLocal !== undefined) {
      assign(values, key, fromLocal);
    }
  }
  values.backendUrl = normalizeBackendUrl(values.backendUrl);
  values.licenseKey = values.licenseKey.trim();
  values.userEmail = values.userEmail.trim();
  return { values, enforced };
}

function assign<K extends ConfigKey>(target: ConfigValues, key: K, value: ConfigValues[K]): void {
  target[key] = value;
}

/** Trims whitespace and trailing slashes so `${backendUrl}/v1/...` is always well formed. */
export function normalizeBackendUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export type FieldProblems = Partial<Record<ConfigKey, string>>;

/** One problem per field that is set but invalid. Empty fields are not problems here. */
export function checkFields(values: PartialConfig): FieldProblems {
  const problems: FieldProblems = {};
  if (values.backendUrl) {
    const problem = backendUrlProblem(values.backendUrl);
    if (problem) problems.backendUrl = problem;
  }
  if (values.licenseKey) {
    const key = values.licenseKey.trim();
    if (key.length < LICENSE_KEY_MIN || key.length > LICENSE_KEY_MAX) {
      problems.licenseKey = `License key must be ${LICENSE_KEY_MIN} to ${LICENSE_KEY_MAX} characters; check the key your admin gave you.`;
    }
  }
  if (values.userEmail) {
    const email = values.userEmail.trim();
    if (email.length > EMAIL_MAX || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      problems.userEmail = `"${email}" is not an email address (expected name@company.com).`;
    }
  }
  if (values.failMode !== undefined && !isFailMode(values.failMode)) {
    problems.failMode = 'Fail mode must be "closed" or "open".';
  }
  return problems;
}

function backendUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return `Backend URL "${raw.trim()}" is not a URL (expected e.g. https://kairro.example.com).`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `Backend URL must start with https:// or http://, not ${url.protocol}//.`;
  }
  if (url.search || url.hash) return 'Backend URL must not have a query string or #fragment.';
  if (url.username || url.password) return 'Backend URL must not contain a user name or password.';
  return undefined;
}

export type Validation =
  | { ok: true; config: ConfigValues }
  | { ok: false; missing: ConfigKey[]; problems: FieldProblems; message: string };

const LABELS: Record<ConfigKey, string> = {
  backendUrl: 'backend URL',
  licenseKey: 'license key',
  userEmail: 'email',
  failMode: 'fail mode',
};

/** Whether the effective config is complete and valid enough to register, with a message if not. */
export function validateConfig(values: ConfigValues): Validation {
  const missing = (['backendUrl', 'licenseKey', 'userEmail'] as const).filter((key) => values[key] === '');
  const problems = checkFields(values);
  const messages = Object.values(problems);
  if (missing.length === 0 && messages.length === 0) return { ok: true, config: values };
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`Not configured: ${missing.map((key) => LABELS[key]).join(', ')}.`);
  parts.push(...messages);
  return { ok: false, missing, problems, message: parts.join(' ') };
}

/** Identifies the backend, license and identity a token was issued for; a change means re-register. */
export function registrationKey(
  config: Pick<ConfigValues, 'backendUrl' | 'licenseKey' | 'userEmail'>,
): string {
  return JSON.stringify([config.backendUrl, config.licenseKey, config.userEmail.toLowerCase()]);
}
