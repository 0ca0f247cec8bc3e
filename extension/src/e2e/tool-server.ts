/**
 * One local HTTPS server for every imitation page, picked by the Host header. Chromium reaches it
 * under the tools' real host names through `--host-resolver-rules` and accepts its throwaway
 * self-signed certificate with `--ignore-certificate-errors`, so the org's real URL patterns
 * (`https://chatgpt.com/*`) are what classify the pages.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderPage, type ToolPage } from './tool-pages.ts';

export interface ToolServer {
  port: number;
  /** Chromium flags that send each page's host to this server and accept its certificate. */
  chromiumArgs: string[];
  url(page: ToolPage, path?: string): string;
  close(): Promise<void>;
}

/** A self-signed certificate for `hosts`, valid for a day, made with the system's openssl. */
async function selfSigned(hosts: readonly string[]): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'kairro-e2e-cert-'));
  try {
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-days', '1', '-subj', '/CN=kairro-e2e', '-keyout', key, '-out', cert,
      '-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`,
    ]); // prettier-ignore
    return { key: await readFile(key), cert: await readFile(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function startToolServer(pages: readonly ToolPage[]): Promise<ToolServer> {
  const byHost = new Map(pages.map((p) => [p.host, renderPage(p)]));
  const server = createServer(await selfSigned([...byHost.keys()]), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const html = byHost.get(host);
    if (!html || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no imitation page for ${host}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rules = [...byHost.keys()].map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
  return {
    port,
    chromiumArgs: [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'],
    url: (page, path = '/') => `https://${page.host}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
