import { describe, expect, it } from 'vitest';
import { concat } from '../sim/bytes/hex';
import { encodeIpv4 } from '../sim/bytes/ipv4';
import { encodeTcp } from '../sim/bytes/tcp';
import type { Simulation, TcpFlags } from '../sim/types';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFixture } from '../../tests/support/importFixtures';
import { FIXTURE_DIR, openedFixture } from './fixtures';
import { openCapture } from './openCapture';
import { block, epb, idb, pcapFile, shb, tcpPacket } from './testCaptures';
import { captureToTrace, type ImportOptions } from './toTrace';

// captureToTrace's rules, one at a time, on captures laid out by hand (testCaptures' tcpPacket,
// UDP and DNS bytes written here): labels, send/arrive times, TCP states (RFC 9293 §3.3.2 figure 5,
// §3.6 figures 12 and 13), phases, picks of several conversations, notices.

const C = '192.0.2.1';
const S = '192.0.2.2';
const R = '192.0.2.53';
const u8 = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => new TextEncoder().encode(s);

const keyLogText = (file: string) => readFileSync(join(FIXTURE_DIR, file), 'utf8');

type At = [us: number, bytes: Uint8Array];

function pcapOf(packets: At[]) {
  return pcapFile(packets.map(([us, data]) => ({ s: 1_700_000_000 + Math.floor(us / 1e6), frac: us % 1e6, data })));
}

function opened(packets: At[]) {
  const o = openCapture(pcapOf(packets));
  if (!o.ok) throw new Error(o.error);
  return o.value;
}

function traceOf(packets: At[], options?: ImportOptions) {
  const t = captureToTrace(opened(packets), options);
  if (!t.ok) throw new Error(t.error);
  return t.value;
}

/** Client 40000 (ISN 100) to server 80 (ISN 5000); seq and ack relative to the ISNs (SYN = 0). */
const c = (seq: number, ack: number, flags: Partial<TcpFlags>, payload?: Uint8Array) => tcpPacket(C, S, 40000, 80, 100 + seq, ack ? 5000 + ack : 0, flags, payload);
const s = (seq: number, ack: number, flags: Partial<TcpFlags>, payload?: Uint8Array) => tcpPacket(S, C, 80, 40000, 5000 + seq, 100 + ack, flags, payload);
/** SYN at 0, SYN-ACK at 2000 µs, ACK at 2100: one round trip of 2000 µs, half 1000. */
const handshake = (): At[] => [
  [0, c(0, 0, { syn: true })],
  [2000, s(0, 1, { syn: true, ack: true })],
  [2100, c(1, 1, { ack: true })],
];

/** What handshake() makes of each end (RFC 9293 figure 5), in network time. */
const HANDSHAKE_STATES = ['0 client: CLOSED → SYN_SENT', '1000 server: LISTEN → SYN_RCVD', '2000 client: SYN_SENT → ESTABLISHED', '3100 server: SYN_RCVD → ESTABLISHED'];

const states = (sim: Simulation) => sim.events.flatMap((e) => (e.kind === 'state' ? [`${e.atUs} ${e.text}`] : []));
const notes = (sim: Simulation) => sim.events.flatMap((e) => (e.kind === 'note' ? [`${e.atUs} ${e.node} ${e.text}${e.milestone ? ` [${e.milestone}]` : ''}`] : []));
const rows = (sim: Simulation) => sim.packets.map((p) => `${p.from}>${p.to} ${p.sendUs}/${p.arriveUs} ${p.label} ${p.topLayer} ${p.phase}`);

/** A UDP datagram laid out by hand (RFC 768; checksum 0: none). */
function udpPacket(src: string, dst: string, srcPort: number, dstPort: number, payload: Uint8Array) {
  const len = 8 + payload.length;
  const udp = concat(u8(srcPort >> 8, srcPort & 0xff, dstPort >> 8, dstPort & 0xff, len >> 8, len & 0xff, 0, 0), payload);
  return concat(encodeIpv4({ src, dst, id: 1, ttl: 64, payloadLength: udp.length, protocol: 17 }, false).bytes, udp);
}
/** example.test A, id 0x1234, laid out by hand (RFC 1035 §4.1). */
const question = () => u8(7, ...ascii('example'), 4, ...ascii('test'), 0, 0, 1, 0, 1);
const dnsQuery = () => concat(u8(0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0), question());
const dnsAnswer = () => concat(u8(0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0), question(), u8(0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 80));

describe('a connection opened and closed by the client', () => {
  it('labels each packet by its flags, times it half a round trip from the capture point, and walks both ends through RFC 9293 figure 5', () => {
    const data = u8(1, 2, 3, 4, 5);
    const t = traceOf([
      ...handshake(),
      [2200, c(1, 1, { ack: true, psh: true }, data)],
      [4300, s(1, 6, { ack: true })],
      [5000, c(6, 1, { ack: true, fin: true })],
      // acks the client's FIN exactly: seq 6 + 0 bytes + 1
      [7000, s(1, 7, { ack: true })],
      [7100, s(1, 7, { ack: true, fin: true })],
      [7200, c(7, 2, { ack: true })],
    ]);
    expect(rows(t.sim)).toEqual([
      'client>server 0/1000 SYN tcp tcp',
      'server>client 1000/2000 SYN-ACK tcp tcp',
      'client>server 2100/3100 ACK tcp tcp',
      'client>server 2200/3200 5 B tcp tcp',
      'server>client 3300/4300 ACK tcp tcp',
      'client>server 5000/6000 FIN tcp close',
      'server>client 6000/7000 ACK tcp close',
      'server>client 6100/7100 FIN tcp close',
      'client>server 7200/8200 ACK tcp close',
    ]);
    expect(t.sim.packets.map((p) => p.captureUs)).toEqual([0, 2000, 2100, 2200, 4300, 5000, 7000, 7100, 7200]);
    expect(t.sim.packets.map((p) => p.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.sim.packets.map((p) => p.stream)).toEqual(Array(9).fill(0));
    expect(t.perPacket.map((p) => p.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(t.sim.rttUs).toBe(2000);
    expect(t.sim.initialStates).toEqual({ client: 'CLOSED', server: 'LISTEN' });
    expect(states(t.sim)).toEqual([
      '0 client: CLOSED → SYN_SENT',
      '1000 server: LISTEN → SYN_RCVD',
      '2000 client: SYN_SENT → ESTABLISHED',
      '3100 server: SYN_RCVD → ESTABLISHED',
      '5000 client: ESTABLISHED → FIN_WAIT_1',
      '6000 server: ESTABLISHED → CLOSE_WAIT',
      '6100 server: CLOSE_WAIT → LAST_ACK',
      '7000 client: FIN_WAIT_1 → FIN_WAIT_2',
      '7100 client: FIN_WAIT_2 → TIME_WAIT',
      '8200 server: LAST_ACK → CLOSED',
    ]);
    expect(notes(t.sim)).toEqual(['2000 client connection established [established]']);
    expect(t.notices).toEqual([]);
    expect(t.conversation.id).toBe('tcp 0');
    expect(t.conversations.map((x) => x.id)).toEqual(['tcp 0']);
    expect(t.sim.keyLog).toBe('');
    expect(t.sim.timers).toEqual([]);
    expect(t.sim.timing).toEqual([]);
    expect([t.sim.client.ip, t.sim.client.port, t.sim.server.ip, t.sim.server.port, t.sim.resolver]).toEqual([C, 40000, S, 80, undefined]);
  });

  it('keeps every event in time order, a packet sent before it arrives, and the packet fields tshark shows', () => {
    const t = traceOf([...handshake(), [2200, c(1, 1, { ack: true, psh: true }, u8(9, 9, 9))]]);
    const kinds = t.sim.events.map((e) => `${e.atUs} ${e.kind}${'packet' in e ? ` ${e.packet.id}` : ''}`);
    expect(kinds).toEqual([
      '0 send 0', '0 state', '1000 arrive 0', '1000 state', '1000 send 1', '2000 arrive 1', '2000 state', '2000 note',
      '2100 send 2', '2200 send 3', '3100 arrive 2', '3100 state', '3200 arrive 3',
    ]);
    const p = t.sim.packets[3];
    expect(p.tcp).toEqual({ srcPort: 40000, dstPort: 80, seq: 1, ack: 1, flags: { syn: false, ack: true, fin: false, psh: true, rst: false }, window: 1000, payloadLength: 3 });
    expect(t.sim.packets[0].tcp?.ack).toBe(0);
    expect(p.totalLength).toBe(p.bytes.length);
    expect(p.udp).toBeUndefined();
    expect(p.caption).toBe('client → server: 3 B · frame 4 of the capture');
    expect(t.sim.packets[1].caption).toBe('server → client: SYN-ACK · frame 2 of the capture');
  });

  it('a FIN carrying data is acked at seq + length + 1: an ACK one short leaves FIN_WAIT_1', () => {
    const t = traceOf([
      ...handshake(),
      [3000, c(1, 1, { ack: true, fin: true, psh: true }, u8(1, 2, 3, 4, 5))],
      [5000, s(1, 6, { ack: true })],
      [5100, s(1, 7, { ack: true })],
    ]);
    expect(t.sim.packets.map((p) => p.label)).toEqual(['SYN', 'SYN-ACK', 'ACK', 'FIN', 'ACK', 'ACK']);
    expect(states(t.sim).slice(3)).toEqual(['3000 client: ESTABLISHED → FIN_WAIT_1', '3100 server: SYN_RCVD → ESTABLISHED', '4000 server: ESTABLISHED → CLOSE_WAIT', '5100 client: FIN_WAIT_1 → FIN_WAIT_2']);
  });
});

describe('other closes', () => {
  it('the server closes first: it goes through FIN_WAIT and TIME_WAIT, the client through CLOSE_WAIT and LAST_ACK', () => {
    const t = traceOf([
      ...handshake(),
      [5000, s(1, 1, { ack: true, fin: true })],
      [5100, c(1, 2, { ack: true })],
      [5200, c(1, 2, { ack: true, fin: true })],
      [7200, s(2, 2, { ack: true })],
    ]);
    expect(states(t.sim)).toEqual([
      ...HANDSHAKE_STATES,
      '4000 server: ESTABLISHED → FIN_WAIT_1',
      '5000 client: ESTABLISHED → CLOSE_WAIT',
      '5200 client: CLOSE_WAIT → LAST_ACK',
      '6100 server: FIN_WAIT_1 → FIN_WAIT_2',
      '6200 server: FIN_WAIT_2 → TIME_WAIT',
      '7200 client: LAST_ACK → CLOSED',
    ]);
    expect(notes(t.sim)).toEqual(['2000 client connection established [established]']);
  });

  it('a simultaneous close (figure 13): each FIN reaches an end in FIN_WAIT_1 without acking its own, CLOSING, then TIME_WAIT; each end in its own time', () => {
    // The server's FIN leaves at 4500, before the client's (sent at 5000) reaches it at 6000.
    const t = traceOf([
      ...handshake(),
      [5000, c(1, 1, { ack: true, fin: true })],
      [5500, s(1, 1, { ack: true, fin: true })],
      [5600, c(2, 2, { ack: true })],
      [6600, s(2, 2, { ack: true })],
    ]);
    expect(states(t.sim)).toEqual([
      ...HANDSHAKE_STATES,
      '4500 server: ESTABLISHED → FIN_WAIT_1',
      '5000 client: ESTABLISHED → FIN_WAIT_1',
      '5500 client: FIN_WAIT_1 → CLOSING',
      '6000 server: FIN_WAIT_1 → CLOSING',
      '6600 server: CLOSING → TIME_WAIT',
      '6600 client: CLOSING → TIME_WAIT',
    ]);
  });

  it('a FIN that acks ours takes FIN_WAIT_1 straight to TIME_WAIT; a FIN sent as the peer’s arrives answers it (CLOSE_WAIT then LAST_ACK)', () => {
    const t = traceOf([...handshake(), [3000, c(1, 1, { ack: true, fin: true })], [5000, s(1, 2, { ack: true, fin: true })], [5100, c(2, 2, { ack: true })]]);
    expect(states(t.sim)).toEqual([
      ...HANDSHAKE_STATES.slice(0, 3),
      '3000 client: ESTABLISHED → FIN_WAIT_1',
      HANDSHAKE_STATES[3],
      '4000 server: ESTABLISHED → CLOSE_WAIT',
      '4000 server: CLOSE_WAIT → LAST_ACK',
      '5000 client: FIN_WAIT_1 → TIME_WAIT',
      '6100 server: LAST_ACK → CLOSED',
    ]);
  });

  it('a RST closes both ends at once, is labelled RST whatever else is set, and a second RST changes nothing', () => {
    const t = traceOf([...handshake(), [5000, s(1, 1, { ack: true, rst: true })], [5100, s(1, 1, { rst: true, fin: true })]]);
    expect(rows(t.sim).slice(3)).toEqual(['server>client 4000/5000 RST tcp close', 'server>client 4100/5100 RST tcp close']);
    expect(states(t.sim)).toEqual([...HANDSHAKE_STATES, '4000 server: ESTABLISHED → CLOSED', '5000 client: ESTABLISHED → CLOSED']);
  });
});

describe('a capture that starts mid-connection', () => {
  it('takes both ends as ESTABLISHED, and twice the shortest gap between packets as the round trip, saying so', () => {
    const t = traceOf([
      [0, c(1, 1, { ack: true, psh: true }, u8(1, 2, 3))],
      [300, s(1, 4, { ack: true })],
      [300, s(1, 4, { ack: true, psh: true }, u8(1, 2, 3, 4))],
      [1000, c(4, 5, { ack: true })],
      [2000, c(4, 5, { ack: true, fin: true })],
    ]);
    expect(t.notices).toEqual(['no handshake to time: one round trip is taken as 600 µs']);
    expect(t.sim.rttUs).toBe(600);
    expect(t.sim.initialStates).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(rows(t.sim)).toEqual([
      'client>server 0/300 3 B tcp tcp',
      'server>client 0/300 ACK tcp tcp',
      'server>client 0/300 4 B tcp tcp',
      'client>server 1000/1300 ACK tcp tcp',
      'client>server 2000/2300 FIN tcp close',
    ]);
    expect(states(t.sim)).toEqual(['2000 client: ESTABLISHED → FIN_WAIT_1', '2300 server: ESTABLISHED → CLOSE_WAIT']);
    expect(notes(t.sim)).toEqual([]);
  });

  it('one packet alone: a round trip of 1000 µs', () => {
    const t = traceOf([[0, c(1, 1, { ack: true })]]);
    expect(t.notices).toEqual(['no handshake to time: one round trip is taken as 1000 µs']);
    expect(rows(t.sim)).toEqual(['client>server 0/500 ACK tcp tcp']);
  });

  it('a SYN-ACK captured with its SYN has no round trip to time: the gaps give it', () => {
    const t = traceOf([[0, c(0, 0, { syn: true })], [0, s(0, 1, { syn: true, ack: true })], [250, c(1, 1, { ack: true })]]);
    expect(t.notices).toEqual(['no handshake to time: one round trip is taken as 500 µs']);
    expect(t.sim.rttUs).toBe(500);
  });

  it('an odd round trip is halved to the nearest microsecond, up', () => {
    const t = traceOf([[0, c(0, 0, { syn: true })], [15, s(0, 1, { syn: true, ack: true })], [28, c(1, 1, { ack: true })]]);
    expect(t.sim.rttUs).toBe(15);
    expect(rows(t.sim)).toEqual(['client>server 0/8 SYN tcp tcp', 'server>client 7/15 SYN-ACK tcp tcp', 'client>server 28/36 ACK tcp tcp']);
  });

  it('a peer packet captured less than half a round trip after the first starts the trace: every time moves up so none is negative', () => {
    // The server's RST at 100 µs left half a round trip (2000 µs) earlier: at -1900.
    const t = traceOf([[0, c(0, 0, { syn: true })], [100, s(0, 0, { ack: false, rst: true })], [4000, s(0, 1, { syn: true, ack: true })]]);
    expect(t.sim.rttUs).toBe(4000);
    expect(t.sim.packets.map((p) => [p.sendUs, p.arriveUs, p.captureUs])).toEqual([[1900, 3900, 1900], [0, 2000, 2000], [3900, 5900, 5900]]);
    expect(t.sim.events[0].atUs).toBe(0);
    expect(t.sim.events.map((e) => e.atUs)).toEqual([...t.sim.events.map((e) => e.atUs)].sort((x, y) => x - y));
    // The server's RST left first; the client's SYN reached it at 3900, closed.
    expect(states(t.sim)).toEqual(['0 server: LISTEN → CLOSED', '1900 client: CLOSED → SYN_SENT', '2000 client: SYN_SENT → CLOSED']);
  });
});

describe('labels from what a packet completes', () => {
  const request = (path: string) => ascii(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  const response = (status: string, body: string) => ascii(`HTTP/1.1 ${status}\r\nContent-Length: ${body.length}\r\n\r\n${body}`);

  it('an HTTP message is named by the packet carrying its last byte; the parts before it by their length; the phase stays http until a FIN', () => {
    const req = request('/a');
    const res = response('200 OK', 'hello');
    const t = traceOf([
      ...handshake(),
      [3000, c(1, 1, { ack: true, psh: true }, req)],
      [5000, s(1, 1 + req.length, { ack: true })],
      [5100, s(1, 1 + req.length, { ack: true }, res.subarray(0, 10))],
      [5200, s(11, 1 + req.length, { ack: true, psh: true }, res.subarray(10))],
      [5300, c(1 + req.length, 1 + res.length, { ack: true })],
      [6000, c(1 + req.length, 1 + res.length, { ack: true, fin: true, psh: true }, request('/b'))],
    ]);
    expect(t.sim.packets.slice(3).map((p) => `${p.label} ${p.topLayer} ${p.phase}`)).toEqual([
      'GET /a http http',
      'ACK tcp http',
      '10 B tcp http',
      '200 OK http http',
      'ACK tcp http',
      'FIN GET /b http close',
    ]);
    expect(t.perPacket.map((p) => p.http)).toEqual([[], [], [], [{ method: 'GET', path: '/a' }], [], [], [{ status: 200 }], [], [{ method: 'GET', path: '/b' }]]);
    expect(t.perPacket.every((p) => p.handshakeTypes.length === 0)).toBe(true);
    expect(t.sim.packets[3].decrypted.map((d) => d.title)).toEqual(['GET /a HTTP/1.1']);
    expect(t.sim.packets[6].decrypted.map((d) => [d.title, d.bytes.length])).toEqual([['HTTP/1.1 200 OK', res.length]]);
    expect(t.sim.packets[5].decrypted).toEqual([]);
  });

  it('two messages completed by one packet are both named, in order', () => {
    const reqs = concat(request('/a'), request('/b'));
    const t = traceOf([...handshake(), [3000, c(1, 1, { ack: true, psh: true }, reqs)]]);
    expect(t.sim.packets[3].label).toBe('GET /a, GET /b');
    expect(t.perPacket[3].http).toEqual([{ method: 'GET', path: '/a' }, { method: 'GET', path: '/b' }]);
  });

  it('TLS records in the clear: a record named by its type, the same name once, the TLS layer of the records a packet starts, a middle part by its length', () => {
    // Two close_notify alerts (RFC 8446 §6.1) in one segment, then a ChangeCipherSpec record cut in three.
    const alert = () => u8(0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00);
    const ccs = u8(0x14, 0x03, 0x03, 0x00, 0x01, 0x01);
    const t = traceOf([
      ...handshake(),
      [3000, s(1, 1, { ack: true, psh: true }, ccs.subarray(0, 2))],
      // the record's last byte alone in the third segment: it starts exactly where the second one ends
      [3100, s(3, 1, { ack: true }, ccs.subarray(2, 5))],
      [3200, s(6, 1, { ack: true, psh: true }, ccs.subarray(5))],
      [3300, c(1, 7, { ack: true, psh: true }, concat(alert(), alert()))],
      [3400, s(7, 15, { ack: true })],
    ]);
    expect(t.sim.packets.slice(3).map((p) => `${p.label} ${p.topLayer} ${p.phase}`)).toEqual([
      'TLS data tcp tcp',
      '3 B tcp tcp',
      'ChangeCipherSpec tls tls',
      'Alert tls close',
      'ACK tcp close',
    ]);
    const tlsLayer = (n: number) => t.sim.packets[n].layers.filter((l) => l.name === 'TLS');
    expect(tlsLayer(3)).toEqual([{ name: 'TLS', summary: 'ChangeCipherSpec (1 B)', fields: [{ name: 'record: ChangeCipherSpec', value: '1 bytes' }] }]);
    expect(tlsLayer(4)).toEqual([]);
    expect(tlsLayer(5)).toEqual([]);
    expect(tlsLayer(6)).toEqual([
      { name: 'TLS', summary: 'Alert (2 B), Alert (2 B)', fields: [{ name: 'record: Alert', value: '2 bytes' }, { name: 'record: Alert', value: '2 bytes' }] },
    ]);
  });
});

describe('UDP and DNS', () => {
  it('a DNS query and its answer: labels from the message, the resolver place, the query → answer time as the round trip', () => {
    const t = traceOf([[0, udpPacket(C, R, 5353, 53, dnsQuery())], [3000, udpPacket(R, C, 53, 5353, dnsAnswer())]]);
    expect(rows(t.sim)).toEqual(['client>resolver 0/1500 DNS A example.test dns dns', 'resolver>client 1500/3000 DNS 192.0.2.80 dns dns']);
    expect(t.sim.rttUs).toBe(3000);
    expect(t.notices).toEqual([]);
    expect(t.sim.packets.map((p) => [p.stream, p.udp, p.tcp])).toEqual([
      [0, { srcPort: 5353, dstPort: 53, payloadLength: 30 }, undefined],
      [0, { srcPort: 53, dstPort: 5353, payloadLength: 46 }, undefined],
    ]);
    expect(t.sim.packets[0].layers.at(-1)?.name).toBe('DNS');
    expect(t.sim.initialStates).toEqual({ client: 'CLOSED', server: 'ESTABLISHED' });
    expect(t.sim.resolver).toEqual({ id: 'resolver', name: 'resolver', ip: R, port: 53 });
    expect(t.sim.server).toEqual({ id: 'server', name: 'server', ip: R, port: 53 });
    expect(states(t.sim)).toEqual([]);
  });

  it('DNS on another port is still DNS when the first datagram reads as a DNS message', () => {
    const t = traceOf([[0, udpPacket(C, R, 40000, 5300, dnsQuery())], [800, udpPacket(R, C, 5300, 40000, dnsAnswer())]]);
    expect(t.sim.packets.map((p) => `${p.from}>${p.to} ${p.label}`)).toEqual(['client>resolver DNS A example.test', 'resolver>client DNS 192.0.2.80']);
  });

  it('UDP that is not DNS: its length, and the peer is a server', () => {
    const t = traceOf([[0, udpPacket(C, S, 40000, 9000, ascii('hi'))], [100, udpPacket(C, S, 40000, 9000, ascii('hey'))], [700, udpPacket(S, C, 9000, 40000, ascii('hello'))]]);
    expect(rows(t.sim)).toEqual(['client>server 0/350 UDP 2 B tcp dns', 'client>server 100/450 UDP 3 B tcp dns', 'server>client 350/700 UDP 5 B tcp dns']);
    expect(t.sim.rttUs).toBe(700);
    expect(t.sim.resolver).toBeUndefined();
  });

  it('UDP one way only: the gaps give the round trip', () => {
    const t = traceOf([[0, udpPacket(C, S, 40000, 9000, ascii('a'))], [400, udpPacket(C, S, 40000, 9000, ascii('b'))]]);
    expect(t.notices).toEqual(['no handshake to time: one round trip is taken as 800 µs']);
  });
});

describe('several conversations picked at once', () => {
  // A DNS lookup (udp 0) first, then a connection to the server (tcp 0), then one caught mid-way (tcp 1).
  const several = (): At[] => [
    [0, udpPacket(C, R, 5353, 53, dnsQuery())],
    [3000, udpPacket(R, C, 53, 5353, dnsAnswer())],
    [10000, c(0, 0, { syn: true })],
    [12000, s(0, 1, { syn: true, ack: true })],
    [12100, c(1, 1, { ack: true })],
    [20000, tcpPacket(C, S, 40002, 80, 900, 700, { ack: true })],
    [20300, tcpPacket(S, C, 80, 40002, 700, 900, { ack: true })],
  ];

  it('orders them in time, prefixes their notices and state texts with their ids, and takes the round trip of the first TCP connection', () => {
    const t = traceOf(several(), { conversation: ['tcp 1', 'tcp 0', 'udp 0'] });
    expect(t.conversations.map((x) => x.id)).toEqual(['udp 0', 'tcp 0', 'tcp 1']);
    expect(t.conversation.id).toBe('udp 0');
    expect(t.sim.rttUs).toBe(2000);
    expect(t.notices).toEqual(['tcp 1: no handshake to time: one round trip is taken as 600 µs']);
    expect(t.sim.initialStates).toEqual({ client: 'CLOSED', server: 'LISTEN' });
    expect(rows(t.sim)).toEqual([
      'client>resolver 0/1500 DNS A example.test dns dns',
      'resolver>client 1500/3000 DNS 192.0.2.80 dns dns',
      'client>server 10000/11000 SYN tcp tcp',
      'server>client 11000/12000 SYN-ACK tcp tcp',
      'client>server 12100/13100 ACK tcp tcp',
      'client>server 20000/20300 ACK tcp tcp',
      'server>client 20000/20300 ACK tcp tcp',
    ]);
    expect(t.sim.packets.map((p) => p.stream)).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(states(t.sim)).toEqual([
      '10000 client (tcp 0): CLOSED → SYN_SENT',
      '11000 server (tcp 0): LISTEN → SYN_RCVD',
      '12000 client (tcp 0): SYN_SENT → ESTABLISHED',
      '13100 server (tcp 0): SYN_RCVD → ESTABLISHED',
    ]);
    expect(notes(t.sim)).toEqual(['12000 client connection established (tcp 0) [established]']);
  });

  it('a UDP conversation alone keeps its own round trip; a mid-way connection first gives ESTABLISHED at the client', () => {
    expect(traceOf(several(), { conversation: 'udp 0' }).sim.rttUs).toBe(3000);
    const t = traceOf(several(), { conversation: ['tcp 1', 'tcp 0'] });
    expect(t.sim.rttUs).toBe(2000);
    expect(t.sim.initialStates).toEqual({ client: 'CLOSED', server: 'LISTEN' });
    const mid = traceOf(several(), { conversation: 'tcp 1' });
    expect(mid.sim.rttUs).toBe(600);
    expect(mid.sim.initialStates).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(mid.notices).toEqual(['no handshake to time: one round trip is taken as 600 µs']);
  });

  it('one conversation named twice is one; none named, or a capture with nothing to show, is refused with why', () => {
    const twice = traceOf(several(), { conversation: ['tcp 0', 'tcp 0'] });
    expect(twice.conversations.map((x) => x.id)).toEqual(['tcp 0']);
    expect(states(twice.sim)[0]).toBe('0 client: CLOSED → SYN_SENT');
    expect(captureToTrace(opened(several()), { conversation: [] })).toEqual({ ok: false, error: 'no conversation picked: name at least one, such as "tcp 0"' });
    // An ICMP echo request (RFC 792) in IPv4 laid out by hand: 192.0.2.1 → 192.0.2.2, header checksum 0xf6dc (RFC 791).
    const icmp = () => u8(0x45, 0, 0, 28, 0, 1, 0, 0, 64, 1, 0xf6, 0xdc, 192, 0, 2, 1, 192, 0, 2, 2, 8, 0, 0xf7, 0xff, 0, 0, 0, 0);
    expect(captureToTrace(opened([[0, icmp()]]))).toEqual({ ok: false, error: 'the capture has 1 frame but no TCP or UDP conversation to show' });
    expect(captureToTrace(opened([[0, icmp()], [5, icmp()]]))).toEqual({ ok: false, error: 'the capture has 2 frames but no TCP or UDP conversation to show' });
  });
});

describe('notices', () => {
  it('bytes after a hole the capture never filled are counted per direction', () => {
    const t = traceOf([
      ...handshake(),
      [3000, s(1, 1, { ack: true }, new Uint8Array(100).fill(1))],
      // server bytes 101–200 never captured
      [3100, s(201, 1, { ack: true }, new Uint8Array(100).fill(3))],
      [3200, c(1, 101, { ack: true }, new Uint8Array(10).fill(2))],
      [3300, c(21, 101, { ack: true }, new Uint8Array(7).fill(2))],
    ]);
    expect(t.notices).toEqual([
      'client → server: 7 bytes arrived after a hole the capture never filled (not reassembled)',
      'server → client: 100 bytes arrived after a hole the capture never filled (not reassembled)',
    ]);
  });

  it('a key log with no NSS lines is named; an empty one is not; either way the key log text is kept', () => {
    const t = traceOf(handshake(), { keyLog: 'not a key log\n' });
    expect(t.notices).toEqual(['the key log has no lines in NSS format ("CLIENT_RANDOM …", "CLIENT_TRAFFIC_SECRET_0 …"): records stay encrypted']);
    expect(t.sim.keyLog).toContain('not a key log');
    expect(traceOf(handshake(), { keyLog: '' }).notices).toEqual([]);
    const keys = `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}\n`;
    const k = traceOf(handshake(), { keyLog: keys });
    expect(k.notices).toEqual([]);
    expect(k.sim.keyLog).toContain(keys.trim());
  });
});

describe('what a packet carries, beyond one request and one response', () => {
  it('a SYN carrying a whole request (TCP Fast Open, RFC 7413) is labelled by both and stays in the tcp phase', () => {
    const req = ascii('GET /a HTTP/1.1\r\nHost: x\r\n\r\n');
    const t = traceOf([[0, c(0, 0, { syn: true }, req)], [2000, s(0, 1 + req.length, { syn: true, ack: true })]]);
    expect(t.sim.packets.map((p) => `${p.label} ${p.topLayer} ${p.phase}`)).toEqual(['SYN GET /a http tcp', 'SYN-ACK tcp tcp']);
  });

  it('retransmissions, duplicate ACKs and a zero window are notes at the sender when it sends; the caption says retransmission', () => {
    const lossy = (): At[] => [
      [0, tcpPacket(C, S, 40000, 80, 100, 0, { syn: true })],
      [10000, tcpPacket(S, C, 80, 40000, 1000, 101, { syn: true, ack: true })],
      [20000, tcpPacket(C, S, 40000, 80, 101, 1001, { ack: true })],
      [30000, tcpPacket(S, C, 80, 40000, 1001, 101, { ack: true }, new Uint8Array(1000).fill(1))],
      // 2001–3000 lost
      [40000, tcpPacket(S, C, 80, 40000, 3001, 101, { ack: true }, new Uint8Array(1000).fill(3))],
      [50000, tcpPacket(C, S, 40000, 80, 101, 2001, { ack: true })],
      [60000, tcpPacket(S, C, 80, 40000, 4001, 101, { ack: true }, new Uint8Array(1000).fill(4))],
      [70000, tcpPacket(C, S, 40000, 80, 101, 2001, { ack: true })],
      [80000, tcpPacket(C, S, 40000, 80, 101, 2001, { ack: true })],
      [90000, tcpPacket(S, C, 80, 40000, 2001, 101, { ack: true }, new Uint8Array(1000).fill(2))],
      [100000, tcpPacket(C, S, 40000, 80, 101, 5001, { ack: true }, new Uint8Array(), 0)],
    ];
    const t = traceOf(lossy());
    expect(t.sim.rttUs).toBe(10000);
    expect(notes(t.sim)).toEqual([
      '10000 client connection established [established]',
      '70000 client duplicate ACK #1 of 1001',
      '80000 client duplicate ACK #2 of 1001',
      '85000 server 1000 B: fast retransmission (tshark: tcp.analysis.retransmission)',
      '100000 client zero window: client cannot take more data',
    ]);
    expect(t.sim.packets[9].caption).toBe('server → client: 1000 B (retransmission) · frame 10 of the capture');
    expect(t.sim.packets.map((p) => p.retransmission ?? '-')).toEqual(['-', '-', '-', '-', '-', '-', '-', '-', '-', 'fast', '-']);
    expect(t.sim.events.filter((e) => e.kind === 'note').map((e) => ('packetId' in e ? e.packetId : -1))).toEqual([1, 7, 8, 9, 10]);
  });

  it('a segment that came before the ones it follows is noted at its receiver when it arrives', () => {
    const t = traceOf([
      ...handshake(),
      [10000, s(1, 1, { ack: true }, new Uint8Array(100).fill(1))],
      [10500, s(201, 1, { ack: true }, new Uint8Array(100).fill(3))],
      // 101–200 arrives after 201–300, within a round trip: out of order (not a retransmission)
      [11000, s(101, 1, { ack: true }, new Uint8Array(100).fill(2))],
    ]);
    expect(notes(t.sim).slice(1)).toEqual(['11000 client 100 B arrives out of order']);
    expect(t.sim.packets[5].caption).toBe('server → client: 100 B · frame 6 of the capture');
  });

  it('a packet completing a record and starting the next: the TLS layer names the one it starts, the label the one it completes; after ChangeCipherSpec the records are protected (RFC 5246 §7.1)', () => {
    const ccs = u8(0x14, 0x03, 0x03, 0x00, 0x01, 0x01);
    const alert = u8(0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00);
    const t = traceOf([...handshake(), [3000, s(1, 1, { ack: true }, ccs.subarray(0, 3))], [3100, s(4, 1, { ack: true }, concat(ccs.subarray(3), alert.subarray(0, 4)))], [3200, s(11, 1, { ack: true }, alert.subarray(4))]]);
    expect(t.sim.packets.slice(3).map((p) => `${p.label} ${p.topLayer} ${p.phase} [${p.layers.filter((l) => l.name === 'TLS').map((l) => l.summary)}]`)).toEqual([
      'TLS data tcp tcp [ChangeCipherSpec (1 B)]',
      'ChangeCipherSpec tls tls [encrypted Alert (2 B)]',
      'encrypted record tls close []',
    ]);
  });
});

describe('UDP ports and payloads that decide the resolver place', () => {
  it('port 53 on either side makes the peer the resolver even when the payload is not DNS; an empty datagram is just UDP', () => {
    const from53 = traceOf([[0, udpPacket(C, S, 53, 9000, ascii('hi'))], [500, udpPacket(S, C, 9000, 53, ascii('yo'))]]);
    expect(from53.sim.packets.map((p) => `${p.from}>${p.to} ${p.label} ${p.topLayer}`)).toEqual(['client>resolver UDP 2 B tcp', 'resolver>client UDP 2 B tcp']);
    const to53 = traceOf([[0, udpPacket(C, R, 40000, 53, ascii('hi'))]]);
    expect(to53.sim.packets.map((p) => `${p.from}>${p.to} ${p.label}`)).toEqual(['client>resolver UDP 2 B']);
    const empty = traceOf([[0, udpPacket(C, S, 40000, 9000, new Uint8Array())], [300, udpPacket(S, C, 9000, 40000, new Uint8Array())]]);
    expect(empty.sim.packets.map((p) => `${p.from}>${p.to} ${p.label} ${p.sendUs}/${p.arriveUs}`)).toEqual(['client>server UDP 0 B 0/150', 'server>client UDP 0 B 150/300']);
    expect(empty.sim.resolver).toBeUndefined();
  });
});

describe('round trips under a microsecond', () => {
  it('a handshake of 400 ns is timed as 1 µs, never 0; times are whole microseconds from the first packet', () => {
    // Seconds near 1000, not 1.7e9: at 1.7e15 µs a double keeps only quarters of a microsecond.
    const packets: [number, Uint8Array][] = [
      [0, c(0, 0, { syn: true })],
      [400, s(0, 1, { syn: true, ack: true })],
      [2600, c(1, 1, { ack: true })],
    ];
    const o = openCapture(pcapFile(packets.map(([ns, data]) => ({ s: 1000, frac: 123_000 + ns, data })), { nanoseconds: true }));
    if (!o.ok) throw new Error(o.error);
    const t = captureToTrace(o.value);
    if (!t.ok) throw new Error(t.error);
    expect(t.value.sim.rttUs).toBe(1);
    expect(t.value.notices).toEqual([]);
    // The SYN-ACK captured at 0.4 µs, rounded to 0, left half a round trip (1 µs) earlier: everything moves up by 1.
    expect(t.value.sim.packets.map((p) => [p.sendUs, p.arriveUs, p.captureUs])).toEqual([[1, 2, 1], [0, 1, 1], [4, 5, 4]]);
  });
});

describe('the initial states of the trace', () => {
  it('the client starts as the first TCP connection starts; the server as the connection that reaches the server place starts', () => {
    // tcp 0 (caught mid-way) goes to 192.0.2.53:8080, which takes the middle place; tcp 1 opens to the server.
    const t = traceOf(
      [
        [0, tcpPacket(C, R, 40005, 8080, 700, 900, { ack: true })],
        [400, tcpPacket(R, C, 8080, 40005, 900, 700, { ack: true })],
        [1000, c(0, 0, { syn: true })],
        [3000, s(0, 1, { syn: true, ack: true })],
      ],
      { conversation: ['tcp 0', 'tcp 1'] },
    );
    expect([t.sim.resolver?.ip, t.sim.server.ip]).toEqual([R, S]);
    expect(t.sim.initialStates).toEqual({ client: 'ESTABLISHED', server: 'LISTEN' });
    expect(t.sim.rttUs).toBe(800);
    expect(t.notices).toEqual(['tcp 0: no handshake to time: one round trip is taken as 800 µs']);
  });
});

describe('conversations that interleave', () => {
  it('packets are taken in capture order across conversations (frame 10 after frame 9), and a tie in start time goes to the earlier frame', () => {
    const t = traceOf(
      [
        [0, c(0, 0, { syn: true })],
        [0, udpPacket(C, R, 5353, 53, dnsQuery())],
        [1000, tcpPacket(C, S, 40002, 80, 900, 700, { ack: true })],
        [2000, s(0, 1, { syn: true, ack: true })],
        [2100, c(1, 1, { ack: true })],
        [2200, tcpPacket(S, C, 80, 40002, 700, 900, { ack: true })],
        [2300, c(1, 1, { ack: true, psh: true }, u8(1))],
        [2400, c(2, 1, { ack: true, psh: true }, u8(2))],
        [2500, c(3, 1, { ack: true, psh: true }, u8(3))],
        [2600, c(4, 1, { ack: true, psh: true }, u8(4, 4))],
        [3000, udpPacket(R, C, 53, 5353, dnsAnswer())],
        [3500, tcpPacket(C, S, 40002, 80, 900, 700, { ack: true, psh: true }, u8(5, 5, 5))],
      ],
      { conversation: ['udp 0', 'tcp 1', 'tcp 0'] },
    );
    expect(t.conversations.map((x) => x.id)).toEqual(['tcp 0', 'udp 0', 'tcp 1']);
    expect(t.perPacket.map((p) => p.frame)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(t.sim.packets.map((p) => p.label)).toEqual(['SYN', 'DNS A example.test', 'ACK', 'SYN-ACK', 'ACK', 'ACK', '1 B', '1 B', '1 B', '2 B', 'DNS 192.0.2.80', '3 B']);
    expect(t.sim.packets.map((p) => p.stream)).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
  });
});

describe('TLS as the fixtures carry it', () => {
  const rowsOf = (sim: Simulation, ids: number[]) => ids.map((n) => `${sim.packets[n].label} | ${sim.packets[n].topLayer} ${sim.packets[n].phase}`);

  it('tls13-http1 with its keys: handshake messages, then HTTP named as it completes, Application Data for the rest, the alert starts the close', () => {
    const t = importFixture('tls13-http1.pcapng');
    expect(t.notices).toEqual([]);
    // tshark's reading (tshark/tls13-http1.pcapng.json): frame 4 completes ClientHello (1); frame 6 ServerHello,
    // EncryptedExtensions, Certificate, CertificateVerify, Finished (2, 8, 11, 15, 20); frame 9 GET /; frame 12 200.
    expect(rowsOf(t.sim, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 16])).toEqual([
      'SYN | tcp tcp',
      'SYN-ACK | tcp tcp',
      'ACK | tcp tcp',
      'ClientHello | tls tls',
      'ACK | tcp tls',
      'ServerHello, ChangeCipherSpec, EncryptedExtensions, Certificate, CertificateVerify, Finished | tls tls',
      'ACK | tcp tls',
      'ChangeCipherSpec, Finished | tls tls',
      'GET / | http http',
      'NewSessionTicket | tls http',
      'ACK | tcp http',
      '200 OK | http http',
      'Application Data | tls http',
      'TLS data | tcp http',
    ]);
    expect(rowsOf(t.sim, [62, 63, 64, 65])).toEqual(['Alert | tls close', 'FIN | tcp close', 'FIN | tcp close', 'ACK | tcp close']);
    expect(t.sim.packets[5].layers.filter((l) => l.name === 'TLS')).toEqual([
      {
        name: 'TLS',
        summary: 'ServerHello (122 B), ChangeCipherSpec (1 B), encrypted EncryptedExtensions (23 B), encrypted Certificate (463 B), encrypted CertificateVerify (96 B), encrypted Finished (53 B)',
        fields: [
          { name: 'record: ServerHello', value: '122 bytes' },
          { name: 'record: ChangeCipherSpec', value: '1 bytes' },
          { name: 'record: encrypted', value: '23 bytes, holds EncryptedExtensions' },
          { name: 'record: encrypted', value: '463 bytes, holds Certificate' },
          { name: 'record: encrypted', value: '96 bytes, holds CertificateVerify' },
          { name: 'record: encrypted', value: '53 bytes, holds Finished' },
        ],
      },
    ]);
    expect(t.sim.packets[5].decrypted.map((d) => d.title)).toEqual(['EncryptedExtensions (decrypted)', 'Certificate (decrypted)', 'CertificateVerify (decrypted)', 'Finished (decrypted)']);
    expect(t.perPacket[5].handshakeTypes).toEqual([2, 8, 11, 15, 20]);
  });

  it('tls13-http1 without keys: encrypted records once per packet, the tls phase until a packet holds only application records, and the user told why', () => {
    const t = importFixture('tls13-http1.pcapng', false);
    expect(t.notices).toEqual(['TLS records stay encrypted: open a key log (SSLKEYLOGFILE) to see inside']);
    expect(rowsOf(t.sim, [3, 5, 7, 8, 9, 11, 62, 63])).toEqual([
      'ClientHello | tls tls',
      'ServerHello, ChangeCipherSpec, encrypted record | tls tls',
      'ChangeCipherSpec, encrypted record | tls tls',
      'encrypted record | tls http',
      'encrypted record | tls http',
      'encrypted record | tls http',
      'encrypted record | tls http',
      'FIN | tcp close',
    ]);
    expect(t.sim.packets[7].layers.filter((l) => l.name === 'TLS')).toEqual([
      { name: 'TLS', summary: 'ChangeCipherSpec (1 B), encrypted Application Data (53 B)', fields: [{ name: 'record: ChangeCipherSpec', value: '1 bytes' }, { name: 'record: encrypted', value: '53 bytes, holds Application Data' }] },
    ]);
    expect(t.sim.keyLog).toBe('');
  });

  it('several TLS connections: each one’s notice is prefixed with its id; the key log that opens them all leaves none', () => {
    const o = openedFixture('parallel-tls13.pcapng');
    const all = ['tcp 0', 'tcp 1', 'tcp 2', 'tcp 3', 'tcp 4', 'tcp 5'];
    const none = captureToTrace(o, { conversation: all });
    expect(none.ok && none.value.notices).toEqual(all.map((id) => `${id}: TLS records stay encrypted: open a key log (SSLKEYLOGFILE) to see inside`));
    const wrong = captureToTrace(o, { conversation: ['tcp 1', 'tcp 0'], keyLog: `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}\n` });
    expect(wrong.ok && wrong.value.notices).toEqual(['tcp 0', 'tcp 1'].map((id) => `${id}: the key log has no secrets for this connection’s client random: records stay encrypted`));
    const one = captureToTrace(o, { conversation: 'tcp 2', keyLog: `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}\n` });
    expect(one.ok && one.value.notices).toEqual(['the key log has no secrets for this connection’s client random: records stay encrypted']);
    const keys = captureToTrace(o, { conversation: all, keyLog: keyLogText('parallel-tls13.keys') });
    expect(keys.ok && keys.value.notices).toEqual([]);
    expect(keys.ok && keys.value.sim.rttUs).toBe(17);
  });
});

describe('edge cases of the packet fields and the key log', () => {
  it('an ack field without the ACK flag is shown as 0 (RFC 9293 §3.1: it is not read); SACK blocks are kept as sent', () => {
    const sack = (): Uint8Array => {
      const seg = { srcPort: 40000, dstPort: 80, seq: 101, ack: 5001, flags: { syn: false, ack: true, fin: false, psh: false, rst: false }, window: 1000, payloadLength: 0, sack: [[5101, 5201]] as [number, number][] };
      const tcp = encodeTcp(seg, 1000, { tsVal: 1, tsEcr: 0 }, C, S, new Uint8Array(), false);
      return concat(encodeIpv4({ src: C, dst: S, id: 1, ttl: 64, payloadLength: tcp.bytes.length, protocol: 6 }, false).bytes, tcp.bytes);
    };
    const t = traceOf([...handshake(), [3000, sack()], [4000, tcpPacket(C, S, 40000, 80, 101, 5007, { rst: true })]]);
    expect(t.sim.packets.map((p) => p.tcp?.ack)).toEqual([0, 1, 1, 1, 0]);
    expect(t.sim.packets.map((p) => p.tcp?.sack)).toEqual([undefined, undefined, undefined, [[5101, 5201]], undefined]);
    expect(t.sim.packets[4].label).toBe('RST');
  });

  it('a UDP conversation other than the first is stream 0 of the trace', () => {
    const t = traceOf([[0, udpPacket(C, S, 40000, 9000, ascii('a'))], [100, udpPacket(C, S, 40001, 9000, ascii('b'))]], { conversation: 'udp 1' });
    expect(t.sim.packets.map((p) => [p.stream, p.label])).toEqual([[0, 'UDP 1 B']]);
    expect(captureToTrace(opened([[0, udpPacket(C, S, 40000, 9000, ascii('a'))]]), { conversation: ['udp 0', 'tcp 0'] })).toEqual({ ok: false, error: 'no conversation "tcp 0" in this capture; it has udp 0' });
  });

  it('both ends on the same port: the address tells them apart', () => {
    const t = traceOf([[0, udpPacket(C, S, 9000, 9000, ascii('a'))], [600, udpPacket(S, C, 9000, 9000, ascii('bb'))]]);
    expect(rows(t.sim)).toEqual(['client>server 0/300 UDP 1 B tcp dns', 'server>client 300/600 UDP 2 B tcp dns']);
    expect(t.sim.rttUs).toBe(600);
  });

  it('a key log the capture carries (a pcapng Decryption Secrets Block) is kept, and not called the user’s when it has no NSS lines', () => {
    const text = 'not a key log\n';
    const frames = handshake().map(([us, data]) => epb(0, BigInt(1_700_000_000_000_000 + us), data));
    const dsb = block(0x0a, (w) => w.u32(0x544c534b).u32(text.length).raw(new TextEncoder().encode(text)));
    const o = openCapture(concat(shb(), idb(101, true, (w) => w.option(9, u8(6))), dsb, ...frames));
    if (!o.ok) throw new Error(o.error);
    const t = captureToTrace(o.value);
    expect(t.ok && [t.value.notices, t.value.sim.keyLog]).toEqual([[], text]);
  });
});

describe('rules the mutation run of toTrace.ts asked about', () => {
  it('a UDP exchange on one address is told apart by port: the answer times the round trip (a loopback capture)', () => {
    const L = '127.0.0.1';
    // Query → answer takes 3000 µs; the shortest gap between datagrams is 500 µs, which the gaps' rule would double.
    const t = traceOf([
      [0, udpPacket(L, L, 40000, 53, dnsQuery())],
      [3000, udpPacket(L, L, 53, 40000, dnsAnswer())],
      [3500, udpPacket(L, L, 40000, 53, dnsQuery())],
      [6500, udpPacket(L, L, 53, 40000, dnsAnswer())],
    ]);
    expect(t.sim.rttUs).toBe(3000);
    expect(t.notices).toEqual([]);
    expect(t.sim.packets.map((p) => `${p.from}>${p.to}`)).toEqual(['client>resolver', 'resolver>client', 'client>resolver', 'resolver>client']);
  });

  it('the trace’s round trip is the first TCP connection’s, or the first UDP conversation’s when there is no TCP', () => {
    const tcp = (port: number, at: number, rtt: number): At[] => [
      [at, tcpPacket(C, S, port, 80, 100, 0, { syn: true })],
      [at + rtt, tcpPacket(S, C, 80, port, 5000, 101, { syn: true, ack: true })],
      [at + rtt + 100, tcpPacket(C, S, port, 80, 101, 5001, { ack: true })],
    ];
    const twoTcp = traceOf([...tcp(40000, 0, 2000), ...tcp(40001, 10000, 4000)], { conversation: ['tcp 0', 'tcp 1'] });
    expect(twoTcp.sim.rttUs).toBe(2000);
    const udp = (port: number, at: number, rtt: number): At[] => [
      [at, udpPacket(C, R, port, 53, dnsQuery())],
      [at + rtt, udpPacket(R, C, 53, port, dnsAnswer())],
    ];
    const twoUdp = traceOf([...udp(5353, 0, 3000), ...udp(5354, 10000, 1000)], { conversation: ['udp 0', 'udp 1'] });
    expect(twoUdp.sim.rttUs).toBe(3000);
  });

  it('TCP to port 53 is a server, not the resolver: the resolver place is for DNS over UDP', () => {
    const t = traceOf([
      [0, tcpPacket(C, R, 40000, 53, 100, 0, { syn: true })],
      [2000, tcpPacket(R, C, 53, 40000, 5000, 101, { syn: true, ack: true })],
    ]);
    expect(t.sim.packets.map((p) => `${p.from}>${p.to}`)).toEqual(['client>server', 'server>client']);
    expect(t.sim.resolver).toBeUndefined();
  });

  it('conversations that do not share a host are refused with why', () => {
    const other = '192.0.2.9';
    const r = captureToTrace(opened([...handshake(), [9000, tcpPacket(other, S, 41000, 80, 100, 0, { syn: true })]]), { conversation: ['tcp 0', 'tcp 1'] });
    expect(r).toEqual({
      ok: false,
      error: 'tcp 1 is between 192.0.2.9 and 192.0.2.2:80, neither of them 192.0.2.1: the canvas shows one host talking to others, so pick conversations that 192.0.2.1 takes part in',
    });
  });

  it('a packet’s layers are its IP and TCP headers and nothing more when it carries no application data', () => {
    const t = traceOf(handshake());
    expect(t.sim.packets.map((p) => p.layers.map((l) => l.name))).toEqual([
      ['IPv4', 'TCP'],
      ['IPv4', 'TCP'],
      ['IPv4', 'TCP'],
    ]);
  });

  it('a packet completing application data and a close_notify alert starts the close (RFC 8446 §6.1)', () => {
    const ccs = u8(0x14, 0x03, 0x03, 0x00, 0x01, 0x01);
    // After ChangeCipherSpec: an application_data record (type 23) and an alert record (type 21) in one segment.
    const appData = u8(0x17, 0x03, 0x03, 0x00, 0x03, 9, 9, 9);
    const alert = u8(0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x00);
    const t = traceOf([...handshake(), [3000, s(1, 1, { ack: true }, ccs)], [3100, s(7, 1, { ack: true }, concat(appData, alert))]]);
    expect(t.sim.packets.slice(3).map((p) => `${p.label} ${p.topLayer} ${p.phase}`)).toEqual(['ChangeCipherSpec tls tls', 'encrypted record tls close']);
  });

  it('several conversations in nanoseconds: times are whole microseconds from the first conversation’s first packet', () => {
    // tcp 0 opens at 0.4 µs and is answered at 5.5 µs; tcp 1 opens at 10 µs. Counted from 0.4 µs the answer is
    // at 5.1 → 5 µs; counted from any other packet and moved back, it would round the other way (−4.5 → −4, then +10).
    const packets: [number, Uint8Array][] = [
      [400, c(0, 0, { syn: true })],
      [5500, s(0, 1, { syn: true, ack: true })],
      [10000, tcpPacket(C, S, 40001, 80, 100, 0, { syn: true })],
      [20000, tcpPacket(S, C, 80, 40001, 5000, 101, { syn: true, ack: true })],
    ];
    const o = openCapture(pcapFile(packets.map(([ns, data]) => ({ s: 1000, frac: 123_000 + ns, data })), { nanoseconds: true }));
    if (!o.ok) throw new Error(o.error);
    const t = captureToTrace(o.value, { conversation: ['tcp 0', 'tcp 1'] });
    if (!t.ok) throw new Error(t.error);
    expect(t.value.sim.packets.map((p) => p.captureUs)).toEqual([0, 5, 10, 20]);
  });

  it('what a conversation’s bytes do not parse as is a notice, prefixed with its id when several are shown', () => {
    // HTTP/2 in the clear (RFC 9113 §3.4): the preface, then a SETTINGS frame of 5 bytes (§6.5: a multiple of 6).
    const h2c = concat(ascii('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), u8(0, 0, 5, 4, 0, 0, 0, 0, 0), u8(0, 1, 0, 0, 16));
    const second = (): At[] => [
      [10000, tcpPacket(C, S, 40001, 80, 100, 0, { syn: true })],
      [12000, tcpPacket(S, C, 80, 40001, 5000, 101, { syn: true, ack: true })],
      [13000, tcpPacket(C, S, 40001, 80, 101, 5001, { ack: true, psh: true }, h2c)],
    ];
    const problem = 'HTTP/2 SETTINGS frame at byte 24: SETTINGS length 5 is not a multiple of 6';
    expect(traceOf([...handshake(), ...second()], { conversation: ['tcp 0', 'tcp 1'] }).notices).toEqual([`tcp 1: ${problem}`]);
    expect(traceOf([...handshake(), ...second()], { conversation: 'tcp 1' }).notices).toEqual([problem]);
  });

  it('a retransmission by timeout is noted as a retransmission, not a fast one', () => {
    const t = traceOf([
      ...handshake(),
      [3000, s(1, 1, { ack: true }, new Uint8Array(100).fill(1))],
      // the same segment again 300 ms later, with no duplicate ACK before it
      [303000, s(1, 1, { ack: true }, new Uint8Array(100).fill(1))],
    ]);
    expect(notes(t.sim).slice(1)).toEqual(['302000 server 100 B: retransmission (tshark: tcp.analysis.retransmission)']);
    expect(t.sim.packets[4].retransmission).toBe('timeout');
  });
});
