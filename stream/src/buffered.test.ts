import { afterEach, describe, expect, it } from 'vitest';
import { createBufferedStream, type BufferedStream } from './buffered.ts';
import { createMemoryStream } from './local.ts';
import type { RecordStream, StreamLogger, StreamRecord } from './types.ts';

const quiet: StreamLogger = { warn: () => {}, error: () => {} };
const TOPIC = 'kairro.events';
const open: BufferedStream[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/**
 * A real memory stream as the forwarder's target, whose next `publish` can be made to store the
 * records and then fail anyway: what a broker that wrote a batch but whose answer was lost does.
 */
function target() {
  const inner = createMemoryStream({ logger: quiet });
  const published: StreamRecord[][] = [];
  let failNext = false;
  const stream: RecordStream = {
    kind: inner.kind,
    async publish(topic, records) {
      await inner.publish(topic, records);
      published.push(records);
      if (failNext) {
        failNext = false;
        throw new Error('the broker wrote the batch but its answer was lost');
      }
    },
    subscribe: (sub) => inner.subscribe(sub),
    ready: () => inner.ready(),
    close: () => inner.close(),
  };
  return { stream, published, failNextPublish: () => (failNext = true) };
}

async function until(predicate: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('createBufferedStream', () => {
  it('marks as redelivered the first batch after a start and the retry of a failed publish, nothing else', async () => {
    const kafka = target();
    const buffered = await createBufferedStream({
      buffer: createMemoryStream({ logger: quiet, backoff: { initialMs: 5, maxMs: 20 } }),
      target: kafka.stream,
      topics: [TOPIC],
      logger: quiet,
    });
    open.push(buffered);
    const marks = () => kafka.published.map((batch) => batch.map((r) => r.redelivered === true));

    await buffered.publish(TOPIC, [{ key: 'org-1', value: { n: 1 } }]);
    await until(() => kafka.published.length === 1);
    await buffered.publish(TOPIC, [{ key: 'org-1', value: { n: 2 } }]);
    await until(() => kafka.published.length === 2);
    expect(marks()).toEqual([[true], [false]]);

    kafka.failNextPublish();
    await buffered.publish(TOPIC, [{ key: 'org-1', value: { n: 3 } }]);
    await until(() => kafka.published.length === 4 && buffered.stats().pendingRecords === 0);
    await buffered.publish(TOPIC, [{ key: 'org-1', value: { n: 4 } }]);
    await until(() => kafka.published.length === 5);

    // n: 3 reached the target twice; the second copy says it may be one.
    // (The forwarder hands on the buffer's JSON text.)
    expect(kafka.published.map((batch) => batch.map((r) => ('json' in r ? r.json : r.value)))).toEqual([
      ['{"n":1}'],
      ['{"n":2}'],
      ['{"n":3}'],
      ['{"n":3}'],
      ['{"n":4}'],
    ]);
    expect(marks()).toEqual([[true], [false], [false], [true], [false]]);
    expect(buffered.stats()).toMatchObject({ pendingRecords: 0, forwarding: 'ok', forwarded: 4 });
  });
});
