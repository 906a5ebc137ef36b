import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../../bytes/hex';
import { fillWhenRead } from '../../bytes/lateBytes';
import { duplexPair } from '../interop/duplexPair';
import { rfc8448 as v } from '../rfc8448.fixture';
import { testPem } from '../testCertificates.node';
import { parseAlert } from './alert';
import { Cursor, TlsParseError } from './cursor';
import { MAX_RECORD_FRAGMENT, parseRecordAt, parseRecords, RecordReader } from './record';

// Oracles: RFC 8446 §3 (big-endian integers, vectors with a 1-, 2- or 3-byte length), §5.1 and
// RFC 5246 §6.2.1 (record header, 2^14 + 2048 bytes at most), §6 (alerts); the bytes OpenSSL sends
// for a handshake_failure alert (15 03 03 00 02 02 28) and RFC 8448's records.
describe('Cursor (RFC 8446 §3)', () => {
  it('reads big-endian 8-, 16-, 24- and 32-bit integers and moves past them', () => {
    const c = new Cursor(fromHex('01 0203 040506 fffffffe 99'.replace(/ /g, '')));
    expect(c.u8('a')).toBe(1);
    expect(c.u16('b')).toBe(0x0203);
    expect(c.u24('c')).toBe(0x040506);
    expect(c.at).toBe(6);
    expect(c.u32('d')).toBe(0xfffffffe);
    expect(c.left).toBe(1);
    expect(() => c.done('Thing')).toThrow('TLS parse: Thing has 1 unexpected trailing bytes');
    expect(c.take(1, 'e')).toEqual(Uint8Array.of(0x99));
    c.done('Thing');
  });

  it('a read past the end names the field, what it needs and what is left', () => {
    const err = (f: (c: Cursor) => unknown, hex: string) => {
      try {
        f(new Cursor(fromHex(hex)));
      } catch (e) {
        expect(e).toBeInstanceOf(TlsParseError);
        expect((e as Error).name).toBe('TlsParseError');
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err((c) => c.u8('x'), '')).toBe('TLS parse: x needs 1 bytes, 0 left');
    expect(err((c) => c.u16('cipher suite'), '01')).toBe('TLS parse: cipher suite needs 2 bytes, 1 left');
    expect(err((c) => c.u24('length'), '0102')).toBe('TLS parse: length needs 3 bytes, 2 left');
    expect(err((c) => c.u32('ticket_lifetime'), '010203')).toBe('TLS parse: ticket_lifetime needs 2 bytes, 1 left');
    expect(err((c) => c.take(5, 'random'), '01020304')).toBe('TLS parse: random needs 5 bytes, 4 left');
    expect(err((c) => c.vector(1, 'session id'), '03aabb')).toBe('TLS parse: session id needs 3 bytes, 2 left');
    expect(err((c) => c.vector(2, 'extensions'), '00')).toBe('TLS parse: extensions length needs 2 bytes, 1 left');
    expect(err((c) => c.vector(3, 'certificate'), '0000')).toBe('TLS parse: certificate length needs 3 bytes, 2 left');
    expect(err((c) => c.u16('exact'), '0102')).toBe('no error');
  });

  it('vectors with 1-, 2- and 3-byte lengths; a sub-cursor sees only the vector; an end short of the buffer is the end', () => {
    const c = new Cursor(fromHex('02aabb 0001cc 000002ddee 0003 010203 ff'.replace(/ /g, '')));
    expect(toHex(c.vector(1, 'a'))).toBe('aabb');
    expect(toHex(c.vector(2, 'b'))).toBe('cc');
    expect(toHex(c.vector(3, 'c'))).toBe('ddee');
    const sub = c.sub(2, 'list');
    expect([sub.at, sub.left, sub.u8('i'), sub.u16('j'), sub.left]).toEqual([0, 3, 1, 0x0203, 0]);
    expect(c.left).toBe(1);
    const bounded = new Cursor(fromHex('0102030405'), 1, 3);
    expect(bounded.left).toBe(2);
    expect(bounded.u16('x')).toBe(0x0203);
    expect(() => bounded.u8('y')).toThrow('y needs 1 bytes, 0 left');
  });
});

describe('Alert (RFC 8446 §6)', () => {
  it("reads OpenSSL's handshake_failure and a close_notify; names a code it does not know; refuses a third byte", () => {
    expect(parseAlert(Uint8Array.of(2, 40))).toEqual({ level: 2, description: 40, name: 'handshake_failure' });
    expect(parseAlert(Uint8Array.of(1, 0))).toEqual({ level: 1, description: 0, name: 'close_notify' });
    expect(parseAlert(Uint8Array.of(2, 200)).name).toBe('unknown (0x00c8)');
    expect(() => parseAlert(Uint8Array.of(2, 40, 0))).toThrow('Alert has 1 unexpected trailing bytes');
    expect(() => parseAlert(Uint8Array.of(2))).toThrow('alert description needs 1 bytes');
  });
});

describe('record layer parsing (RFC 8446 §5.1, RFC 5246 §6.2.1)', () => {
  const alert = fromHex('15030300020228');
  it('a record: type, version, fragment, offset in the stream and whole length; fewer than 5 bytes or a short fragment wait', () => {
    expect(parseRecordAt(alert, 0)).toEqual({ type: 21, version: 0x0303, fragment: Uint8Array.of(2, 40), offset: 0, length: 7 });
    const two = concat(Uint8Array.of(9, 9), alert);
    expect(parseRecordAt(two, 2)).toMatchObject({ offset: 2, length: 7 });
    expect(parseRecordAt(two, 2, 1000)).toMatchObject({ offset: 1000 });
    expect(parseRecordAt(alert.subarray(0, 4), 0)).toBeUndefined();
    expect(parseRecordAt(alert.subarray(0, 6), 0)).toBeUndefined();
    expect(parseRecordAt(alert.subarray(0, 5), 0)).toBeUndefined();
    expect(parseRecordAt(fromHex('1403030000'), 0)).toMatchObject({ type: 20, fragment: new Uint8Array(0), length: 5 });
  });

  it('refuses a type, version or length that is not TLS, saying where in the stream', () => {
    expect(() => parseRecordAt(fromHex('1303030000'), 0, 77)).toThrow('TLS parse: unknown record content type 19 at stream offset 77 (not TLS, or the stream lost its place)');
    expect(() => parseRecordAt(fromHex('1803030000'), 0)).toThrow('unknown record content type 24');
    expect(() => parseRecordAt(fromHex('1602000000'), 0, 5)).toThrow('TLS parse: record version 0x200 at stream offset 5 is not 3.x');
    expect(() => parseRecordAt(fromHex('1604030000'), 0)).toThrow('record version 0x403');
    expect(MAX_RECORD_FRAGMENT).toBe(18432);
    const header = (n: number) => Uint8Array.of(23, 3, 3, n >> 8, n & 0xff);
    expect(parseRecordAt(concat(header(18432), new Uint8Array(18432)), 0)).toMatchObject({ length: 18437 });
    expect(() => parseRecordAt(header(18433), 0, 9)).toThrow('TLS parse: record of 18433 bytes at stream offset 9 exceeds 18432 (record_overflow)');
  });

  it('parseRecords: every whole record and the bytes left of the next', () => {
    const stream = fromHex(v.serverHelloRecord + v.serverEncryptedRecord);
    expect(parseRecords(stream).rest).toBe(0);
    const cut = parseRecords(stream.subarray(0, 100));
    expect(cut.records.map((r) => [r.type, r.offset, r.length])).toEqual([[22, 0, 95]]);
    expect(cut.rest).toBe(5);
    expect(parseRecords(new Uint8Array(0))).toEqual({ records: [], rest: 0 });
  });

  it('RecordReader: holds a partial record, counts stream offsets across pushes, ignores empty chunks', () => {
    const r = new RecordReader();
    expect(r.push(new Uint8Array(0))).toEqual([]);
    expect(r.push(alert.subarray(0, 3))).toEqual([]);
    expect(r.buffered).toBe(3);
    expect(r.push(alert.subarray(3, 6))).toEqual([]);
    expect(r.buffered).toBe(6);
    const [first] = r.push(concat(alert.subarray(6), alert.subarray(0, 2)));
    expect(first).toMatchObject({ type: 21, offset: 0, length: 7 });
    expect(r.buffered).toBe(2);
    const rest = r.push(concat(alert.subarray(2), alert));
    expect(rest.map((x) => x.offset)).toEqual([7, 14]);
    expect(r.buffered).toBe(0);
    expect(rest.map((x) => toHex(x.fragment))).toEqual(['0228', '0228']);
  });

  it('fragments are copies: the caller may reuse its buffers; chunks of one buffer lying end to end read in place', () => {
    const buf = fromHex(v.serverHelloRecord + v.serverHelloRecord);
    const r = new RecordReader();
    const got = [...r.push(buf.subarray(0, 50)), ...r.push(buf.subarray(50, 120)), ...r.push(buf.subarray(120))];
    expect(got.map((x) => x.offset)).toEqual([0, 95]);
    buf.fill(0);
    expect(got.map((x) => toHex(x.fragment))).toEqual([v.serverHelloRecord.slice(10), v.serverHelloRecord.slice(10)]);
    // Separate buffers for one record.
    const rec = fromHex(v.serverHelloRecord);
    const r2 = new RecordReader();
    expect(r2.push(rec.slice(0, 2))).toEqual([]);
    expect(r2.push(rec.slice(2, 40))).toEqual([]);
    expect(r2.push(rec.slice(40, 94))).toEqual([]);
    expect(toHex(r2.push(rec.slice(94))[0].fragment)).toBe(v.serverHelloRecord.slice(10));
  });

  it('bytes filled in late are filled before a record is read from chunks in separate buffers, and kept in place otherwise', () => {
    const rec = fromHex(v.serverHelloRecord);
    const late = new Uint8Array(rec.length);
    late.set(rec.subarray(0, 5));
    let filled = 0;
    fillWhenRead(late, (start, end) => {
      late.set(rec.subarray(Math.max(start, 5), end), Math.max(start, 5));
      filled++;
    });
    const r = new RecordReader();
    expect(r.push(late.subarray(0, 30))).toEqual([]);
    const [got] = r.push(late.slice(30).fill(0).map((_, i) => rec[30 + i]));
    expect(filled).toBe(1);
    expect(toHex(got.fragment)).toBe(v.serverHelloRecord.slice(10));
    const inPlace = new Uint8Array(rec.length);
    inPlace.set(rec);
    fillWhenRead(inPlace, () => {});
    const [view] = new RecordReader().push(inPlace);
    expect(view.fragment.buffer).toBe(inPlace.buffer);
  });
});

describe('a stream that is not TLS', () => {
  // Oracle: OpenSSL (Node's tls server) refuses an HTTP request sent to a TLS port as soon as it
  // has the first 5 bytes, without waiting for the 8 KiB they would announce as a record length.
  it('is refused as soon as its first record header is in, as OpenSSL refuses it', async () => {
    const request = new TextEncoder().encode('GET / HTTP/1.1\r\n');
    const opensslError = await new Promise<string>((resolve) => {
      const [c, s] = duplexPair();
      const server = new tls.TLSSocket(s, { isServer: true, cert: testPem.leaf, key: testPem.key });
      server.on('error', (e: Error & { code?: string }) => resolve(e.code ?? e.message));
      c.write(request);
    });
    expect(opensslError).toBe('ERR_SSL_HTTP_REQUEST');
    expect(() => new RecordReader().push(request)).toThrow('TLS parse: unknown record content type 71 at stream offset 0');
    const r = new RecordReader();
    expect(r.push(request.subarray(0, 4))).toEqual([]);
    expect(() => r.push(request.subarray(4, 5))).toThrow('unknown record content type 71');
    const after = new RecordReader();
    after.push(fromHex('15030300020228'));
    expect(() => after.push(fromHex('16020100ff'))).toThrow('TLS parse: record version 0x201 at stream offset 7 is not 3.x');
    expect(() => new RecordReader().push(fromHex('1703034801'))).toThrow('record_overflow');
  }, 20_000);
});

describe('bounds the first run left open', () => {
  it('an empty alert and an empty 1-byte vector name the missing field', () => {
    expect(() => parseAlert(new Uint8Array(0))).toThrow('TLS parse: alert level needs 1 bytes, 0 left');
    expect(() => new Cursor(new Uint8Array(0)).vector(1, 'session id')).toThrow('TLS parse: session id length needs 1 bytes, 0 left');
  });

  it('chunks of two buffers are copied even when the second starts at the offset where the first ends', () => {
    const rec = fromHex(v.serverHelloRecord);
    const a = new Uint8Array(200);
    a.set(rec.subarray(0, 10));
    const b = new Uint8Array(200);
    b.set(rec.subarray(10), 10);
    const r = new RecordReader();
    expect(r.push(a.subarray(0, 10))).toEqual([]);
    const [got] = r.push(b.subarray(10, rec.length));
    expect(toHex(got.fragment)).toBe(v.serverHelloRecord.slice(10));
  });

  it('late chunks lying end to end in one buffer are read in place, not filled', () => {
    const rec = fromHex(v.serverHelloRecord);
    const late = new Uint8Array(rec.length);
    late.set(rec);
    let fills = 0;
    fillWhenRead(late, () => fills++);
    const r = new RecordReader();
    expect(r.push(late.subarray(0, 3))).toEqual([]);
    expect(r.push(late.subarray(3, 50))).toEqual([]);
    const [got] = r.push(late.subarray(50));
    expect(got.fragment.buffer).toBe(late.buffer);
    expect(toHex(got.fragment)).toBe(v.serverHelloRecord.slice(10));
    expect(fills).toBe(0);
  });
});

describe('chunks of one buffer that do not lie end to end', () => {
  it('are copied in order, not read as one stretch of their buffer', () => {
    const rec = fromHex(v.serverHelloRecord);
    const buf = new Uint8Array(200);
    buf.set(rec.subarray(0, 3));
    buf.set(rec.subarray(3), 10);
    const r = new RecordReader();
    expect(r.push(buf.subarray(0, 3))).toEqual([]);
    const [got] = r.push(buf.subarray(10, 10 + rec.length - 3));
    expect(toHex(got.fragment)).toBe(v.serverHelloRecord.slice(10));
  });
});
