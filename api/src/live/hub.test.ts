import { afterEach, describe, expect, it } from 'vitest';
import { TOPICS, type EventRecord } from '@kairro/core';
import { createMemoryStream, type RecordStream } from '@kairro/stream';
import { RollingCounters } from './counters.ts';
import { startLiveHub, type LiveHub, type LiveSocket } from './hub.ts';

class FakeSocket implements LiveSocket {
  readyState = 1;
  bufferedAmount = 0;
  readonly sent: Array<{ type: string; [key: string]: unknown }> = [];
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  ofType(type: string) {
    return this.sent.filter((m) => m.type === type);
  }
}

function event(orgId: string, action: EventRecord['action'], n: number): EventRecord {
  return {
    event_id: `01938a3c-0000-7000-8000-${String(n).padStart(12, '0')}`,
    org_id: orgId,
    occurred_at: new Date().toISOString(),
    endpoint_id: 'ep',
    user_email: 'a@example.com',
    tool: 'chatgpt',
    url_host: 'chatgpt.com',
    action,
    risk_level: action === 'BLOCK' ? 'CRITICAL' : 'LOW',
    match_count: 0,
    detectors: [],
    prompt_snippet: 'hello',
    reasons: [],
    policy_ids: [],
    latency_ms: 1,
  };
}

async function until(predicate: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('live hub', () => {
  let stream: RecordStream;
  let hub: LiveHub;
  afterEach(async () => {
    await hub?.stop();
    await stream?.close();
  });

  it("pushes each event only to its own org's sockets, from the moment it subscribed", async () => {
    stream = createMemoryStream();
    await stream.publish(TOPICS.events, [{ key: 'a', value: event('org-a', 'ALLOW', 0) }]); // before: not pushed
    hub = await startLiveHub(stream, { counterIntervalMs: 20 });
    const a = new FakeSocket();
    const b = new FakeSocket();
    hub.attach('org-a', a);
    hub.attach('org-b', b);
    await stream.publish(TOPICS.events, [
      { key: 'a', value: event('org-a', 'BLOCK', 1) },
      { key: 'b', value: event('org-b', 'WARN', 2) },
    ]);
    await until(() => a.ofType('event').length === 1 && b.ofType('event').length === 1);
    expect(a.ofType('event')[0]!.event).toMatchObject({
      eventId: event('org-a', 'BLOCK', 1).event_id,
      action: 'BLOCK',
    });
    expect(b.ofType('event')[0]!.event).toMatchObject({ action: 'WARN', userEmail: 'a@example.com' });
    await until(() => a.ofType('counters').some((c) => c.total === 1));
    expect(a.ofType('counters').at(-1)).toMatchObject({
      windowSeconds: 60,
      byAction: { BLOCK: 1, ALLOW: 0 },
    });
  });

  it('sends only the actions a client asked for, and stops after detach', async () => {
    stream = createMemoryStream();
    hub = await startLiveHub(stream, { counterIntervalMs: 60_000 });
    const socket = new FakeSocket();
    const client = hub.attach('org-a', socket);
    client.setActions(['BLOCK']);
    await stream.publish(TOPICS.events, [
      { key: 'a', value: event('org-a', 'ALLOW', 3) },
      { key: 'a', value: event('org-a', 'BLOCK', 4) },
    ]);
    await until(() => socket.ofType('event').length === 1);
    client.detach();
    await stream.publish(TOPICS.events, [{ key: 'a', value: event('org-a', 'BLOCK', 5) }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(socket.ofType('event').map((m) => (m.event as { action: string }).action)).toEqual(['BLOCK']);
  });

  it('drops events for a client whose socket is backed up and tells it how many', async () => {
    stream = createMemoryStream();
    hub = await startLiveHub(stream, { counterIntervalMs: 20, maxBufferedBytes: 100 });
    const socket = new FakeSocket();
    hub.attach('org-a', socket);
    socket.bufferedAmount = 1_000;
    await stream.publish(
      TOPICS.events,
      [1, 2, 3].map((n) => ({ key: 'a', value: event('org-a', 'WARN', n) })),
    );
    await new Promise((r) => setTimeout(r, 60));
    expect(socket.sent).toEqual([]);
    socket.bufferedAmount = 0;
    await until(() => socket.ofType('lagged').length === 1);
    expect(socket.ofType('lagged')[0]).toEqual({ type: 'lagged', dropped: 3 });
  });
});

describe('rolling counters', () => {
  it('counts the last 60 seconds per action and forgets older ones', () => {
    const c = new RollingCounters(60);
    c.add('BLOCK', 1_000_000);
    c.add('WARN', 1_030_000);
    c.add('NOT_AN_ACTION', 1_030_000);
    expect(c.read(1_030_500)).toEqual({ total: 2, byAction: { ALLOW: 0, WARN: 1, MASK: 0, BLOCK: 1 } });
    expect(c.read(1_061_000)).toEqual({ total: 1, byAction: { ALLOW: 0, WARN: 1, MASK: 0, BLOCK: 0 } });
    expect(c.read(1_200_000).total).toBe(0);
  });
});
