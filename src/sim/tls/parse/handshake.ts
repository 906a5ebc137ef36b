import { Cursor, TlsParseError } from './cursor';
import { type Extensions, parseExtensions } from './extensions';
import { HANDSHAKE_TYPE_NAMES, nameOf } from './names';

/**
 * Handshake message parsing (RFC 8446 §4, RFC 5246 §7.4).
 *
 *   const hs = new HandshakeReader();
 *   for (const m of hs.push(recordFragment)) {      // framing across records (§5.1: a message
 *     if (m.type === 1) parseClientHello(m.body);    // may span records, a record may hold several)
 *   }
 *
 * `raw` is the message with its 4-byte header: exactly what goes into the transcript hash.
 * The parse* functions take the body (after the header) and throw TlsParseError on anything
 * malformed. `parseHandshake` dispatches on the type for a dissector that wants them all.
 */
export interface HandshakeMessage {
  type: number;
  name: string;
  body: Uint8Array;
  raw: Uint8Array;
}

/** Reassembles handshake messages from the fragments of consecutive handshake records. */
export class HandshakeReader {
  private buf = new Uint8Array(0);

  /** True while a message has begun but not ended: RFC 8446 §5.1 forbids a key change here. */
  get pending(): boolean {
    return this.buf.length > 0;
  }

  push(fragment: Uint8Array): HandshakeMessage[] {
    const all = this.buf.length ? new Uint8Array(this.buf.length + fragment.length) : fragment;
    if (this.buf.length) {
      all.set(this.buf);
      all.set(fragment, this.buf.length);
    }
    const out: HandshakeMessage[] = [];
    let at = 0;
    while (all.length - at >= 4) {
      const length = (all[at + 1] << 16) | (all[at + 2] << 8) | all[at + 3];
      if (all.length - at < 4 + length) break;
      const raw = all.slice(at, at + 4 + length);
      out.push({ type: raw[0], name: nameOf(HANDSHAKE_TYPE_NAMES, raw[0]), body: raw.subarray(4), raw });
      at += 4 + length;
    }
    this.buf = all.slice(at);
    return out;
  }
}

/** Frames every handshake message in a byte string that must hold whole messages only. */
export function parseHandshakeMessages(bytes: Uint8Array): HandshakeMessage[] {
  const r = new HandshakeReader();
  const out = r.push(bytes);
  if (r.pending) throw new TlsParseError('handshake data ends inside a message');
  return out;
}

/** SHA-256("HelloRetryRequest"): a ServerHello with this random is a HelloRetryRequest (RFC 8446 §4.1.3). */
export const HELLO_RETRY_REQUEST_RANDOM = Uint8Array.from([
  0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
  0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
]);

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A ServerHello body (legacy_version, then the random) whose random is HELLO_RETRY_REQUEST_RANDOM. */
export const isHelloRetryRequest = (serverHello: Uint8Array): boolean => equal(serverHello.subarray(2, 34), HELLO_RETRY_REQUEST_RANDOM);

function extensionsOf(c: Cursor, ctx: Parameters<typeof parseExtensions>[1]): Extensions {
  // Before TLS 1.3 the extensions block may be absent altogether (RFC 5246 §7.4.1.2).
  if (!c.left) return { list: [] };
  return parseExtensions(c.vector(2, 'extensions'), ctx);
}

export interface ClientHello {
  legacyVersion: number;
  random: Uint8Array;
  legacySessionId: Uint8Array;
  cipherSuites: number[];
  compressionMethods: number[];
  extensions: Extensions;
}

export function parseClientHello(body: Uint8Array): ClientHello {
  const c = new Cursor(body);
  const legacyVersion = c.u16('legacy_version');
  const random = c.take(32, 'random').slice();
  const legacySessionId = c.vector(1, 'legacy_session_id').slice();
  if (legacySessionId.length > 32) throw new TlsParseError('legacy_session_id longer than 32 bytes');
  const suites = c.sub(2, 'cipher_suites');
  const cipherSuites: number[] = [];
  while (suites.left) cipherSuites.push(suites.u16('cipher suite'));
  const compressionMethods = [...c.vector(1, 'legacy_compression_methods')];
  const extensions = extensionsOf(c, 'client_hello');
  c.done('ClientHello');
  return { legacyVersion, random, legacySessionId, cipherSuites, compressionMethods, extensions };
}

export interface ServerHello {
  legacyVersion: number;
  random: Uint8Array;
  legacySessionIdEcho: Uint8Array;
  cipherSuite: number;
  compressionMethod: number;
  extensions: Extensions;
  /** The random is the HelloRetryRequest constant. */
  helloRetryRequest: boolean;
  /** The version agreed: supported_versions if present, else legacy_version (TLS 1.2 and older). */
  version: number;
  /** RFC 8446 §4.1.3: a TLS 1.3 server forced to 1.2 or below says so in its random's last 8 bytes. */
  downgradeSentinel?: 'tls12' | 'tls11';
}

export function parseServerHello(body: Uint8Array): ServerHello {
  const c = new Cursor(body);
  const legacyVersion = c.u16('legacy_version');
  const random = c.take(32, 'random').slice();
  const legacySessionIdEcho = c.vector(1, 'legacy_session_id_echo').slice();
  const cipherSuite = c.u16('cipher_suite');
  const compressionMethod = c.u8('legacy_compression_method');
  const helloRetryRequest = isHelloRetryRequest(body);
  const extensions = extensionsOf(c, helloRetryRequest ? 'hello_retry_request' : 'server_hello');
  c.done('ServerHello');
  const tail = new TextDecoder().decode(random.subarray(24, 31));
  const downgradeSentinel = tail === 'DOWNGRD' ? (random[31] === 1 ? 'tls12' : random[31] === 0 ? 'tls11' : undefined) : undefined;
  const version = extensions.supportedVersions?.[0] ?? legacyVersion;
  return { legacyVersion, random, legacySessionIdEcho, cipherSuite, compressionMethod, extensions, helloRetryRequest, version, downgradeSentinel };
}

export function parseEncryptedExtensions(body: Uint8Array): Extensions {
  const c = new Cursor(body);
  const x = parseExtensions(c.vector(2, 'extensions'), 'encrypted_extensions');
  c.done('EncryptedExtensions');
  return x;
}

export interface CertificateEntry {
  /** DER X.509 certificate. */
  certData: Uint8Array;
  /** TLS 1.3 only (OCSP staple, SCTs). */
  extensions?: Extensions;
}

export interface CertificateMessage {
  /** TLS 1.3 only: empty in a server's Certificate. */
  requestContext?: Uint8Array;
  /** Leaf first (RFC 8446 §4.4.2, RFC 5246 §7.4.2). */
  entries: CertificateEntry[];
}

/** `tls13` selects the TLS 1.3 layout (request context, per-entry extensions). */
export function parseCertificate(body: Uint8Array, tls13: boolean): CertificateMessage {
  const c = new Cursor(body);
  const requestContext = tls13 ? c.vector(1, 'certificate_request_context').slice() : undefined;
  const list = c.sub(3, 'certificate_list');
  const entries: CertificateEntry[] = [];
  while (list.left) {
    const certData = list.vector(3, 'cert_data').slice();
    entries.push(tls13 ? { certData, extensions: parseExtensions(list.vector(2, 'extensions'), 'certificate') } : { certData });
  }
  c.done('Certificate');
  return { requestContext, entries };
}

export interface CertificateVerify {
  algorithm: number;
  signature: Uint8Array;
}

/** TLS 1.3 CertificateVerify, and TLS 1.2's (which has the same shape with signature_algorithms). */
export function parseCertificateVerify(body: Uint8Array): CertificateVerify {
  const c = new Cursor(body);
  const algorithm = c.u16('algorithm');
  const signature = c.vector(2, 'signature').slice();
  c.done('CertificateVerify');
  return { algorithm, signature };
}

/** verify_data: Hash.length bytes in TLS 1.3, 12 in TLS 1.2. */
export const parseFinished = (body: Uint8Array): { verifyData: Uint8Array } => ({ verifyData: body.slice() });

export interface NewSessionTicket {
  lifetimeSeconds: number;
  /** TLS 1.3 only (RFC 8446 §4.6.1). */
  ageAdd?: number;
  nonce?: Uint8Array;
  ticket: Uint8Array;
  extensions?: Extensions;
}

/** `tls13`: RFC 8446 §4.6.1; otherwise RFC 5077 §3.3 (lifetime hint and ticket). */
export function parseNewSessionTicket(body: Uint8Array, tls13: boolean): NewSessionTicket {
  const c = new Cursor(body);
  const lifetimeSeconds = c.u32('ticket_lifetime');
  if (!tls13) {
    const ticket = c.vector(2, 'ticket').slice();
    c.done('NewSessionTicket');
    return { lifetimeSeconds, ticket };
  }
  const ageAdd = c.u32('ticket_age_add');
  const nonce = c.vector(1, 'ticket_nonce').slice();
  const ticket = c.vector(2, 'ticket').slice();
  const extensions = parseExtensions(c.vector(2, 'extensions'), 'new_session_ticket');
  c.done('NewSessionTicket');
  return { lifetimeSeconds, ageAdd, nonce, ticket, extensions };
}

export interface CertificateRequest13 {
  requestContext: Uint8Array;
  extensions: Extensions;
}

export function parseCertificateRequest13(body: Uint8Array): CertificateRequest13 {
  const c = new Cursor(body);
  const requestContext = c.vector(1, 'certificate_request_context').slice();
  const extensions = parseExtensions(c.vector(2, 'extensions'), 'certificate_request');
  c.done('CertificateRequest');
  return { requestContext, extensions };
}

export interface ServerKeyExchangeEcdhe {
  /** 3 = named_curve, the only kind RFC 8422 §5.4 still allows. */
  curveType: number;
  namedGroup: number;
  publicKey: Uint8Array;
  /** The ServerECDHParams bytes the signature covers, after client_random + server_random. */
  params: Uint8Array;
  algorithm: number;
  signature: Uint8Array;
}

/** TLS 1.2 ServerKeyExchange for ECDHE suites (RFC 8422 §5.4, RFC 5246 §7.4.3 signature). */
export function parseServerKeyExchangeEcdhe(body: Uint8Array): ServerKeyExchangeEcdhe {
  const c = new Cursor(body);
  const curveType = c.u8('curve_type');
  if (curveType !== 3) throw new TlsParseError(`ServerKeyExchange curve_type ${curveType}: only named_curve (3) is supported`);
  const namedGroup = c.u16('namedcurve');
  const publicKey = c.vector(1, 'public').slice();
  const params = body.slice(0, c.at);
  const algorithm = c.u16('signature algorithm');
  const signature = c.vector(2, 'signature').slice();
  c.done('ServerKeyExchange');
  return { curveType, namedGroup, publicKey, params, algorithm, signature };
}

export function parseServerHelloDone(body: Uint8Array): Record<string, never> {
  if (body.length) throw new TlsParseError(`ServerHelloDone must be empty, has ${body.length} bytes`);
  return {};
}

/** TLS 1.2 ClientKeyExchange: ECDHE carries the client's point in a 1-byte vector (RFC 8422 §5.7), RSA the encrypted premaster in a 2-byte one (RFC 5246 §7.4.7.1). */
export function parseClientKeyExchange(body: Uint8Array, kind: 'ecdhe' | 'rsa'): { publicKey?: Uint8Array; encryptedPreMasterSecret?: Uint8Array } {
  const c = new Cursor(body);
  const out = kind === 'ecdhe' ? { publicKey: c.vector(1, 'ecdh_Yc').slice() } : { encryptedPreMasterSecret: c.vector(2, 'EncryptedPreMasterSecret').slice() };
  c.done('ClientKeyExchange');
  return out;
}

export type ParsedHandshake =
  | { type: 1; clientHello: ClientHello }
  | { type: 2; serverHello: ServerHello }
  | { type: 4; newSessionTicket: NewSessionTicket }
  | { type: 5 }
  | { type: 8; encryptedExtensions: Extensions }
  | { type: 11; certificate: CertificateMessage }
  | { type: 12; serverKeyExchange: ServerKeyExchangeEcdhe }
  | { type: 13; certificateRequest?: CertificateRequest13 }
  | { type: 14 }
  | { type: 15; certificateVerify: CertificateVerify }
  | { type: 16; clientKeyExchange: ReturnType<typeof parseClientKeyExchange> }
  | { type: 20; finished: { verifyData: Uint8Array } }
  | { type: 24; requestUpdate: number }
  | { type: number; unknown: true };

/**
 * Parses any handshake message given the negotiated version (what the ServerHello said; before it,
 * anything: ClientHello and ServerHello parse alike). TLS 1.2 ClientKeyExchange is read as ECDHE.
 */
export function parseHandshake(m: HandshakeMessage, version: number): ParsedHandshake {
  const tls13 = version >= 0x0304;
  switch (m.type) {
    case 1: return { type: 1, clientHello: parseClientHello(m.body) };
    case 2: return { type: 2, serverHello: parseServerHello(m.body) };
    case 4: return { type: 4, newSessionTicket: parseNewSessionTicket(m.body, tls13) };
    case 5: return { type: 5 };
    case 8: return { type: 8, encryptedExtensions: parseEncryptedExtensions(m.body) };
    case 11: return { type: 11, certificate: parseCertificate(m.body, tls13) };
    case 12: return { type: 12, serverKeyExchange: parseServerKeyExchangeEcdhe(m.body) };
    case 13: return tls13 ? { type: 13, certificateRequest: parseCertificateRequest13(m.body) } : { type: 13 };
    case 14: parseServerHelloDone(m.body); return { type: 14 };
    case 15: return { type: 15, certificateVerify: parseCertificateVerify(m.body) };
    case 16: return { type: 16, clientKeyExchange: parseClientKeyExchange(m.body, 'ecdhe') };
    case 20: return { type: 20, finished: parseFinished(m.body) };
    case 24: return { type: 24, requestUpdate: new Cursor(m.body).u8('request_update') };
    default: return { type: m.type, unknown: true };
  }
}
