import { ascii, hex16, toHex } from '../bytes/hex';
import { HANDSHAKE_TYPE_NAMES } from './parse/names';
import { ByteWriter } from '../bytes/writer';
import type { Field } from '../types';

/**
 * TLS 1.3 handshake messages (RFC 8446 §4) encoded for real (the hellos and tickets are in hello.ts), each with its field map
 * (offsets from the start of the handshake message).
 */
export interface Encoded {
  bytes: Uint8Array;
  fields: Field[];
}

export const TLS_AES_128_GCM_SHA256 = 0x1301;

export function handshakeMessage(type: number, body: (w: ByteWriter) => void, summary?: string): Encoded {
  const w = new ByteWriter();
  w.group(
    HANDSHAKE_TYPE_NAMES[type],
    (g) => {
      g.u8('handshake type', type, `${type} (${HANDSHAKE_TYPE_NAMES[type]})`);
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

export function encodeEncryptedExtensions(alpn: string | undefined, earlyData = false): Encoded {
  return handshakeMessage(8, (w) => w.vector('extensions', 2, (e) => {
    if (earlyData) e.group('early_data', (x) => {
      x.u16('extension type', 42, '42 (early_data)');
      x.vector('extension data', 2, () => {});
    }, 'accepted', 'the server takes the 0-RTT data it already received (RFC 8446 §4.2.10)');
    if (alpn) e.group('application_layer_protocol_negotiation', (x) => {
      x.u16('extension type', 16, '16 (application_layer_protocol_negotiation)');
      x.vector('extension data', 2, (y) => y.vector('protocol name list', 2, (z) => z.vector('protocol', 1, (q) => q.bytes('name', ascii(alpn), alpn))));
    }, alpn, 'the one protocol the server picked from the client offer');
  }), `EncryptedExtensions${alpn ? `: ALPN ${alpn}` : ''}${earlyData ? ', early_data' : ''}`);
}

export function encodeCertificate(chain: { der: Uint8Array; subject: string }[]): Encoded {
  return handshakeMessage(11, (w) => {
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
  return handshakeMessage(15, (w) => {
    w.u16('algorithm', 0x0403, 'ecdsa_secp256r1_sha256 (0x0403)');
    w.vector('signature', 2, (x) => x.bytes('ECDSA signature (DER)', signatureDer, toHex(signatureDer).slice(0, 24) + '…'), undefined, 'over the transcript so far: proves the server holds the certificate key');
  }, 'CertificateVerify: ecdsa_secp256r1_sha256');
}

export function encodeFinished(verifyData: Uint8Array, who: 'server' | 'client'): Encoded {
  return handshakeMessage(20, (w) => w.bytes('verify_data', verifyData, toHex(verifyData), 'HMAC of the transcript: nobody altered the handshake'), `${who} Finished`);
}

export { hex16 };
