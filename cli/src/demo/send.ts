import { seededRandom } from '@kairro/core';
import { demoPrompt } from './prompts.ts';

export interface DemoRun {
  ingestUrl: string;
  licenseKey: string;
  count: number;
  concurrency: number;
  users: number;
  seed: number;
}

export interface DemoResult {
  sent: number;
  failed: number;
  byAction: Record<string, number>;
}

const EMPLOYEES = [
  'ana',
  'ben',
  'chloe',
  'dev',
  'emma',
  'farid',
  'grace',
  'hugo',
  'ines',
  'jonas',
  'kemal',
  'lena',
];

/** Registers a few employees' browsers and sends a realistic prompt mix to ingest. */
export async function sendDemoTraffic(run: DemoRun): Promise<DemoResult> {
  const tokens: string[] = [];
  for (const name of EMPLOYEES.slice(0, Math.max(1, Math.min(run.users, EMPLOYEES.length)))) {
    const res = await post(run.ingestUrl, '/v1/extension/register', {
      licenseKey: run.licenseKey,
      endpointId: `demo-endpoint-${name}`,
      identity: { email: `${name}@demo.kairro.local` },
      userAgent: 'kairro-demo',
    });
    if (!res.ok) throw new Error(`register failed (${res.status}): ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const rand = seededRandom(run.seed);
  const result: DemoResult = { sent: 0, failed: 0, byAction: {} };
  let next = 0;
  const worker = async () => {
    while (next < run.count) {
      next++;
      const token = tokens[Math.floor(rand() * tokens.length)]!;
      const res = await post(run.ingestUrl, '/v1/extension/evaluate', demoPrompt(rand), token).catch(
        () => undefined,
      );
      if (!res?.ok) {
        result.failed++;
        continue;
      }
      const { action } = (await res.json()) as { action: string };
      result.sent++;
      result.byAction[action] = (result.byAction[action] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
  return result;
}

function post(base: string, path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}
