import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { ascii, concat, fromBase64, toHex } from '../../bytes/hex';
import type { HttpMessage } from '../../http/messages';
import { createPrng } from '../../prng';
import { TlsClient } from '../client';
import { SECP256R1 } from '../groups';
import { encodeHelloRetryRequest } from '../helloRetry';
import { HandshakeReader, parseClientHello, parseServerHello } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import { TlsServer } from '../server';
import { leafPrivateKeyPkcs8Der } from '../testCertificates';
import { testDer, testPem } from '../testCertificates.node';
import { p256PrivateKey } from '../../apps/serverTls';
import { duplexPair } from './duplexPair';

// Oracle: OpenSSL (Node's tls) on the other end, configured so that one side's key share misses
// the other's groups: OpenSSL must send, or accept, a HelloRetryRequest (RFC 8446 §4.1.4).
const message = (text: string): HttpMessage => ({ label: text.split('\r\n')[0], bytes: ascii(text), layer: { name: 'HTTP', summary: '', fields: [] } });
const request = 'GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n';
const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';
/** Handshake messages sent in the clear (records of type 22), with their raw bytes. */
const clearHandshakes = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).filter((r) => r.type === 22).flatMap((r) => new HandshakeReader().push(r.fragment));
const ccsCount = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).filter((r) => r.type === 20).length;

describe('HelloRetryRequest with OpenSSL', () => {
  it('our client (x25519 share) ↔ OpenSSL server with ecdhCurve P-256: OpenSSL asks for secp256r1, our second ClientHello carries it, the request gets its answer', async () => {
    const toServer: Uint8Array[] = [];
    const fromServer: Uint8Array[] = [];
    const [ours, theirs] = duplexPair((from, chunk) => (from === 'a' ? toServer : fromServer).push(chunk));
    const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, minVersion: 'TLSv1.3', ecdhCurve: 'P-256' });
    server.on('data', () => server.end(reply));
    let got = '';
    let client!: TlsClient;
    await new Promise<void>((resolve, reject) => {
      client = new TlsClient(createPrng(7), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
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
    expect(client.keyGroup).toBe('secp256r1');
    const sent = clearHandshakes(toServer);
    const received = clearHandshakes(fromServer);
    expect(sent.map((m) => m.type)).toEqual([1, 1]);
    expect(received.map((m) => m.type)).toEqual([2, 2]);
    const hrr = parseServerHello(received[0].body);
    expect(hrr.helloRetryRequest).toBe(true);
    expect(hrr.extensions.selectedGroup).toBe(SECP256R1);
    expect(parseServerHello(received[1].body).helloRetryRequest).toBe(false);
    const [ch1, ch2] = sent.map((m) => parseClientHello(m.body));
    expect(ch1.extensions.keyShares!.map((k) => k.group)).toEqual([0x001d]);
    expect(ch2.extensions.keyShares!.map((k) => k.group)).toEqual([SECP256R1]);
    expect(toHex(ch2.random)).toBe(toHex(ch1.random));
    // One CCS each way (RFC 8446 D.4): OpenSSL's after its HelloRetryRequest, ours before the second ClientHello.
    expect(ccsCount(fromServer)).toBe(1);
    expect(ccsCount(toServer)).toBe(1);
    // Our server writes the HelloRetryRequest OpenSSL wrote, byte for byte.
    const mine = encodeHelloRetryRequest({ sessionId: ch1.legacySessionId, suite: hrr.cipherSuite, selectedGroup: SECP256R1 });
    expect(toHex(mine.bytes)).toBe(toHex(received[0].raw));
  }, 20_000);

  it('OpenSSL client with ecdhCurve X25519:P-256 ↔ our server that takes only secp256r1: we ask, it retries, it verifies us', async () => {
    const toServer: Uint8Array[] = [];
    const fromServer: Uint8Array[] = [];
    const [theirs, ours] = duplexPair((from, chunk) => (from === 'a' ? toServer : fromServer).push(chunk));
    let got = '';
    const server: TlsServer = new TlsServer(createPrng(9), {
      chain: [{ der: testDer.leaf, subject: 'CN=example.com' }, { der: testDer.intermediate, subject: 'CN=wirescene Test Intermediate CA' }],
      privateKey: p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)),
      alpn: ['http/1.1'],
      groups: [SECP256R1],
    }, {
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
    const client = tls.connect({ socket: theirs, servername: 'example.com', ca: testPem.root, minVersion: 'TLSv1.3', ecdhCurve: 'X25519:P-256', ALPNProtocols: ['http/1.1'] });
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      client.on('secureConnect', () => client.write(request));
      client.on('data', (d) => (text += d));
      client.on('end', () => resolve(text));
      client.on('error', reject);
    });
    expect(answer).toBe(reply);
    expect(client.authorized).toBe(true);
    expect(server.keyGroup).toBe('secp256r1');
    const sent = clearHandshakes(toServer).map((m) => parseClientHello(m.body));
    expect(sent.map((ch) => ch.extensions.keyShares!.map((k) => k.group))).toEqual([[0x001d], [SECP256R1]]);
    expect(clearHandshakes(fromServer).map((m) => parseServerHello(m.body).helloRetryRequest)).toEqual([true, false]);
  }, 20_000);
});
