import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { concat } from '../../bytes/hex';
import { createPrng } from '../../prng';
import { chromeProfile } from '../chromeHello';
import { TlsClient } from '../client';
import { X25519 } from '../groups';
import { HandshakeReader, parseServerHello } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import { testDer } from '../testCertificates.node';
import { ourClientToNode, reply } from './nodePeer';

// Oracle: OpenSSL 3.0 (Node 20's tls), which has no ML-KEM: from Chrome's two key shares it must
// take x25519, and it must step over every GREASE value and the extensions it does not know.

describe('the chrome ClientHello against OpenSSL 3.0', () => {
  it('OpenSSL ignores the GREASE, takes the x25519 share over X25519MLKEM768 it lacks, picks h2 by ALPN, and serves the request', async () => {
    const { client, server, fromServer, done } = ourClientToNode(
      (io) => new TlsClient(createPrng(11), { host: 'example.com', profile: chromeProfile, trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, io),
      { minVersion: 'TLSv1.3', ALPNProtocols: ['h2', 'http/1.1'] },
    );
    expect(await done).toBe(reply);
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
