import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtension, signIn, type ExtensionClient } from '../helpers/clients.ts';
import type { HttpClient, JsonResponse } from '../helpers/http.ts';
import { startKafkaBroker, type KafkaBroker } from '../helpers/kafka.ts';
import { startKafkaShape, topicSpecs } from '../helpers/kafka-shape.ts';
import {
  eventually,
  readDemo,
  startKairro,
  type DemoCredentials,
  type PlatformProcess,
} from '../helpers/platform.ts';

/** A change an admin makes must reach every ingest process's decisions within this. */
const DELIVERY_MS = 2_000;

interface Shape {
  ingestUrl: string;
  apiUrl: string;
  licenseKey: string;
  adminEmail: string;
  adminPassword: string;
  stop(): Promise<void>;
}

/**
 * Policies and tools an admin changes through the admin API reach ingest's in-memory config
 * (Postgres NOTIFY) and so the next decisions and the extension's policy document within 2 s, in the
 * embedded shape (one process, every store embedded) and in the Kafka shape (ingest in its own
 * process, the api in another).
 */
describe.each([
  ['embedded shape', startEmbedded],
  ['Kafka shape', startKafka],
])('policy delivery: %s', (_, start) => {
  let shape: Shape;
  let extension: ExtensionClient;
  let admin: HttpClient;

  beforeAll(async () => {
    shape = await start();
    extension = await registerExtension(shape.ingestUrl, {
      licenseKey: shape.licenseKey,
      endpointId: 'policy-delivery-endpoint',
      email: 'dana@example.com',
    });
    admin = await signIn(shape.apiUrl, shape.adminEmail, shape.adminPassword);
  });
  afterAll(async () => {
    await shape?.stop();
  });

  const evaluate = (body: Record<string, unknown>) =>
    extension.http.post('/v1/extension/evaluate', body, { authorization: `Bearer ${extension.token}` });
  const action = async (url: string, prompt: string) => (await evaluate({ url, prompt })).body.action;
  const policyDoc = (etag?: string) =>
    extension.http.get('/v1/extension/policy', {
      authorization: `Bearer ${extension.token}`,
      ...(etag ? { 'if-none-match': etag } : {}),
    });
  /** Resolves once `check` holds, failing when that takes longer than DELIVERY_MS. */
  const delivered = async <T>(
    check: () => Promise<T | undefined | false>,
    changedAt = Date.now(),
  ): Promise<T> => {
    const value = await eventually(check, Math.max(0, changedAt + DELIVERY_MS - Date.now()));
    expect(Date.now() - changedAt).toBeLessThan(DELIVERY_MS);
    return value;
  };
  const addPolicy = async (
    name: string,
    rules: Array<{ kind: string; action: string; criteria: object }>,
  ) => {
    const res = await admin.post('/v1/admin/policies', {
      name,
      type: 'OTHER',
      status: 'ACTIVE',
      priority: 50,
      rules,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const patch = async (path: string, body: Record<string, unknown>) => {
    const res = await admin.request('PATCH', path, body);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  it('serves the tool lists with an ETag and 304 while they are unchanged', async () => {
    const first = await policyDoc();
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${first.body.version}"`);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(first.body.approvedTools).toContainEqual({
      id: 'claude',
      name: 'Claude',
      urlPatterns: ['https://claude.ai/*'],
      applyPolicies: true,
    });
    expect(first.body.unapprovedTools).toContainEqual(expect.objectContaining({ id: 'poe', action: 'WARN' }));
    expect(JSON.stringify(first.body)).not.toMatch(/Block high|criteria|minSeverity/);
    const again = await policyDoc(first.headers.get('etag')!);
    expect([again.status, again.body]).toEqual([304, undefined]);
  });

  it('applies a new DENY_TOOLS rule to the next evaluations and stops when it is disabled', async () => {
    expect(await action('https://claude.ai/chat/1', 'summarise the meeting notes')).toBe('ALLOW');
    await addPolicy('No Claude', [{ kind: 'DENY_TOOLS', action: 'BLOCK', criteria: { tools: ['claude'] } }]);
    await delivered(
      async () => (await action('https://claude.ai/chat/1', 'summarise the meeting notes')) === 'BLOCK',
    );
    expect(await action('https://chatgpt.com/c/1', 'summarise the meeting notes')).toBe('ALLOW');
  });

  it('trusts an approved tool without policies, gives an unapproved one its action, and re-versions the document', async () => {
    const etag = (await policyDoc()).headers.get('etag')!;
    expect(await action('https://poe.com/chat', 'hello')).toBe('WARN');
    await patch('/v1/admin/tools/claude', { applyPolicies: false });
    await patch('/v1/admin/tools/poe', { action: 'BLOCK', severity: 'HIGH' });
    const changedAt = Date.now();
    // Two changes, two notifications: each may arrive in its own reload, so wait for both.
    await delivered(
      async () => (await action('https://claude.ai/chat/1', 'card 4539 1488 0343 6467')) === 'ALLOW',
      changedAt,
    );
    const poe = await delivered(async () => {
      const body = (await evaluate({ url: 'https://poe.com/chat', prompt: 'hello' })).body;
      return body.action === 'BLOCK' && body;
    }, changedAt);
    expect(poe).toMatchObject({ action: 'BLOCK', riskLevel: 'HIGH' });
    const changed = await delivered(async () => {
      const res = await policyDoc(etag);
      return res.status === 200 && res;
    });
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.approvedTools).toContainEqual(
      expect.objectContaining({ id: 'claude', applyPolicies: false }),
    );
    expect(changed.body.unapprovedTools).toContainEqual(
      expect.objectContaining({ id: 'poe', action: 'BLOCK', severity: 'HIGH' }),
    );
  });

  it('masks with a MASK rule, alerts, and stores the context but not the prompt or the mapping', async () => {
    await addPolicy('Mask emails', [
      { kind: 'DLP', action: 'MASK', criteria: { detectors: ['EMAIL'] } },
      { kind: 'OTHER', action: 'ALERT', criteria: { inputTypes: ['paste'] } },
    ]);
    const prompt = 'email dana.k@acme-corp.com the report';
    const body = {
      url: 'https://chatgpt.com/c/2',
      prompt,
      inputType: 'paste',
      model: 'gpt-4o',
      metadata: { department: 'finance' },
    };
    const masked: JsonResponse = await delivered(async () => {
      const res = await evaluate(body);
      return res.body.action === 'MASK' && res;
    });
    expect(masked.body).toMatchObject({
      alerts: 1,
      maskedPrompt: 'email [EMAIL_1] the report',
      maskMapping: { '[EMAIL_1]': 'dana.k@acme-corp.com' },
    });
    const row = await eventually(async () => {
      const res = await admin.post('/v1/admin/sql', {
        sql: `SELECT tool, input_type, model, prompt_tokens, alerts, prompt_snippet, reasons
              FROM events WHERE event_id = '${masked.body.eventId}'`,
      });
      return res.body.rows?.[0];
    }, 30_000);
    const [tool, inputType, model, promptTokens, alerts, snippet, reasons] = row;
    expect([tool, inputType, model, promptTokens]).toEqual([
      'chatgpt',
      'paste',
      'gpt-4o',
      Math.ceil(prompt.length / 4),
    ]);
    expect(alerts).toEqual([expect.stringContaining('Mask emails')]);
    expect(JSON.stringify([snippet, reasons, alerts])).not.toContain('dana.k@acme-corp.com');
  });
});

const credentials = ({ licenseKey, adminEmail, adminPassword }: DemoCredentials) => ({
  licenseKey,
  adminEmail,
  adminPassword,
});

/** `kairro start`: every role in one process, every store embedded. */
async function startEmbedded(): Promise<Shape> {
  const platform: PlatformProcess = await startKairro();
  return {
    ingestUrl: platform.ingestUrl!,
    apiUrl: platform.apiUrl!,
    ...credentials(readDemo(platform.dataDir)),
    stop: async () => void (await platform.stop()),
  };
}

/** `kairro ingest` alone on a Kafka-protocol broker; api and pipelines in another process. */
async function startKafka(): Promise<Shape> {
  const broker: KafkaBroker = await startKafkaBroker(topicSpecs(1));
  const { db, backend, ingestProc, demo } = await startKafkaShape(broker);
  return {
    ingestUrl: ingestProc.ingestUrl!,
    apiUrl: backend.apiUrl!,
    ...credentials(demo),
    async stop() {
      await ingestProc.stop();
      await backend.stop();
      await broker.stop();
      await db.drop();
    },
  };
}
