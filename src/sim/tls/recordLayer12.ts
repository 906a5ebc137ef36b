import { shiftFields } from '../bytes/writer';
import type { Field, Layer } from '../types';
import { plainRecord, RECORD_HEADER_BYTES, TAG_BYTES, CONTENT_ALERT } from './record';
import { EXPLICIT_NONCE_BYTES } from './record12';
import { ALERT_DESCRIPTION_NAMES } from './parse/names';
import { tlsLayer } from './recordLayer';
import type { TlsWrite } from './writes';

const typeNames: Record<number, string> = { 20: 'change_cipher_spec', 21: 'alert', 22: 'handshake', 23: 'application_data' };

/** A TLS 1.2 record header: the version is the real one, and so is the content type, even when encrypted. */
function headerFields12(record: Uint8Array, at: number): Field[] {
  const length = (record[3] << 8) | record[4];
  return [
    { name: 'content type', value: `${record[0]} (${typeNames[record[0]]})`, offset: at, length: 1, note: 'TLS 1.2 shows the real type even on encrypted records (TLS 1.3 hides it)' },
    { name: 'version', value: `0x${((record[1] << 8) | record[2]).toString(16).padStart(4, '0')} (${record[2] === 1 ? 'TLS 1.0' : 'TLS 1.2'})`, offset: at + 1, length: 2, note: record[2] === 1 ? 'OpenSSL writes its first ClientHello\'s record as TLS 1.0, for old servers' : undefined },
    { name: 'length', value: `${length} bytes`, offset: at + 3, length: 2 },
  ];
}

/** A TLS 1.2 AES-GCM record as the wire shows it (RFC 5288 §3): header, explicit nonce, ciphertext, tag. */
export function encryptedRecordField12(record: Uint8Array, at: number, title: string, key: string, aead = 'AES-128-GCM'): Field {
  const body = record.length - RECORD_HEADER_BYTES;
  const nonceAt = at + RECORD_HEADER_BYTES;
  return {
    name: `TLS record: ${title} (encrypted)`,
    value: `${record.length} bytes`,
    note: `${aead} with the ${key}`,
    offset: at,
    length: record.length,
    children: [
      ...headerFields12(record, at),
      { name: 'explicit nonce', value: `${EXPLICIT_NONCE_BYTES} bytes`, note: 'the nonce\'s last 8 bytes, sent in the clear; the first 4 (salt) come from the key block', offset: nonceAt, length: EXPLICIT_NONCE_BYTES },
      { name: 'ciphertext', value: `${body - EXPLICIT_NONCE_BYTES - TAG_BYTES} bytes`, offset: nonceAt + EXPLICIT_NONCE_BYTES, length: body - EXPLICIT_NONCE_BYTES - TAG_BYTES },
      { name: 'authentication tag', value: `${TAG_BYTES} bytes`, note: 'GCM tag over the ciphertext and the sequence number, type, version and length', offset: at + record.length - TAG_BYTES, length: TAG_BYTES },
    ],
  };
}

/** A TLS 1.2 record in the clear (the hellos, certificate, key exchanges): header, then the messages' fields. */
export function plainRecordField12(record: Uint8Array, messageFields: Field[], at: number, title: string): Field {
  return { name: `TLS record: ${title}`, value: `${record.length} bytes`, offset: at, length: record.length, children: [...headerFields12(record, at), ...shiftFields(messageFields, at + RECORD_HEADER_BYTES)] };
}

export const ccsField12 = (at: number): Field => ({
  name: 'TLS record: ChangeCipherSpec',
  value: '6 bytes',
  offset: at,
  length: 6,
  note: 'from the next record on, this side encrypts with the keys just agreed (RFC 5246 §7.1)',
  children: [
    { name: 'content type', value: '20 (change_cipher_spec)', offset: at, length: 1 },
    { name: 'version', value: '0x0303 (TLS 1.2)', offset: at + 1, length: 2 },
    { name: 'length', value: '1 bytes', offset: at + 3, length: 2 },
    { name: 'change cipher spec', value: '1', offset: at + 5, length: 1 },
  ],
});

/** Alert names to their codes (RFC 8446 §6, RFC 5246 §7.2). */
export const ALERT_CODES: Record<string, number> = Object.fromEntries(Object.entries(ALERT_DESCRIPTION_NAMES).map(([k, v]) => [v, Number(k)]));

/** A fatal alert before ChangeCipherSpec: TLS 1.2 sends it in the clear, as OpenSSL does. */
export function plainAlertWrite(name: string, why: string): TlsWrite {
  const code = ALERT_CODES[name];
  if (code === undefined) throw new Error(`unknown alert ${name}`);
  const record = plainRecord(CONTENT_ALERT, Uint8Array.of(2, code));
  const field: Field = {
    name: `TLS record: Alert ${name}`,
    value: `${record.length} bytes`,
    offset: 0,
    length: record.length,
    children: [
      ...headerFields12(record, 0),
      { name: 'level', value: '2 (fatal)', offset: 5, length: 1 },
      { name: 'description', value: `${code} (${name})`, offset: 6, length: 1, note: why },
    ],
  };
  const layer: Layer = tlsLayer([field], `Alert: ${name} (in the clear)`);
  return { label: name, topLayer: 'tls', data: record, layers: [layer], decrypted: [] };
}
