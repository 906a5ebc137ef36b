import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { concat, toHex } from '../../bytes/hex';
import { createPrng } from '../../prng';
import { TlsClient } from '../client';
import { SECP256R1 } from '../groups';
import { encodeHelloRetryRequest } from '../helloRetry';
import { HandshakeReader, parseClientHello, parseServerHello } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import { TlsServer } from '../server';
import { testDer } from '../testCertificates.node';
import { nodeClientToOurs, ourClientToNode, ourServerOptions, reply } from './nodePeer';

// Oracle: OpenSSL (Node's tls) on the other end, configured so that one side's key share misses
// the other's groups: OpenSSL must send, or accept, a HelloRetryRequest (RFC 8446 §4.1.4).
/** Handshake messages sent in the clear (records of type 22), with their raw bytes. */
const clearHandshakes = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).filter((r) => r.type === 22).flatMap((r) => new HandshakeReader().push(r.fragment));
const ccsCount = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).filter((r) => r.type === 20).length;

describe('HelloRetryRequest with OpenSSL', () => {
  it('our client (x25519 share) ↔ OpenSSL server with ecdhCurve P-256: OpenSSL asks for secp256r1, our second ClientHello carries it, the request gets its answer', async () => {
    const { client, toServer, fromServer, done } = ourClientToNode((io) => new TlsClient(createPrng(7), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, io), { minVersion: 'TLSv1.3', ecdhCurve: 'P-256' });
    expect(await done).toBe(reply);
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
    const { client, server, toServer, fromServer, done } = nodeClientToOurs((io) => new TlsServer(createPrng(9), ourServerOptions({ groups: [SECP256R1] }), io), { minVersion: 'TLSv1.3', ecdhCurve: 'X25519:P-256', ALPNProtocols: ['http/1.1'] });
    expect(await done).toBe(reply);
    expect(client.authorized).toBe(true);
    expect(server.keyGroup).toBe('secp256r1');
    const sent = clearHandshakes(toServer).map((m) => parseClientHello(m.body));
    expect(sent.map((ch) => ch.extensions.keyShares!.map((k) => k.group))).toEqual([[0x001d], [SECP256R1]]);
    expect(clearHandshakes(fromServer).map((m) => parseServerHello(m.body).helloRetryRequest)).toEqual([true, false]);
  }, 20_000);
});
