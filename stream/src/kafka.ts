/**
 * The record stream on Kafka (kafkajs). Values travel as JSON, keys as UTF-8 (the Java-compatible
 * partitioner keeps one key on one partition, so its records keep their order). Consumers commit
 * explicitly after their handler resolved: at-least-once, and a rejected batch is fetched again.
 */
import kafkajs from 'kafkajs';
import type { Batch, Consumer, EachBatchPayload } from 'kafkajs';
import { DEFAULT_BACKOFF, backoffDelay } from './backoff.ts';
import { kafkaLogCreator, stderrLogger } from './kafka-log.ts';
import { ensureTopics } from './kafka-topics.ts';
import { stringify } from './local.ts';
import type {
  ConsumedRecord,
  SubscribeOptions,
  RecordStream,
  RetryBackoff,
  StreamLogger,
  StreamRecord,
  Subscription,
} from './types.ts';

const { Kafka, Partitioners, logLevel } = kafkajs;

export interface KafkaStreamOptions {
  brokers: string[];
  clientId: string;
  /** Topics that must exist at boot (created when the cluster allows it, else boot fails). */
  topics: string[];
  /** Receives kafkajs errors and handler failures; defaults to one line each on stderr. */
  logger?: StreamLogger;
  /** Back-off before a rejected batch is fetched again. */
  backoff?: RetryBackoff;
  /** Consumer group timings; shorter ones make tests' group joins and failovers fast. */
  consumer?: {
    sessionTimeout?: number;
    heartbeatInterval?: number;
    rebalanceTimeout?: number;
    /** Longest a fetch waits for new records (also the idle poll interval). */
    maxWaitTimeInMs?: number;
  };
  /**
   * While a partition is behind, consecutive fetched batches are handed to the handler together:
   * up to this many records (default 10,000), and for at most `maxBatchDelayMs` (default 1,000)
   * after the first of them arrived. A partition that is caught up is handed on at once.
   */
  maxBatchRecords?: number;
  maxBatchDelayMs?: number;
  /** How long ready() waits for the cluster's metadata. */
  readyTimeoutMs?: number;
}

export async function createKafkaStream(opts: KafkaStreamOptions): Promise<RecordStream> {
  const logger = opts.logger ?? stderrLogger;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const readyTimeoutMs = opts.readyTimeoutMs ?? 3_000;
  const kafka = new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    connectionTimeout: 3_000,
    logLevel: logLevel.ERROR,
    logCreator: kafkaLogCreator(logger),
  });

  const admin = kafka.admin();
  // Not idempotent: librdkafka's mock reports controller id 0, which breaks kafkajs' idempotent
  // producer; acks -1 on every send still waits for all in-sync replicas.
  const producer = kafka.producer({
    idempotent: false,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let producerConnected = false;
  producer.on(producer.events.CONNECT, () => (producerConnected = true));
  producer.on(producer.events.DISCONNECT, () => (producerConnected = false));

  try {
    await admin.connect();
    await ensureTopics(admin, opts.topics, opts.brokers);
    await producer.connect();
  } catch (error) {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    if (error instanceof Error && error.message.startsWith('Kafka topics missing')) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect to Kafka at ${opts.brokers.join(',')}: ${reason}`, { cause: error });
  }

  const subscriptions = new Set<Subscription>();
  let closed = false;
  let closing: Promise<void> | undefined;

  return {
    kind: 'kafka',

    async publish(topic: string, records: StreamRecord[]): Promise<void> {
      if (closed) throw new Error(`record stream is closed; cannot publish to ${topic}`);
      if (records.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        messages: records.map((r) => ({
          key: r.key,
          value: 'json' in r ? r.json : stringify(r.value),
          ...(r.redelivered ? { headers: REDELIVERED_HEADERS } : {}),
        })),
      });
    },

    async subscribe(sub: SubscribeOptions): Promise<Subscription> {
      if (closed) throw new Error(`record stream is closed; cannot subscribe ${sub.groupId}`);
      const consumer = kafka.consumer({
        groupId: sub.groupId,
        allowAutoTopicCreation: false,
        ...opts.consumer,
      });
      const subscription = await startConsumer(consumer, sub, {
        backoff,
        logger,
        maxBatchRecords: opts.maxBatchRecords ?? 10_000,
        maxBatchDelayMs: opts.maxBatchDelayMs ?? 1_000,
      });
      subscriptions.add(subscription);
      return {
        async stop() {
          subscriptions.delete(subscription);
          await subscription.stop();
        },
      };
    },

    async ready(): Promise<boolean> {
      if (closed || !producerConnected) return false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), readyTimeoutMs)),
      );
      // listTopics fetches the whole cluster's metadata without auto-creating anything.
      const probe = admin.listTopics().then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([probe, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },

    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        // Producer sends are awaited by publish(); nothing is buffered client-side.
        await Promise.allSettled([...subscriptions].map((s) => s.stop()));
        subscriptions.clear();
        await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
      })();
      return closing;
    },
  };
}

interface ConsumerSettings {
  backoff: RetryBackoff;
  logger: StreamLogger;
  maxBatchRecords: number;
  maxBatchDelayMs: number;
}

/** Records fetched from one partition and not handed to the handler yet (the partition is behind). */
interface Accumulated {
  records: ConsumedRecord[];
  firstOffset: string;
  lastOffset: string;
  since: number;
}

async function startConsumer(
  consumer: Consumer,
  sub: SubscribeOptions,
  settings: ConsumerSettings,
): Promise<Subscription> {
  const { topics, handler } = sub;
  const { backoff, logger } = settings;
  /** Consecutive failures per topic-partition, for the back-off. */
  const failures = new Map<string, number>();
  /** Timers that resume partitions paused after a failure. */
  const resumeTimers = new Set<NodeJS.Timeout>();
  /**
   * Why accumulate: a handler such as the ClickHouse writer costs per call, not per record, and a
   * fetch can hold a single produced batch (a few records) while thousands wait behind it. The
   * offsets of accumulated batches are resolved (so fetching goes on) but committed only after the
   * handler took them all, so a crash or a rebalance redelivers them: still at-least-once.
   */
  const accumulated = new Map<string, Accumulated>();
  // A (re)join restarts every assigned partition at its committed offset: what was accumulated
  // will be fetched again.
  consumer.on(consumer.events.GROUP_JOIN, () => accumulated.clear());

  async function eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, isRunning, isStale } = payload;
    const partitionKey = `${batch.topic}\u0000${batch.partition}`;
    if (!isRunning() || isStale()) return;
    let pending = accumulated.get(partitionKey);
    if (batch.isEmpty() && !pending) return;
    const lastOffset = batch.isEmpty() ? undefined : batch.lastOffset();
    if (!pending) {
      pending = { records: [], firstOffset: batch.firstOffset()!, since: Date.now(), lastOffset: '' };
      accumulated.set(partitionKey, pending);
    }
    if (lastOffset !== undefined) {
      pending.records.push(...decode(batch, logger));
      pending.lastOffset = lastOffset;
      const behind = BigInt(batch.offsetLag()) > 0n;
      if (
        behind &&
        pending.records.length < settings.maxBatchRecords &&
        Date.now() - pending.since < settings.maxBatchDelayMs
      ) {
        // Fetch on from after this batch; nothing is committed until the handler took the records.
        payload.resolveOffset(lastOffset);
        return;
      }
    }
    accumulated.delete(partitionKey);
    const records = pending.records;

    try {
      await withHeartbeat(handler(records), payload.heartbeat);
    } catch (error) {
      const count = (failures.get(partitionKey) ?? 0) + 1;
      failures.set(partitionKey, count);
      const delay = backoffDelay(count, backoff);
      logger.warn('stream handler failed; batch will be redelivered', {
        topic: batch.topic,
        partition: batch.partition,
        offset: pending.firstOffset,
        records: records.length,
        failures: count,
        retryInMs: delay,
        error: error instanceof Error ? error.message : String(error),
      });
      // Back to the first record the handler was given (earlier batches' offsets were resolved).
      // Pausing (rather than sleeping here) keeps the other partitions flowing and heartbeats going.
      consumer.seek({ topic: batch.topic, partition: batch.partition, offset: pending.firstOffset });
      const resume = payload.pause();
      const timer = setTimeout(() => {
        resumeTimers.delete(timer);
        resume();
      }, delay);
      resumeTimers.add(timer);
      return;
    }

    failures.delete(partitionKey);
    payload.resolveOffset(pending.lastOffset);
    // The payload's commit (not consumer.commitOffsets) also works while stop() waits for this batch;
    // a commit refused because of a rebalance throws, and kafkajs rejoins: the batch is redelivered.
    await payload.commitOffsetsIfNecessary({
      topics: [
        {
          topic: batch.topic,
          partitions: [{ partition: batch.partition, offset: (BigInt(pending.lastOffset) + 1n).toString() }],
        },
      ],
    });
  }

  await consumer.connect();
  try {
    // A new group starts at the earliest record, like the local stream; a live one at the newest.
    await consumer.subscribe({ topics, fromBeginning: sub.live !== true });
    // Partitions of different topics (the writer's events and their matches) are handled side by
    // side, so one table's insert does not wait for the other's; a partition's batches stay serial.
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch,
      partitionsConsumedConcurrently: Math.min(topics.length, 4),
    });
  } catch (error) {
    await consumer.disconnect().catch(() => {});
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        for (const timer of resumeTimers) clearTimeout(timer);
        resumeTimers.clear();
        // Waits for the batch in flight (handled and committed), then leaves the group.
        await consumer.disconnect();
      })();
      return stopping;
    },
  };
}

/** The header that marks a `StreamRecord.redelivered` record (its value does not matter). */
const REDELIVERED_HEADER = 'kairro-redelivered';
const REDELIVERED_HEADERS = { [REDELIVERED_HEADER]: '1' };

function decode(batch: Batch, logger: StreamLogger): ConsumedRecord[] {
  return batch.messages.map((message) => {
    const base = {
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? '',
      ...(message.headers?.[REDELIVERED_HEADER] === undefined ? {} : { redelivered: true }),
    };
    if (message.value === null) return { ...base, value: null };
    const text = message.value.toString('utf8');
    try {
      // Only to tell JSON from not. The objects are dropped at once (cheap to collect) and the value
      // is parsed again if and when it is read, so a handler that moves the text on (the ClickHouse
      // writer) never holds a batch of them. A checker in JS that builds nothing measured slower.
      JSON.parse(text);
    } catch (error) {
      // Redelivering it can never help: the handler gets the raw text to dead-letter it.
      logger.warn('stream record is not JSON', {
        topic: batch.topic,
        partition: batch.partition,
        offset: message.offset,
        error: error instanceof Error ? error.message : String(error),
      });
      return { ...base, value: null, undecodable: text };
    }
    return jsonRecord(base, text);
  });
}

/** A record whose value is parsed from its JSON text on first read. */
function jsonRecord(base: Omit<ConsumedRecord, 'value'>, json: string): ConsumedRecord {
  let value: unknown;
  let parsed = false;
  return {
    ...base,
    json,
    get value(): unknown {
      if (!parsed) {
        value = JSON.parse(json);
        parsed = true;
      }
      return value;
    },
  };
}

/** Keeps the group membership alive while a slow handler runs (kafkajs throttles the calls). */
async function withHeartbeat<T>(work: Promise<T>, heartbeat: () => Promise<void>): Promise<T> {
  const timer = setInterval(() => {
    // A failed heartbeat means a rebalance; the commit that follows will report it.
    heartbeat().catch(() => {});
  }, 1_000);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
