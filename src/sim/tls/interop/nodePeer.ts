import { realBytes } from '../../bytes/lateBytes';
import tls from 'node:tls';
import { p256PrivateKey } from '../../apps/serverTls';
import { ascii, concat, fromBase64 } from '../../bytes/hex';
import type { HttpMessage } from '../../http/messages';
import type { TlsIo } from '../client';
import { type HandshakeMessage, HandshakeReader } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import type { TlsServerOptions } from '../server';
import { leafPrivateKeyPkcs8Der } from '../testCertificates';
import { testDer, testPem } from '../testCertificates.node';
import { duplexPair } from './duplexPair';

// One exchange for every interop test: our endpoint against Node's tls (OpenSSL) over a duplexPair,
// the client asking `request` once the handshake completes, the server answering `reply` and closing.

/** A direction's handshake messages in the clear: those before its ChangeCipherSpec (RFC 5246 §7.1). */
export function plainHandshake(chunks: Uint8Array[]): HandshakeMessage[] {
  const out: HandshakeMessage[] = [];
  const hs = new HandshakeReader();
  for (const r of new RecordReader().push(concat(...chunks))) {
    if (r.type === 20) break;
    if (r.type === 22) out.push(...hs.push(r.fragment));
  }
  return out;
}

export const request = 'GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n';
export const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';
export const message = (text: string): HttpMessage => ({ label: text.split('\r\n')[0], bytes: ascii(text), layer: { name: 'HTTP', summary: '', fields: [] } });

/** Our server with the test chain (leaf for example.com + intermediate) and the leaf's P-256 key. */
export const ourServerOptions = (o: Partial<TlsServerOptions> = {}): TlsServerOptions => ({
  chain: [{ der: testDer.leaf, subject: 'CN=example.com' }, { der: testDer.intermediate, subject: 'CN=wirescene Test Intermediate CA' }],
  privateKey: p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)),
  alpn: ['http/1.1'],
  ...o,
});

interface OurClient {
  start(): void;
  receive(bytes: Uint8Array): void;
  send(http: HttpMessage): void;
}

interface OurServer {
  receive(bytes: Uint8Array): void;
  send(http: HttpMessage): void;
  close(): void;
}

/** What went each way, chunk by chunk, as Node's side wrote it or read it. */
interface Wire {
  toServer: Uint8Array[];
  fromServer: Uint8Array[];
}

/**
 * Our client against a Node server (the test chain; `serverOptions` add to it): `done` resolves
 * with what our client read when the server's close_notify arrives, and rejects on a fatal alert
 * either way. The client has started when this returns; Node's side reads nothing before the next
 * tick, so listeners added to `server` at once miss nothing.
 */
export function ourClientToNode<C extends OurClient>(makeClient: (io: TlsIo) => C, serverOptions: tls.TLSSocketOptions): Wire & { client: C; server: tls.TLSSocket; done: Promise<string> } {
  const wire: Wire = { toServer: [], fromServer: [] };
  const [ours, theirs] = duplexPair((from, chunk) => (from === 'a' ? wire.toServer : wire.fromServer).push(chunk));
  const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, ...serverOptions });
  server.on('data', () => server.end(reply));
  let got = '';
  let client!: C;
  const done = new Promise<string>((resolve, reject) => {
    client = makeClient({
      send: (_step, w) => ours.write(realBytes(w.data)),
      handshakeComplete: () => client.send(message(request)),
      data: (b) => (got += new TextDecoder().decode(b)),
      closeNotify: () => resolve(got),
      failed: (alert, reason) => reject(new Error(`${alert}: ${reason}`)),
    });
    ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
    server.on('error', reject);
    client.start();
  });
  return { ...wire, client, server, done };
}

/** Our client facing a Node server it must refuse: resolves with the error Node reports, which names the alert we sent. */
export function ourClientRefusedByNode(makeClient: (io: TlsIo) => OurClient, serverOptions: tls.TLSSocketOptions = {}): Promise<string> {
  const [ours, theirs] = duplexPair();
  const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, ...serverOptions });
  return new Promise<string>((resolve, reject) => {
    server.on('error', (e) => resolve(String(e)));
    const client = makeClient({
      send: (_step, w) => ours.write(realBytes(w.data)),
      handshakeComplete: () => reject(new Error('handshake should fail')),
    });
    ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
    client.start();
  });
}

/**
 * A Node client (trusting the test root, for example.com; `connectOptions` add to it) against our
 * server, which answers a whole request and closes: `done` resolves with what Node read by the end
 * of the stream, and rejects on a fatal alert either way; `received()` is what our server read.
 */
export function nodeClientToOurs<S extends OurServer>(makeServer: (io: TlsIo) => S, connectOptions: tls.ConnectionOptions): Wire & { client: tls.TLSSocket; server: S; received: () => string; done: Promise<string> } {
  const wire: Wire = { toServer: [], fromServer: [] };
  const [theirs, ours] = duplexPair((from, chunk) => (from === 'a' ? wire.toServer : wire.fromServer).push(chunk));
  let got = '';
  let server!: S;
  let client!: tls.TLSSocket;
  const done = new Promise<string>((resolve, reject) => {
    server = makeServer({
      send: (_step, w) => ours.write(realBytes(w.data)),
      data: (b) => {
        got += new TextDecoder().decode(b);
        if (got.endsWith('\r\n\r\n')) {
          server.send(message(reply));
          server.close();
        }
      },
      failed: (alert, reason) => reject(new Error(`${alert}: ${reason}`)),
    });
    ours.on('data', (b: Buffer) => server.receive(new Uint8Array(b)));
    client = tls.connect({ socket: theirs, servername: 'example.com', ca: testPem.root, ...connectOptions });
    let text = '';
    client.on('secureConnect', () => client.write(request));
    client.on('data', (d) => (text += d));
    client.on('end', () => resolve(text));
    client.on('error', reject);
  });
  return { ...wire, client, server, received: () => got, done };
}
