import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface ServeOptions {
  /** Response headers on every file (a Content-Security-Policy, say). */
  headers?: Record<string, string>;
  /** Extra pages by path ('/parent.html'), served with the same headers. */
  pages?: Record<string, string>;
  /** Called with each body POSTed to /csp-report (a CSP `report-uri`). */
  onReport?: (body: string) => void;
}

/** Serves a built site (dist/) on a free loopback port. */
export async function serveDir(dir: string, options: ServeOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const handler = sirv(dir, { dev: false, etag: false, single: false });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    if (req.method === 'POST' && path === '/csp-report') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        options.onReport?.(body);
        res.statusCode = 204;
        res.end();
      });
      return;
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    const page = options.pages?.[path];
    if (page !== undefined) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page);
      return;
    }
    handler(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
