import http2 from 'node:http2';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../export/pcapng';
import { p256PrivateKey } from '../apps/serverTls';
import { concat } from '../bytes/hex';
import { createPrng } from '../prng';
import { TlsClient } from '../tls/client';
import { duplexPair } from '../tls/interop/duplexPair';
import { TlsServer } from '../tls/server';
import { leafPrivateKeyPkcs8Der } from '../tls/testCertificates';
import { testDer, testPem } from '../tls/testCertificates.node';
import { fromBase64 } from '../bytes/hex';
import type { Http2Write } from './connection';
import { Http2Client, type Http2Response, Http2Server } from './endpoints';
import { parseHttp2 } from './frames';

// Oracle: a real peer. Node's http2 is nghttp2 over OpenSSL; it must understand our frames,
// HPACK blocks and flow control, and we must understand its, in both directions.
const asMessage = (w: Http2Write) => ({ label: w.label, bytes: w.bytes, layer: w.layer });
const text = (r: Http2Response) => new TextDecoder().decode(concat(...r.body));
const header = (r: Http2Response, name: string) => r.headers.find(([n]) => n === name)?.[1];
const bodyFor = (path: string) => `${path} `.repeat(path === '/big' ? 20_000 : 3);

describe('our HTTP/2 endpoints against nghttp2 (Node http2 over in-memory TLS)', () => {
  it('our client ↔ Node http2.createSecureServer: ALPN h2, two streams on one connection, both responses whole', async () => {
    const [ours, theirs] = duplexPair();
    const server = http2.createSecureServer({ cert: testPem.leaf + testPem.intermediate, key: testPem.key, ALPNProtocols: ['h2'] });
    const seen: string[] = [];
    server.on('stream', (stream, headers) => {
      seen.push(`${headers[':method']} ${headers[':path']} ${headers['user-agent']}`);
      stream.respond({ ':status': 200, 'content-type': 'text/plain' });
      stream.end(bodyFor(String(headers[':path'])));
    });
    server.emit('connection', theirs);
    const fromServer: Uint8Array[] = [];
    const responses: Http2Response[] = [];
    let client!: TlsClient;
    let h2!: Http2Client;
    await new Promise<void>((resolve, reject) => {
      h2 = new Http2Client({
        write: (w) => client.send(asMessage(w)),
        response: (r) => {
          responses.push(r);
          if (responses.length === 2) {
            h2.goAway();
            resolve();
          }
        },
        error: (reason) => reject(new Error(reason)),
      });
      client = new TlsClient(createPrng(3), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
        send: (_step, w) => ours.write(w.data),
        handshakeComplete: () => {
          expect(client.alpn).toBe('h2');
          h2.start();
          for (const path of ['/', '/big']) h2.request([[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', path], ['user-agent', 'wirescene'], ['accept', '*/*']]);
          h2.flush();
        },
        data: (b) => {
          fromServer.push(b);
          h2.receive(b);
        },
        failed: (alert, reason) => reject(new Error(`${alert}: ${reason}`)),
      });
      ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
      client.start();
    });
    server.close();
    expect(seen).toEqual(['GET / wirescene', 'GET /big wirescene']);
    expect(responses.map((r) => [r.streamId, header(r, ':status'), text(r)]).sort()).toEqual([[1, '200', bodyFor('/')], [3, '200', bodyFor('/big')]]);
    // nghttp2 sent SETTINGS first and acknowledged ours; /big (140 kB) needed our WINDOW_UPDATEs.
    const down = parseHttp2(concat(...fromServer), 'server');
    expect(down.error).toBeUndefined();
    expect(down.frames[0].typeName).toBe('SETTINGS');
    expect(down.frames.some((f) => f.summary === 'SETTINGS ACK')).toBe(true);
    expect(responses[1].bodyLength).toBeGreaterThan(65_535);
  }, 20_000);

  it('Node http2.connect ↔ our server: its two requests answered on streams 1 and 3, our windows respected, GOAWAY answered', async () => {
    const [theirs, ours] = duplexPair();
    const toClient: Uint8Array[] = [];
    // In order: connection credit the client gave (+n) and DATA we sent (-n), to check §6.9.1 on the transcript.
    const events: number[] = [];
    let tlsServer!: TlsServer;
    const h2 = new Http2Server({
      write: (w) => {
        toClient.push(w.bytes);
        for (const f of w.frames) if (f.typeName === 'DATA') events.push(-(f.bytes.length - 9));
        tlsServer.send(asMessage(w));
      },
      received: (f) => {
        if (f.typeName === 'WINDOW_UPDATE' && f.streamId === 0) events.push(f.windowIncrement ?? 0);
      },
      request: (id, headers) => {
        const path = headers.find(([n]) => n === ':path')?.[1] ?? '';
        h2.respond(id, [[':status', path === '/missing' ? '404' : '200'], ['content-type', 'text/plain'], ['server', 'wirescene']], new TextEncoder().encode(bodyFor(path)));
        h2.flush();
      },
      goaway: () => {
        h2.goAway();
        tlsServer.close();
        ours.end();
      },
    });
    tlsServer = new TlsServer(createPrng(5), { chain: [{ der: testDer.leaf, subject: 'CN=example.com' }, { der: testDer.intermediate, subject: 'CN=wirescene Test Intermediate CA' }], privateKey: p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)), alpn: ['h2', 'http/1.1'] }, {
      send: (_step, w) => ours.write(w.data),
      handshakeComplete: () => {
        h2.start();
        h2.flush();
      },
      data: (b) => h2.receive(b),
    });
    ours.on('data', (b: Buffer) => tlsServer.receive(new Uint8Array(b)));
    const session = http2.connect('https://example.com', { createConnection: () => tls.connect({ socket: theirs, servername: 'example.com', ca: testPem.root, ALPNProtocols: ['h2'] }) });
    const get = (path: string) =>
      new Promise<{ status: number; body: string; id: number }>((resolve, reject) => {
        const req = session.request({ ':path': path, 'user-agent': 'node' });
        let body = '';
        let status = 0;
        req.on('response', (h) => (status = Number(h[':status'])));
        req.setEncoding('utf8');
        req.on('data', (c) => (body += c));
        req.on('end', () => resolve({ status, body, id: req.id ?? 0 }));
        req.on('error', reject);
        req.end();
      });
    const answers = await Promise.all([get('/big'), get('/missing')]);
    expect(answers).toEqual([{ status: 200, body: bodyFor('/big'), id: 1 }, { status: 404, body: bodyFor('/missing'), id: 3 }]);
    expect(session.alpnProtocol).toBe('h2');
    await new Promise<void>((resolve) => session.close(() => resolve()));
    const down = parseHttp2(concat(...toClient), 'server');
    expect(down.error).toBeUndefined();
    expect(down.frames[0].summary).toBe('SETTINGS MAX_CONCURRENT_STREAMS=100');
    expect(down.frames.at(-1)?.summary).toBe('GOAWAY NO_ERROR');
    expect(down.frames.filter((f) => f.typeName === 'DATA').every((f) => f.bytes.length - 9 <= 16_384)).toBe(true);
    // 100 kB through a 65,535-byte connection window: we waited for the client's WINDOW_UPDATEs and never overdrew.
    let credit = 65_535;
    for (const n of events) {
      credit += n;
      expect(credit).toBeGreaterThanOrEqual(0);
    }
    expect(events.filter((n) => n > 0).length).toBeGreaterThan(0);
  }, 20_000);
});
