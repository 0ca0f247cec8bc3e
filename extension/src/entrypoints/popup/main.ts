import { browser } from 'wxt/browser';
import { sendRequest, type Request } from '../../lib/messages.ts';
import { presentStatus, type Status } from '../../lib/status.ts';
import { status } from '../../lib/storage.ts';

const send = (msg: Request) => browser.runtime.sendMessage(msg);

function showStatus(current: Status): void {
  const { label, tone } = presentStatus(current.state);
  document.querySelector<HTMLElement>('#status')!.dataset.tone = tone;
  document.querySelector('#status-label')!.textContent = label;
  document.querySelector('#status-message')!.textContent = current.message;
}

document.querySelector('#open-options')!.addEventListener('click', (event) => {
  event.preventDefault();
  void browser.runtime.openOptionsPage();
  window.close();
});

const check = document.querySelector<HTMLButtonElement>('#check')!;
check.addEventListener('click', () => {
  check.disabled = true;
  void sendRequest(send, { type: 'refresh' })
    .then(showStatus)
    .finally(() => (check.disabled = false));
});

status.watch(showStatus);
void sendRequest(send, { type: 'status' }).then(showStatus);
