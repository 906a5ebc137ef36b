import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../bytes/hex';
import { isoDate } from '../epoch';
import { children, type Der, oid, readDer } from './der';

/**
 * Just enough X.509 (RFC 5280) for a client to check what a server sends: the chain's ECDSA
 * P-256 signatures up to a trusted root, each certificate's validity at a given time, and the
 * host name against subjectAltName (RFC 6125 §6.4; no CN fallback, as browsers and curl do).
 * Answers in TLS alert terms, so a failed check ends the handshake with the right alert.
 */
/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) → Unix seconds. */
function time(d: Der): number {
  const s = new TextDecoder().decode(d.content);
  const full = d.tag === 0x17 ? (Number(s.slice(0, 2)) >= 50 ? '19' : '20') + s : s;
  const n = (i: number) => Number(full.slice(i, i + 2));
  return Date.UTC(Number(full.slice(0, 4)), n(4) - 1, n(6), n(8), n(10), n(12)) / 1000;
}

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const SUBJECT_ALT_NAME = '2.5.29.17';
const BASIC_CONSTRAINTS = '2.5.29.19';

export interface X509 {
  tbs: Uint8Array;
  signatureAlgorithm: string;
  signature: Uint8Array;
  issuer: Uint8Array;
  subject: Uint8Array;
  commonName?: string;
  notBefore: number;
  notAfter: number;
  /** Uncompressed EC point from SubjectPublicKeyInfo. */
  publicKey: Uint8Array;
  dnsNames: string[];
  isCa: boolean;
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

export function parseX509(der: Uint8Array): X509 {
  const [tbsDer, algDer, sigDer] = children(readDer(der, 0).content);
  const tbs = children(tbsDer.content);
  const i = tbs[0].tag === 0xa0 ? 1 : 0; // [0] version is optional
  const [, , issuer, validity, subject, spki] = tbs.slice(i);
  const [nb, na] = children(validity.content);
  const key = children(spki.content)[1].content.subarray(1); // BIT STRING: unused-bits byte, then the point
  let commonName: string | undefined;
  for (const set of children(subject.content))
    for (const atv of children(set.content)) {
      const [type, value] = children(atv.content);
      if (oid(type) === COMMON_NAME) commonName = new TextDecoder().decode(value.content);
    }
  const dnsNames: string[] = [];
  let isCa = false;
  const ext = tbs.find((d) => d.tag === 0xa3);
  if (ext)
    for (const e of children(children(ext.content)[0].content)) {
      const parts = children(e.content);
      const id = oid(parts[0]);
      const value = readDer(parts.at(-1)!.content, 0);
      if (id === SUBJECT_ALT_NAME) for (const n of children(value.content)) if (n.tag === 0x82) dnsNames.push(new TextDecoder().decode(n.content));
      if (id === BASIC_CONSTRAINTS) isCa = children(value.content)[0]?.tag === 0x01 && children(value.content)[0].content[0] !== 0;
    }
  return {
    tbs: tbsDer.raw,
    signatureAlgorithm: oid(children(algDer.content)[0]),
    signature: sigDer.content.subarray(1),
    issuer: issuer.raw,
    subject: subject.raw,
    commonName,
    notBefore: time(nb),
    notAfter: time(na),
    publicKey: key,
    dnsNames,
    isCa,
  };
}

/** RFC 6125 §6.4.3: a wildcard stands for exactly one leftmost label. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h) return true;
  return p.startsWith('*.') && h.slice(h.indexOf('.') + 1) === p.slice(2) && h.indexOf('.') > 0;
}

export type ChainVerdict = { ok: true } | { ok: false; alert: 'bad_certificate' | 'certificate_expired' | 'unknown_ca' | 'unsupported_certificate'; reason: string };

const verdicts = new Map<string, ChainVerdict>();

/**
 * Checks leaf-first `chain` up to `root` at `atSeconds`, and the leaf against `host`. Verdicts are
 * remembered by their inputs (as a certificate verification cache would): a scenario with many
 * connections to one server pays the signature checks once.
 */
export function verifyChain(chain: Uint8Array[], root: Uint8Array, host: string, atSeconds: number): ChainVerdict {
  const key = [...chain, root].map((c) => toHex(sha256(c))).join('|') + `|${host}|${atSeconds}`;
  let v = verdicts.get(key);
  if (!v) verdicts.set(key, (v = checkChain(chain, root, host, atSeconds)));
  return v;
}

function checkChain(chain: Uint8Array[], root: Uint8Array, host: string, atSeconds: number): ChainVerdict {
  if (!chain.length) return { ok: false, alert: 'bad_certificate', reason: 'the server sent no certificate' };
  const certs = chain.map(parseX509);
  const anchor = parseX509(root);
  const date = isoDate;
  for (const [i, c] of certs.entries()) {
    const name = c.commonName ?? `certificate ${i}`;
    if (atSeconds < c.notBefore || atSeconds > c.notAfter)
      return { ok: false, alert: 'certificate_expired', reason: `${name} is valid ${date(c.notBefore)} to ${date(c.notAfter)}, not on ${date(atSeconds)}` };
    const issuer = i + 1 < certs.length ? certs[i + 1] : equal(c.issuer, anchor.subject) ? anchor : undefined;
    if (!issuer) return { ok: false, alert: 'unknown_ca', reason: `${name} is not issued by the trusted root` };
    if (i > 0 && !c.isCa) return { ok: false, alert: 'bad_certificate', reason: `${name} signs certificates but is not a CA` };
    if (c.signatureAlgorithm !== ECDSA_WITH_SHA256) return { ok: false, alert: 'unsupported_certificate', reason: `${name} is signed with ${c.signatureAlgorithm}, not ecdsa-with-SHA256` };
    if (!equal(c.issuer, issuer.subject) || !p256.verify(c.signature, sha256(c.tbs), issuer.publicKey, { prehash: false, format: 'der', lowS: false }))
      return { ok: false, alert: 'bad_certificate', reason: `${name}'s signature does not verify with its issuer's key` };
  }
  const leaf = certs[0];
  if (!leaf.dnsNames.some((n) => hostMatches(n, host))) return { ok: false, alert: 'bad_certificate', reason: `the certificate is for ${leaf.dnsNames.join(', ')}, not ${host}` };
  return { ok: true };
}
