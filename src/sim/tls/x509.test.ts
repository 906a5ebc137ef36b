import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../../export/pcapng';
import { fromBase64 } from '../bytes/hex';
import { expiredLeafCertificateDer, intermediateCertificateDer, leafCertificateDer, rootCertificateDer } from './testCertificates';
import { noCommonNameByLeafDer, sha384ByLeafDer, v1ByLeafDer, wByV1Der, wildcardByLeafDer } from './testCertificatesEdge';
import { hostMatches, parseX509, verifyChain } from './x509';

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

describe('X.509 edges (certificates made by openssl ca, testCertificatesEdge.ts)', () => {
  const wildcard = fromBase64(wildcardByLeafDer);
  const sha384 = fromBase64(sha384ByLeafDer);

  it('UTCTime from 1950 to 2049, GeneralizedTime after (RFC 5280 §4.1.2.5), a wildcard SAN, CA:FALSE', () => {
    const c = parseX509(wildcard);
    expect(new Date(c.notBefore * 1000).toISOString()).toBe('1990-01-01T00:00:00.000Z');
    expect(new Date(c.notAfter * 1000).toISOString()).toBe('2055-01-01T00:00:00.000Z');
    expect([c.commonName, c.dnsNames, c.isCa, c.signatureAlgorithm]).toEqual(['*.example.com', ['*.example.com'], false, '1.2.840.10045.4.3.2']);
    expect(parseX509(sha384).signatureAlgorithm).toBe('1.2.840.10045.4.3.3');
    expect(new Date(parseX509(root).notAfter * 1000).toISOString()).toBe('2035-11-29T00:00:00.000Z');
    expect(parseX509(root).isCa).toBe(true);
    // The public key: the uncompressed P-256 point, 65 bytes from 0x04.
    expect([c.publicKey.length, c.publicKey[0]]).toEqual([65, 4]);
  });

  // openssl verify on [wildcard, leaf, intermediate]: "error 79 at 1 depth lookup: invalid CA certificate" (CN = example.com).
  it('a certificate issued by a leaf: the leaf is no CA (bad_certificate); signed with SHA-384: unsupported_certificate', () => {
    expect(opensslVerifyChain([wildcard, leaf, inter])).toBe(false);
    expect(verifyChain([wildcard, leaf, inter], root, 'a.example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'bad_certificate', reason: 'example.com signs certificates but is not a CA' });
    expect(verifyChain([sha384, leaf, inter], root, 'a.example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'unsupported_certificate', reason: '*.example.com is signed with 1.2.840.10045.4.3.3, not ecdsa-with-SHA256' });
  });

  it('the reasons name the certificate, its dates and the clock; a chain that skips its issuer does not verify', () => {
    expect(verifyChain([], root, 'example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'bad_certificate', reason: 'the server sent no certificate' });
    expect(verifyChain([expired, inter], root, 'example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'certificate_expired', reason: 'example.com is valid 2025-11-01 to 2025-12-31, not on 2026-01-01' });
    // The last second of validity is still valid (RFC 5280 §4.1.2.5: notAfter is inclusive); the next is not.
    const notAfter = parseX509(expired).notAfter;
    expect(verifyChain([expired, inter], root, 'example.com', notAfter).ok).toBe(true);
    expect(verifyChain([expired, inter], root, 'example.com', notAfter + 1).ok).toBe(false);
    const notBefore = parseX509(leaf).notBefore;
    expect(verifyChain([leaf, inter], root, 'example.com', notBefore).ok).toBe(true);
    expect(verifyChain([leaf, inter], root, 'example.com', notBefore - 1)).toMatchObject({ alert: 'certificate_expired' });
    expect(verifyChain([leaf], root, 'example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'unknown_ca', reason: 'example.com is not issued by the trusted root' });
    expect(verifyChain([leaf, root], root, 'example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'bad_certificate', reason: "example.com's signature does not verify with its issuer's key" });
    expect(verifyChain([inter], root, 'example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'bad_certificate', reason: 'the certificate is for , not example.com' });
    // A verdict is remembered by its inputs: the host is one of them.
    expect(verifyChain([leaf, inter], root, 'example.com', CAPTURE_EPOCH_S).ok).toBe(true);
    expect(verifyChain([leaf, inter], root, 'other.example.com', CAPTURE_EPOCH_S).ok).toBe(false);
  });

  it('an anchor whose name has the same DER length but one letter changed is not the issuer (unknown_ca)', () => {
    // The root's common name appears twice, as issuer and then as subject: "Root" → "Boot" in the subject.
    const text = new TextEncoder().encode('wirescene Test Root CA');
    const hex = Buffer.from(root).toString('hex');
    const at = hex.indexOf(Buffer.from(text).toString('hex'), hex.indexOf(Buffer.from(text).toString('hex')) + 1) / 2;
    const other = root.slice();
    other[at + 'wirescene Test '.length] = 'B'.charCodeAt(0);
    expect(parseX509(other).subject.length).toBe(parseX509(root).subject.length);
    expect(opensslVerifyChain([leaf, inter], other)).toBe(false);
    expect(verifyChain([leaf, inter], other, 'example.com', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'unknown_ca', reason: 'wirescene Test Intermediate CA is not issued by the trusted root' });
  });

  it('a version 1 certificate (no version field, no extensions) is read, and as an issuer it is no CA (RFC 5280 §4.2.1.9)', () => {
    const v1 = parseX509(fromBase64(v1ByLeafDer));
    expect([v1.commonName, v1.dnsNames, v1.isCa, v1.notBefore]).toEqual(['v1.example.com', [], false, 1795725182]);
    expect(verifyChain([fromBase64(wByV1Der), fromBase64(v1ByLeafDer), leaf, inter], root, 'w.example.com', 1795725182 + 86400)).toEqual({ ok: false, alert: 'bad_certificate', reason: 'v1.example.com signs certificates but is not a CA' });
    // A DER element whose length runs past the certificate's end.
    const cut = leaf.slice(0, leaf.length - 1);
    expect(() => parseX509(cut)).toThrow('DER: an element runs past its end');
  });

  it('UTCTime 50 is 1950 and 49 is 2049; only dNSName entries are host names; a certificate without a common name is named by its place', () => {
    const c = parseX509(fromBase64(noCommonNameByLeafDer));
    expect(new Date(c.notBefore * 1000).toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(new Date(c.notAfter * 1000).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect([c.commonName, c.dnsNames]).toEqual([undefined, ['ip.example.com']]);
    const at2050 = Date.UTC(2050, 0, 1) / 1000;
    expect(verifyChain([fromBase64(noCommonNameByLeafDer), leaf, inter], root, 'ip.example.com', at2050)).toEqual({ ok: false, alert: 'certificate_expired', reason: 'certificate 0 is valid 1950-01-01 to 2049-12-31, not on 2050-01-01' });
    expect(verifyChain([leaf, inter], root, 'example.org', CAPTURE_EPOCH_S)).toEqual({ ok: false, alert: 'bad_certificate', reason: 'the certificate is for example.com, www.example.com, not example.org' });
  });

  it('host names (RFC 6125 §6.4): case-blind, a wildcard for exactly one leftmost label', () => {
    expect(hostMatches('Example.COM', 'example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'www.EXAMPLE.com')).toBe(true);
    expect(hostMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'a.b.example.com')).toBe(false);
    expect(hostMatches('*.example.com', '.example.com')).toBe(false);
    expect(hostMatches('*.example.com', 'a.example.org')).toBe(false);
    expect(hostMatches('w*.example.com', 'www.example.com')).toBe(false);
    expect(hostMatches('www.example.com', 'example.com')).toBe(false);
    // Without the wildcard, the rest of the pattern is no suffix rule.
    expect(hostMatches('abc.example.com', 'x.c.example.com')).toBe(false);
  });
});

/** OpenSSL's verdict on a chain (leaf first, the rest untrusted) up to the root (or another anchor), at the capture time. */
function opensslVerifyChain(chain: Uint8Array[], anchor = root): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'x509-'));
  const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  try {
    execFileSync('openssl', ['verify', '-attime', String(CAPTURE_EPOCH_S), '-CAfile', write('root.pem', pem(anchor)), '-untrusted', write('rest.pem', chain.slice(1).map(pem).join('')), write('leaf.pem', pem(chain[0]))], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
