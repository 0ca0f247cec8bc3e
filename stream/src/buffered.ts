import type { LocalStream } from './local.ts';
import type { RecordStream, StreamLogger } from './types.ts';

/** The consumer group that moves buffered records on to the target stream. */
export const FORWARDER_GROUP = 'kairro-forwarder';

export interface BufferStats {
  /** Records accepted locally and not yet acknowledged by the target, all topics. */
  pendingRecords: number;
  /** Bytes they take on disk (the bound is the local stream's `maxBytes`). */
  pendingBytes: number;
  /** Whether the last attempt to hand records to the target failed. */
  forwarding: 'ok' | 'failing';
  /** Why it failed, when it did. */
  lastError: string | undefined;
  /** Records handed on to the target since start. */
  forwarded: number;
}

export interface BufferedStream extends RecordStream {
  stats(): BufferStats;
}

/**
 * Publishing goes to a local disk stream (durable, fast, up while the target is down); a forwarder
 * drains it into the target (Kafka) in order, committing locally only after the target acknowledged,
 * so a crash or an outage means later delivery, never loss (and possibly a second copy, marked as
 * such: see `unsure`). Subscribing reads from the target.
 * Ingest uses this so its decisions never wait on a broker outage.
 */
export async function createBufferedStream(opts: {
  buffer: LocalStream;
  target: RecordStream;
  topics: string[];
  logger?: StreamLogger;
}): Promise<BufferedStream> {
  const { buffer, target } = opts;
  let failing = false;
  let lastError: string | undefined;
  let forwarded = 0;
  /**
   * Topics whose next batch may already be in the target: the first batch after a start (the last
   * process may have died between the target's acknowledgement and the local commit) and the retry
   * of a failed publish (part of it may have been written: a batch spans partitions and brokers).
   * Such batches are published marked `redelivered`, so the target's consumers check them.
   */
  const unsure = new Set(opts.topics);
  await buffer.subscribe({
    groupId: FORWARDER_GROUP,
    topics: opts.topics,
    handler: async (records) => {
      const topic = records[0]?.topic;
      if (!topic) return;
      try {
        // The buffer's JSON text as it is: parsing and serialising it again would cost ingest CPU.
        const redelivered = unsure.has(topic) ? { redelivered: true } : {};
        await target.publish(
          topic,
          records.map((r) =>
            r.json !== undefined
              ? { key: r.key, json: r.json, ...redelivered }
              : { key: r.key, value: r.value, ...redelivered },
          ),
        );
      } catch (error) {
        unsure.add(topic);
        lastError = error instanceof Error ? error.message : String(error);
        if (!failing)
          opts.logger?.error('cannot forward buffered records; they stay on disk and are retried', {
            topic,
            error: lastError,
          });
        failing = true;
        throw error;
      }
      unsure.delete(topic);
      if (failing) opts.logger?.warn('forwarding buffered records again', { topic });
      failing = false;
      lastError = undefined;
      forwarded += records.length;
    },
  });

  return {
    kind: target.kind,
    publish: (topic, records) => buffer.publish(topic, records),
    subscribe: (sub) => target.subscribe(sub),
    // Ingest stays ready while the target is down: that is what the buffer is for.
    ready: () => buffer.ready(),
    stats(): BufferStats {
      const local = buffer.stats();
      let pendingRecords = 0;
      for (const t of Object.values(local.topics)) pendingRecords += t.groups[FORWARDER_GROUP]?.pending ?? 0;
      return {
        pendingRecords,
        pendingBytes: local.bytes,
        forwarding: failing ? 'failing' : 'ok',
        lastError,
        forwarded,
      };
    },
    async close() {
      // Drains into the target while it answers (bounded by the buffer's close timeout); what is
      // left stays on disk and is forwarded after the next start.
      await buffer.close();
      await target.close();
    },
  };
}
