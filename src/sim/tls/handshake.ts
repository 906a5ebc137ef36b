import type { Layer } from '../types';
import type { Prng } from '../prng';

/**
 * TLS 1.3 (RFC 8446) handshake messages as the inspector describes them, with their
 * exact encoded sizes for the parameters chosen here: X25519, TLS_AES_128_GCM_SHA256,
 * an ECDSA P-256 certificate chain, no PSK and no middlebox-compatibility mode.
 */
export interface TlsPayload {
  label: string;
  layers: Layer[];
  /** Bytes of TCP payload: every TLS record, headers included. */
  bytes: number;
}

const RECORD_HEADER = 5;
const HANDSHAKE_HEADER = 4;
/** AES-128-GCM tag plus the inner content-type byte of TLSInnerPlaintext (RFC 8446 §5.2). */
const AEAD_OVERHEAD = 16 + 1;

const LEAF_CERT_BYTES = 556;
const INTERMEDIATE_CERT_BYTES = 620;
const ECDSA_SIGNATURE_BYTES = 71;
const SHA256_BYTES = 32;

export const CIPHER_SUITE = 'TLS_AES_128_GCM_SHA256 (0x1301)';

function alpnExtensionBytes(): number {
  return 4 + 2 + 1 + 'http/1.1'.length;
}

export function clientHello(prng: Prng, host: string): TlsPayload {
  const random = prng.hex(32);
  const keyShare = prng.hex(32);
  const extensions =
    4 + 2 + 1 + 2 + host.length + // server_name
    4 + 2 + 2 * 2 + // supported_groups: x25519, secp256r1
    4 + 2 + 2 * 3 + // signature_algorithms
    4 + 2 + 2 + 2 + 32 + // key_share: one X25519 share
    4 + 1 + 2 + // supported_versions: TLS 1.3
    4 + 1 + 1 + // psk_key_exchange_modes
    alpnExtensionBytes();
  const body = 2 + 32 + 1 + 2 + 2 * 3 + 2 + 2 + extensions;
  const handshake = HANDSHAKE_HEADER + body;
  return {
    label: 'ClientHello',
    bytes: RECORD_HEADER + handshake,
    layers: [
      {
        name: 'TLS',
        summary: `Handshake: ClientHello (${handshake} bytes), SNI ${host}`,
        fields: [
          { name: 'record type', value: '22 (handshake)' },
          { name: 'record version', value: '0x0301 (TLS 1.0)', note: 'legacy value in the first record, for old middleboxes' },
          { name: 'record length', value: `${handshake} bytes` },
          { name: 'handshake type', value: '1 (ClientHello)' },
          { name: 'legacy_version', value: '0x0303 (TLS 1.2)', note: 'frozen; the real offer is in supported_versions' },
          { name: 'random', value: random, note: '32 fresh bytes: make every handshake unique' },
          { name: 'legacy_session_id', value: '(empty)', note: 'no middlebox-compatibility mode' },
          {
            name: 'cipher_suites',
            value: 'TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256',
          },
          { name: 'server_name', value: host, note: 'SNI: which site, sent in clear so the server picks a certificate' },
          { name: 'supported_groups', value: 'x25519, secp256r1' },
          { name: 'signature_algorithms', value: 'ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256' },
          { name: 'key_share', value: `x25519 ${keyShare}`, note: "client's ephemeral public key, guessed ahead to save a round trip" },
          { name: 'supported_versions', value: 'TLS 1.3 (0x0304)' },
          { name: 'psk_key_exchange_modes', value: 'psk_dhe_ke' },
          { name: 'ALPN', value: 'http/1.1' },
        ],
      },
    ],
  };
}

export function serverHello(prng: Prng): TlsPayload {
  const random = prng.hex(32);
  const keyShare = prng.hex(32);
  const extensions = 4 + 2 + (4 + 2 + 2 + 32);
  const body = 2 + 32 + 1 + 2 + 1 + 2 + extensions;
  const handshake = HANDSHAKE_HEADER + body;
  return {
    label: 'ServerHello',
    bytes: RECORD_HEADER + handshake,
    layers: [
      {
        name: 'TLS',
        summary: `Handshake: ServerHello (${handshake} bytes), ${CIPHER_SUITE}`,
        fields: [
          { name: 'record type', value: '22 (handshake)' },
          { name: 'record version', value: '0x0303 (TLS 1.2)', note: 'legacy value' },
          { name: 'record length', value: `${handshake} bytes` },
          { name: 'handshake type', value: '2 (ServerHello)' },
          { name: 'random', value: random },
          { name: 'cipher_suite', value: CIPHER_SUITE, note: 'chosen from the client offer' },
          { name: 'supported_versions', value: 'TLS 1.3 (0x0304)', note: 'this is what makes it TLS 1.3' },
          { name: 'key_share', value: `x25519 ${keyShare}`, note: 'with the client share, both sides now derive handshake keys' },
        ],
      },
    ],
  };
}

function encryptedRecord(innerBytes: number): number {
  return RECORD_HEADER + innerBytes + AEAD_OVERHEAD;
}

export function serverEncryptedFlight(host: string): TlsPayload {
  const ee = HANDSHAKE_HEADER + 2 + alpnExtensionBytes();
  const certEntry = (n: number) => 3 + n + 2;
  const certificate = HANDSHAKE_HEADER + 1 + 3 + certEntry(LEAF_CERT_BYTES) + certEntry(INTERMEDIATE_CERT_BYTES);
  const certificateVerify = HANDSHAKE_HEADER + 2 + 2 + ECDSA_SIGNATURE_BYTES;
  const finished = HANDSHAKE_HEADER + SHA256_BYTES;
  const inner = ee + certificate + certificateVerify + finished;
  const bytes = encryptedRecord(inner);
  return {
    label: '{EE,Cert,CV,Fin}',
    bytes,
    layers: [
      {
        name: 'TLS',
        summary: `Application data record (${bytes - RECORD_HEADER} bytes), encrypted with the server handshake key`,
        fields: [
          { name: 'record type', value: '23 (application_data)', note: 'TLS 1.3 hides the real type inside the encryption' },
          { name: 'record version', value: '0x0303 (TLS 1.2)', note: 'legacy value' },
          { name: 'record length', value: `${bytes - RECORD_HEADER} bytes`, note: 'includes the 16-byte AES-GCM tag' },
          { name: 'EncryptedExtensions', value: `${ee} bytes`, note: 'ALPN: http/1.1' },
          {
            name: 'Certificate',
            value: `${certificate} bytes: CN=${host} (ECDSA P-256), then its intermediate CA`,
            note: 'proves which key belongs to the name',
          },
          { name: 'CertificateVerify', value: `${certificateVerify} bytes: ecdsa_secp256r1_sha256`, note: 'signature over the transcript: the server holds the key' },
          { name: 'Finished', value: `${finished} bytes: HMAC over the transcript`, note: 'nobody tampered with the handshake' },
        ],
      },
    ],
  };
}

export function clientFinished(): TlsPayload {
  const finished = HANDSHAKE_HEADER + SHA256_BYTES;
  const bytes = encryptedRecord(finished);
  return {
    label: 'Finished',
    bytes,
    layers: [
      {
        name: 'TLS',
        summary: `Application data record (${bytes - RECORD_HEADER} bytes): client Finished, encrypted`,
        fields: [
          { name: 'record type', value: '23 (application_data)', note: 'inner content type: handshake' },
          { name: 'record version', value: '0x0303 (TLS 1.2)', note: 'legacy value' },
          { name: 'record length', value: `${bytes - RECORD_HEADER} bytes` },
          { name: 'Finished', value: `${finished} bytes: HMAC over the transcript`, note: 'after this, application keys protect everything' },
        ],
      },
    ],
  };
}

/** Wraps application bytes (HTTP) in one TLS 1.3 application_data record. */
export function applicationData(plainBytes: number, direction: 'client' | 'server'): { layer: Layer; bytes: number } {
  const bytes = encryptedRecord(plainBytes);
  return {
    bytes,
    layer: {
      name: 'TLS',
      summary: `Application data record (${bytes - RECORD_HEADER} bytes)`,
      fields: [
        { name: 'record type', value: '23 (application_data)' },
        { name: 'record version', value: '0x0303 (TLS 1.2)', note: 'legacy value' },
        { name: 'record length', value: `${bytes - RECORD_HEADER} bytes`, note: `${plainBytes} bytes of HTTP + 1 type byte + 16-byte tag` },
        { name: 'protected with', value: `${direction} application traffic key (AES-128-GCM)` },
      ],
    },
  };
}
