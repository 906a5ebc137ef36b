import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { concat } from '../../bytes/hex';
import { createPrng } from '../../prng';
import { TlsClient12 } from '../client12';
import { RecordReader } from '../parse/record';
import { TlsServer12 } from '../server12';
import { testDer } from '../testCertificates.node';
import { nodeClientToOurs, ourClientRefusedByNode, ourClientToNode, ourServerOptions, plainHandshake, reply, request } from './nodePeer';

// Oracle: a real peer. Node's tls is OpenSSL, held to TLS 1.2; each side checks the other
// (OpenSSL our chain, ServerKeyExchange signature and Finished; we its), and OpenSSL's own key
// log line must equal ours: the same master secret, derived independently.
const OPENSSL_SUITE: Record<string, string> = { 'ECDHE-ECDSA-AES128-GCM-SHA256': 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384': 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384' };
const plainNames = (chunks: Uint8Array[]) => plainHandshake(chunks).map((m) => m.name);
const recordTypes = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).map((r) => r.type);

describe('our TLS 1.2 endpoints against OpenSSL (Node tls, maxVersion TLSv1.2, over in-memory streams)', () => {
  it.each([
    ['ECDHE-ECDSA-AES128-GCM-SHA256', 'X25519'],
    ['ECDHE-ECDSA-AES256-GCM-SHA384', 'P-256'],
  ])('our client ↔ OpenSSL server with %s over %s: handshake, request, response, same master secret', async (suite, curve) => {
    const { client, server, toServer, fromServer, done } = ourClientToNode(
      (io) => new TlsClient12(createPrng(7), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, io),
      { maxVersion: 'TLSv1.2', ciphers: suite, ecdhCurve: curve, ALPNProtocols: ['http/1.1'] },
    );
    const opensslKeyLog: string[] = [];
    server.on('keylog', (line) => opensslKeyLog.push(line.toString()));
    expect(await done).toBe(reply);
    expect(client.suiteName).toBe(OPENSSL_SUITE[suite]);
    expect(client.group).toBe(curve === 'X25519' ? 0x001d : 0x0017);
    expect(client.alpn).toBe('http/1.1');
    expect(server.getProtocol()).toBe('TLSv1.2');
    expect(server.getCipher().name).toBe(suite);
    expect(client.keyLog()).toBe(opensslKeyLog.join(''));
    expect(client.keyLog()).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$/);
    // RFC 5246 §7.3: the full handshake, two round trips.
    expect(plainNames(toServer)).toEqual(['ClientHello', 'ClientKeyExchange']);
    expect(plainNames(fromServer)).toEqual(['ServerHello', 'Certificate', 'ServerKeyExchange', 'ServerHelloDone']);
    expect(recordTypes(toServer).slice(0, 4)).toEqual([22, 22, 20, 22]);
  }, 20_000);

  it('OpenSSL client ↔ our server: it verifies our chain and ServerKeyExchange signature, we its Finished; same master secret', async () => {
    const { client, server, toServer, received, done } = nodeClientToOurs(
      (io) => new TlsServer12(createPrng(9), ourServerOptions(), io),
      { ALPNProtocols: ['h2', 'http/1.1'], maxVersion: 'TLSv1.2' },
    );
    const opensslKeyLog: string[] = [];
    client.on('keylog', (line) => opensslKeyLog.push(line.toString()));
    expect(await done).toBe(reply);
    expect(received()).toBe(request);
    expect(client.authorized).toBe(true);
    expect(client.getProtocol()).toBe('TLSv1.2');
    expect(client.getCipher().name).toBe('ECDHE-ECDSA-AES128-GCM-SHA256');
    expect(client.alpnProtocol).toBe('http/1.1');
    expect(server.keyLog()).toBe(opensslKeyLog.join(''));
    expect(plainNames(toServer)).toEqual(['ClientHello', 'ClientKeyExchange']);
  }, 20_000);

  it('our client refuses an OpenSSL server whose certificate is for another host, with a bad_certificate alert in the clear', async () => {
    const alert = await ourClientRefusedByNode((io) => new TlsClient12(createPrng(7), { host: 'example.org', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, io), { maxVersion: 'TLSv1.2' });
    expect(alert).toMatch(/bad certificate/i);
  }, 20_000);
});
