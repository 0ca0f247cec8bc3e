/** A real HTTP server on 127.0.0.1 with an ephemeral port, for tests that talk to "the backend". */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * `hang` leaves the request unanswered (until the server closes); `raw` sends text as is; `headers`
 * are added to the response (e.g. an ETag).
 */
export type Reply =
  { status: number; json?: unknown; raw?: string; headers?: Record<string, string> } | 'hang';

export interface TestServer {
  url: string;
  received: Received[];
  reply: (handler: (req: Received) => Reply) => void;
  close: () => Promise<void>;
}

export async function startServer(handler: (req: Received) => Reply): Promise<TestServer> {
  let current = handler;
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        // keep the text
      }
      const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      received.push(request);
      const reply = current(request);
      if (reply === 'hang') return;
      const payload = reply.raw ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
      res.writeHead(reply.status, {
        'content-type': reply.raw === undefined ? 'application/json' : 'text/plain',
        ...reply.headers,
      });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reply: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on which nothing listens: a server is started, its port noted, and closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = await startServer(() => ({ status: 500 }));
  await server.close();
  return server.url;
}
