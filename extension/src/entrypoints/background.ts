import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createDecisionsLog } from '../lib/decisions-log.ts';
import { createEvaluator } from '../lib/evaluate.ts';
import { createMessageListener } from '../lib/messages.ts';
import { affectsRegistration, createRegistrar } from '../lib/registration.ts';
import { status } from '../lib/storage.ts';
import { shadowEventRecord, warnOverrideRecord, type TelemetryRecord } from '../lib/telemetry.ts';
import { createTelemetryQueue, TELEMETRY_ALARM } from '../lib/telemetry-queue.ts';
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
  const telemetry = createTelemetryQueue({ fetch: fetchFn, registrar });

  const refresh = (policyMaxAgeMs = POLICY_MAX_AGE_MS) => {
    registrar
      .refresh()
      .then(async (current) => {
        if (current.state !== 'protected') return;
        await toolPolicy.refresh({ maxAgeMs: policyMaxAgeMs });
        // Registered: what waited for a token (and is not backing off) can go now.
        await telemetry.resume();
      })
      .catch((err: unknown) => console.error('[kairro] refresh failed', err));
  };

  const queue = async (record: TelemetryRecord | null) => {
    if (record === null) throw new Error('Nothing to report: the record was empty or not an http(s) page.');
    return { queued: await telemetry.enqueue(record) };
  };

  browser.runtime.onInstalled.addListener(() => refresh());
  browser.runtime.onStartup.addListener(() => refresh());
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (affectsRegistration(changes, areaName)) refresh();
  });
  // Renews the token a day before it expires, retries after a failure and revalidates the tool lists.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) refresh(0);
    // The telemetry retry (or the safety net behind its short flush delay) is due.
    if (alarm.name === TELEMETRY_ALARM) void telemetry.flush();
  });
  void browser.alarms.get(REFRESH_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 30 });
  });

  browser.runtime.onMessage.addListener(
    createMessageListener({
      status: () => status.getValue(),
      refresh: async () => {
        if ((await registrar.refresh()).state === 'protected') {
          await toolPolicy.refresh();
          // "Check now" also sends what is waiting, backoff or not.
          void telemetry.flush();
        }
        // The policy request may have renewed the token and changed the status.
        return status.getValue();
      },
      classify: ({ url }) => toolPolicy.classify(url),
      evaluate: ({ check }) => evaluator.evaluate(check),
      decisions: () => log.list(),
      'shadow-sighting': ({ sighting }) => queue(shadowEventRecord(sighting, new Date())),
      'warn-override': ({ override }) => queue(warnOverrideRecord(override)),
      backlog: () => telemetry.backlog(),
    }),
  );

  // A refresh without a due renewal or stale tool lists does no network call.
  refresh();
});
