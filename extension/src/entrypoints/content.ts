import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { sendRequest } from '../lib/messages.ts';
import { startSession } from '../lib/content/session.ts';

// Every http(s) page: whether a page is an AI tool (approved or not) is the org's policy, which
// only the background worker knows; `classify` answers from its cache, without a network call.
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    startSession({
      win: window,
      location: window.location,
      request: (request) => sendRequest(browser.runtime.sendMessage, request),
    }).catch((err: unknown) => console.error('[kairro] content script could not start', err));
  },
});
