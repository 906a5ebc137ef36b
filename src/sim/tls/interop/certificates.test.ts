import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../../export/pcapng';
import { createPrng } from '../../prng';
import { TlsClient } from '../client';
import { expiredLeafCertificateDer } from '../testCertificates';
import { testDer, testPem } from '../testCertificates.node';
import { duplexPair } from './duplexPair';

// Oracle: OpenSSL (Node's tls) as the server, and its own reading of the alert our client sends back.
const pem = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

/** Our client against an OpenSSL server with this certificate; resolves with OpenSSL's error and our verdict. */
function refuse(cert: string, host: string): Promise<{ theirs: string; ours: { alert: string; reason: string } }> {
  const [ours, theirs] = duplexPair();
  const server = new tls.TLSSocket(theirs, { isServer: true, cert, key: testPem.key });
  let verdict: { alert: string; reason: string } | undefined;
  return new Promise((resolve, reject) => {
    server.on('error', (e) => resolve({ theirs: String(e), ours: verdict! }));
    server.on('secure', () => reject(new Error('OpenSSL finished the handshake: our client did not refuse')));
    const client = new TlsClient(createPrng(7), { host, trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
      send: (_step, w) => ours.write(w.data),
      handshakeComplete: () => reject(new Error('our client accepted the certificate')),
      failed: (alert, reason, sent) => {
        expect(sent).toBe(true);
        verdict = { alert, reason };
      },
    });
    ours.on('data', (b: Buffer) => client.receive(new Uint8Array(b)));
    client.start();
  });
}

describe('our client refuses what OpenSSL serves when the certificate is wrong', () => {
  it('an expired leaf: certificate_expired (45), and OpenSSL reads that alert', async () => {
    const { theirs, ours } = await refuse(pem(expiredLeafCertificateDer) + testPem.intermediate, 'example.com');
    expect(ours.alert).toBe('certificate_expired');
    expect(ours.reason).toMatch(/2025-12-31.*2026-01-01/);
    expect(theirs).toMatch(/certificate expired/i);
  }, 20_000);

  it('a leaf for example.com when the client asked for www.example.org: bad_certificate (42)', async () => {
    const { theirs, ours } = await refuse(testPem.leaf + testPem.intermediate, 'www.example.org');
    expect(ours.alert).toBe('bad_certificate');
    expect(ours.reason).toMatch(/not www\.example\.org/);
    expect(theirs).toMatch(/bad certificate/i);
  }, 20_000);

  it('a chain without its intermediate: unknown_ca, since the leaf is not issued by the trusted root', async () => {
    const { theirs, ours } = await refuse(testPem.leaf, 'example.com');
    expect(ours.alert).toBe('unknown_ca');
    expect(theirs).toMatch(/unknown ca/i);
  }, 20_000);
});
