/**
 * The options page's form as data: what each field shows, and turning submitted text into values
 * to save. The page itself only copies between these and its inputs.
 */
import {
  CONFIG_KEYS,
  checkFields,
  isFailMode,
  normalizeBackendUrl,
  type ConfigKey,
  type EffectiveConfig,
  type FieldProblems,
  type PartialConfig,
} from './config.ts';

export interface FieldView {
  value: string;
  /** Set by managed policy: shown, not editable, not saved. */
  enforced: boolean;
}

export type FormView = Record<ConfigKey, FieldView>;
export type FormInput = Record<ConfigKey, string>;

export function formView(effective: EffectiveConfig): FormView {
  const view = {} as FormView;
  for (const key of CONFIG_KEYS) {
    view[key] = { value: effective.values[key], enforced: effective.enforced.includes(key) };
  }
  return view;
}

export type FormResult = { ok: true; values: PartialConfig } | { ok: false; problems: FieldProblems };

/**
 * Values to save from the submitted form: trimmed, enforced fields left out, empty fields saved as
 * empty (which clears them). Fields that are set but invalid make the whole form invalid.
 */
export function parseForm(input: FormInput, enforced: readonly ConfigKey[]): FormResult {
  const values: PartialConfig = {};
  const editable = (key: ConfigKey) => !enforced.includes(key);
  if (editable('backendUrl')) values.backendUrl = normalizeBackendUrl(input.backendUrl);
  if (editable('licenseKey')) values.licenseKey = input.licenseKey.trim();
  if (editable('userEmail')) values.userEmail = input.userEmail.trim();
  const problems = checkFields(values);
  if (editable('failMode')) {
    if (isFailMode(input.failMode)) values.failMode = input.failMode;
    else problems.failMode = 'Fail mode must be "closed" or "open".';
  }
  return Object.keys(problems).length === 0 ? { ok: true, values } : { ok: false, problems };
}
