/**
 * Records shaped like ingest's (EventRecord, DlpMatchRecord), produced straight into Kafka at a set
 * rate, so the writer's capacity can be measured apart from ingest's. Keyed by org id as ingest
 * keys them (one org → one partition).
 */
import { randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import { TOPICS, type DlpMatchRecord, type EventRecord } from '@kairro/core';
import type { Watched } from './proc.ts';

const { Kafka, Partitioners, logLevel } = kafkajs;

const TOOLS: Array<[string, string]> = [
  ['chatgpt', 'chatgpt.com'],
  ['claude', 'claude.ai'],
  ['gemini', 'gemini.google.com'],
  ['copilot', 'copilot.microsoft.com'],
];

export function syntheticEvent(orgId: string, i: number): { event: EventRecord; matches: DlpMatchRecord[] } {
  const [tool, host] = TOOLS[i % TOOLS.length]!;
  const flagged = i % 5 < 2;
  const occurred_at = new Date().toISOString();
  const event: EventRecord = {
    event_id: randomUUID(),
    org_id: orgId,
    occurred_at,
    endpoint_id: `bench-endpoint-${i % 500}`,
    user_email: `user${i % 500}@bench.example`,
    team: `team-${i % 8}`,
    tool,
    url_host: host,
    action: flagged ? (i % 2 ? 'BLOCK' : 'WARN') : 'ALLOW',
    risk_level: flagged ? 'HIGH' : 'NONE',
    match_count: flagged ? 1 : 0,
    detectors: flagged ? ['US_SSN'] : [],
    prompt_snippet: '',
    reasons: flagged
      ? ['Policy "Block high and critical sensitive data" rule 1: US_SSN (HIGH) at 41–52 ≥ HIGH → BLOCK']
      : [],
    policy_ids: flagged ? [randomUUID()] : [],
    latency_ms: 0.4,
    retention_days: 400,
  };
  const matches: DlpMatchRecord[] = flagged
    ? [
        {
          event_id: event.event_id,
          org_id: orgId,
          occurred_at,
          user_email: event.user_email,
          team: event.team!,
          tool,
          action: event.action,
          match_index: 0,
          detector: 'US_SSN',
          rule_id: 'us_ssn.dashed',
          severity: 'HIGH',
          target: 'prompt',
          start: 41,
          end: 52,
          snippet: 'the HR form: name Dana Smith, SSN [US_SSN], start date',
          retention_days: 400,
        },
      ]
    : [];
  return { event, matches };
}

export interface SyntheticProducer {
  /** Produces `rate` events per second (plus their matches) for `seconds`; resolves what was sent. */
  run(rate: number, seconds: number): Promise<{ events: number; matches: number; achievedRate: number }>;
  /** The producer's own processes besides the benchmark's, for the CPU meter. */
  processes: Watched[];
  close(): Promise<void>;
}

/**
 * Ingest keys every record by org, so one org's records share a partition. BENCH_KEY=endpoint
 * spreads them over the partitions by endpoint instead, to measure what that would change.
 */
export function recordKey(orgId: string): (event: { endpoint_id: string }) => string {
  const byEndpoint = process.env.BENCH_KEY === 'endpoint';
  return (event) => (byEndpoint ? event.endpoint_id : orgId);
}

/** The kafkajs producer, in the benchmark's own process (BENCH_PRODUCER=kafkajs). */
export async function kafkajsProducer(brokers: string[], orgId: string): Promise<SyntheticProducer> {
  const kafka = new Kafka({ clientId: 'kairro-bench', brokers, logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const keyOf = recordKey(orgId);
  let n = 0;
  return {
    async run(rate, seconds) {
      // One send per tick: on the mock broker one send is what one fetch returns, so this sets the
      // writer's batch size (rate × tick).
      const tickMs = Number(process.env.BENCH_PRODUCE_TICK_MS ?? 50);
      const t0 = performance.now();
      let events = 0;
      let matches = 0;
      const inFlight = new Set<Promise<void>>();
      // kafkajs groups a send's messages per partition by copying the group for every message
      // (quadratic): a producer that fell behind and sent all it owed at once would spend seconds
      // there and fall further behind. So a send holds at most two ticks' worth.
      const maxPerSend = Math.max(1, Math.ceil((rate * tickMs) / 1000) * 2);
      while (performance.now() - t0 < seconds * 1000) {
        const owed = Math.min(maxPerSend, Math.floor(((performance.now() - t0) / 1000) * rate) - events);
        if (owed > 0 && inFlight.size < 4) {
          const batch = Array.from({ length: owed }, () => syntheticEvent(orgId, n++));
          events += owed;
          matches += batch.reduce((s, b) => s + b.matches.length, 0);
          const send = producer
            .sendBatch({
              acks: -1,
              topicMessages: [
                {
                  topic: TOPICS.events,
                  messages: batch.map((b) => ({ key: keyOf(b.event), value: JSON.stringify(b.event) })),
                },
                {
                  topic: TOPICS.dlpMatches,
                  messages: batch.flatMap((b) =>
                    b.matches.map((m) => ({ key: keyOf(b.event), value: JSON.stringify(m) })),
                  ),
                },
              ],
            })
            .then(() => undefined);
          inFlight.add(send);
          void send.finally(() => inFlight.delete(send));
        }
        await new Promise((resolve) => setTimeout(resolve, tickMs));
      }
      await Promise.all([...inFlight]);
      return { events, matches, achievedRate: events / ((performance.now() - t0) / 1000) };
    },
    processes: [],
    close: () => producer.disconnect(),
  };
}
