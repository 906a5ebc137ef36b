import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes/hex';
import type { Field } from '../types';
import { encryptedRecordField, plainRecordField, tlsLayer } from './recordLayer';
import { ccsField12, encryptedRecordField12, plainAlertWrite, plainRecordField12 } from './recordLayer12';
import { rfc8448 as v } from './rfc8448.fixture';

// Oracle: the record bytes of RFC 8448 §3 and records OpenSSL wrote; every field the inspector
// shows must sit on the bytes that carry it (RFC 8446 §5.1, RFC 5246 §6.2, RFC 5288 §3).
const byName = (f: Field, name: string) => f.children!.find((c) => c.name === name)!;
/** Each field's bytes, read back from the record the field describes (offsets are in the packet). */
const bytesOf = (record: Uint8Array, at: number, f: Field) => record.subarray(f.offset! - at, f.offset! - at + f.length!);
const u16 = (b: Uint8Array) => (b[0] << 8) | b[1];

describe('TLS 1.3 record fields (RFC 8446 §5)', () => {
  it('a ServerHello record in the clear: header fields on their bytes, the message fields moved past the header', () => {
    const record = fromHex(v.serverHelloRecord);
    const at = 54;
    const message: Field[] = [{ name: 'Handshake: ServerHello', value: '90 bytes', offset: 0, length: 90, children: [{ name: 'random', value: 'a6af…', offset: 6, length: 32 }] }];
    const f = plainRecordField(record, message, at, 'ServerHello');
    expect(f).toMatchObject({ name: 'TLS record: ServerHello', value: `${record.length} bytes`, offset: at, length: record.length });
    expect(f.children!.map((c) => c.name)).toEqual(['content type', 'legacy_record_version', 'length', 'Handshake: ServerHello']);
    const type = byName(f, 'content type');
    expect(type).toMatchObject({ value: '22 (handshake)', offset: at, length: 1, note: undefined });
    expect(bytesOf(record, at, type)[0]).toBe(22);
    const version = byName(f, 'legacy_record_version');
    expect(version).toMatchObject({ value: '0x0303 (TLS 1.2)', offset: at + 1, length: 2 });
    expect(u16(bytesOf(record, at, version))).toBe(0x0303);
    expect(version.note).toBeTruthy();
    const length = byName(f, 'length');
    expect(length).toMatchObject({ value: `${record.length - 5} bytes`, offset: at + 3, length: 2 });
    expect(u16(bytesOf(record, at, length))).toBe(record.length - 5);
    const moved = byName(f, 'Handshake: ServerHello');
    expect(moved).toMatchObject({ offset: at + 5, length: 90 });
    expect(moved.children![0]).toMatchObject({ name: 'random', offset: at + 11, length: 32 });
    expect(bytesOf(record, at, moved.children![0])).toEqual(fromHex(v.serverHello).subarray(6, 38));
  });

  it("a first ClientHello's record version 0x0301 reads as TLS 1.0", () => {
    const record = fromHex('16030100050100000100');
    expect(byName(plainRecordField(record, [], 0, 'ClientHello'), 'legacy_record_version').value).toBe('0x0301 (TLS 1.0)');
  });

  it('the encrypted server flight: header, ciphertext with the hidden type byte, and the 16-byte tag at the end', () => {
    const record = fromHex(v.serverEncryptedRecord);
    const at = 100;
    const f = encryptedRecordField(record, at, 'EncryptedExtensions … Finished', 'server handshake key');
    expect(f).toMatchObject({ name: 'TLS record: EncryptedExtensions … Finished (encrypted)', value: `${record.length} bytes`, note: 'AES-128-GCM with the server handshake key', offset: at, length: record.length });
    expect(encryptedRecordField(record, at, 'x', 'k', 'AES-256-GCM').note).toBe('AES-256-GCM with the k');
    expect(f.children!.map((c) => c.name)).toEqual(['content type', 'legacy_record_version', 'length', 'encrypted_record', 'authentication tag']);
    const type = byName(f, 'content type');
    expect(type.value).toBe('23 (application_data)');
    expect(type.note).toBeTruthy();
    const body = record.length - 5;
    const ciphertext = byName(f, 'encrypted_record');
    expect(ciphertext).toMatchObject({ value: `${body - 16} bytes of ciphertext`, offset: at + 5, length: body - 16 });
    expect(ciphertext.note).toBeTruthy();
    const tag = byName(f, 'authentication tag');
    expect(tag).toMatchObject({ value: '16 bytes', offset: at + record.length - 16, length: 16 });
    expect(tag.note).toBeTruthy();
    expect(bytesOf(record, at, tag)).toEqual(record.subarray(record.length - 16));
  });

  it('tlsLayer names the layer TLS', () => {
    expect(tlsLayer([], 'Handshake')).toEqual({ name: 'TLS', summary: 'Handshake', fields: [] });
  });
});

describe('TLS 1.2 record fields (RFC 5246 §6.2, RFC 5288 §3)', () => {
  // The layout of an application_data record with an empty body: header, explicit nonce 0…01, no ciphertext, a tag.
  const appRecord = fromHex(`1703030018${'0000000000000001'}${'5a'.repeat(16)}`);
  it('an encrypted record: real content type, version, explicit nonce, ciphertext and tag on their bytes', () => {
    const at = 66;
    const f = encryptedRecordField12(appRecord, at, 'Application Data', 'server write key');
    expect(f).toMatchObject({ name: 'TLS record: Application Data (encrypted)', value: '29 bytes', note: 'AES-128-GCM with the server write key', offset: at, length: 29 });
    expect(encryptedRecordField12(appRecord, at, 'x', 'k', 'AES-256-GCM').note).toBe('AES-256-GCM with the k');
    expect(f.children!.map((c) => [c.name, c.value, c.offset! - at, c.length])).toEqual([
      ['content type', '23 (application_data)', 0, 1],
      ['version', '0x0303 (TLS 1.2)', 1, 2],
      ['length', '24 bytes', 3, 2],
      ['explicit nonce', '8 bytes', 5, 8],
      ['ciphertext', '0 bytes', 13, 0],
      ['authentication tag', '16 bytes', 13, 16],
    ]);
    expect(f.children!.filter((c) => c.name !== 'length' && c.name !== 'ciphertext').every((c) => c.note || c.name === 'version')).toBe(true);
    expect(byName(f, 'version').note).toBeUndefined();
    const longer = fromHex(`1703030019${'00'.repeat(25)}`);
    expect(byName(encryptedRecordField12(longer, 0, 't', 'k'), 'ciphertext')).toMatchObject({ value: '1 bytes', offset: 13, length: 1 });
  });

  it("OpenSSL's first ClientHello record is TLS 1.0 (0x0301), with a note why; the message fields move past the header", () => {
    const record = fromHex('16030100050100000100');
    const f = plainRecordField12(record, [{ name: 'Handshake: ClientHello', value: '5 bytes', offset: 0, length: 5 }], 10, 'ClientHello');
    expect(f).toMatchObject({ name: 'TLS record: ClientHello', value: '10 bytes', offset: 10, length: 10 });
    expect(f.children!.map((c) => [c.name, c.value, c.offset, c.length])).toEqual([
      ['content type', '22 (handshake)', 10, 1],
      ['version', '0x0301 (TLS 1.0)', 11, 2],
      ['length', '5 bytes', 13, 2],
      ['Handshake: ClientHello', '5 bytes', 15, 5],
    ]);
    expect(byName(f, 'version').note).toMatch(/TLS 1\.0/);
    expect(byName(f, 'content type').note).toBeTruthy();
  });

  it('ChangeCipherSpec: the six bytes 14 03 03 00 01 01, each field on its own', () => {
    const f = ccsField12(40);
    expect(f).toMatchObject({ name: 'TLS record: ChangeCipherSpec', value: '6 bytes', offset: 40, length: 6 });
    expect(f.note).toBeTruthy();
    expect(f.children!.map((c) => [c.name, c.value, c.offset, c.length])).toEqual([
      ['content type', '20 (change_cipher_spec)', 40, 1],
      ['version', '0x0303 (TLS 1.2)', 41, 2],
      ['length', '1 bytes', 43, 2],
      ['change cipher spec', '1', 45, 1],
    ]);
  });

  it('a fatal alert in the clear is the record OpenSSL sends: 15 03 03 00 02 02 28 for handshake_failure', () => {
    // Node's tls (OpenSSL 3.0) server offered no common suite, TLS 1.2 only, answers its ClientHello with these bytes.
    const w = plainAlertWrite('handshake_failure', 'no suite in common');
    expect(Buffer.from(w.data).toString('hex')).toBe('15030300020228');
    expect(w).toMatchObject({ label: 'handshake_failure', topLayer: 'tls', decrypted: [] });
    expect(w.layers).toHaveLength(1);
    expect(w.layers[0]).toMatchObject({ name: 'TLS', summary: 'Alert: handshake_failure (in the clear)' });
    const [f] = w.layers[0].fields;
    expect(f).toMatchObject({ name: 'TLS record: Alert handshake_failure', value: '7 bytes', offset: 0, length: 7 });
    expect(f.children!.map((c) => [c.name, c.value, c.offset, c.length])).toEqual([
      ['content type', '21 (alert)', 0, 1],
      ['version', '0x0303 (TLS 1.2)', 1, 2],
      ['length', '2 bytes', 3, 2],
      ['level', '2 (fatal)', 5, 1],
      ['description', '40 (handshake_failure)', 6, 1],
    ]);
    expect(byName(f, 'description').note).toBe('no suite in common');
    expect(Buffer.from(plainAlertWrite('close_notify', 'x').data).toString('hex')).toBe('15030300020200');
    expect(() => plainAlertWrite('no_such_alert', 'x')).toThrow('unknown alert no_such_alert');
  });
});

describe('record fields of the other content types', () => {
  it('ChangeCipherSpec and alert records name their type, in TLS 1.3 and TLS 1.2 layouts', () => {
    expect(plainRecordField(fromHex('140303000101'), [], 0, 'ChangeCipherSpec').children![0].value).toBe('20 (change_cipher_spec)');
    expect(plainRecordField(fromHex('15030300020228'), [], 0, 'Alert').children![0].value).toBe('21 (alert)');
    expect(plainRecordField12(fromHex('140303000101'), [], 0, 'ChangeCipherSpec').children![0].value).toBe('20 (change_cipher_spec)');
    expect(plainRecordField12(fromHex('15030300020228'), [], 0, 'Alert').children![0].value).toBe('21 (alert)');
  });
});
