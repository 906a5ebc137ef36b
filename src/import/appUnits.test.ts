import { describe, expect, it } from 'vitest';
import { fromHex } from '../sim/bytes/hex';
import { dissectStream, dnsUnit } from './appUnits';
import type { TcpStream } from './tcpStreams';

// What one TCP connection or UDP datagram carries, from bytes written out by hand: DNS messages as
// RFC 1035 §4.1 lays them out, HTTP/1.1 messages as RFC 9112 frames them.

const te = new TextEncoder();
const stream = (client: string | Uint8Array, server: string | Uint8Array): TcpStream => {
  const data = (x: string | Uint8Array) => ({ bytes: typeof x === 'string' ? te.encode(x) : x, runs: [], missingBytes: 0 });
  return { index: 0, hosts: [{ ip: '192.0.2.1', port: 40000 }, { ip: '192.0.2.2', port: 80 }], frames: [], data: [data(client), data(server)], handshake: true };
};

// id 0x1234, RD; one question example.test A IN (RFC 1035 §4.1.1, §4.1.2)
const QUERY = '1234 0100 0001 0000 0000 0000 076578616d706c6504746573740000010001';
// the answer: QR RD RA, the question again, example.test A IN TTL 300 192.0.2.80 (name by pointer to 12)
const ANSWER = '1234 8180 0001 0001 0000 0000 076578616d706c6504746573740000010001 c00c 0001 0001 0000012c 0004 c0000250';
const hex = (s: string) => fromHex(s.replace(/ /g, ''));

describe('DNS in a UDP payload', () => {
  it('a query is labelled by its type and name; its ID is four hex digits', () => {
    const u = dnsUnit(hex(QUERY))!;
    expect(u.label).toBe('DNS A example.test');
    expect(u.layer).toEqual({ name: 'DNS', summary: 'DNS A example.test', fields: [{ name: 'ID', value: '0x1234' }, { name: 'query', value: 'example.test A' }] });
    expect(dnsUnit(hex(QUERY.replace('1234', '0012')))!.layer.fields[0].value).toBe('0x0012');
  });

  it('an answer is labelled by its addresses, each answer a field with its TTL', () => {
    const u = dnsUnit(hex(ANSWER))!;
    expect(u.label).toBe('DNS 192.0.2.80');
    expect(u.layer.fields).toEqual([{ name: 'ID', value: '0x1234' }, { name: 'response', value: 'example.test A' }, { name: 'answer', value: 'example.test A 192.0.2.80 TTL 300 s' }]);
  });

  it('an answer with no records says its rcode (3: NXDOMAIN); a query with no question is labelled DNS', () => {
    const nx = dnsUnit(hex('1234 8183 0001 0000 0000 0000 076578616d706c6504746573740000010001'))!;
    expect(nx.label).toBe('DNS rcode 3');
    const none = dnsUnit(hex('1234 0100 0000 0000 0000 0000'))!;
    expect(none.label).toBe('DNS');
    expect(none.layer.fields).toEqual([{ name: 'ID', value: '0x1234' }, { name: 'query', value: '' }]);
  });

  it('what is not DNS is undefined', () => {
    expect(dnsUnit(te.encode('hello'))).toBeUndefined();
    expect(dnsUnit(hex(`${ANSWER}00`))).toBeUndefined();
  });
});

describe('plain TCP streams', () => {
  it('HTTP/1.1: a unit per message, ending at its last byte, labelled, with method, path and status', () => {
    const get = 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n';
    const head = 'HEAD /b HTTP/1.1\r\nHost: x\r\n\r\n';
    const ok = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi';
    const toHead = 'HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n';
    const d = dissectStream(stream(get + head, ok + toHead), undefined);
    expect([d.protocol, d.tls, d.problems]).toEqual(['http/1.1', undefined, []]);
    expect(d.units.map((u) => [u.direction, u.start, u.end, u.label, u.topLayer, u.phase, u.http])).toEqual([
      [0, get.length - 1, get.length, 'GET /a', 'http', 'http', { method: 'GET', path: '/a', status: undefined }],
      [0, get.length + head.length - 1, get.length + head.length, 'HEAD /b', 'http', 'http', { method: 'HEAD', path: '/b', status: undefined }],
      [1, ok.length - 1, ok.length, '200 OK', 'http', 'http', { method: undefined, path: undefined, status: 200 }],
      // the response to HEAD has no body though it names a length (RFC 9112 §6.3)
      [1, ok.length + toHead.length - 1, ok.length + toHead.length, '200 OK', 'http', 'http', { method: undefined, path: undefined, status: 200 }],
    ]);
    const unit = d.units[2];
    expect(unit.decrypted?.title).toBe('HTTP/1.1 200 OK');
    expect(unit.decrypted?.key).toBe('');
    expect(new TextDecoder().decode(unit.decrypted?.bytes)).toBe(ok);
    expect(unit.decrypted?.layers[0].name).toBe('HTTP');
    expect(unit.record).toBeUndefined();
  });

  it('a server that speaks first (the client sent nothing yet) is still HTTP', () => {
    const d = dissectStream(stream('', 'HTTP/1.1 200 OK\r\n\r\n'), undefined);
    expect([d.protocol, d.units.map((u) => [u.direction, u.label])]).toEqual(['http/1.1', [[1, '200 OK']]]);
  });

  it('bytes that are neither TLS nor HTTP are plain bytes with no units', () => {
    const d = dissectStream(stream('SSH-2.0-OpenSSH_9.6\r\n', 'SSH-2.0-OpenSSH_9.6\r\n'), undefined);
    expect([d.protocol, d.units, d.problems, d.tls]).toEqual(['bytes', [], [], undefined]);
  });
});
