import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../export/pcapng';
import { fromBase64 } from '../bytes/hex';
import { expiredLeafCertificateDer, intermediateCertificateDer, leafCertificateDer, rootCertificateDer } from './testCertificates';
import { parseX509, verifyChain } from './x509';

const leaf = fromBase64(leafCertificateDer);
const inter = fromBase64(intermediateCertificateDer);
const root = fromBase64(rootCertificateDer);
const expired = fromBase64(expiredLeafCertificateDer);

/** OpenSSL's verdict on leaf + intermediate up to the root, at a Unix time. */
function opensslVerify(leafDer: Uint8Array, at: number): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'x509-'));
  const pem = (name: string, der: Uint8Array) => {
    const p = join(dir, `${name}.pem`);
    writeFileSync(p, `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`);
    return p;
  };
  try {
    execFileSync('openssl', ['verify', '-attime', String(at), '-CAfile', pem('root', root), '-untrusted', pem('inter', inter), pem('leaf', leafDer)], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('X.509 chain check', () => {
  it('reads names, dates and SANs as openssl x509 prints them', () => {
    const c = parseX509(leaf);
    expect(c.commonName).toBe('example.com');
    expect(c.dnsNames).toEqual(['example.com', 'www.example.com']);
    expect(new Date(c.notBefore * 1000).toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(parseX509(inter).isCa).toBe(true);
    expect(c.isCa).toBe(false);
  });

  // Oracle: `openssl verify -attime` on the same bytes agrees with every verdict.
  it.each([
    ['the chain at the capture timestamp', leaf, CAPTURE_EPOCH_S, true],
    ['the expired leaf at the capture timestamp', expired, CAPTURE_EPOCH_S, false],
    ['the chain before it was issued', leaf, CAPTURE_EPOCH_S - 40 * 86400, false],
  ])('agrees with openssl verify on %s', (_what, leafDer, at, ok) => {
    expect(opensslVerify(leafDer, at)).toBe(ok);
    expect(verifyChain([leafDer, inter], root, 'example.com', at).ok).toBe(ok);
  });

  it('answers with the alert a client would send', () => {
    expect(verifyChain([expired, inter], root, 'example.com', CAPTURE_EPOCH_S)).toMatchObject({ ok: false, alert: 'certificate_expired' });
    expect(verifyChain([leaf, inter], root, 'example.org', CAPTURE_EPOCH_S)).toMatchObject({ ok: false, alert: 'bad_certificate', reason: expect.stringContaining('not example.org') });
    expect(verifyChain([leaf, inter], root, 'www.example.com', CAPTURE_EPOCH_S).ok).toBe(true);
    const forged = leaf.slice();
    forged[forged.length - 70] ^= 1; // inside the TBS: the intermediate's signature no longer covers it
    expect(verifyChain([forged, inter], root, 'example.com', CAPTURE_EPOCH_S)).toMatchObject({ ok: false });
    expect(verifyChain([leaf], root, 'example.com', CAPTURE_EPOCH_S)).toMatchObject({ ok: false, alert: 'unknown_ca' });
  });
});
