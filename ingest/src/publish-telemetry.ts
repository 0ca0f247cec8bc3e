import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TopicName } from '@kairro/core';
import { ApiError } from '@kairro/http';
import { StreamFullError } from '@kairro/stream';
import type { IngestDeps } from './deps.ts';
import type { IngestMetrics } from './metrics.ts';

/** Seconds the extension is asked to wait before sending refused telemetry again. */
export const TELEMETRY_RETRY_AFTER_SECONDS = 30;

/**
 * Publishes the extension's telemetry (sightings, overrides) keyed by org. Unlike a decision event,
 * nobody waits on these: the extension sends them in the background and keeps them until they are
 * accepted, and their ids make a retry count once. So when the local stream is full they are not
 * dropped (as evaluate must, to answer the decision) but refused with 503 and Retry-After: the
 * extension keeps them and tries again, and nothing is lost. The refusal is counted and logged.
 */
export async function publishTelemetry(
  topic: TopicName,
  orgId: string,
  records: readonly object[],
  ctx: { deps: IngestDeps; metrics: IngestMetrics; req: FastifyRequest; reply: FastifyReply },
): Promise<void> {
  if (records.length === 0) return;
  try {
    await ctx.deps.stream.publish(
      topic,
      records.map((r) => ({ key: orgId, json: JSON.stringify(r) })),
    );
  } catch (error) {
    if (!(error instanceof StreamFullError)) throw error;
    ctx.metrics.refused(topic, records.length);
    ctx.req.log.error({ topic, records: records.length, reason: error.message }, 'telemetry refused');
    void ctx.reply.header('retry-after', String(TELEMETRY_RETRY_AFTER_SECONDS));
    throw new ApiError(
      'UNAVAILABLE',
      `The event stream is full; nothing was recorded. Send the same request again in ` +
        `${TELEMETRY_RETRY_AFTER_SECONDS} s (ids make a retry count once).`,
    );
  }
}
