import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseErrorType } from './connect.ts';
import { insertJsonRows } from './insert.ts';

interface Request {
  params: URLSearchParams;
  body: string;
}

/** Stands in for a ClickHouse server's HTTP interface: records each request, answers `reply`. */
describe('insertJsonRows over HTTP', () => {
  let server: Server;
  let url: string;
  const requests: Request[] = [];
  let reply: { status: number; body: string } = { status: 200, body: '' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        requests.push({ params: new URL(req.url!, 'http://x').searchParams, body });
        res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the rows as they are, one per line, as the body of the INSERT', async () => {
    const client = createClient({
      url,
      database: 'kairro',
      clickhouse_settings: { date_time_input_format: 'best_effort' },
    });
    const rows = ['{"s":"line\\none","u":"é 组织 🙂"}', '{"n":1}'];
    await insertJsonRows(client, 'events', rows);
    await insertJsonRows(client, 'events', []);
    await client.close();

    expect(requests).toHaveLength(1); // nothing sent for no rows
    const [request] = requests;
    expect(request!.params.get('query')).toBe('INSERT INTO `events` FORMAT JSONEachRow');
    expect(request!.params.get('database')).toBe('kairro');
    expect(request!.params.get('date_time_input_format')).toBe('best_effort');
    expect(request!.body).toBe(rows.join('\n'));
  });

  it("rejects with the server's error type, which tells malformed data from an outage", async () => {
    reply = {
      status: 400,
      body: "Code: 27. DB::Exception: Cannot parse input: expected '\"' before: 'x'. (CANNOT_PARSE_INPUT_ASSERTION_FAILED) (version 26.7.1)",
    };
    // The client would log the refusal on stderr too.
    const client = createClient({ url, log: { level: ClickHouseLogLevel.OFF } });
    const error = await insertJsonRows(client, 'events', ['{"a":x}']).catch((e: unknown) => e);
    await client.close();
    expect(clickHouseErrorType(error)).toBe('CANNOT_PARSE_INPUT_ASSERTION_FAILED');
  });

  it('refuses a table name that is not an identifier', async () => {
    const client = createClient({ url });
    await expect(insertJsonRows(client, 'events; DROP TABLE x', ['{}'])).rejects.toThrow(/identifier/);
    await client.close();
  });
});
