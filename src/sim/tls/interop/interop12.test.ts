import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { ascii, concat, fromBase64 } from '../../bytes/hex';
import type { HttpMessage } from '../../http/messages';
import { createPrng } from '../../prng';
import { p256PrivateKey } from '../../apps/serverTls';
import { TlsClient12 } from '../client12';
import { HandshakeReader } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import { TlsServer12 } from '../server12';
import { leafPrivateKeyPkcs8Der } from '../testCertificates';
import { testDer, testPem } from '../testCertificates.node';
import { duplexPair } from './duplexPair';

// Oracle: a real peer. Node's tls is OpenSSL, held to TLS 1.2; each side checks the other
// (OpenSSL our chain, ServerKeyExchange signature and Finished; we its), and OpenSSL's own key
// log line must equal ours: the same master secret, derived independently.
const message = (text: string): HttpMessage => ({ label: text.split('\r\n')[0], bytes: ascii(text), layer: { name: 'HTTP', summary: '', fields: [] } });
const request = 'GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n';
const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';
const OPENSSL_SUITE: Record<string, string> = { 'ECDHE-ECDSA-AES128-GCM-SHA256': 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384': 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384' };
/** Plain handshake messages in a direction (those before ChangeCipherSpec). */
const plainHandshake = (chunks: Uint8Array[]) => {
  const out: string[] = [];
  const hs = new HandshakeReader();
  for (const r of new RecordReader().push(concat(...chunks))) {
    if (r.type === 20) break;
    if (r.type === 22) out.push(...hs.push(r.fragment).map((m) => m.name));
  }
  return out;
};
const recordTypes = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).map((r) => r.type);

describe('our TLS 1.2 endpoints against OpenSSL (Node tls, maxVersion TLSv1.2, over in-memory streams)', () => {
  it.each([
    ['ECDHE-ECDSA-AES128-GCM-SHA256', 'X25519'],
    ['ECDHE-ECDSA-AES256-GCM-SHA384', 'P-256'],
  ])('our client ↔ OpenSSL server with %s over %s: handshake, request, response, same master secret', async (suite, curve) => {
    const toServer: Uint8Array[] = [];
    const fromServer: Uint8Array[] = [];
    const [ours, theirs] = duplexPair((from, chunk) => (from === 'a' ? toServer : fromServer).push(chunk));
    const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, maxVersion: 'TLSv1.2', ciphers: suite, ecdhCurve: curve, ALPNProtocols: ['http/1.1'] });
    const opensslKeyLog: string[] = [];
    server.on('keylog', (line) => opensslKeyLog.push(line.toString()));
    server.on('data', () => server.end(reply));
    let got = '';
    let client!: TlsClient12;
    await new Promise<void>((resolve, reject) => {
      client = new TlsClient12(createPrng(7), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
        send: (_step, w) => ours.write(w.data),
        handshakeComplete: () => client.send(message(request)),
        data: (b) => (got += new TextDecoder().decode(b)),
        closeNotify: () => resolve(),
        failed: (alert, reason) => reject(new Error(`${alert}: ${reason}`)),
      });
      ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
      server.on('error', reject);
      client.start();
    });
    expect(got).toBe(reply);
    expect(client.suiteName).toBe(OPENSSL_SUITE[suite]);
    expect(client.group).toBe(curve === 'X25519' ? 0x001d : 0x0017);
    expect(client.alpn).toBe('http/1.1');
    expect(server.getProtocol()).toBe('TLSv1.2');
    expect(server.getCipher().name).toBe(suite);
    expect(client.keyLog()).toBe(opensslKeyLog.join(''));
    expect(client.keyLog()).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$/);
    // RFC 5246 §7.3: the full handshake, two round trips.
    expect(plainHandshake(toServer)).toEqual(['ClientHello', 'ClientKeyExchange']);
    expect(plainHandshake(fromServer)).toEqual(['ServerHello', 'Certificate', 'ServerKeyExchange', 'ServerHelloDone']);
    expect(recordTypes(toServer).slice(0, 4)).toEqual([22, 22, 20, 22]);
  }, 20_000);

  it('OpenSSL client ↔ our server: it verifies our chain and ServerKeyExchange signature, we its Finished; same master secret', async () => {
    const toServer: Uint8Array[] = [];
    const [theirs, ours] = duplexPair((from, chunk) => from === 'a' && toServer.push(chunk));
    let server!: TlsServer12;
    let got = '';
    server = new TlsServer12(createPrng(9), {
      chain: [{ der: testDer.leaf, subject: 'CN=example.com' }, { der: testDer.intermediate, subject: 'CN=wirescene Test Intermediate CA' }],
      privateKey: p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)),
      alpn: ['http/1.1'],
    }, {
      send: (_step, w) => ours.write(w.data),
      data: (b) => {
        got += new TextDecoder().decode(b);
        if (got.endsWith('\r\n\r\n')) {
          server.send(message(reply));
          server.close();
        }
      },
      failed: (alert, reason) => {
        throw new Error(`${alert}: ${reason}`);
      },
    });
    ours.on('data', (b: Buffer) => server.receive(new Uint8Array(b)));
    const client = tls.connect({ socket: theirs, servername: 'example.com', ca: testPem.root, ALPNProtocols: ['h2', 'http/1.1'], maxVersion: 'TLSv1.2' });
    const opensslKeyLog: string[] = [];
    client.on('keylog', (line) => opensslKeyLog.push(line.toString()));
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      client.on('secureConnect', () => client.write(request));
      client.on('data', (d) => (text += d));
      client.on('end', () => resolve(text));
      client.on('error', reject);
    });
    expect(answer).toBe(reply);
    expect(got).toBe(request);
    expect(client.authorized).toBe(true);
    expect(client.getProtocol()).toBe('TLSv1.2');
    expect(client.getCipher().name).toBe('ECDHE-ECDSA-AES128-GCM-SHA256');
    expect(client.alpnProtocol).toBe('http/1.1');
    expect(server.keyLog()).toBe(opensslKeyLog.join(''));
    expect(plainHandshake(toServer)).toEqual(['ClientHello', 'ClientKeyExchange']);
  }, 20_000);

  it('our client refuses an OpenSSL server whose certificate is for another host, with a bad_certificate alert in the clear', async () => {
    const [ours, theirs] = duplexPair();
    const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, maxVersion: 'TLSv1.2' });
    const alert = await new Promise<string>((resolve, reject) => {
      server.on('error', (e) => resolve(String(e)));
      const client = new TlsClient12(createPrng(7), { host: 'example.org', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
        send: (_step, w) => ours.write(w.data),
        handshakeComplete: () => reject(new Error('handshake should fail')),
      });
      ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
      client.start();
    });
    expect(alert).toMatch(/bad certificate/i);
  }, 20_000);
});
