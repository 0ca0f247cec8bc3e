import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createDecisionsLog } from '../lib/decisions-log.ts';
import { createEvaluator } from '../lib/evaluate.ts';
import { createMessageListener } from '../lib/messages.ts';
import { affectsRegistration, createRegistrar } from '../lib/registration.ts';
import { status } from '../lib/storage.ts';
import { createToolPolicy } from '../lib/tool-policy.ts';

const REFRESH_ALARM = 'kairro-refresh';
/** The worker restarts often; within this the cached tool lists count as current (the alarm revalidates). */
const POLICY_MAX_AGE_MS = 5 * 60_000;

export default defineBackground(() => {
  const fetchFn: typeof fetch = (input, init) => fetch(input, init);
  const registrar = createRegistrar({ fetch: fetchFn, userAgent: navigator.userAgent });
  const toolPolicy = createToolPolicy({ fetch: fetchFn, registrar });
  const log = createDecisionsLog();
  const evaluator = createEvaluator({ fetch: fetchFn, registrar, log });

  const refresh = (policyMaxAgeMs = POLICY_MAX_AGE_MS) => {
    registrar
      .refresh()
      .then((current) =>
        current.state === 'protected' ? toolPolicy.refresh({ maxAgeMs: policyMaxAgeMs }) : null,
      )
      .catch((err: unknown) => console.error('[kairro] refresh failed', err));
  };

  browser.runtime.onInstalled.addListener(() => refresh());
  browser.runtime.onStartup.addListener(() => refresh());
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (affectsRegistration(changes, areaName)) refresh();
  });
  // Renews the token a day before it expires, retries after a failure and revalidates the tool lists.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) refresh(0);
  });
  void browser.alarms.get(REFRESH_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 30 });
  });

  browser.runtime.onMessage.addListener(
    createMessageListener({
      status: () => status.getValue(),
      refresh: async () => {
        if ((await registrar.refresh()).state === 'protected') await toolPolicy.refresh();
        // The policy request may have renewed the token and changed the status.
        return status.getValue();
      },
      classify: ({ url }) => toolPolicy.classify(url),
      evaluate: ({ check }) => evaluator.evaluate(check),
      decisions: () => log.list(),
    }),
  );

  // A refresh without a due renewal or stale tool lists does no network call.
  refresh();
});
