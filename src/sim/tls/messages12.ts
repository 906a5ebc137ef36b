import { ascii, hex16, toHex } from '../bytes/hex';
import { type ClientHelloProfile, curlProfile, extension } from './hello';
import { type Encoded, handshakeMessage } from './messages';
import { CIPHER_SUITE_NAMES, GROUP_NAMES, SIGNATURE_SCHEME_NAMES, nameOf } from './parse/names';

/**
 * TLS 1.2 handshake messages (RFC 5246 §7.4, RFC 8422 for ECDHE), encoded with their field maps.
 * Finished is the same shape as TLS 1.3's, but its verify_data is 12 bytes of PRF output.
 */

/**
 * curl with OpenSSL 3 told `--tls-max 1.2`: OpenSSL drops the TLS 1.3 suites and extensions, and the
 * ffdhe groups (0x01xx), which OpenSSL 3 names in supported_groups for TLS 1.3 only; keeps the rest.
 */
export const curlTls12Profile: ClientHelloProfile = {
  ...curlProfile,
  cipherSuites: curlProfile.cipherSuites.filter((s) => s >> 8 !== 0x13),
  groups: curlProfile.groups.filter((g) => g >> 8 !== 0x01),
  versions: [0x0303],
};

/** `openssl s_client -tls1_2` (OpenSSL 3.0): curl's TLS 1.2 hello plus an empty session_ticket, after supported_groups. */
export const opensslTls12Profile: ClientHelloProfile = { ...curlTls12Profile, sessionTicket: true };

const short = (b: Uint8Array) => `${toHex(b).slice(0, 16)}…`;
const suiteName = (s: number) => nameOf(CIPHER_SUITE_NAMES, s);

export function encodeClientHello12(p: ClientHelloProfile, o: { random: Uint8Array; host: string }): Encoded {
  const build = (padding: number) =>
    handshakeMessage(1, (w) => {
      w.u16('client_version', 0x0303, '0x0303 (TLS 1.2)', 'the highest version this client speaks (RFC 5246 §7.4.1.2); no supported_versions: nothing newer is on offer');
      w.bytes('random', o.random, toHex(o.random), '32 fresh bytes; they go into every key of this connection');
      w.vector('session_id', 1, () => {}, '(empty)', 'empty: no earlier session to resume');
      w.vector('cipher_suites', 2, (x) => {
        for (const s of p.cipherSuites) x.u16('suite', s, `${suiteName(s)} (${hex16(s)})`, s === 0x00ff ? 'signals secure renegotiation support (RFC 5746)' : undefined);
      }, `${p.cipherSuites.length} suites`, 'each names key exchange, authentication, cipher and hash together: TLS 1.2 suites are whole recipes');
      w.vector('compression_methods', 1, (x) => x.u8('method', 0, 'null'), 'null only');
      w.vector('extensions', 2, (e) => {
        extension(e, 'server_name', 0, (x) => x.vector('server name list', 2, (y) => {
          y.u8('name type', 0, 'host_name');
          y.vector('host name', 2, (z) => z.bytes('name', ascii(o.host), o.host));
        }), o.host, 'SNI: which site, in the clear, so the server picks the right certificate');
        extension(e, 'ec_point_formats', 11, (x) => x.vector('formats', 1, (y) => y.u8('format', 0, 'uncompressed').u8('format', 1, 'ansiX962_compressed_prime').u8('format', 2, 'ansiX962_compressed_char2')), 'uncompressed, compressed', 'how EC points may be encoded (RFC 8422 §5.1.2)');
        extension(e, 'supported_groups', 10, (x) => x.vector('named group list', 2, (y) => { for (const g of p.groups) y.u16('group', g, nameOf(GROUP_NAMES, g)); }), p.groups.map((g) => nameOf(GROUP_NAMES, g)).join(', '), 'curves the server may pick for ECDHE; no key share yet: that waits for the server\'s choice');
        if (p.sessionTicket) extension(e, 'session_ticket', 35, () => {}, '(empty)', 'asks for a ticket (RFC 5077 §3.2): the server may send one just before its ChangeCipherSpec, to resume without a session cache');
        extension(e, 'application_layer_protocol_negotiation', 16, (x) => x.vector('protocol name list', 2, (y) => { for (const a of p.alpn) y.vector('protocol', 1, (z) => z.bytes('name', ascii(a), a)); }), p.alpn.join(', '), 'ALPN: which HTTP version to speak, settled inside the handshake');
        extension(e, 'encrypt_then_mac', 22, () => {}, '(empty)', 'CBC suites: MAC the ciphertext, not the plaintext (RFC 7366); GCM suites ignore it');
        extension(e, 'extended_master_secret', 23, () => {}, '(empty)', 'bind the master secret to the whole handshake, not just the randoms (RFC 7627)');
        extension(e, 'signature_algorithms', 13, (x) => x.vector('supported signature algorithms', 2, (y) => { for (const s of p.signatureAlgorithms) y.u16('algorithm', s, nameOf(SIGNATURE_SCHEME_NAMES, s)); }), `${p.signatureAlgorithms.length} algorithms`, 'signatures the client can check, on certificates and ServerKeyExchange');
        if (padding >= 0) extension(e, 'padding', 21, (x) => x.bytes('zeros', new Uint8Array(padding), `${padding} bytes`), `${padding} zero bytes`, 'pads the ClientHello to 512 bytes: some old middleboxes hang on 256–511 (RFC 7685)');
      });
    }, `ClientHello (TLS 1.2 only), SNI ${o.host}`);
  const bare = build(-1);
  if (!p.padTo512 || bare.bytes.length < 0x100 || bare.bytes.length >= 0x200) return bare;
  return build(Math.max(1, 0x200 - bare.bytes.length - 4));
}

export interface ServerHello12Options {
  random: Uint8Array;
  suite: number;
  alpn?: string;
  extendedMasterSecret: boolean;
  /** Answer RFC 5746's signalling suite or extension with an empty renegotiation_info. */
  secureRenegotiation: boolean;
  ecPointFormats: boolean;
}

export function encodeServerHello12(o: ServerHello12Options): Encoded {
  return handshakeMessage(2, (w) => {
    w.u16('server_version', 0x0303, '0x0303 (TLS 1.2)', 'the version chosen: the lower of the client\'s and the server\'s best');
    w.bytes('random', o.random, toHex(o.random), 'the server\'s 32 fresh bytes; with the client\'s, they seed the key block');
    w.vector('session_id', 1, () => {}, '(empty)', 'empty: this server keeps no session cache, so there is nothing to resume later (RFC 5246 §7.4.1.3)');
    w.u16('cipher_suite', o.suite, `${suiteName(o.suite)} (${hex16(o.suite)})`, 'ECDHE key exchange, ECDSA signature, AES-GCM records: chosen from the client\'s list');
    w.u8('compression_method', 0, 'null');
    w.vector('extensions', 2, (e) => {
      if (o.secureRenegotiation) extension(e, 'renegotiation_info', 0xff01, (x) => x.vector('renegotiated_connection', 1, () => {}, '(empty)'), '(empty)', 'the server supports secure renegotiation (RFC 5746); OpenSSL 3 clients refuse a server that does not say so');
      if (o.ecPointFormats) extension(e, 'ec_point_formats', 11, (x) => x.vector('formats', 1, (y) => y.u8('format', 0, 'uncompressed')), 'uncompressed', 'the server sends its EC point uncompressed');
      if (o.alpn) extension(e, 'application_layer_protocol_negotiation', 16, (x) => x.vector('protocol name list', 2, (y) => y.vector('protocol', 1, (z) => z.bytes('name', ascii(o.alpn!), o.alpn!))), o.alpn, 'the protocol picked from the client\'s list: in the clear here, unlike TLS 1.3');
      if (o.extendedMasterSecret) extension(e, 'extended_master_secret', 23, () => {}, '(empty)', 'agreed: the master secret will cover the whole handshake (RFC 7627)');
    });
  }, `ServerHello, ${suiteName(o.suite)}`);
}

/** RFC 5246 §7.4.2: the chain alone; no request context, no per-certificate extensions (those are TLS 1.3). */
export function encodeCertificate12(chain: { der: Uint8Array; subject: string }[]): Encoded {
  return handshakeMessage(11, (w) => {
    w.vector('certificate_list', 3, (list) => {
      for (const cert of chain) list.vector('ASN.1Cert', 3, (y) => y.bytes('X.509 certificate (DER)', cert.der, `${cert.der.length} bytes`), cert.subject);
    }, `${chain.length} certificates`, 'in the clear in TLS 1.2: anyone on the path can read which site this is');
  }, `Certificate: ${chain.map((c) => c.subject).join(' ← ')}`);
}

export function encodeServerKeyExchange(o: { group: number; publicKey: Uint8Array; algorithm: number; signature: Uint8Array }): Encoded {
  const group = nameOf(GROUP_NAMES, o.group);
  return handshakeMessage(12, (w) => {
    w.group('ServerECDHParams', (p) => {
      p.u8('curve_type', 3, '3 (named_curve)');
      p.u16('namedcurve', o.group, group, 'picked from the client\'s supported_groups');
      p.vector('public', 1, (x) => x.bytes('ECDH public key', o.publicKey, short(o.publicKey)), `${o.publicKey.length} bytes`, 'the server\'s ephemeral key, fresh for this connection: forward secrecy');
    }, `${group} ${short(o.publicKey)}`);
    w.u16('signature algorithm', o.algorithm, nameOf(SIGNATURE_SCHEME_NAMES, o.algorithm));
    w.vector('signature', 2, (x) => x.bytes('ECDSA signature (DER)', o.signature, `${toHex(o.signature).slice(0, 24)}…`), `${o.signature.length} bytes`,
      'over client random, server random and the parameters, with the certificate\'s key: the key share really comes from the certificate\'s owner');
  }, `ServerKeyExchange: ECDHE ${group}, signed`);
}

export const encodeServerHelloDone = (): Encoded => handshakeMessage(14, () => {}, 'ServerHelloDone: the server\'s flight ends; now the client\'s turn');

export function encodeClientKeyExchange(group: number, publicKey: Uint8Array): Encoded {
  return handshakeMessage(16, (w) => {
    w.vector('ecdh_Yc', 1, (x) => x.bytes('ECDH public key', publicKey, short(publicKey)), `${publicKey.length} bytes`, `the client's ephemeral ${nameOf(GROUP_NAMES, group)} key: with the server's, both sides now compute the premaster secret`);
  }, `ClientKeyExchange: ECDHE ${nameOf(GROUP_NAMES, group)}`);
}

export function encodeFinished12(verifyData: Uint8Array, who: 'server' | 'client'): Encoded {
  return handshakeMessage(20, (w) => w.bytes('verify_data', verifyData, toHex(verifyData), `12 bytes of PRF(master_secret, "${who} finished", hash of the handshake so far) (RFC 5246 §7.4.9): nobody altered the handshake`), `${who} Finished`);
}
