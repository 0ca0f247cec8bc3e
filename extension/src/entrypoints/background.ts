import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createMessageListener } from '../lib/messages.ts';
import { affectsRegistration, createRegistrar } from '../lib/registration.ts';
import { status } from '../lib/storage.ts';

const REFRESH_ALARM = 'kairro-refresh';

export default defineBackground(() => {
  const registrar = createRegistrar({
    fetch: (input, init) => fetch(input, init),
    userAgent: navigator.userAgent,
  });
  const refresh = () => {
    registrar.refresh().catch((err: unknown) => console.error('[kairro] refresh failed', err));
  };

  browser.runtime.onInstalled.addListener(refresh);
  browser.runtime.onStartup.addListener(refresh);
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (affectsRegistration(changes, areaName)) refresh();
  });
  // Renews the token a day before it expires and retries after a failure, even when nothing else happens.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === REFRESH_ALARM) refresh();
  });
  void browser.alarms.get(REFRESH_ALARM).then((alarm) => {
    if (!alarm) void browser.alarms.create(REFRESH_ALARM, { periodInMinutes: 30 });
  });

  browser.runtime.onMessage.addListener(
    createMessageListener({
      status: () => status.getValue(),
      refresh: () => registrar.refresh(),
    }),
  );

  // The worker restarts often; a refresh without a due renewal does no network call.
  refresh();
});
