/**
 * Boot-time check that the topics exist. A real cluster may allow creating them; the test broker
 * (librdkafka's mock) and locked-down clusters do not, and then the operator must see exactly
 * which topics are missing and how to create them instead of a consumer that silently never
 * receives anything.
 */
import type { Admin } from 'kafkajs';

export async function ensureTopics(admin: Admin, topics: string[], brokers: string[]): Promise<void> {
  // listTopics, not fetchTopicMetadata: asking for a topic by name auto-creates it on brokers
  // with auto.create.topics.enable (the mock does, with 4 partitions).
  const missing = await missingTopics(admin, topics);
  if (missing.length === 0) return;

  let reason: string;
  try {
    await admin.createTopics({
      topics: missing.map((topic) => ({ topic })),
      waitForLeaders: true,
      timeout: 10_000,
    });
    const still = await missingTopics(admin, missing);
    if (still.length === 0) return;
    reason = `created but still not listed: ${still.join(', ')}`;
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }

  const example = missing
    .map(
      (topic) =>
        `kafka-topics.sh --bootstrap-server ${brokers[0] ?? 'BROKER:9092'} --create --topic ${topic} --partitions 6 --replication-factor 3`,
    )
    .join('\n  ');
  throw new Error(
    `Kafka topics missing: ${missing.join(', ')}. Creating them failed (${reason}). ` +
      `Create them on the cluster, e.g.\n  ${example}`,
  );
}

async function missingTopics(admin: Admin, topics: string[]): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  return [...new Set(topics)].filter((topic) => !existing.has(topic));
}
