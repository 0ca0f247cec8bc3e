/**
 * A Kafka-protocol broker for integration tests: librdkafka's mock cluster (test/kafka-mock), or
 * the real cluster named by KAFKA_BROKERS (comma-separated), where the topics are created through
 * the admin API instead.
 */
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export interface KafkaBroker {
  brokers: string[];
  stop(): Promise<void>;
}

/** The mock cluster can also simulate an outage: every broker refuses connections, data kept. */
export interface MockKafkaBroker extends KafkaBroker {
  down(): Promise<void>;
  up(): Promise<void>;
}

/**
 * Consumer group timings for tests: with Kafka's defaults, group joins and hand-overs take a few
 * seconds against the mock broker.
 */
export const TEST_CONSUMER_TIMINGS = {
  sessionTimeout: 6_000,
  heartbeatInterval: 500,
  rebalanceTimeout: 3_000,
  maxWaitTimeInMs: 100,
};

export interface TopicSpec {
  name: string;
  partitions: number;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const mockBinary = fileURLToPath(new URL('../kafka-mock/kafka-mock', import.meta.url));
const prereqs = fileURLToPath(new URL('../../scripts/test-prereqs.sh', import.meta.url));

export async function startKafkaBroker(topics: TopicSpec[]): Promise<KafkaBroker> {
  const external = process.env.KAFKA_BROKERS?.trim();
  if (external)
    return useExternalCluster(
      external.split(',').map((b) => b.trim()),
      topics,
    );
  return startMockCluster(topics);
}

async function useExternalCluster(brokers: string[], topics: TopicSpec[]): Promise<KafkaBroker> {
  const admin = new Kafka({ clientId: 'kairro-test', brokers, logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.filter((t) => !existing.has(t.name));
    if (wanted.length > 0) {
      await admin.createTopics({
        topics: wanted.map((t) => ({ topic: t.name, numPartitions: t.partitions })),
        waitForLeaders: true,
      });
    }
  } finally {
    await admin.disconnect();
  }
  // The cluster is not ours to stop; tests use fresh topic and group names per run.
  return { brokers, stop: async () => {} };
}

/** Always librdkafka's mock cluster, even when KAFKA_BROKERS is set: for tests that stop it. */
export async function startMockCluster(topics: TopicSpec[]): Promise<MockKafkaBroker> {
  // Builds the binary when missing or stale (and installs librdkafka on a fresh root machine), so
  // running vitest directly works as well as `npm test`. Fast when there is nothing to do.
  execFileSync('bash', [prereqs, '--kafka-only'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });

  // stdin stays a pipe: when this process dies, however it dies, the pipe closes and the broker exits.
  const child = spawn(
    mockBinary,
    topics.map((t) => `${t.name}:${t.partitions}`),
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  // stdout: the bootstraps line, then one echo line per command (see kafka-mock.c).
  const lines: string[] = [];
  let lineArrived: () => void = () => {};
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop()!;
    lines.push(...parts.map((l) => l.trim()).filter(Boolean));
    lineArrived();
  });
  const nextLine = (timeoutMs: number, what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`kafka-mock: no ${what} in ${timeoutMs} ms: ${stderr}`)),
        timeoutMs,
      );
      const check = () => {
        const line = lines.shift();
        if (line === undefined) return;
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(line);
      };
      const onExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        reject(new Error(`kafka-mock exited (${code ?? signal}) before its ${what}: ${stderr}`));
      };
      child.once('exit', onExit);
      lineArrived = check;
      check();
    });
  child.once('error', () => {});
  const bootstraps = await nextLine(10_000, 'bootstraps');
  const command = async (word: 'down' | 'up') => {
    child.stdin.write(`${word}\n`);
    const echo = await nextLine(5_000, `answer to "${word}"`);
    if (echo !== word) throw new Error(`kafka-mock answered "${echo}" to "${word}"`);
  };

  let stopping: Promise<void> | undefined;
  return {
    brokers: bootstraps.split(','),
    down: () => command('down'),
    up: () => command('up'),
    stop() {
      stopping ??= (async () => {
        process.off('exit', killOnExit);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const escalate = setTimeout(() => child.kill('SIGKILL'), 3_000);
          await exited;
          clearTimeout(escalate);
        }
      })();
      return stopping;
    },
  };
}
