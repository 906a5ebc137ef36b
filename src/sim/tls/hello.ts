import { ascii, hex16, toHex } from '../bytes/hex';
import { ByteWriter } from '../bytes/writer';
import type { Prng } from '../prng';
import { type Encoded, handshakeMessage } from './messages';
import { CIPHER_SUITE_NAMES, GROUP_NAMES, SIGNATURE_SCHEME_NAMES, VERSION_NAMES, nameOf } from './parse/names';

/**
 * ClientHello and ServerHello as real software writes them. A profile is what one client
 * offers; `curl` is curl 7.88 with OpenSSL 3.0 byte for byte (curlClientHello.fixture.ts is the
 * record it sent), but for its random, session id and key share.
 */
export interface ClientHelloProfile {
  cipherSuites: number[];
  groups: number[];
  signatureAlgorithms: number[];
  versions: number[];
  alpn: string[];
  /** Groups it sends a key share for in its first ClientHello (a subset of `groups`). */
  keyShares: number[];
  /** OpenSSL pads a ClientHello of 256–511 bytes to 512 (RFC 7685, an F5 bug workaround). */
  padTo512: boolean;
  /**
   * TLS 1.2 ClientHello only: an empty session_ticket extension (RFC 5077 §3.2), as `openssl s_client
   * -tls1_2` sends; curl sets SSL_OP_NO_TICKET, so its TLS 1.2 hello has none.
   */
  sessionTicket?: boolean;
  /**
   * Another wire layout than OpenSSL's (Chrome's: chromeHello.ts). Called once per connection with
   * the PRNG, for the choices it makes per connection (GREASE values, extension order), so a
   * second ClientHello after a HelloRetryRequest keeps them.
   */
  layout?: (prng: Prng) => (o: ClientHelloInputs) => Encoded;
}

export interface ClientHelloInputs {
  random: Uint8Array;
  sessionId: Uint8Array;
  host: string;
  keyShares: KeyShare[];
  cookie?: Uint8Array;
  /** The second ClientHello, after a HelloRetryRequest. */
  retry?: boolean;
  /** A ticket offered for resumption (the curl layout writes it; Chrome's does not resume here). */
  psk?: PskOffer;
  earlyData?: boolean;
}

export const curlProfile: ClientHelloProfile = {
  cipherSuites: [
    0x1302, 0x1303, 0x1301, 0xc02c, 0xc030, 0x009f, 0xcca9, 0xcca8, 0xccaa, 0xc02b, 0xc02f, 0x009e, 0xc024, 0xc028, 0x006b, 0xc023,
    0xc027, 0x0067, 0xc00a, 0xc014, 0x0039, 0xc009, 0xc013, 0x0033, 0x009d, 0x009c, 0x003d, 0x003c, 0x0035, 0x002f, 0x00ff,
  ],
  groups: [0x001d, 0x0017, 0x001e, 0x0019, 0x0018, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104],
  signatureAlgorithms: [
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301,
    0x0302, 0x0402, 0x0502, 0x0602,
  ],
  versions: [0x0304, 0x0303, 0x0302, 0x0301],
  alpn: ['h2', 'http/1.1'],
  keyShares: [0x001d],
  padTo512: true,
};

export interface KeyShare {
  group: number;
  key: Uint8Array;
}

/** The cookie a HelloRetryRequest sent, echoed in the second ClientHello (RFC 8446 §4.2.2). */
export function cookieExtension(w: ByteWriter, cookie: Uint8Array) {
  const size = `${cookie.length} bytes`;
  extension(w, 'cookie', 44, (x) => x.vector('cookie', 2, (y) => y.bytes('cookie', cookie, size)), size, "the HelloRetryRequest's cookie, echoed (RFC 8446 §4.2.2)");
}

export function extension(w: ByteWriter, name: string, type: number, body: (w: ByteWriter) => void, shown: string, note: string) {
  w.group(name, (x) => {
    x.u16('extension type', type, `${type} (${name})`);
    x.vector('extension data', 2, body);
  }, shown, note);
}

export const short = (b: Uint8Array) => `${toHex(b).slice(0, 16)}…`;

/** A ticket offered for resumption (RFC 8446 §4.2.11); the binder is written as zeros here and filled in by psk.ts's bindClientHello. */
export interface PskOffer {
  identity: Uint8Array;
  obfuscatedTicketAge: number;
  binderLength: number;
}

export function encodeClientHello(p: ClientHelloProfile, o: ClientHelloInputs): Encoded {
  const build = (padding: number) =>
    handshakeMessage(1, (w) => {
      w.u16('legacy_version', 0x0303, '0x0303 (TLS 1.2)', 'frozen at TLS 1.2; the real offer is in supported_versions');
      w.bytes('random', o.random, toHex(o.random), '32 fresh bytes: make every handshake unique');
      w.vector('legacy_session_id', 1, (x) => x.bytes('session id', o.sessionId, short(o.sessionId)), `${o.sessionId.length} bytes`,
        'random: middlebox compatibility mode makes TLS 1.3 look like a TLS 1.2 resumption (RFC 8446 D.4)');
      w.vector('cipher_suites', 2, (x) => {
        for (const s of p.cipherSuites) x.u16('suite', s, `${nameOf(CIPHER_SUITE_NAMES, s)} (${hex16(s)})`, s === 0x00ff ? 'signals secure renegotiation support (RFC 5746)' : undefined);
      }, `${p.cipherSuites.length} suites`, 'TLS 1.3 suites first, then TLS 1.2 ones in case the server is older');
      w.vector('legacy_compression_methods', 1, (x) => x.u8('method', 0, 'null'), 'null only');
      w.vector('extensions', 2, (e) => {
        extension(e, 'server_name', 0, (x) => x.vector('server name list', 2, (y) => {
          y.u8('name type', 0, 'host_name');
          y.vector('host name', 2, (z) => z.bytes('name', ascii(o.host), o.host));
        }), o.host, 'SNI: which site, in the clear, so the server picks the right certificate');
        extension(e, 'ec_point_formats', 11, (x) => x.vector('formats', 1, (y) => y.u8('format', 0, 'uncompressed').u8('format', 1, 'ansiX962_compressed_prime').u8('format', 2, 'ansiX962_compressed_char2')), 'uncompressed, compressed', 'TLS 1.2 only: how EC points may be encoded');
        extension(e, 'supported_groups', 10, (x) => x.vector('named group list', 2, (y) => { for (const g of p.groups) y.u16('group', g, nameOf(GROUP_NAMES, g)); }), p.groups.map((g) => nameOf(GROUP_NAMES, g)).join(', '), 'key exchange groups the client accepts, best first');
        // RFC 7301 §3.1: the protocol list is never empty; a client that offers none leaves ALPN out (curl --no-alpn).
        if (p.alpn.length) extension(e, 'application_layer_protocol_negotiation', 16, (x) => x.vector('protocol name list', 2, (y) => { for (const a of p.alpn) y.vector('protocol', 1, (z) => z.bytes('name', ascii(a), a)); }), p.alpn.join(', '), 'ALPN: which HTTP version to speak, settled inside the handshake');
        extension(e, 'encrypt_then_mac', 22, () => {}, '(empty)', 'TLS 1.2 CBC suites: MAC the ciphertext, not the plaintext (RFC 7366)');
        extension(e, 'extended_master_secret', 23, () => {}, '(empty)', 'TLS 1.2: bind the master secret to the whole handshake (RFC 7627)');
        extension(e, 'post_handshake_auth', 49, () => {}, '(empty)', 'the server may ask for a client certificate later');
        extension(e, 'signature_algorithms', 13, (x) => x.vector('supported signature algorithms', 2, (y) => { for (const s of p.signatureAlgorithms) y.u16('algorithm', s, nameOf(SIGNATURE_SCHEME_NAMES, s)); }), `${p.signatureAlgorithms.length} algorithms`, 'signatures the client can check, on certificates and CertificateVerify');
        extension(e, 'supported_versions', 43, (x) => x.vector('versions', 1, (y) => { for (const v of p.versions) y.u16('version', v, `${VERSION_NAMES[v]} (${hex16(v)})`); }), p.versions.map((v) => VERSION_NAMES[v]).join(', '), 'the real version offer: TLS 1.3 first');
        extension(e, 'psk_key_exchange_modes', 45, (x) => x.vector('modes', 1, (y) => y.u8('mode', 1, 'psk_dhe_ke')), 'psk_dhe_ke', 'if it resumes later, still with a fresh key exchange (forward secrecy)');
        extension(e, 'key_share', 51, (x) => x.vector('client shares', 2, (y) => {
          for (const k of o.keyShares) y.group('KeyShareEntry', (z) => {
            z.u16('group', k.group, nameOf(GROUP_NAMES, k.group));
            z.vector('key_exchange', 2, (q) => q.bytes('public key', k.key, short(k.key)));
          }, `${nameOf(GROUP_NAMES, k.group)} ${short(k.key)}`);
        }), o.keyShares.map((k) => nameOf(GROUP_NAMES, k.group)).join(', '), "the client's ephemeral public key, sent ahead to save a round trip");
        if (o.cookie) cookieExtension(e, o.cookie);
        if (o.earlyData) extension(e, 'early_data', 42, () => {}, '(empty)', 'application data follows this ClientHello, before the handshake completes (0-RTT)');
        if (padding >= 0) extension(e, 'padding', 21, (x) => x.bytes('zeros', new Uint8Array(padding), `${padding} bytes`), `${padding} zero bytes`, 'pads the ClientHello to 512 bytes: some old middleboxes hang on 256–511 (RFC 7685)');
        if (o.psk) pskExtension(e, o.psk);
      });
    }, `ClientHello, SNI ${o.host}`);
  const bare = build(-1);
  // OpenSSL: a hello of 0x100–0x1ff bytes (with its 4-byte header) is padded to 0x200, with at least one byte of padding.
  if (!p.padTo512 || bare.bytes.length < 0x100 || bare.bytes.length >= 0x200) return bare;
  return build(Math.max(1, 0x200 - bare.bytes.length - 4));
}

/** pre_shared_key, always the ClientHello's last extension: the binders MAC everything before them. */
function pskExtension(e: ByteWriter, psk: PskOffer): void {
  extension(e, 'pre_shared_key', 41, (x) => {
    x.vector('identities', 2, (y) => y.group('PskIdentity', (z) => {
      z.vector('identity', 2, (q) => q.bytes('ticket', psk.identity, `${psk.identity.length} bytes`), `${psk.identity.length} bytes`, 'the ticket the server sent last time, returned as it came');
      z.u32('obfuscated_ticket_age', psk.obfuscatedTicketAge, hex16(psk.obfuscatedTicketAge >>> 16) + (psk.obfuscatedTicketAge & 0xffff).toString(16).padStart(4, '0'), "the ticket's age in ms plus ticket_age_add: lets the server bound replays without revealing the age");
    }, 'ticket'));
    x.vector('binders', 2, (y) => y.vector('PskBinderEntry', 1, (z) => z.bytes('binder', new Uint8Array(psk.binderLength))), undefined, 'an HMAC with a key from the PSK over this ClientHello up to here: proves the client holds the PSK');
  }, 'a ticket and its binder', 'resume: the PSK from the last connection, offered with a fresh key exchange (RFC 8446 §4.2.11)');
}

export function encodeServerHello(o: { random: Uint8Array; sessionId: Uint8Array; suite: number; keyShare: KeyShare; selectedIdentity?: number }): Encoded {
  return handshakeMessage(2, (w) => {
    w.u16('legacy_version', 0x0303, '0x0303 (TLS 1.2)', 'frozen');
    w.bytes('random', o.random, toHex(o.random));
    w.vector('legacy_session_id_echo', 1, (x) => { if (o.sessionId.length) x.bytes('session id', o.sessionId, short(o.sessionId)); }, o.sessionId.length ? `${o.sessionId.length} bytes` : '(empty)', "the client's session id, echoed (middlebox compatibility)");
    w.u16('cipher_suite', o.suite, `${nameOf(CIPHER_SUITE_NAMES, o.suite)} (${hex16(o.suite)})`, 'chosen from the client offer');
    w.u8('legacy_compression_method', 0, 'null');
    w.vector('extensions', 2, (e) => {
      extension(e, 'supported_versions', 43, (x) => x.u16('selected version', 0x0304, 'TLS 1.3 (0x0304)'), 'TLS 1.3', 'this is what makes it TLS 1.3');
      extension(e, 'key_share', 51, (x) => {
        x.u16('group', o.keyShare.group, nameOf(GROUP_NAMES, o.keyShare.group));
        x.vector('key_exchange', 2, (z) => z.bytes('public key', o.keyShare.key, short(o.keyShare.key)));
      }, `${nameOf(GROUP_NAMES, o.keyShare.group)} ${short(o.keyShare.key)}`, 'with the client share, both sides now derive handshake keys');
      if (o.selectedIdentity !== undefined) extension(e, 'pre_shared_key', 41, (x) => x.u16('selected_identity', o.selectedIdentity!), `identity ${o.selectedIdentity}`, 'the server accepts the offered ticket: no certificate this time, the PSK authenticates it');
    });
  }, `ServerHello, ${nameOf(CIPHER_SUITE_NAMES, o.suite)}`);
}

/** RFC 8446 §4.6.1; OpenSSL sends two after the client's Finished, each with a fresh nonce. */
export function encodeNewSessionTicket(o: { lifetimeSeconds: number; ageAdd: number; nonce: Uint8Array; ticket: Uint8Array; maxEarlyData?: number }): Encoded {
  return handshakeMessage(4, (w) => {
    w.u32('ticket_lifetime', o.lifetimeSeconds, `${o.lifetimeSeconds} s`, 'how long the client may resume with it');
    w.u32('ticket_age_add', o.ageAdd, hex16(o.ageAdd >>> 16) + (o.ageAdd & 0xffff).toString(16).padStart(4, '0'), 'hides the ticket age on the wire when it is used');
    w.vector('ticket_nonce', 1, (x) => x.bytes('nonce', o.nonce, toHex(o.nonce)), toHex(o.nonce), 'makes each ticket\'s PSK different');
    w.vector('ticket', 2, (x) => x.bytes('opaque ticket', o.ticket, `${o.ticket.length} bytes`), `${o.ticket.length} bytes`, 'the session state, encrypted by the server for itself');
    w.vector('extensions', 2, (e) => {
      if (o.maxEarlyData !== undefined) extension(e, 'early_data', 42, (x) => x.u32('max_early_data_size', o.maxEarlyData!), `${o.maxEarlyData} bytes`, '0-RTT allowed with this ticket');
    }, o.maxEarlyData === undefined ? 'none' : undefined);
  }, 'NewSessionTicket');
}
