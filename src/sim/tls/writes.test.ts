import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import type { Encoded } from './messages';
import { type Sealer, handshakeLayer, tlsWrite } from './writes';

// One TCP write holding several TLS records end to end (RFC 8446 §5.1, §5.2), its bytes laid out
// here by hand and its sealed records opened with OpenSSL's AES-128-GCM (node:crypto): nonce = iv
// XOR the sequence number, the record header as additional data, the real type as the last byte.

const key = Uint8Array.from({ length: 16 }, (_, i) => 0x40 + i);
const iv = Uint8Array.from({ length: 12 }, (_, i) => 0x90 ^ i);
const sealer = (): Sealer => ({ keys: { key, iv }, seq: 0, name: 'server handshake traffic key', aead: 'AES-128-GCM' });

/** A TLS 1.3 record opened with node:crypto: its plaintext, the real content type last. */
function open13(record: Uint8Array, seq: number): string {
  const nonce = iv.slice();
  for (let i = 0; i < 8; i++) nonce[11 - i] ^= Math.floor(seq / 2 ** (8 * i)) & 0xff;
  const d = createDecipheriv('aes-128-gcm', key, nonce);
  d.setAAD(record.subarray(0, 5));
  d.setAuthTag(record.subarray(record.length - 16));
  return Buffer.concat([d.update(record.subarray(5, record.length - 16)), d.final()]).toString('hex');
}

/** A handshake message as RFC 8446 §4 frames it (type, uint24 length, body), with the fields the inspector shows for it; tlsWrite does not look inside. */
function message(type: number, body: number[], name: string): Encoded {
  return {
    bytes: Uint8Array.of(type, 0, 0, body.length, ...body),
    fields: [{ name, value: `${4 + body.length} bytes`, offset: 0, length: 4 + body.length, children: [{ name: 'body', value: `${body.length} bytes`, offset: 4, length: body.length }] }],
  };
}

describe('tlsWrite: records end to end in one write, with the field map the inspector shows', () => {
  it("a TLS 1.3 server flight: ServerHello in the clear, ChangeCipherSpec, then two sealed records under sequence numbers 0 and 1", () => {
    const hello = message(2, [3, 3, 0xaa, 0xbb], 'ServerHello');
    const ee = Uint8Array.of(8, 0, 0, 2, 0, 0); // EncryptedExtensions, empty (RFC 8446 §4.3.1)
    const fin = Uint8Array.of(20, 0, 0, 32, ...Array(32).fill(0x5a)); // Finished, 32 bytes of verify_data
    const s = sealer();
    const w = tlsWrite('ServerHello {EE…Fin}', [
      { kind: 'handshake', messages: [hello], title: 'ServerHello' },
      { kind: 'ccs' },
      { kind: 'sealed', sealer: s, innerType: 22, content: ee, layers: [], title: 'EncryptedExtensions' },
      { kind: 'sealed', sealer: s, innerType: 22, content: fin, layers: [], title: 'Finished' },
    ], 'the server flight');
    // 13 bytes of ServerHello record, 6 of ChangeCipherSpec, 5 + 7 + 16 and 5 + 37 + 16 sealed.
    expect(w.data.length).toBe(13 + 6 + 28 + 58);
    expect(toHex(w.data.subarray(0, 19))).toBe('1603030008' + '0200000403' + '03aabb' + '140303000101');
    expect(toHex(w.data.subarray(19, 24))).toBe('1703030017');
    expect(toHex(w.data.subarray(47, 52))).toBe('1703030035');
    expect(open13(w.data.subarray(19, 47), 0)).toBe(`${toHex(ee)}16`);
    expect(open13(w.data.subarray(47), 1)).toBe(`${toHex(fin)}16`);
    expect(s.seq).toBe(2);
    expect(w.decrypted.map((d) => [d.title, d.key, d.end])).toEqual([['EncryptedExtensions', 'server handshake traffic key', 47], ['Finished', 'server handshake traffic key', 105]]);
    expect([w.label, w.topLayer, w.seal]).toEqual(['ServerHello {EE…Fin}', 'tls', undefined]);

    expect(w.layers).toHaveLength(1);
    expect([w.layers[0].name, w.layers[0].summary]).toEqual(['TLS', 'the server flight']);
    const fields = w.layers[0].fields;
    expect(fields.map((f) => [f.name, f.value, f.offset, f.length])).toEqual([
      ['TLS record: ServerHello', '13 bytes', 0, 13],
      ['TLS record: ChangeCipherSpec', '6 bytes', 13, 6],
      ['TLS record: EncryptedExtensions (encrypted)', '28 bytes', 19, 28],
      ['TLS record: Finished (encrypted)', '58 bytes', 47, 58],
    ]);
    // Each record's header fields read from its own bytes.
    expect(fields.map((f) => f.children!.find((c) => c.name === 'length')!.value)).toEqual(['8 bytes', '1 bytes', '23 bytes', '53 bytes']);
    expect(fields[2].children!.map((c) => [c.name, c.value, c.offset, c.length])).toEqual([
      ['content type', '23 (application_data)', 19, 1],
      ['legacy_record_version', '0x0303 (TLS 1.2)', 20, 2],
      ['length', '23 bytes', 22, 2],
      ['encrypted_record', '7 bytes of ciphertext', 24, 7],
      ['authentication tag', '16 bytes', 31, 16],
    ]);
    // ServerHello's own fields, moved past the record header.
    expect(fields[0].children!.slice(3)).toEqual([{ name: 'ServerHello', value: '8 bytes', offset: 5, length: 8, children: [{ name: 'body', value: '4 bytes', offset: 9, length: 4 }] }]);
  });

  it('the TLS 1.3 ChangeCipherSpec record (RFC 8446 §5, D.4): 14 03 03 00 01 01, each byte named where it lies', () => {
    const w = tlsWrite('CCS, Finished', [
      { kind: 'ccs' },
      { kind: 'sealed', sealer: sealer(), innerType: 22, content: Uint8Array.of(20, 0, 0, 0), layers: [], title: 'Finished' },
    ], 'ChangeCipherSpec, then Finished');
    expect(toHex(w.data.subarray(0, 6))).toBe('140303000101');
    expect(w.layers[0].fields[0]).toEqual({
      name: 'TLS record: ChangeCipherSpec',
      value: '6 bytes',
      offset: 0,
      length: 6,
      note: 'meaningless in TLS 1.3: sent only so middleboxes see a familiar TLS 1.2 shape (RFC 8446 D.4)',
      children: [
        { name: 'content type', value: '20 (change_cipher_spec)', offset: 0, length: 1 },
        { name: 'legacy_record_version', value: '0x0303 (TLS 1.2)', offset: 1, length: 2 },
        { name: 'length', value: '1 bytes', offset: 3, length: 2 },
        { name: 'change cipher spec', value: '1', offset: 5, length: 1 },
      ],
    });
    // After a record in the clear, every offset moves with it.
    const after = tlsWrite('HelloRetryRequest, CCS', [{ kind: 'handshake', messages: [message(2, [1, 2, 3], 'HelloRetryRequest')], title: 'HelloRetryRequest' }, { kind: 'ccs' }], 'HRR');
    expect(after.layers[0].fields[1].children!.map((c) => [c.offset, c.length])).toEqual([[12, 1], [13, 2], [15, 2], [17, 1]]);
    expect(toHex(after.data.subarray(12))).toBe('140303000101');
  });
});

describe('several handshake messages in one record (RFC 5246 §6.2.1, RFC 8446 §5.1 allow it)', () => {
  // A TLS 1.2 client with no certificate: an empty Certificate (RFC 5246 §7.4.6) and a ClientKeyExchange.
  const certificate = () => message(11, [0, 0, 0], 'Certificate');
  const cke = () => message(16, [2, 0xc1, 0xc2], 'ClientKeyExchange');

  it('one record holds both messages end to end; the second message’s fields start where the first ends', () => {
    const w = tlsWrite('Certificate, ClientKeyExchange', [{ kind: 'handshake', messages: [certificate(), cke()], title: 'Certificate, ClientKeyExchange', tls12: true }], 'both');
    expect(toHex(w.data)).toBe('160303000e' + '0b00000300' + '0000' + '1000000302c1c2');
    const [record] = w.layers[0].fields;
    expect([record.name, record.value, record.length]).toEqual(['TLS record: Certificate, ClientKeyExchange', '19 bytes', 19]);
    expect(record.children!.slice(3)).toEqual([
      { name: 'Certificate', value: '7 bytes', offset: 5, length: 7, children: [{ name: 'body', value: '3 bytes', offset: 9, length: 3 }] },
      { name: 'ClientKeyExchange', value: '7 bytes', offset: 12, length: 7, children: [{ name: 'body', value: '3 bytes', offset: 16, length: 3 }] },
    ]);
  });

  it('handshakeLayer: the messages as one layer, offsets from the first message’s start', () => {
    expect(handshakeLayer([certificate(), cke()], 'Certificate, ClientKeyExchange')).toEqual({
      name: 'TLS',
      summary: 'Certificate, ClientKeyExchange',
      fields: [
        { name: 'Certificate', value: '7 bytes', offset: 0, length: 7, children: [{ name: 'body', value: '3 bytes', offset: 4, length: 3 }] },
        { name: 'ClientKeyExchange', value: '7 bytes', offset: 7, length: 7, children: [{ name: 'body', value: '3 bytes', offset: 11, length: 3 }] },
      ],
    });
  });
});

describe('a write of 16 sealed records or more seals them when read (a 256 kB body and up)', () => {
  const pieces = (n: number, s: Sealer) => Array.from({ length: n }, (_, i) => ({ kind: 'sealed' as const, sealer: s, innerType: 23, content: Uint8Array.of(i, i, i), layers: [], title: `record ${i}` }));

  it('16 sealed records: headers at once, ciphertext only when read; then each opens with OpenSSL', () => {
    const w = tlsWrite('16 records', pieces(16, sealer()), 'lazy');
    expect(w.seal).toBeDefined();
    expect(w.data.length).toBe(16 * 25);
    expect(toHex(w.data.subarray(0, 25))).toBe('1703030014' + '00'.repeat(20)); // not sealed yet
    w.seal!(0, w.data.length);
    for (let i = 0; i < 16; i++) expect(open13(w.data.subarray(25 * i, 25 * (i + 1)), i)).toBe(`${toHex(Uint8Array.of(i, i, i))}17`);
  });

  it('15 sealed records after a ChangeCipherSpec (16 records, 15 sealed) are sealed at once', () => {
    const w = tlsWrite('CCS, 15 records', [{ kind: 'ccs' }, ...pieces(15, sealer())], 'eager');
    expect(w.seal).toBeUndefined();
    for (let i = 0; i < 15; i++) expect(open13(w.data.subarray(6 + 25 * i, 6 + 25 * (i + 1)), i)).toBe(`${toHex(Uint8Array.of(i, i, i))}17`);
  });
});
