import { describe, expect, it } from 'vitest';
import { HELLO_RETRY_REQUEST_RANDOM } from '../sim/tls/parse/handshake';
import { rfc8448 } from '../sim/tls/rfc8448.fixture';
import type { Packet } from '../sim/types';
import { tlsHandshakesOf } from './tlsVersion';
import { segment, traceBuilder } from './traceBuilder';

/**
 * The version each connection's ServerHello agreed, from hand-built TCP segments around real and
 * hand-laid records: RFC 8448 §3's ServerHello (supported_versions = TLS 1.3), a TLS 1.2 one
 * (legacy_version 0x0303, no extensions; RFC 5246 §7.4.1.3), a HelloRetryRequest (RFC 8446 §4.1.4).
 */
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const u16 = (n: number) => n.toString(16).padStart(4, '0');
const record = (type: number, body: string) => `${type.toString(16).padStart(2, '0')}0303${u16(body.length / 2)}${body}`;
const handshake = (type: number, body: string) => `${type.toString(16).padStart(2, '0')}00${u16(body.length / 2)}${body}`;
const random = '11'.repeat(32);
/** A ServerHello body: legacy_version, random, empty session id, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, null compression, extensions. */
const serverHello = (legacy: number, extensions?: string, rnd = random) => handshake(2, `${u16(legacy)}${rnd}00c02f00${extensions === undefined ? '' : u16(extensions.length / 2) + extensions}`);
const supportedVersion = (v: number) => `002b0002${u16(v)}`;
const TLS13_RECORD = rfc8448.serverHelloRecord;
const TLS12_RECORD = record(22, serverHello(0x0303));
const CLIENT_HELLO = record(22, rfc8448.clientHello);

const versions = (packets: Packet[]) => [...tlsHandshakesOf(packets)].map(([stream, h]) => [stream, h.version, h.serverHelloId]);

describe('tlsHandshakesOf', () => {
  it('reads TLS 1.3 from supported_versions (RFC 8448), TLS 1.2 from legacy_version, per stream', () => {
    const b = traceBuilder();
    b.packet('client', 'server', 'ClientHello', 0, 20_000, segment(1000, CLIENT_HELLO, 0));
    b.packet('server', 'client', 'ServerHello', 20_000, 20_000, segment(5000, TLS13_RECORD, 0));
    b.packet('client', 'server', 'ClientHello', 0, 20_000, segment(1000, CLIENT_HELLO, 1));
    b.packet('server', 'client', 'ACK', 20_000, 20_000, { ...segment(9, '', 1) });
    b.packet('server', 'client', 'ServerHello', 20_000, 20_000, segment(9, TLS12_RECORD, 1));
    expect(versions(b.build().packets)).toEqual([
      [0, 'TLS 1.3', 1],
      [1, 'TLS 1.2', 4],
    ]);
    expect(hex(HELLO_RETRY_REQUEST_RANDOM)).toHaveLength(64);
  });

  it('names any other version: SSL 3.0 to TLS 1.1 by name, the rest by number', () => {
    const one = (sh: string) => {
      const b = traceBuilder();
      b.packet('server', 'client', 'ServerHello', 0, 20_000, segment(1, record(22, sh)));
      return versions(b.build().packets)[0]?.[1];
    };
    expect([0x0300, 0x0301, 0x0302].map((v) => one(serverHello(v)))).toEqual(['SSL 3.0', 'TLS 1.0', 'TLS 1.1']);
    expect(one(serverHello(0x0303, supportedVersion(0x7f1c)))).toBe('TLS 0x7f1c');
    expect(one(serverHello(0x0303, supportedVersion(0x0304)))).toBe('TLS 1.3');
    expect(one(serverHello(0x0303, ''))).toBe('TLS 1.2'); // an empty extensions block
    expect(one(serverHello(0x0303, '00'))).toBeUndefined(); // a torn extensions block does not parse
  });

  it('puts a ServerHello split over segments back together in sequence order, retransmissions and ACKs aside', () => {
    const b = traceBuilder();
    const [head, tail] = [TLS13_RECORD.slice(0, 20), TLS13_RECORD.slice(20)];
    b.packet('server', 'client', 'tail', 0, 20_000, segment(10 + 10, tail));
    b.packet('server', 'client', 'ACK', 0, 20_000, segment(10, ''));
    b.packet('server', 'client', 'head', 10, 20_000, segment(10, head));
    b.packet('server', 'client', 'head again', 20, 20_000, segment(10, head));
    // The server's first segment seen is `tail` (seq 20): `head` (seq 10) is from before it and is left out.
    expect(versions(b.build().packets)).toEqual([]);
    const c = traceBuilder();
    c.packet('server', 'client', 'head', 0, 20_000, segment(10, head));
    c.packet('server', 'client', 'tail', 10, 20_000, segment(10 + 10, tail));
    c.packet('server', 'client', 'head again', 20, 20_000, segment(10, head));
    expect(versions(c.build().packets)).toEqual([[0, 'TLS 1.3', 0]]);
  });

  it('stops at a hole: bytes after a missed segment are not read', () => {
    const b = traceBuilder();
    b.packet('server', 'client', 'head', 0, 20_000, segment(10, TLS13_RECORD.slice(0, 20)));
    b.packet('server', 'client', 'tail', 10, 20_000, segment(10 + 11, TLS13_RECORD.slice(22)));
    expect(versions(b.build().packets)).toEqual([]);
  });

  it('reads through IPv6 and TCP options to the payload', () => {
    const b = traceBuilder();
    b.packet('server', 'client', 'ServerHello', 0, 20_000, segment(1, TLS12_RECORD, 0, { ipv6: true, tcpWords: 8 }));
    expect(versions(b.build().packets)).toEqual([[0, 'TLS 1.2', 0]]);
  });

  it('skips ChangeCipherSpec before the ServerHello; gives up at anything else (application data, an alert, not TLS)', () => {
    const one = (payload: string) => {
      const b = traceBuilder();
      b.packet('server', 'client', 'ack', 0, 20_000, segment(1, ''));
      b.packet('server', 'client', 'x', 0, 20_000, segment(1, payload));
      b.packet('server', 'client', 'y', 0, 20_000, segment(1 + payload.length / 2, TLS12_RECORD));
      return versions(b.build().packets);
    };
    expect(one(record(20, '01'))).toEqual([[0, 'TLS 1.2', 2]]);
    expect(one(record(23, 'abcd'))).toEqual([]);
    expect(one(record(21, '0228'))).toEqual([]);
    expect(one('485454502f312e3120323030')).toEqual([]); // "HTTP/1.1 200"
    expect(one(`16ff03${TLS12_RECORD.slice(6)}`.slice(0, 10))).toEqual([]); // a record header that is not version 3.x
  });

  it('takes the ServerHello after a HelloRetryRequest (which names TLS 1.3 too), and the packet its record starts in', () => {
    const hrr = record(22, serverHello(0x0303, `${supportedVersion(0x0304)}00330002001d`, hex(HELLO_RETRY_REQUEST_RANDOM)));
    const b = traceBuilder();
    b.packet('server', 'client', 'HRR', 0, 20_000, segment(1, hrr));
    b.packet('server', 'client', 'ServerHello', 40_000, 20_000, segment(1 + hrr.length / 2, record(22, serverHello(0x0303, supportedVersion(0x0302)))));
    expect(versions(b.build().packets)).toEqual([[0, 'TLS 1.1', 1]]);
  });

  it('the ServerHello after a HelloRetryRequest, split over two records: credited to the packet where it starts (not the HRR’s)', () => {
    const hrr = record(22, serverHello(0x0303, `${supportedVersion(0x0304)}00330002001d`, hex(HELLO_RETRY_REQUEST_RANDOM)));
    const msg = serverHello(0x0303, supportedVersion(0x0304));
    const [first, second] = [record(22, msg.slice(0, 30)), record(22, msg.slice(30))];
    const b = traceBuilder();
    b.packet('server', 'client', 'HRR', 0, 20_000, segment(1, hrr));
    b.packet('server', 'client', 'SH 1/2', 40_000, 20_000, segment(1 + hrr.length / 2, first));
    b.packet('server', 'client', 'SH 2/2', 40_010, 20_000, segment(1 + (hrr + first).length / 2, second));
    expect(versions(b.build().packets)).toEqual([[0, 'TLS 1.3', 1]]);
  });

  it('reads only the payload: padding after a short segment (an Ethernet frame’s) is not stream bytes', () => {
    const [head, tail] = [TLS12_RECORD.slice(0, 20), TLS12_RECORD.slice(20)];
    const b = traceBuilder();
    b.packet('server', 'client', 'head', 0, 20_000, segment(1, head, 0, { padding: 6 }));
    b.packet('server', 'client', 'tail', 10, 20_000, segment(11, tail, 0, { padding: 6 }));
    expect(versions(b.build().packets)).toEqual([[0, 'TLS 1.2', 0]]);
  });

  it('a record whose major version is not 3 is not TLS, whatever follows', () => {
    const b = traceBuilder();
    b.packet('server', 'client', 'x', 0, 20_000, segment(1, `1602${TLS12_RECORD.slice(4)}`));
    expect(versions(b.build().packets)).toEqual([]);
  });

  it('a ServerHello whose record began in an earlier segment is credited to the packet holding its record header', () => {
    // Two handshake records: the ServerHello's message split across them; it starts in the first.
    const msg = serverHello(0x0303);
    const first = record(22, msg.slice(0, 20));
    const second = record(22, msg.slice(20));
    const b = traceBuilder();
    b.packet('server', 'client', 'one', 0, 20_000, segment(1, first));
    b.packet('server', 'client', 'two', 10, 20_000, segment(1 + first.length / 2, second));
    expect(versions(b.build().packets)).toEqual([[0, 'TLS 1.2', 0]]);
  });

  it('the client’s direction (a ClientHello) and a stream without TLS give nothing; the last record may be cut short', () => {
    const b = traceBuilder();
    b.packet('client', 'server', 'ClientHello', 0, 20_000, segment(1, CLIENT_HELLO));
    b.packet('client', 'server', 'GET', 0, 20_000, segment(1, '474554202f20485454502f312e310d0a', 2));
    b.packet('server', 'client', 'ServerHello', 0, 20_000, segment(1, TLS12_RECORD.slice(0, TLS12_RECORD.length - 2), 3));
    expect(versions(b.build().packets)).toEqual([]);
    // A first flight in one record longer than the bytes looked at: its first message still counts.
    const long = record(22, serverHello(0x0303) + handshake(11, 'ab'.repeat(20_000)));
    const c = traceBuilder();
    c.packet('server', 'client', 'flight', 0, 20_000, segment(1, long));
    expect(versions(c.build().packets)).toEqual([[0, 'TLS 1.2', 0]]);
  });

  it('sorts the segments by sequence number before reading (a later segment captured first)', () => {
    const [a, b2, c] = [TLS12_RECORD.slice(0, 20), TLS12_RECORD.slice(20, 40), TLS12_RECORD.slice(40)];
    const t = traceBuilder();
    t.packet('server', 'client', '1/3', 0, 20_000, segment(100, a));
    t.packet('server', 'client', '3/3', 10, 20_000, segment(120, c));
    t.packet('server', 'client', '2/3', 20, 20_000, segment(110, b2));
    expect(versions(t.build().packets)).toEqual([[0, 'TLS 1.2', 0]]);
  });

  it('a hole as long as the ServerHello: the segment after it is not read in its place', () => {
    const t = traceBuilder();
    t.packet('server', 'client', 'ccs', 0, 20_000, segment(1, record(20, '01')));
    t.packet('server', 'client', 'after the hole', 10, 20_000, segment(1 + 6 + TLS12_RECORD.length / 2, TLS12_RECORD));
    expect(versions(t.build().packets)).toEqual([]);
  });

  it('only a handshake record can hold it, and only as the first message: a ServerHello’s bytes in another record or message do not count', () => {
    const one = (payload: string) => {
      const t = traceBuilder();
      t.packet('server', 'client', 'x', 0, 20_000, segment(1, payload));
      return versions(t.build().packets);
    };
    expect(one(record(23, serverHello(0x0303)))).toEqual([]);
    expect(one(record(22, handshake(11, serverHello(0x0303).slice(8)) + serverHello(0x0303)))).toEqual([]);
    // A ServerHello that does not parse ends the search: a second one after it is not believed.
    expect(one(record(22, serverHello(0x0303, '00')) + TLS12_RECORD)).toEqual([]);
    expect(one(record(22, serverHello(0x0200)))[0]?.[1]).toBe('TLS 0x0200');
  });

  it('looks only at the first 16 kB of each direction', () => {
    const b = traceBuilder();
    b.packet('server', 'client', 'data', 0, 20_000, segment(1, record(20, '01')));
    b.packet('server', 'client', 'ServerHello', 0, 20_000, segment(1 + 16 * 1024, TLS12_RECORD));
    expect(versions(b.build().packets)).toEqual([]);
    const c = traceBuilder();
    c.packet('server', 'client', 'ccs', 0, 20_000, segment(1, record(20, '00'.repeat(16 * 1024 - 10))));
    c.packet('server', 'client', 'ServerHello', 0, 20_000, segment(1 + 16 * 1024 - 5, TLS12_RECORD));
    expect(versions(c.build().packets)).toEqual([]); // its header fits, its body does not: cut to nothing
  });
});
