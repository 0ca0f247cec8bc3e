import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry } from 'prom-client';

/** How far the stream behind ingest lags: ingest's buffer before Kafka, or the embedded stream. */
export interface StreamBacklog {
  pendingRecords: number;
  pendingBytes: number;
  /** Whether handing records on is currently failing (the broker is down); absent when unknown. */
  forwarding?: 'ok' | 'failing';
  lastError?: string | undefined;
}

export interface IngestMetrics {
  decided(action: string): void;
  /** An event that could not be kept (the stream is full): the decision still went out. */
  dropped(count: number): void;
  /** Telemetry refused with 503 because the stream is full (the extension sends it again). */
  refused(topic: string, count: number): void;
}

/**
 * `GET /metrics` in Prometheus text format: decisions by action, events dropped because the stream
 * was full, telemetry refused for the same reason, and the stream's backlog (records and bytes waiting, whether forwarding fails). One
 * registry per app, so several apps in one process (tests) never share counters.
 */
export function registerMetrics(
  app: FastifyInstance,
  backlog: (() => StreamBacklog) | undefined,
): IngestMetrics {
  const registry = new Registry();
  const decisions = new Counter({
    name: 'kairro_ingest_decisions_total',
    help: 'Prompts decided, by action',
    labelNames: ['action'],
    registers: [registry],
  });
  const dropped = new Counter({
    name: 'kairro_ingest_events_dropped_total',
    help: 'Decision events not recorded because the local stream was at its size bound',
    registers: [registry],
  });
  const refused = new Counter({
    name: 'kairro_ingest_telemetry_refused_total',
    help: 'Extension telemetry records refused with 503 because the local stream was full, by topic',
    labelNames: ['topic'],
    registers: [registry],
  });
  if (backlog) {
    new Gauge({
      name: 'kairro_stream_pending_records',
      help: 'Records accepted by ingest and not yet delivered onwards',
      registers: [registry],
      collect() {
        this.set(backlog().pendingRecords);
      },
    });
    new Gauge({
      name: 'kairro_stream_pending_bytes',
      help: 'Bytes of undelivered records kept on disk',
      registers: [registry],
      collect() {
        this.set(backlog().pendingBytes);
      },
    });
    new Gauge({
      name: 'kairro_stream_forwarding_failing',
      help: '1 while handing buffered records to Kafka fails (they stay on disk and are retried)',
      registers: [registry],
      collect() {
        this.set(backlog().forwarding === 'failing' ? 1 : 0);
      },
    });
  }
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  app.get('/v1/status/stream', { schema: { hide: true } }, async () => backlog?.() ?? null);
  // One child counter per action, so a decision does not hash its label set.
  const byAction = new Map<string, Counter.Internal>();
  return {
    decided: (action) => {
      let child = byAction.get(action);
      if (!child) {
        child = decisions.labels({ action });
        byAction.set(action, child);
      }
      child.inc();
    },
    dropped: (count) => dropped.inc(count),
    refused: (topic, count) => refused.labels({ topic }).inc(count),
  };
}
