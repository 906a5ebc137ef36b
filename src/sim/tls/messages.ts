import { ascii, hex16, toHex } from '../bytes/hex';
import { ByteWriter } from '../bytes/writer';
import type { Field } from '../types';

/**
 * TLS 1.3 handshake messages (RFC 8446 §4) encoded for real, each with its field map
 * (offsets from the start of the handshake message).
 */
export interface Encoded {
  bytes: Uint8Array;
  fields: Field[];
}

export const TLS_AES_128_GCM_SHA256 = 0x1301;
const X25519 = 0x001d;
const ALPN = 'http/1.1';

const handshakeNames: Record<number, string> = { 1: 'ClientHello', 2: 'ServerHello', 4: 'NewSessionTicket', 8: 'EncryptedExtensions', 11: 'Certificate', 15: 'CertificateVerify', 20: 'Finished' };

function handshake(type: number, body: (w: ByteWriter) => void, summary?: string): Encoded {
  const w = new ByteWriter();
  w.group(
    handshakeNames[type],
    (g) => {
      g.u8('handshake type', type, `${type} (${handshakeNames[type]})`);
      const at = g.length;
      g.u24('length', 0);
      const start = g.length;
      body(g);
      const len = g.length - start;
      g.patch16(at + 1, len & 0xffff);
      if (len > 0xffff) throw new Error('handshake message over 64 KiB');
    },
    (n) => summary ?? `${n} bytes`,
  );
  const out = w.finish();
  const lengthField = out.fields[0].children!.find((f) => f.name === 'length')!;
  lengthField.value = `${out.bytes.length - 4} bytes`;
  return out;
}

function extension(w: ByteWriter, name: string, type: number, body: (w: ByteWriter) => void, shown: string, note?: string) {
  w.group(name, (x) => {
    x.u16('extension type', type, `${type} (${name})`);
    x.vector('extension data', 2, body);
  }, shown, note);
}

function alpn(w: ByteWriter) {
  extension(w, 'application_layer_protocol_negotiation', 16, (x) => x.vector('protocol names', 2, (y) => y.vector('protocol', 1, (z) => z.bytes('name', ascii(ALPN), ALPN))), ALPN);
}

export function encodeClientHello(random: Uint8Array, keyShare: Uint8Array, host: string): Encoded {
  return handshake(1, (w) => {
    w.u16('legacy_version', 0x0303, '0x0303 (TLS 1.2)', 'frozen; the real offer is in supported_versions');
    w.bytes('random', random, toHex(random), '32 fresh bytes: make every handshake unique');
    w.vector('legacy_session_id', 1, () => {}, '(empty)', 'no middlebox-compatibility mode');
    w.vector('cipher_suites', 2, (x) => {
      x.u16('suite', 0x1301, 'TLS_AES_128_GCM_SHA256 (0x1301)');
      x.u16('suite', 0x1302, 'TLS_AES_256_GCM_SHA384 (0x1302)');
      x.u16('suite', 0x1303, 'TLS_CHACHA20_POLY1305_SHA256 (0x1303)');
    }, '3 suites: AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305');
    w.vector('legacy_compression_methods', 1, (x) => x.u8('method', 0, 'null'), 'null only');
    w.vector('extensions', 2, (e) => {
      extension(e, 'server_name', 0, (x) => x.vector('server name list', 2, (y) => {
        y.u8('name type', 0, 'host_name');
        y.vector('host name', 2, (z) => z.bytes('name', ascii(host), host));
      }), host, 'SNI: which site, sent in clear so the server picks a certificate');
      extension(e, 'supported_groups', 10, (x) => x.vector('named group list', 2, (y) => y.u16('group', X25519, 'x25519').u16('group', 0x0017, 'secp256r1')), 'x25519, secp256r1');
      extension(e, 'signature_algorithms', 13, (x) => x.vector('algorithms', 2, (y) =>
        y.u16('algorithm', 0x0403, 'ecdsa_secp256r1_sha256').u16('algorithm', 0x0804, 'rsa_pss_rsae_sha256').u16('algorithm', 0x0401, 'rsa_pkcs1_sha256')), 'ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256');
      extension(e, 'key_share', 51, (x) => x.vector('client shares', 2, (y) => {
        y.u16('group', X25519, 'x25519');
        y.vector('key_exchange', 2, (z) => z.bytes('public key', keyShare, toHex(keyShare)));
      }), `x25519 ${toHex(keyShare).slice(0, 16)}…`, "client's ephemeral public key, sent ahead to save a round trip");
      extension(e, 'supported_versions', 43, (x) => x.vector('versions', 1, (y) => y.u16('version', 0x0304, 'TLS 1.3 (0x0304)')), 'TLS 1.3');
      extension(e, 'psk_key_exchange_modes', 45, (x) => x.vector('modes', 1, (y) => y.u8('mode', 1, 'psk_dhe_ke')), 'psk_dhe_ke');
      alpn(e);
    });
  }, `ClientHello, SNI ${host}`);
}

export function encodeServerHello(random: Uint8Array, keyShare: Uint8Array): Encoded {
  return handshake(2, (w) => {
    w.u16('legacy_version', 0x0303, '0x0303 (TLS 1.2)', 'frozen');
    w.bytes('random', random, toHex(random));
    w.vector('legacy_session_id_echo', 1, () => {}, '(empty)');
    w.u16('cipher_suite', TLS_AES_128_GCM_SHA256, 'TLS_AES_128_GCM_SHA256 (0x1301)', 'chosen from the client offer');
    w.u8('legacy_compression_method', 0, 'null');
    w.vector('extensions', 2, (e) => {
      extension(e, 'key_share', 51, (x) => {
        x.u16('group', X25519, 'x25519');
        x.vector('key_exchange', 2, (z) => z.bytes('public key', keyShare, toHex(keyShare)));
      }, `x25519 ${toHex(keyShare).slice(0, 16)}…`, 'with the client share, both sides now derive handshake keys');
      extension(e, 'supported_versions', 43, (x) => x.u16('selected version', 0x0304, 'TLS 1.3 (0x0304)'), 'TLS 1.3', 'this is what makes it TLS 1.3');
    });
  }, 'ServerHello, TLS_AES_128_GCM_SHA256');
}

export function encodeEncryptedExtensions(): Encoded {
  return handshake(8, (w) => w.vector('extensions', 2, (e) => alpn(e)), 'EncryptedExtensions: ALPN http/1.1');
}

export function encodeCertificate(chain: { der: Uint8Array; subject: string }[]): Encoded {
  return handshake(11, (w) => {
    w.vector('certificate_request_context', 1, () => {}, '(empty)');
    w.vector('certificate_list', 3, (list) => {
      for (const cert of chain) {
        list.group('CertificateEntry', (x) => {
          x.vector('cert_data', 3, (y) => y.bytes('X.509 certificate (DER)', cert.der, `${cert.der.length} bytes`));
          x.vector('extensions', 2, () => {}, 'none');
        }, cert.subject);
      }
    }, `${chain.length} certificates`);
  }, `Certificate: ${chain.map((c) => c.subject).join(' ← ')}`);
}

/** The bytes a CertificateVerify signature covers (RFC 8446 §4.4.3). */
export function certificateVerifyInput(transcriptHash: Uint8Array): Uint8Array {
  const context = ascii('TLS 1.3, server CertificateVerify');
  const out = new Uint8Array(64 + context.length + 1 + transcriptHash.length);
  out.fill(0x20, 0, 64);
  out.set(context, 64);
  out.set(transcriptHash, 64 + context.length + 1);
  return out;
}

export function encodeCertificateVerify(signatureDer: Uint8Array): Encoded {
  return handshake(15, (w) => {
    w.u16('algorithm', 0x0403, 'ecdsa_secp256r1_sha256 (0x0403)');
    w.vector('signature', 2, (x) => x.bytes('ECDSA signature (DER)', signatureDer, toHex(signatureDer).slice(0, 24) + '…'), undefined, 'over the transcript so far: proves the server holds the certificate key');
  }, 'CertificateVerify: ecdsa_secp256r1_sha256');
}

export function encodeFinished(verifyData: Uint8Array, who: 'server' | 'client'): Encoded {
  return handshake(20, (w) => w.bytes('verify_data', verifyData, toHex(verifyData), 'HMAC of the transcript: nobody altered the handshake'), `${who} Finished`);
}

export { hex16 };
