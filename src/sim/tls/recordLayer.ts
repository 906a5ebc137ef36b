import { hex16 } from '../bytes/hex';
import { shiftFields } from '../bytes/writer';
import type { Field, Layer } from '../types';
import { RECORD_HEADER_BYTES, TAG_BYTES } from './record';

const typeNames: Record<number, string> = { 20: 'change_cipher_spec', 21: 'alert', 22: 'handshake', 23: 'application_data' };

function headerFields(record: Uint8Array, at: number): Field[] {
  const type = record[0];
  const version = (record[1] << 8) | record[2];
  const length = (record[3] << 8) | record[4];
  return [
    { name: 'content type', value: `${type} (${typeNames[type]})`, offset: at, length: 1, note: type === 23 ? 'TLS 1.3 hides the real type inside the encryption' : undefined },
    { name: 'legacy_record_version', value: `${hex16(version)} (${version === 0x0301 ? 'TLS 1.0' : 'TLS 1.2'})`, offset: at + 1, length: 2, note: 'frozen for middleboxes; ignored' },
    { name: 'length', value: `${length} bytes`, offset: at + 3, length: 2 },
  ];
}

/** A record in the clear: its header, then the handshake message's own fields. */
export function plainRecordField(record: Uint8Array, messageFields: Field[], at: number, title: string): Field {
  return {
    name: `TLS record: ${title}`,
    value: `${record.length} bytes`,
    offset: at,
    length: record.length,
    children: [...headerFields(record, at), ...shiftFields(messageFields, at + RECORD_HEADER_BYTES)],
  };
}

/** An encrypted record as the wire shows it: header, ciphertext, tag. */
export function encryptedRecordField(record: Uint8Array, at: number, title: string, key: string, aead = 'AES-128-GCM'): Field {
  const body = record.length - RECORD_HEADER_BYTES;
  return {
    name: `TLS record: ${title} (encrypted)`,
    value: `${record.length} bytes`,
    note: `${aead} with the ${key}`,
    offset: at,
    length: record.length,
    children: [
      ...headerFields(record, at),
      { name: 'encrypted_record', value: `${body - TAG_BYTES} bytes of ciphertext`, note: 'content + 1 byte of real content type', offset: at + RECORD_HEADER_BYTES, length: body - TAG_BYTES },
      { name: 'authentication tag', value: `${TAG_BYTES} bytes`, note: 'GCM tag: any change to the record makes decryption fail', offset: at + record.length - TAG_BYTES, length: TAG_BYTES },
    ],
  };
}

export function tlsLayer(fields: Field[], summary: string): Layer {
  return { name: 'TLS', summary, fields };
}
