import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import type { LinkSpec } from './network';
import { Network, type TcpRoute } from './network';
import type { Prng } from '../prng';
import type { OutSegment } from '../tcp/socket';
import type { StreamSlice } from '../tcp/sendStream';
import type { Endpoint, Packet, TcpFlags } from '../types';

/** A Prng that hands out the given draws in order. */
const scripted = (...draws: number[]): Prng => ({
  u32: () => {
    if (!draws.length) throw new Error('drew more than scripted');
    return draws.shift()!;
  },
  bytes: () => {
    throw new Error('the network draws no bytes');
  },
});

const endpoints: Record<'client' | 'server', Endpoint> = {
  client: { id: 'client', name: 'Client', ip: '192.0.2.10', port: 49152 },
  server: { id: 'server', name: 'Server', ip: '203.0.113.5', port: 443, host: 'example.com' },
};
// 20 ms RTT (10 ms each way), 100 Mbit/s: a 60-byte packet takes 4.8 → 5 µs to send.
const link = (o: Partial<LinkSpec> = {}): LinkSpec => ({ a: 'client', b: 'server', rttUs: 20_000, bandwidthMbps: 100, queuePackets: 100, lossRate: 0, drops: [], ...o });
/** Per host, in endpoint order: the IP id's start (low 16 bits) and the timestamp clock's offset. */
const draws = () => scripted(0x1_0005, 1000, 0xffff, 2 ** 32 - 2);
const flags = (f: Partial<TcpFlags>): TcpFlags => ({ syn: false, ack: false, fin: false, psh: false, rst: false, ...f });

const route = (from: 'client' | 'server', windowScale = 7): TcpRoute => ({
  from,
  to: from === 'client' ? 'server' : 'client',
  stream: 0,
  srcPort: endpoints[from].port,
  dstPort: endpoints[from === 'client' ? 'server' : 'client'].port,
  windowScale,
  phase: 'tcp',
  describe: (seg) => ({ label: seg.flags.syn ? (seg.flags.ack ? 'SYN-ACK' : 'SYN') : seg.reason === 'probe' ? 'probe' : 'ACK', caption: `Control segment (${seg.reason})` }),
});
const syn: OutSegment = { seq: 100, ack: 0, flags: flags({ syn: true }), window: 64240, reason: 'syn', synOptions: { mss: 1460, windowScale: 7, sackPermitted: true }, stateAfter: 'SYN_SENT' };
const get = (text = 'GET /'): StreamSlice => ({
  label: text,
  phase: 'http',
  topLayer: 'http',
  bytes: new TextEncoder().encode(text),
  layers: () => [{ name: 'HTTP', summary: text, fields: [{ name: 'request line', value: text, offset: 0, length: text.length }] }],
  decrypted: [],
  caption: (s) => `The client asks (seq ${s.seq})`,
});

/** IPv4 id (RFC 791: bytes 4–5), TTL (byte 8), and TSval/TSecr of a packet whose timestamps option follows two NOPs (non-SYN) or MSS+SACK-permitted (SYN). */
const wire = (p: Packet) => {
  const tcp = p.bytes.subarray(20);
  const ts = tcp.subarray(20).indexOf(8) + 20;
  const view = new DataView(tcp.buffer, tcp.byteOffset);
  return { ipId: (p.bytes[4] << 8) | p.bytes[5], ttl: p.bytes[8], tsVal: view.getUint32(ts + 2), tsEcr: view.getUint32(ts + 6), window: view.getUint16(14) };
};

describe('Network: what a TCP segment becomes on the wire', () => {
  it('a SYN: IP id counts up from the host’s random start, TTL 64 (Linux), TSval = host offset + ms, TSecr 0; arrives after serialisation + delay', () => {
    const net = new Network(endpoints, [link()], draws(), scripted());
    const got: Packet[] = [];
    net.listen('server', 443, (p) => got.push(p));
    expect(net.sendTcp(route('client'), syn)).toBe(0);
    const p = net.packets[0];
    expect([p.label, p.topLayer, p.phase, p.totalLength, p.bytes.length]).toEqual(['SYN', 'tcp', 'tcp', 60, 60]);
    expect(wire(p)).toEqual({ ipId: 6, ttl: 64, tsVal: 1000, tsEcr: 0, window: 64240 });
    expect([p.sendUs, p.arriveUs]).toEqual([0, 10_005]);
    expect(p.caption).toBe('Control segment (syn)');
    expect(p.layers.map((l) => l.name)).toEqual(['IPv4', 'TCP']);
    expect(p.decrypted).toEqual([]);
    net.queue.run();
    expect(got).toEqual([p]);
    expect(net.events.map((e) => [e.kind, e.atUs, e.text])).toEqual([
      ['send', 0, 'client → server  SYN  seq=100'],
      ['arrive', 10_005, 'server ← client  SYN arrives'],
    ]);
  });

  it('the reply echoes the last TSval seen from the peer once it has arrived; the server’s IP id wraps at 16 bits, its clock at 32', () => {
    const net = new Network(endpoints, [link()], draws(), scripted());
    net.listen('server', 443, () => net.sendTcp(route('server'), { ...syn, seq: 300, ack: 101, flags: flags({ syn: true, ack: true }), reason: 'syn-ack', stateAfter: 'SYN_RCVD' }));
    net.listen('client', 49152, () => net.sendTcp(route('client'), { seq: 101, ack: 301, flags: flags({ ack: true }), window: 64256, reason: 'ack-of-syn', stateAfter: 'ESTABLISHED' }));
    net.sendTcp(route('client'), syn);
    // Before any arrival, nothing to echo.
    net.queue.runSome(1);
    const [, synAck] = net.packets;
    // 2^32 − 2 + 10 ms, modulo 2^32.
    expect(wire(synAck)).toMatchObject({ ipId: 0, tsVal: 8, tsEcr: 1000 });
    net.queue.runSome(1);
    const ack = net.packets[2];
    // 20 ms after the SYN: 1000 + 20; it echoes the SYN-ACK's TSval; the window 64256 is written scaled by 2^7.
    expect(wire(ack)).toEqual({ ipId: 7, ttl: 64, tsVal: 1020, tsEcr: 8, window: 502 });
    expect(ack.totalLength).toBe(52);
    expect(net.events.filter((e) => e.kind === 'send').map((e) => e.text)).toEqual(['client → server  SYN  seq=100', 'server → client  SYN-ACK  seq=300 ack=101', 'client → server  ACK  seq=101 ack=301']);
  });

  it('data: labelled and captioned by what it carries, its layers placed after the 52 header bytes; a retransmission says so', () => {
    const net = new Network(endpoints, [link()], draws(), scripted());
    const record = { title: 'Application Data', key: 'client application traffic key', bytes: Uint8Array.of(1), layers: [] };
    const seg: OutSegment = { seq: 101, ack: 301, flags: flags({ ack: true, psh: true }), window: 64256, payload: { ...get(), decrypted: [record] }, reason: 'data', stateAfter: 'ESTABLISHED' };
    net.sendTcp(route('client'), seg);
    net.sendTcp(route('client'), { ...seg, retransmission: 'timeout' });
    net.sendTcp(route('client'), { ...seg, flags: flags({ ack: true, fin: true }) });
    const [first, again, withFin] = net.packets;
    expect([first.label, first.topLayer, first.phase, first.totalLength]).toEqual(['GET /', 'http', 'http', 57]);
    expect(first.caption).toBe('The client asks (seq 101)');
    expect(first.decrypted).toEqual([record]);
    expect(new TextDecoder().decode(first.bytes.subarray(52))).toBe('GET /');
    expect(first.layers.map((l) => [l.name, l.fields[0].offset])).toEqual([['IPv4', 0], ['TCP', 20], ['HTTP', 52]]);
    expect(again.caption).toBe('Retransmission: the client asks (seq 101)');
    expect(again.retransmission).toBe('timeout');
    expect(withFin.label).toBe('GET / +FIN');
    expect(net.events.map((e) => e.text)).toEqual(['client → server  GET /  seq=101 ack=301 len=5', 'client → server  GET /  seq=101 ack=301 len=5  (retransmission)', 'client → server  GET / +FIN  seq=101 ack=301 len=5']);
  });

  it('a zero-window probe carries a byte but is named for the probe; SACK blocks lengthen the header; a zero window shows in the log', () => {
    const net = new Network(endpoints, [link()], draws(), scripted());
    net.sendTcp(route('client'), { seq: 105, ack: 301, flags: flags({ ack: true }), window: 64256, payload: get('G'), reason: 'probe', stateAfter: 'ESTABLISHED' });
    net.sendTcp(route('server'), { seq: 301, ack: 101, flags: flags({ ack: true }), window: 0, sack: [[1000, 2000]], reason: 'dup-ack', stateAfter: 'ESTABLISHED' });
    net.sendTcp(route('server'), { seq: 301, ack: 101, flags: flags({ ack: true }), window: 0, sack: [], reason: 'ack', stateAfter: 'ESTABLISHED' });
    const [probe, sacked, plain] = net.packets;
    expect([probe.label, probe.topLayer, probe.caption, probe.totalLength]).toEqual(['probe', 'http', 'Control segment (probe)', 53]);
    // 20 + 20 + 12 (NOP NOP timestamps) + 2 NOPs + 10 (one SACK block, RFC 2018 §3).
    expect([sacked.totalLength, sacked.bytes.length, sacked.tcp!.sack]).toEqual([64, 64, [[1000, 2000]]]);
    expect(plain.tcp).not.toHaveProperty('sack');
    expect(net.events.map((e) => e.text).slice(1)).toEqual(['server → client  ACK  seq=301 ack=101 win=0', 'server → client  ACK  seq=301 ack=101 win=0']);
  });

  it('a lost packet is recorded as sent, then dropped where it was lost; nobody receives it', () => {
    const drops = [{ direction: 'client-to-server', index: 1, occurrence: 1 }];
    const net = new Network(endpoints, [link({ drops })], draws(), scripted());
    let received = 0;
    net.listen('server', 443, () => received++);
    net.sendTcp(route('client'), syn);
    net.queue.run();
    expect(received).toBe(0);
    expect(net.packets[0].lost).toEqual({ atUs: 5005, reason: 'dropped by the scenario' });
    expect(net.events.map((e) => [e.kind, e.atUs, e.text])).toEqual([
      ['send', 0, 'client → server  SYN  seq=100'],
      ['drop', 5005, '✕ SYN from client lost: dropped by the scenario'],
    ]);
  });

  it('a listener for one remote port is preferred to one for any port; a packet for no one is dropped silently', () => {
    const net = new Network(endpoints, [link()], draws(), scripted());
    const got: string[] = [];
    net.listen('server', 443, () => got.push('any'));
    net.listen('server', 443, () => got.push('49152'), 49152);
    net.sendTcp(route('client'), syn);
    net.sendTcp({ ...route('client'), srcPort: 50000 }, syn);
    net.sendTcp({ ...route('client'), dstPort: 80 }, syn);
    net.queue.run();
    expect(got).toEqual(['49152', 'any']);
    expect(net.events.filter((e) => e.kind === 'arrive')).toHaveLength(3);
  });

  it('refuses to send where no link goes, naming both ends', () => {
    const net = new Network({ ...endpoints, resolver: { id: 'resolver', name: 'Resolver', ip: '192.0.2.53', port: 53 } }, [link()], scripted(1, 2, 3, 4, 5, 6), scripted());
    expect(() => net.sendTcp({ ...route('client'), to: 'resolver' }, syn)).toThrow('Network: no link from client to resolver');
  });
});

describe('Network: UDP, notes, state changes, timers', () => {
  it('a UDP datagram: 28 header bytes, its layers after them, delivered to the listener', () => {
    const net = new Network(endpoints, [link()], draws(), scripted());
    const got: Uint8Array[] = [];
    net.listen('server', 53, (_p, payload) => got.push(payload));
    const payload = Uint8Array.of(0xab, 0xcd, 1, 0);
    const p = net.sendUdp({ from: 'client', to: 'server', stream: 2, srcPort: 40000, dstPort: 53, label: 'DNS query', caption: 'Where is example.com?', phase: 'dns', topLayer: 'dns', payload, layers: [{ name: 'DNS', summary: 'A?', fields: [{ name: 'id', value: '0xabcd', offset: 0, length: 2 }] }] });
    expect([p.id, p.stream, p.label, p.caption, p.topLayer, p.phase, p.totalLength]).toEqual([0, 2, 'DNS query', 'Where is example.com?', 'dns', 'dns', 32]);
    expect(p.udp).toEqual({ srcPort: 40000, dstPort: 53, payloadLength: 4 });
    expect(p.decrypted).toEqual([]);
    expect(toHex(p.bytes.subarray(20, 26))).toBe('9c400035000c');
    expect([p.bytes[9], (p.bytes[4] << 8) | p.bytes[5], p.bytes[8]]).toEqual([17, 6, 64]);
    expect(p.layers.map((l) => [l.name, l.fields[0].offset])).toEqual([['IPv4', 0], ['UDP', 20], ['DNS', 28]]);
    net.queue.run();
    expect(got).toEqual([payload]);
    expect(net.events.map((e) => e.text)).toEqual(['client → server  DNS query  len=4', 'server ← client  DNS query arrives']);
  });

  it('notes, state changes and timers are stamped with the clock and the node', () => {
    const net = new Network(endpoints, [link()], draws(), scripted());
    net.queue.post(250, () => {
      net.note('client', 'connected', 'established', 3);
      net.note('server', 'plain');
      net.transition('client', 'SYN_SENT', 'ESTABLISHED', 3);
      net.transition('server', 'LISTEN', 'SYN_RCVD');
      net.timer('client', 1, 'retransmission', { startUs: 0, dueUs: 1000, endUs: 250, fired: false });
    });
    net.queue.run();
    expect(net.nowUs).toBe(250);
    // Strictly: an absent milestone or packet is no key at all, not a key holding undefined.
    expect(net.events).toStrictEqual([
      { kind: 'note', atUs: 250, node: 'client', text: 'client  connected', milestone: 'established', packetId: 3 },
      { kind: 'note', atUs: 250, node: 'server', text: 'server  plain' },
      { kind: 'state', atUs: 250, node: 'client', from: 'SYN_SENT', to: 'ESTABLISHED', text: 'client  SYN_SENT → ESTABLISHED', packetId: 3 },
      { kind: 'state', atUs: 250, node: 'server', from: 'LISTEN', to: 'SYN_RCVD', text: 'server  LISTEN → SYN_RCVD' },
    ]);
    expect(net.timers).toEqual([{ node: 'client', stream: 1, kind: 'retransmission', startUs: 0, dueUs: 1000, endUs: 250, fired: false }]);
  });
});
