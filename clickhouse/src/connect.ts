import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { mkdirSync } from 'node:fs';
import { useChdbRawInsert } from './embedded-insert.ts';

export type ClickHouseTarget =
  { kind: 'server'; url: string; database: string } | { kind: 'embedded'; path: string; database: string };

export interface ClickHouse {
  client: ClickHouseClient;
  target: ClickHouseTarget;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const settings = { date_time_input_format: 'best_effort' } as const;

/**
 * Opens ClickHouse through the same `@clickhouse/client` API in both shapes: a server over HTTP, or
 * chDB (ClickHouse in-process) plugged in as the client's connection. chDB binds one data directory
 * per process, so only one embedded target may be open at a time; every tool that needs the data
 * while the platform runs goes through the platform's HTTP API.
 */
export async function connectClickHouse(target: ClickHouseTarget): Promise<ClickHouse> {
  const client = target.kind === 'server' ? await openServer(target) : await openEmbedded(target);
  return {
    client,
    target,
    async ping() {
      try {
        await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
        return true;
      } catch {
        return false;
      }
    },
    close: () => client.close(),
  };
}

async function openServer(target: { url: string; database: string }): Promise<ClickHouseClient> {
  const bootstrap = createClient({ url: target.url, clickhouse_settings: settings });
  await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdent(target.database)}` });
  await bootstrap.close();
  return createClient({ url: target.url, database: target.database, clickhouse_settings: settings });
}

async function openEmbedded(target: { path: string; database: string }): Promise<ClickHouseClient> {
  mkdirSync(target.path, { recursive: true });
  // The connection hook is typed for the HTTP connection in client 1.23; chDB implements the same
  // Connection interface, hence the cast (see TOOLCHAIN.md).
  const chdb = createChdbConnection({ path: target.path });
  const connection = chdb as unknown as ClickHouseClientConfigOptions['connection'];
  const client = createClient({ connection, clickhouse_settings: settings });
  useChdbRawInsert(client, chdb.chdb, settings);
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdent(target.database)}` });
  // The client's `database` option does not reach chDB; its connection is one session, so USE sticks.
  await client.command({ query: `USE ${quoteIdent(target.database)}` });
  return client;
}

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Invalid ClickHouse identifier: ${name}`);
  return '`' + name + '`';
}

/** chDB errors are not `instanceof ClickHouseError`; both carry `code` and `type`. */
export function clickHouseErrorType(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'type' in err && typeof err.type === 'string') return err.type;
  return undefined;
}
