import http2 from 'node:http2';
import { describe, expect, it } from 'vitest';
import { concat } from '../bytes/hex';
import { duplexPair } from '../tls/interop/duplexPair';
import { Http2Client, type Http2Response, Http2Server } from './endpoints';

// Oracle: nghttp2 (Node's http2) as the peer, over an in-memory stream with no TLS (h2c with
// prior knowledge, RFC 9113 §3.3): it must accept our frames, windows and GOAWAY, and we must
// read its. Fast enough for a mutation run (no handshake); interop.test.ts does the same over TLS.

const bodyFor = (path: string) => `${path} `.repeat(path === '/big' ? 25_000 : 3);

describe('our HTTP/2 endpoints against nghttp2, in clear text', () => {
  it('our client ↔ Node http2.createServer: two streams, a 100 kB response through our WINDOW_UPDATEs, GOAWAY', async () => {
    const [ours, theirs] = duplexPair();
    const server = http2.createServer();
    const seen: string[] = [];
    server.on('stream', (stream, headers) => {
      seen.push(`${headers[':method']} ${headers[':path']} ${headers['user-agent']}`);
      stream.respond({ ':status': headers[':path'] === '/big' ? 200 : 404, 'content-type': 'text/plain' });
      stream.end(bodyFor(String(headers[':path'])));
    });
    let closed!: () => void;
    const sessionClosed = new Promise<void>((resolve) => (closed = resolve));
    server.on('session', (session) => session.on('close', closed));
    server.emit('connection', theirs);
    const responses: Http2Response[] = [];
    await new Promise<void>((resolve, reject) => {
      const h2 = new Http2Client({
        write: (w) => ours.write(w.bytes),
        response: (r) => {
          responses.push(r);
          if (responses.length === 2) {
            h2.goAway();
            resolve();
          }
        },
        error: (reason) => reject(new Error(reason)),
      });
      ours.on('data', (b: Buffer) => h2.receive(new Uint8Array(b)));
      h2.start();
      for (const path of ['/big', '/missing']) h2.request([[':method', 'GET'], [':scheme', 'http'], [':authority', 'example.com'], [':path', path], ['user-agent', 'wirescene']]);
      h2.flush();
    });
    ours.end();
    await sessionClosed;
    server.close();
    expect(seen).toEqual(['GET /big wirescene', 'GET /missing wirescene']);
    const status = (r: Http2Response) => r.headers.find(([n]) => n === ':status')?.[1];
    expect(responses.map((r) => [r.streamId, status(r), new TextDecoder().decode(concat(...r.body)), r.bodyLength]).sort()).toEqual([
      [1, '200', bodyFor('/big'), 125_000],
      [3, '404', bodyFor('/missing'), 27],
    ]);
  }, 20_000);

  it('Node http2.connect ↔ our server: both requests answered, 100 kB within the client’s windows, its GOAWAY answered', async () => {
    const [theirs, ours] = duplexPair();
    const h2 = new Http2Server({
      write: (w) => ours.write(w.bytes),
      request: (id, headers) => {
        const path = headers.find(([n]) => n === ':path')?.[1] ?? '';
        h2.respond(id, [[':status', path === '/missing' ? '404' : '200'], ['server', 'wirescene']], new TextEncoder().encode(bodyFor(path)));
        h2.flush();
      },
      goaway: () => {
        h2.goAway();
        ours.end();
      },
    });
    ours.on('data', (b: Buffer) => h2.receive(new Uint8Array(b)));
    h2.start();
    h2.flush();
    const session = http2.connect('http://example.com', { createConnection: () => theirs });
    const get = (path: string) =>
      new Promise<{ status: number; body: string; server: string }>((resolve, reject) => {
        const req = session.request({ ':path': path });
        let body = '';
        let status = 0;
        let server = '';
        req.on('response', (h) => {
          status = Number(h[':status']);
          server = String(h.server);
        });
        req.setEncoding('utf8');
        req.on('data', (c) => (body += c));
        req.on('end', () => resolve({ status, body, server }));
        req.on('error', reject);
        req.end();
      });
    const answers = await Promise.all([get('/big'), get('/missing')]);
    expect(answers).toEqual([
      { status: 200, body: bodyFor('/big'), server: 'wirescene' },
      { status: 404, body: bodyFor('/missing'), server: 'wirescene' },
    ]);
    await new Promise<void>((resolve) => session.close(() => resolve()));
  }, 20_000);
});
