import { browser } from 'wxt/browser';
import { sendRequest, type Backlog, type RecentDecision, type Request } from '../../lib/messages.ts';
import { presentStatus, type Status } from '../../lib/status.ts';
import { recentDecisions, status, telemetryQueue } from '../../lib/storage.ts';
import { presentBacklog } from './backlog.ts';
import { presentDecision } from './decisions.ts';

const send = (msg: Request) => browser.runtime.sendMessage(msg);

function showStatus(current: Status): void {
  const { label, tone } = presentStatus(current.state);
  document.querySelector<HTMLElement>('#status')!.dataset.tone = tone;
  document.querySelector('#status-label')!.textContent = label;
  document.querySelector('#status-message')!.textContent = current.message;
}

function cell(tag: 'span' | 'strong', className: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}

function showDecisions(decisions: RecentDecision[]): void {
  const now = new Date();
  const rows = decisions.map((decision) => {
    const row = presentDecision(decision, now);
    const li = document.createElement('li');
    li.dataset.tone = row.tone;
    const host = cell('span', 'host', row.host);
    host.title = row.host;
    li.append(cell('span', 'time', row.time), host, cell('strong', 'action', row.label));
    if (row.detectors !== '') li.append(cell('span', 'detectors', row.detectors));
    return li;
  });
  document.querySelector('#decisions')!.replaceChildren(...rows);
  document.querySelector<HTMLElement>('#no-decisions')!.hidden = decisions.length > 0;
}

/** Sightings and justifications not sent yet: a degraded backend is visible here too. */
function showBacklog(backlog: Backlog): void {
  const el = document.querySelector<HTMLElement>('#backlog')!;
  const line = presentBacklog(backlog);
  el.textContent = line ?? '';
  el.hidden = line === null;
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
recentDecisions.watch(showDecisions);
void sendRequest(send, { type: 'decisions' }).then(showDecisions);
telemetryQueue.watch((queue) => showBacklog({ waiting: queue.records.length, dropped: queue.dropped }));
void sendRequest(send, { type: 'backlog' }).then(showBacklog);
