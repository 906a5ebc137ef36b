import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { concat, fromBase64 } from '../../bytes/hex';
import { createPrng } from '../../prng';
import { TlsClient } from '../client';
import { HandshakeReader } from '../parse/handshake';
import { RecordReader } from '../parse/record';
import { TlsServer } from '../server';
import { expiredLeafCertificateDer } from '../testCertificates';
import { testDer, testPem } from '../testCertificates.node';
import { duplexPair } from './duplexPair';
import { nodeClientToOurs, ourClientRefusedByNode, ourClientToNode, ourServerOptions, reply, request } from './nodePeer';

// Oracle: a real peer. Node's tls is OpenSSL; our endpoints must complete a handshake with it,
// each side checking the other (OpenSSL verifies our chain, signature and Finished; we verify its).
const handshakeTypes = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).filter((r) => r.type === 22).flatMap((r) => new HandshakeReader().push(r.fragment).map((m) => m.name));

describe('our TLS 1.3 endpoints against OpenSSL (Node tls over in-memory streams)', () => {
  it.each(['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'])('our client ↔ OpenSSL server with %s: handshake, request, response, tickets', async (suite) => {
    const { client, server, fromServer, done } = ourClientToNode((io) => new TlsClient(createPrng(7), { host: 'example.com', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, io), { minVersion: 'TLSv1.3', ciphers: suite, ALPNProtocols: ['http/1.1'] });
    const got = await done;
    expect(client.suiteName).toBe(suite);
    expect(client.alpn).toBe('http/1.1');
    expect(client.tickets).toHaveLength(2);
    expect(got).toBe(reply);
    expect(server.getProtocol()).toBe('TLSv1.3');
    expect(server.alpnProtocol).toBe('http/1.1');
    expect(handshakeTypes(fromServer)).toEqual(['ServerHello']);
  }, 20_000);

  it('OpenSSL client ↔ our server: it verifies our chain and signature, we verify its Finished; two tickets arrive', async () => {
    const { client, received, done } = nodeClientToOurs((io) => new TlsServer(createPrng(9), ourServerOptions(), io), { ALPNProtocols: ['h2', 'http/1.1'], minVersion: 'TLSv1.3' });
    let sessions = 0;
    client.on('session', () => sessions++);
    expect(await done).toBe(reply);
    expect(received()).toBe(request);
    expect(client.alpnProtocol).toBe('http/1.1');
    expect(client.authorized).toBe(true);
    expect(sessions).toBe(2);
  }, 20_000);

  it('OpenSSL client refuses our server when it sends the expired leaf (its verdict, not ours)', async () => {
    const [theirs, ours] = duplexPair();
    const server = new TlsServer(createPrng(9), ourServerOptions({ chain: [{ der: fromBase64(expiredLeafCertificateDer), subject: 'CN=example.com' }, { der: testDer.intermediate, subject: 'CA' }] }), {
      send: (_step, w) => ours.write(w.data),
    });
    ours.on('data', (b: Buffer) => server.receive(new Uint8Array(b)));
    const client = tls.connect({ socket: theirs, servername: 'example.com', ca: testPem.root });
    const err = await new Promise<Error>((resolve) => client.on('error', resolve));
    expect(String(err)).toMatch(/expired/);
  }, 20_000);

  it('our client refuses an OpenSSL server whose certificate is for another host, with bad_certificate', async () => {
    const alert = await ourClientRefusedByNode((io) => new TlsClient(createPrng(7), { host: 'example.org', trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, io));
    // OpenSSL names the alert it received from us.
    expect(alert).toMatch(/bad certificate/i);
  }, 20_000);
});
