import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import { alertWrite, applicationDataWrite, closeNotifyWrite, fatalAlertWrite } from './appData';
import type { Sealer, TlsWrite } from './writes';

// The records an application's write becomes (RFC 8446 §5.1, §5.2, §6), opened with OpenSSL's
// AES-128-GCM (node:crypto), not our own AEAD: nonce = iv XOR the 64-bit sequence number, the
// record header as additional data, the content type as the plaintext's last byte.

const key = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const iv = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
const sealer = (seq = 5): Sealer => ({ keys: { key, iv }, seq, name: 'server application traffic key', aead: 'AES-128-GCM' });

/** Each record of a write: its header fields and its opened plaintext (content, then the inner type). */
function open(data: Uint8Array, firstSeq: number) {
  const out: { type: number; version: number; content: Uint8Array; innerType: number }[] = [];
  for (let at = 0, seq = firstSeq; at < data.length; seq++) {
    const length = (data[at + 3] << 8) | data[at + 4];
    const header = data.subarray(at, at + 5);
    const body = data.subarray(at + 5, at + 5 + length);
    const nonce = iv.slice();
    for (let i = 0; i < 8; i++) nonce[11 - i] ^= Math.floor(seq / 2 ** (8 * i)) & 0xff;
    const d = createDecipheriv('aes-128-gcm', key, nonce);
    d.setAAD(header);
    d.setAuthTag(body.subarray(body.length - 16));
    const plain = new Uint8Array(Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]));
    out.push({ type: header[0], version: (header[1] << 8) | header[2], content: plain.subarray(0, -1), innerType: plain.at(-1)! });
    at += 5 + length;
  }
  return out;
}

const message = (size: number): HttpMessage => ({
  label: 'HTTP/1.1 200 OK',
  bytes: Uint8Array.from({ length: size }, (_, i) => (i * 7 + 3) & 0xff),
  layer: { name: 'HTTP', summary: 'HTTP/1.1 200 OK', fields: [{ name: 'body', value: `${size} bytes`, offset: 0, length: size }] },
});

/** A write's records all read, sealing the late ones first (a write of 16 records or more seals when read). */
const bytesOf = (w: TlsWrite) => {
  w.seal?.(0, w.data.length);
  return w.data;
};

describe('an HTTP message in application data records (RFC 8446 §5.1: at most 2^14 bytes each)', () => {
  it.each([
    [0, [0]],
    [1, [1]],
    [16384, [16384]],
    [16385, [16384, 1]],
    [40000, [16384, 16384, 7232]],
    [16 * 16384 + 5, [...Array(16).fill(16384), 5]],
  ])('%i bytes: records of %j, each opened under the next sequence number, laid end to end the message', (size, lengths) => {
    const s = sealer();
    const http = message(size);
    const w = applicationDataWrite(s, http);
    const records = open(bytesOf(w), 5);
    expect(records.map((r) => r.content.length)).toEqual(lengths);
    expect(records.every((r) => r.type === 23 && r.version === 0x0303 && r.innerType === 23)).toBe(true);
    expect(toHex(Uint8Array.from(records.flatMap((r) => [...r.content])))).toBe(toHex(http.bytes));
    expect(s.seq).toBe(5 + lengths.length);
    expect(w.decrypted.map((d) => d.bytes.length)).toEqual(lengths);
    expect([w.label, w.topLayer]).toEqual(['HTTP/1.1 200 OK', 'http']);
  });

  it('one record: titled by the message; several: "record i of n", each layer clipped to its bytes', () => {
    const one = applicationDataWrite(sealer(), message(100));
    expect([one.decrypted[0].title, one.layers[0].summary]).toEqual(['HTTP/1.1 200 OK', 'Application data record: HTTP/1.1 200 OK, encrypted']);
    expect(one.decrypted[0].layers[0].summary).toBe('HTTP/1.1 200 OK');
    const three = applicationDataWrite(sealer(), message(40000));
    expect(three.decrypted.map((d) => d.title)).toEqual(['HTTP/1.1 200 OK (record 1 of 3)', 'HTTP/1.1 200 OK (record 2 of 3)', 'HTTP/1.1 200 OK (record 3 of 3)']);
    expect(three.decrypted.map((d) => d.layers[0].summary)).toEqual(['HTTP/1.1 200 OK (bytes 0–16384)', 'HTTP/1.1 200 OK (bytes 16384–32768)', 'HTTP/1.1 200 OK (bytes 32768–40000)']);
    expect(three.decrypted[2].layers[0].fields[0]).toMatchObject({ offset: 0, length: 7232, value: '40000 bytes [32768–40000 of 40000 bytes here]' });
    expect(three.layers[0].summary).toBe('Application data: HTTP/1.1 200 OK in 3 encrypted records');
    expect(applicationDataWrite(sealer(), message(40000), [], 'Early data').layers[0].summary).toBe('Early data: HTTP/1.1 200 OK in 3 encrypted records');
  });

  it("after `before` (0-RTT's ChangeCipherSpec): that record first, then the message's", () => {
    const w = applicationDataWrite(sealer(), message(10), [{ kind: 'ccs' }], 'Early data');
    expect(toHex(w.data.subarray(0, 6))).toBe('140303000101');
    expect(open(w.data.subarray(6), 5).map((r) => r.content.length)).toEqual([10]);
    expect(w.layers[0].summary).toBe('ChangeCipherSpec, then Early data record: HTTP/1.1 200 OK, encrypted');
  });
});

describe('alerts (RFC 8446 §6)', () => {
  it('close_notify is a warning (level 1, code 0), sealed as application data with the alert type inside', () => {
    const w = closeNotifyWrite(sealer(9));
    const [r] = open(w.data, 9);
    expect([r.type, [...r.content], r.innerType]).toEqual([23, [1, 0], 21]);
    expect(w.decrypted[0].layers[0].fields.map((f) => [f.name, f.value])).toEqual([['level', '1 (warning)'], ['description', '0 (close_notify)']]);
    expect(w.decrypted[0].layers[0].fields[1].note).toBe('no more data from this side: a truncation attack would lack it');
    expect([w.label, w.decrypted[0].title, w.layers[0].summary]).toEqual(['close_notify', 'close_notify', 'Application data record: alert, encrypted']);
  });

  it('every other alert is fatal (level 2) with its RFC 8446 §6 code; an unknown name is a programming error', () => {
    const w = alertWrite(sealer(), 'bad_record_mac', 'the tag did not match');
    expect(open(w.data, 5).map((r) => [...r.content, r.innerType])).toEqual([[2, 20, 21]]);
    expect(w.decrypted[0].layers[0]).toMatchObject({ name: 'TLS', summary: 'Alert: bad_record_mac' });
    expect(w.decrypted[0].layers[0].fields[0].value).toBe('2 (fatal)');
    expect(() => alertWrite(sealer(), 'not_an_alert', '')).toThrow('unknown alert not_an_alert');
  });

  it('a fatal alert is sealed once there are write keys, in the clear before (RFC 8446 §5.1)', () => {
    expect(toHex(fatalAlertWrite(undefined, 'handshake_failure', 'no suite in common').data)).toBe('15030300020228');
    const sealed = fatalAlertWrite(sealer(), 'decrypt_error', 'bad Finished');
    expect(open(sealed.data, 5).map((r) => [r.type, ...r.content, r.innerType])).toEqual([[23, 2, 51, 21]]);
  });
});
