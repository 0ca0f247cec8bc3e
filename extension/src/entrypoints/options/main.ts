import { browser } from 'wxt/browser';
import { CONFIG_KEYS, type ConfigKey, type FieldProblems } from '../../lib/config.ts';
import { sendRequest } from '../../lib/messages.ts';
import { formView, parseForm, type FormInput } from '../../lib/options-form.ts';
import { presentStatus, type Status } from '../../lib/status.ts';
import { readEffectiveConfig, status, writeLocalConfig } from '../../lib/storage.ts';

const form = document.querySelector<HTMLFormElement>('#options')!;
const field = (key: ConfigKey) => form.elements.namedItem(key) as HTMLInputElement | HTMLSelectElement;
const hint = (key: ConfigKey, cls: string) =>
  field(key).parentElement!.querySelector<HTMLElement>(`.${cls}`)!;

let enforced: ConfigKey[] = [];

async function load(): Promise<void> {
  const effective = await readEffectiveConfig();
  enforced = effective.enforced;
  const view = formView(effective);
  for (const key of CONFIG_KEYS) {
    field(key).value = view[key].value;
    field(key).disabled = view[key].enforced;
    hint(key, 'enforced').hidden = !view[key].enforced;
  }
  document.querySelector<HTMLElement>('#managed-note')!.hidden = enforced.length === 0;
}

function showProblems(problems: FieldProblems): void {
  for (const key of CONFIG_KEYS) hint(key, 'problem').textContent = problems[key] ?? '';
}

function showStatus(current: Status): void {
  const { label, tone } = presentStatus(current.state);
  document.querySelector<HTMLElement>('#status')!.dataset.tone = tone;
  document.querySelector('#status-label')!.textContent = label;
  document.querySelector('#status-message')!.textContent = current.message;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = Object.fromEntries(CONFIG_KEYS.map((key) => [key, field(key).value])) as FormInput;
  const result = parseForm(input, enforced);
  const saved = document.querySelector('#saved')!;
  if (!result.ok) {
    showProblems(result.problems);
    saved.textContent = '';
    return;
  }
  showProblems({});
  // The background worker sees the change and registers; the status below follows.
  void writeLocalConfig(result.values).then(async () => {
    saved.textContent = 'Saved.';
    await load();
  });
});

status.watch(showStatus);
browser.storage.onChanged.addListener((_changes, areaName) => {
  if (areaName === 'managed') void load();
});
void load();
void sendRequest((msg) => browser.runtime.sendMessage(msg), { type: 'status' }).then(showStatus);
