import { ascii, hex16, toHex } from '../bytes/hex';
import type { ByteWriter } from '../bytes/writer';
import type { Prng } from '../prng';
import { X25519, X25519MLKEM768 } from './groups';
import { type ClientHelloInputs, type ClientHelloProfile, cookieExtension, extension, short } from './hello';
import { type Encoded, handshakeMessage } from './messages';
import { CIPHER_SUITE_NAMES, GROUP_NAMES, SIGNATURE_SCHEME_NAMES, VERSION_NAMES, nameOf } from './parse/names';

/**
 * Chrome's ClientHello (BoringSSL, Chrome 131 and later): GREASE (RFC 8701) in the suites, groups,
 * versions, key shares and two extensions; a post-quantum hybrid key share, X25519MLKEM768, beside
 * a plain x25519 one; ALPN h2 and http/1.1; and its extensions in an order shuffled per connection
 * (Chrome 110+, so servers cannot fingerprint one order), with GREASE first and last. The ML-KEM
 * encapsulation key alone is 1184 bytes, so the hello is about 1.8 kB: two TCP segments.
 */

/** RFC 8701 §2: 0x0A0A, 0x1A1A, … 0xFAFA. */
export const GREASE_VALUES = Array.from({ length: 16 }, (_, i) => (i << 12) | 0x0a00 | (i << 4) | 0x0a);

const SUITES = [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];
const GROUPS = [X25519MLKEM768, X25519, 0x0017, 0x0018];
const SIGNATURES = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];
const VERSIONS = [0x0304, 0x0303];
const ALPN = ['h2', 'http/1.1'];

export const chromeProfile: ClientHelloProfile = {
  cipherSuites: SUITES,
  groups: GROUPS,
  signatureAlgorithms: SIGNATURES,
  versions: VERSIONS,
  alpn: ALPN,
  keyShares: [X25519MLKEM768, X25519],
  padTo512: false,
  layout: chromeLayout,
};

/** The profile's key shares in words, for the ClientHello caption (curl's one X25519 share is the caption's default). */
export const CHROME_SHARES = 'GREASE, and two key shares: X25519MLKEM768 (post-quantum) and X25519';

const grease = (v: number) => `GREASE ${hex16(v)}`;
const GREASE_NOTE = 'GREASE (RFC 8701): a reserved value a server must ignore, so servers that choke on unknown values are found early';

type Ext = (w: ByteWriter) => void;

function chromeLayout(prng: Prng): (o: ClientHelloInputs) => Encoded {
  // BoringSSL draws its GREASE values once per connection; the two GREASE extensions must differ.
  const pick = () => GREASE_VALUES[prng.u32() & 15];
  const g = { suite: pick(), group: pick(), version: pick(), ext1: pick(), ext2: pick() };
  if (g.ext2 === g.ext1) g.ext2 ^= 0x1010;
  // GREASE ECH (draft-ietf-tls-esni §6.2): random bytes shaped like an encrypted inner hello.
  const ech = { configId: prng.u32() & 0xff, enc: prng.bytes(32), payload: prng.bytes(128 + 32 * (prng.u32() % 4) + 16) };
  const permutation = (n: number) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = prng.u32() % (i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };
  const order = permutation(16);

  return (o) => {
    const shuffled: Ext[] = [
      (e) => extension(e, 'server_name', 0, (x) => x.vector('server name list', 2, (y) => {
        y.u8('name type', 0, 'host_name');
        y.vector('host name', 2, (z) => z.bytes('name', ascii(o.host), o.host));
      }), o.host, 'SNI: which site, in the clear, so the server picks the right certificate'),
      (e) => extension(e, 'extended_master_secret', 23, () => {}, '(empty)', 'TLS 1.2: bind the master secret to the whole handshake (RFC 7627)'),
      (e) => extension(e, 'renegotiation_info', 0xff01, (x) => x.vector('renegotiated_connection', 1, () => {}, '(empty)'), '(empty)', 'TLS 1.2 secure renegotiation (RFC 5746): empty on a first handshake'),
      (e) => extension(e, 'supported_groups', 10, (x) => x.vector('named group list', 2, (y) => {
        y.u16('group', g.group, grease(g.group), GREASE_NOTE);
        for (const id of GROUPS) y.u16('group', id, nameOf(GROUP_NAMES, id));
      }), [grease(g.group), ...GROUPS.map((id) => nameOf(GROUP_NAMES, id))].join(', '), 'key exchange groups, best first: the post-quantum hybrid leads'),
      (e) => extension(e, 'ec_point_formats', 11, (x) => x.vector('formats', 1, (y) => y.u8('format', 0, 'uncompressed')), 'uncompressed', 'TLS 1.2 only: how EC points may be encoded'),
      (e) => extension(e, 'session_ticket', 35, () => {}, '(empty)', 'TLS 1.2: asks for a session ticket (RFC 5077)'),
      (e) => extension(e, 'application_layer_protocol_negotiation', 16, (x) => x.vector('protocol name list', 2, (y) => { for (const a of ALPN) y.vector('protocol', 1, (z) => z.bytes('name', ascii(a), a)); }), ALPN.join(', '), 'ALPN: HTTP/2 preferred, HTTP/1.1 accepted'),
      (e) => extension(e, 'status_request', 5, (x) => {
        x.u8('status_type', 1, 'ocsp');
        x.vector('responder_id_list', 2, () => {}, '(empty)');
        x.vector('request_extensions', 2, () => {}, '(empty)');
      }, 'OCSP', 'OCSP stapling: the server may send proof its certificate is not revoked (RFC 6066 §8)'),
      (e) => extension(e, 'signature_algorithms', 13, (x) => x.vector('supported signature algorithms', 2, (y) => { for (const a of SIGNATURES) y.u16('algorithm', a, nameOf(SIGNATURE_SCHEME_NAMES, a)); }), `${SIGNATURES.length} algorithms`, 'signatures the client can check: ECDSA, RSA-PSS, RSA PKCS#1'),
      (e) => extension(e, 'signed_certificate_timestamp', 18, () => {}, '(empty)', 'asks for Certificate Transparency proofs (RFC 6962)'),
      // BoringSSL sends the GREASE share in the first ClientHello only.
      (e) => extension(e, 'key_share', 51, (x) => x.vector('client shares', 2, (y) => {
        if (!o.retry) y.group('KeyShareEntry', (z) => {
          z.u16('group', g.group, grease(g.group), GREASE_NOTE);
          z.vector('key_exchange', 2, (q) => q.u8('GREASE key', 0, '00'));
        }, grease(g.group));
        for (const k of o.keyShares) y.group('KeyShareEntry', (z) => {
          z.u16('group', k.group, nameOf(GROUP_NAMES, k.group));
          z.vector('key_exchange', 2, (q) => q.bytes('public key', k.key, `${k.key.length} bytes: ${short(k.key)}`), undefined, shareNote(k.group));
        }, `${nameOf(GROUP_NAMES, k.group)}, ${k.key.length} bytes`);
      }), [...(o.retry ? [] : [grease(g.group)]), ...o.keyShares.map((k) => nameOf(GROUP_NAMES, k.group))].join(', '), 'key shares sent ahead: a post-quantum hybrid and a plain x25519 one, for servers without ML-KEM'),
      (e) => extension(e, 'psk_key_exchange_modes', 45, (x) => x.vector('modes', 1, (y) => y.u8('mode', 1, 'psk_dhe_ke')), 'psk_dhe_ke', 'if it resumes later, still with a fresh key exchange'),
      (e) => extension(e, 'supported_versions', 43, (x) => x.vector('versions', 1, (y) => {
        y.u16('version', g.version, grease(g.version), GREASE_NOTE);
        for (const v of VERSIONS) y.u16('version', v, `${VERSION_NAMES[v]} (${hex16(v)})`);
      }), [grease(g.version), ...VERSIONS.map((v) => VERSION_NAMES[v])].join(', '), 'the real version offer: TLS 1.3, else 1.2'),
      (e) => extension(e, 'compress_certificate', 27, (x) => x.vector('algorithms', 1, (y) => y.u16('algorithm', 2, 'brotli')), 'brotli', 'the server may send its certificates brotli-compressed (RFC 8879)'),
      (e) => extension(e, 'application_settings', 0x44cd, (x) => x.vector('supported protocols', 2, (y) => y.vector('protocol', 1, (z) => z.bytes('name', ascii('h2'), 'h2'))), 'h2', 'ALPS: HTTP/2 settings exchanged inside the handshake (a Chrome draft)'),
      (e) => extension(e, 'encrypted_client_hello', 0xfe0d, (x) => {
        x.u8('type', 0, 'outer');
        x.u16('kdf_id', 1, 'HKDF-SHA256').u16('aead_id', 1, 'AES-128-GCM');
        x.u8('config_id', ech.configId);
        x.vector('enc', 2, (y) => y.bytes('enc', ech.enc, short(ech.enc)));
        x.vector('payload', 2, (y) => y.bytes('payload', ech.payload, `${ech.payload.length} random bytes`));
      }, `GREASE, ${ech.payload.length}-byte payload`, 'GREASE ECH: random bytes shaped like an encrypted inner hello, so real ECH does not stand out'),
    ];
    return handshakeMessage(1, (w) => {
      w.u16('legacy_version', 0x0303, '0x0303 (TLS 1.2)', 'frozen at TLS 1.2; the real offer is in supported_versions');
      w.bytes('random', o.random, toHex(o.random), '32 fresh bytes: make every handshake unique');
      w.vector('legacy_session_id', 1, (x) => x.bytes('session id', o.sessionId, short(o.sessionId)), `${o.sessionId.length} bytes`, 'random: middlebox compatibility mode (RFC 8446 D.4)');
      w.vector('cipher_suites', 2, (x) => {
        x.u16('suite', g.suite, grease(g.suite), GREASE_NOTE);
        for (const s of SUITES) x.u16('suite', s, `${nameOf(CIPHER_SUITE_NAMES, s)} (${hex16(s)})`);
      }, `${SUITES.length} suites + GREASE`, 'GREASE, the three TLS 1.3 suites, then TLS 1.2 ones');
      w.vector('legacy_compression_methods', 1, (x) => x.u8('method', 0, 'null'), 'null only');
      w.vector('extensions', 2, (e) => {
        extension(e, `GREASE ${hex16(g.ext1)}`, g.ext1, () => {}, '(empty)', GREASE_NOTE);
        for (const i of order) shuffled[i](e);
        if (o.cookie) cookieExtension(e, o.cookie);
        extension(e, `GREASE ${hex16(g.ext2)}`, g.ext2, (x) => x.u8('data', 0, '00'), '1 byte', `${GREASE_NOTE}; Chrome puts one first and one last and shuffles those between`);
      });
    }, `ClientHello (Chrome), SNI ${o.host}`);
  };
}

function shareNote(group: number): string {
  if (group === X25519MLKEM768) return 'ML-KEM-768 encapsulation key (1184 bytes) then an X25519 key (32): secure if either holds (draft-ietf-tls-ecdhe-mlkem)';
  return "the client's ephemeral X25519 public key";
}
