import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { ascii, concat } from '../../bytes/hex';
import type { HttpMessage } from '../../http/messages';
import { createPrng } from '../../prng';
import { chromeProfile } from '../chromeHello';
import { TlsClient } from '../client';
import { X25519 } from '../groups';
import { HandshakeReader, parseServerHello } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import { testDer, testPem } from '../testCertificates.node';
import { duplexPair } from './duplexPair';

// Oracle: OpenSSL 3.0 (Node 20's tls), which has no ML-KEM: from Chrome's two key shares it must
// take x25519, and it must step over every GREASE value and the extensions it does not know.
const message = (text: string): HttpMessage => ({ label: text.split('\r\n')[0], bytes: ascii(text), layer: { name: 'HTTP', summary: '', fields: [] } });
const request = 'GET / HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n';
const reply = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok';

describe('the chrome ClientHello against OpenSSL 3.0', () => {
  it('OpenSSL ignores the GREASE, takes the x25519 share over X25519MLKEM768 it lacks, picks h2 by ALPN, and serves the request', async () => {
    const fromServer: Uint8Array[] = [];
    const [ours, theirs] = duplexPair((from, chunk) => from === 'b' && fromServer.push(chunk));
    const server = new tls.TLSSocket(theirs, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, minVersion: 'TLSv1.3', ALPNProtocols: ['h2', 'http/1.1'] });
    server.on('data', () => server.end(reply));
    let got = '';
    let client!: TlsClient;
    await new Promise<void>((resolve, reject) => {
      client = new TlsClient(createPrng(11), { host: 'example.com', profile: chromeProfile, trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
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
    expect(client.keyGroup).toBe('x25519');
    expect(client.alpn).toBe('h2');
    expect(server.getProtocol()).toBe('TLSv1.3');
    const [sh] = new RecordReader().push(concat(...fromServer)).filter((r) => r.type === 22).flatMap((r) => new HandshakeReader().push(r.fragment));
    const hello = parseServerHello(sh.body);
    expect(hello.helloRetryRequest).toBe(false);
    expect(hello.extensions.keyShares![0].group).toBe(X25519);
    // TLS_AES_128_GCM_SHA256: Chrome lists it first, and OpenSSL follows the client's order.
    expect(hello.cipherSuite).toBe(0x1301);
  }, 20_000);
});
