import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import { realBytes } from '../bytes/lateBytes';
import { type LateRecord, ownUnsealedRecord, sealWhenRead } from './lateSeal';
import { recordHeader, sealRecord } from './record';

// sealWhenRead given its records by hand: each a TLS 1.3 record (RFC 8446 §5.2) of `content`
// under sequence number `seq`, 5 + content + 1 + 16 bytes, its header written before sealing.

const keys = { key: Uint8Array.from({ length: 16 }, (_, i) => 0x11 * (i + 1)), iv: Uint8Array.from({ length: 12 }, (_, i) => 0x70 + i) };

function late(at: number, seq: number, content: Uint8Array, length = 5 + content.length + 1 + 16): LateRecord {
  return { at, length, keys, seq, tls12: false, innerType: 23, content, seal: () => sealRecord(keys, seq, 23, content) };
}

describe('sealWhenRead', () => {
  it('a record announced one byte short (its inner type byte forgotten) is named when sealed, not written over its neighbour', () => {
    const c = Uint8Array.of(1, 2, 3);
    const data = new Uint8Array(25 + 24);
    const seal = sealWhenRead('two records', data, [late(0, 0, c), late(25, 1, c, 24)]);
    expect(() => seal(0, data.length)).toThrow('TLS: record 2 of "two records" sealed to 25 bytes, 24 expected');
  });

  it('a write that is a view at an offset into a larger buffer: records are found from its own start', () => {
    const buffer = new ArrayBuffer(64 + 50);
    const data = new Uint8Array(buffer, 64, 50);
    const c0 = Uint8Array.of(0xa0, 0xa1, 0xa2);
    const c1 = Uint8Array.of(0xb0, 0xb1, 0xb2);
    data.set(recordHeader(23, 20), 0);
    data.set(recordHeader(23, 20), 25);
    sealWhenRead('at 64', data, [late(0, 0, c0), late(25, 1, c1)]);
    expect(ownUnsealedRecord({ type: 23, version: 0x0303 }, data.subarray(30, 50), { key: keys.key.slice(), iv: keys.iv.slice() }, 1, false)).toEqual({ type: 23, content: c1 });
    // Sealed when read: the second record opens with OpenSSL under sequence number 1.
    const record = realBytes(data).subarray(25, 50);
    const nonce = keys.iv.slice();
    nonce[11] ^= 1;
    const d = createDecipheriv('aes-128-gcm', keys.key, nonce);
    d.setAAD(record.subarray(0, 5));
    d.setAuthTag(record.subarray(9));
    expect(Buffer.concat([d.update(record.subarray(5, 9)), d.final()]).toString('hex')).toBe(`${toHex(c1)}17`);
    expect(toHex(new Uint8Array(buffer, 0, 64))).toBe('00'.repeat(64)); // nothing written before the write
  });
});
