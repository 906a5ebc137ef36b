import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { ascii, concat, fromBase64 } from '../../bytes/hex';
import type { HttpMessage } from '../../http/messages';
import { createPrng } from '../../prng';
import { TlsClient } from '../client';
import { HandshakeReader } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import { TlsServer } from '../server';
import { expiredLeafCertificateDer, leafPrivateKeyPkcs8Der } from '../testCertificates';
import { testDer, testPem } from '../testCertificates.node';
import { duplexPair } from './duplexPair';

// Oracle: a real peer. Node's tls is OpenSSL; our endpoints must complete a handshake with it,
// each side checking the other (OpenSSL verifies our chain, signature and Finished; we verify its).
const message = (text: string): HttpMessage => ({ label: text.split('\r\n')[0], bytes: ascii(text), layer: { name: 'HTTP', summary: '', fields: [] } });
const request = 'GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n';
const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';
const leafScalar = () => {
  const der = fromBase64(leafPrivateKeyPkcs8Der);
  for (let i = 0; i + 37 <= der.length; i++) if (der[i] === 2 && der[i + 1] === 1 && der[i + 2] === 1 && der[i + 3] === 4 && der[i + 4] === 32) return der.slice(i + 5, i + 37);
  throw new Error('no key');
};
const handshakeTypes = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).filter((r) => r.type === 22).flatMap((r) => new HandshakeReader().push(r.fragment).map((m) => m.name));

describe('our TLS 1.3 endpoints against OpenSSL (Node tls over in-memory streams)', () => {
  it.each(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'])('our client ↔ OpenSSL server with %s: handshake, request, response, tickets', async (suite) => {
    const [ours, theirs] = duplexPair();
    const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, minVersion: 'TLSv1.3', ciphers: suite, ALPNProtocols: ['http/1.1'] });
    server.on('data', () => server.end(reply));
    const fromServer: Uint8Array[] = [];
    let got = '';
    let client!: TlsClient;
    const done = new Promise<void>((resolve, reject) => {
      client = new TlsClient(createPrng(7), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
        send: (_step, w) => ours.write(w.data),
        handshakeComplete: () => client.send(message(request)),
        data: (b) => (got += new TextDecoder().decode(b)),
        closeNotify: () => resolve(),
        failed: (alert, reason) => reject(new Error(`${alert}: ${reason}`)),
      });
      ours.on('data', (b: Buffer) => {
        fromServer.push(new Uint8Array(b));
        client.receive(new Uint8Array(b));
      });
      server.on('error', reject);
      client.start();
    });
    await done;
    expect(client.suiteName).toBe(suite);
    expect(client.alpn).toBe('http/1.1');
    expect(client.tickets).toHaveLength(2);
    expect(got).toBe(reply);
    expect(server.getProtocol()).toBe('TLSv1.3');
    expect(server.alpnProtocol).toBe('http/1.1');
    expect(handshakeTypes(fromServer)).toEqual(['ServerHello']);
  }, 20_000);

  it('OpenSSL client ↔ our server: it verifies our chain and signature, we verify its Finished; two tickets arrive', async () => {
    const [theirs, ours] = duplexPair();
    const leaf = { der: testDer.leaf, subject: 'CN=example.com' };
    const inter = { der: testDer.intermediate, subject: 'CN=wirescene Test Intermediate CA' };
    let server!: TlsServer;
    let got = '';
    server = new TlsServer(createPrng(9), { chain: [leaf, inter], privateKey: leafScalar(), alpn: ['http/1.1'] }, {
      send: (_step, w) => ours.write(w.data),
      data: (b) => {
        got += new TextDecoder().decode(b);
        if (got.endsWith('\r\n\r\n')) {
          server.send(message(reply));
          server.close();
        }
      },
    });
    ours.on('data', (b: Buffer) => server.receive(new Uint8Array(b)));
    const client = tls.connect({ socket: theirs, servername: 'example.com', ca: testPem.root, ALPNProtocols: ['h2', 'http/1.1'], minVersion: 'TLSv1.3' });
    let sessions = 0;
    client.on('session', () => sessions++);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      client.on('secureConnect', () => client.write(request));
      client.on('data', (d) => (text += d));
      client.on('end', () => resolve(text));
      client.on('error', reject);
    });
    expect(answer).toBe(reply);
    expect(got).toBe(request);
    expect(client.alpnProtocol).toBe('http/1.1');
    expect(client.authorized).toBe(true);
    expect(sessions).toBe(2);
  }, 20_000);

  it('OpenSSL client refuses our server when it sends the expired leaf (its verdict, not ours)', async () => {
    const [theirs, ours] = duplexPair();
    const server = new TlsServer(createPrng(9), { chain: [{ der: fromBase64(expiredLeafCertificateDer), subject: 'CN=example.com' }, { der: testDer.intermediate, subject: 'CA' }], privateKey: leafScalar(), alpn: ['http/1.1'] }, {
      send: (_step, w) => ours.write(w.data),
    });
    ours.on('data', (b: Buffer) => server.receive(new Uint8Array(b)));
    const client = tls.connect({ socket: theirs, servername: 'example.com', ca: testPem.root });
    const err = await new Promise<Error>((resolve) => client.on('error', resolve));
    expect(String(err)).toMatch(/expired/);
  }, 20_000);

  it('our client refuses an OpenSSL server whose certificate is for another host, with bad_certificate', async () => {
    const [ours, theirs] = duplexPair();
    const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key });
    const alert = await new Promise<string>((resolve, reject) => {
      server.on('error', (e) => resolve(String(e)));
      const client = new TlsClient(createPrng(7), { host: 'example.org', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
        send: (_step, w) => ours.write(w.data),
        handshakeComplete: () => reject(new Error('handshake should fail')),
      });
      ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
      client.start();
    });
    // OpenSSL names the alert it received from us.
    expect(alert).toMatch(/bad certificate/i);
  }, 20_000);
});
