import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtension, sighting, signIn, type ExtensionClient } from '../helpers/clients.ts';
import type { HttpClient } from '../helpers/http.ts';
import { eventually, readDemo, startKairro, type PlatformProcess } from '../helpers/platform.ts';

interface InventoryTool {
  tool: string;
  users: number;
  events: number;
  warned: number;
}

/**
 * Sightings the extension posts to ingest go through the stream and the ClickHouse writer into
 * `shadow_ai_events` and its usage aggregate, and show in the admin API's shadow-AI inventory, event
 * list and discovered queue (embedded shape: one process, every store embedded).
 */
describe('shadow-AI inventory end to end (embedded shape)', () => {
  let platform: PlatformProcess;
  let extension: ExtensionClient;
  let admin: HttpClient;

  beforeAll(async () => {
    platform = await startKairro();
    const demo = readDemo(platform.dataDir);
    extension = await registerExtension(platform.ingestUrl!, {
      licenseKey: demo.licenseKey,
      endpointId: 'shadow-inventory-endpoint',
      email: 'erin@example.com',
    });
    admin = await signIn(platform.apiUrl!, demo.adminEmail, demo.adminPassword);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const seen = (url: string, signal: 'catalog' | 'heuristic', appliedAction = 'ALLOW') =>
    sighting(url, signal, { appliedAction, detail: 'seen in e2e' });
  const post = (events: object[]) => extension.reportSightings(events);

  it('counts posted sightings per tool in the inventory, once per sighting id', async () => {
    const unknown = [
      seen('https://chat.example-ai.dev/c/1?q=secret', 'heuristic'),
      seen('https://chat.example-ai.dev/c/2', 'heuristic'),
    ];
    // poe is one of the org's own tools (unapproved with WARN by default).
    const poe = seen('https://poe.com/chat', 'catalog', 'WARN');
    expect((await post([...unknown, poe])).status).toBe(202);
    // A retry of the same sightings is accepted and still counted once; a later sighting, on the
    // same topic and org key, shows when the writer has handled the retry.
    expect((await post(unknown)).status).toBe(202);
    expect((await post([seen('https://marker.example-ai.dev/', 'heuristic')])).status).toBe(202);

    const tools = await eventually(async () => {
      const res = await admin.get('/v1/admin/shadow-ai/inventory?hours=24');
      expect(res.status).toBe(200);
      const byTool = new Map((res.body.tools as InventoryTool[]).map((t) => [t.tool, t]));
      return byTool.has('marker.example-ai.dev') && byTool;
    });
    expect(tools.get('chat.example-ai.dev')).toMatchObject({ users: 1, events: 2 });
    expect(tools.get('poe')).toMatchObject({ users: 1, events: 1, warned: 1 });

    const list = await admin.get('/v1/admin/shadow-ai/events?hours=24&tool=chat.example-ai.dev');
    expect(list.body.events).toHaveLength(2);
    expect(list.body.events[0]).toMatchObject({
      urlHost: 'chat.example-ai.dev',
      userEmail: 'erin@example.com',
      source: 'heuristic',
      detail: 'seen in e2e',
    });

    const discovered = await admin.get('/v1/admin/shadow-ai/discovered?hours=24');
    const hosts = (discovered.body.hosts as Array<{ host: string }>).map((h) => h.host);
    expect(hosts).toContain('chat.example-ai.dev');
    expect(hosts).not.toContain('poe');
  });
});
