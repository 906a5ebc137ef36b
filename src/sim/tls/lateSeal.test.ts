import { createCipheriv, createDecipheriv } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { realBytes } from '../bytes/lateBytes';
import { type AesGcmSeal, useAesGcm } from './aesGcm';
import { applicationDataWrite } from './appData';
import { Inbox, type Inbound } from './inbox';
import type { Sealer } from './writes';

// A record our own server sealed late reaches our own client's inbox as the very bytes the server
// left unsealed: the client takes the plaintext without sealing or opening (lateSeal.ts). Any other
// bytes must still be opened and authenticated; these tests tamper with them every way the
// shortcut could hide.

const key = Uint8Array.from({ length: 16 }, (_, i) => i * 7);
const iv = Uint8Array.from({ length: 12 }, (_, i) => 200 - i);
const sealer = (): Sealer => ({ keys: { key: key.slice(), iv: iv.slice() }, seq: 0, name: 'server application traffic key', aead: 'AES-128-GCM' });
const RECORDS = 17;
const body = Uint8Array.from({ length: (RECORDS - 1) * 16384 + 500 }, (_, i) => (i * 13 + (i >> 10)) & 0xff);
const http = { label: 'HTTP/1.1 200 OK', bytes: body, layer: { name: 'HTTP', summary: '200 OK', fields: [] } };

/** Counts what the AEAD does (OpenSSL underneath): the shortcut must leave both at 0. */
let seals = 0;
let opens = 0;
function countAead(): void {
  const impl: AesGcmSeal = (k, n, aad, p) => {
    seals++;
    const c = createCipheriv('aes-128-gcm', k, n);
    c.setAAD(aad);
    return new Uint8Array(Buffer.concat([c.update(p), c.final(), c.getAuthTag()]));
  };
  impl.open = (k, n, aad, sealed) => {
    opens++;
    const d = createDecipheriv('aes-128-gcm', k, n);
    d.setAAD(aad);
    d.setAuthTag(sealed.subarray(sealed.length - 16));
    return new Uint8Array(Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]));
  };
  seals = opens = 0;
  useAesGcm(impl);
}
afterEach(() => useAesGcm(undefined));

/** What the client's inbox hands over for `stream`, fed in TCP-sized chunks; the alert it raised, if any. */
function receive(stream: Uint8Array, keys = { key: key.slice(), iv: iv.slice() }): { data: Uint8Array[]; alert?: string } {
  const inbox = new Inbox();
  inbox.readKeys(keys);
  const data: Uint8Array[] = [];
  try {
    for (let at = 0; at < stream.length; at += 1448) inbox.push(stream.subarray(at, at + 1448), (item: Inbound) => item.kind === 'data' && data.push(item.bytes));
  } catch (e) {
    return { data, alert: (e as { alert?: string }).alert ?? String(e) };
  }
  return { data, alert: undefined };
}

const joined = (parts: Uint8Array[]) => Buffer.concat(parts);

describe('our client takes the plaintext of records our server sealed late, and nothing else', () => {
  it('the unsealed bytes themselves: the whole body, with no AES at all; the bytes are sealed later when read, and OpenSSL opens them', () => {
    countAead();
    const w = applicationDataWrite(sealer(), http);
    const got = receive(w.data);
    expect(got.alert).toBeUndefined();
    expect(joined(got.data).equals(Buffer.from(body))).toBe(true);
    expect([seals, opens]).toEqual([0, 0]);
    realBytes(w.data);
    expect(seals).toBe(RECORDS);
    const again = receive(w.data); // sealed now: really opened, record by record
    expect(joined(again.data).equals(Buffer.from(body))).toBe(true);
    expect(opens).toBe(RECORDS);
  });

  it('a copy with one bit flipped in record 5 fails there with bad_record_mac (the four before it are delivered)', () => {
    countAead();
    const w = applicationDataWrite(sealer(), http);
    const copy = realBytes(w.data).slice();
    const at = w.decrypted[4].end! + 100;
    copy[at] ^= 0x01;
    const got = receive(copy);
    expect(got.alert).toBe('bad_record_mac');
    expect(joined(got.data).equals(Buffer.from(body.subarray(0, 5 * 16384)))).toBe(true);
  });

  it('the same memory changed after sealing fails too: a sealed record is opened, never taken on trust', () => {
    const w = applicationDataWrite(sealer(), http);
    const third = w.data.subarray(w.decrypted[1].end!, w.decrypted[2].end!);
    realBytes(third)[third.length - 1] ^= 0x80; // the tag's last byte
    const got = receive(w.data);
    expect(got.alert).toBe('bad_record_mac');
    expect(got.data).toHaveLength(2);
  });

  it('a reader with other keys gets bad_record_mac, not the plaintext, though the bytes are still unsealed', () => {
    countAead();
    const w = applicationDataWrite(sealer(), http);
    const other = key.slice();
    other[0] ^= 1;
    const got = receive(w.data, { key: other, iv: iv.slice() });
    expect(got.alert).toBe('bad_record_mac');
    expect(got.data).toHaveLength(0);
    expect(seals).toBe(1); // it was sealed in order to be opened, as any record with no promise is
  });

  it('a record missing from the stream (the next one read under the wrong sequence number) fails with bad_record_mac', () => {
    const w = applicationDataWrite(sealer(), http);
    const second = w.decrypted[0].end!;
    const third = w.decrypted[1].end!;
    // Views of the same memory, the second record left out: the third is read as sequence number 1.
    const inbox = new Inbox();
    inbox.readKeys({ key: key.slice(), iv: iv.slice() });
    const data: Uint8Array[] = [];
    inbox.push(w.data.subarray(0, second), (item) => item.kind === 'data' && data.push(item.bytes));
    expect(() => inbox.push(w.data.subarray(third, third + 20_000), (item) => item.kind === 'data' && data.push(item.bytes))).toThrow(/does not open/);
    expect(data).toHaveLength(1);
  });
});
