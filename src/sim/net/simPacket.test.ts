import { describe, expect, it } from 'vitest';
import type { Packet } from '../types';
import { type PacketFacts, PacketArrived, PacketDropped, PacketSent, SimPacket } from './simPacket';

const facts = (f: Partial<PacketFacts> = {}): PacketFacts => ({ from: 'client', to: 'server', stream: 0, label: 'SYN', topLayer: 'tcp', phase: 'tcp', decrypted: [], totalLength: 60, ...f });
const tcp = (t: Partial<NonNullable<Packet['tcp']>> = {}) => ({ srcPort: 49152, dstPort: 443, seq: 1, ack: 0, flags: { syn: false, ack: false, fin: false, psh: false, rst: false }, window: 100, payloadLength: 0, ...t });

describe('SimPacket: facts up front, bytes, layers and caption made on first read and kept', () => {
  it('calls each maker once, however often it is read', () => {
    const calls = { bytes: 0, layers: 0, caption: 0 };
    const p = new SimPacket(7, facts(), { sendUs: 10, arriveUs: 20 }, {
      bytes: () => (calls.bytes++, Uint8Array.of(1, 2)),
      layers: () => (calls.layers++, [{ name: 'IPv4', summary: 's', fields: [] }]),
      caption: () => (calls.caption++, 'opens'),
    });
    expect(calls).toEqual({ bytes: 0, layers: 0, caption: 0 });
    expect([p.bytes, p.bytes]).toEqual([Uint8Array.of(1, 2), Uint8Array.of(1, 2)]);
    expect(p.bytes).toBe(p.bytes);
    expect(p.layers).toBe(p.layers);
    expect([p.caption, p.caption]).toEqual(['opens', 'opens']);
    expect(calls).toEqual({ bytes: 1, layers: 1, caption: 1 });
    expect([p.id, p.from, p.to, p.stream, p.label, p.topLayer, p.phase, p.totalLength, p.sendUs, p.arriveUs]).toEqual([7, 'client', 'server', 0, 'SYN', 'tcp', 'tcp', 60, 10, 20]);
  });

  it('keeps the optional facts it is given, and leaves the others undefined', () => {
    const making = { bytes: () => new Uint8Array(), layers: () => [], caption: () => '' };
    const bare = new SimPacket(0, facts(), { sendUs: 0, arriveUs: 1 }, making);
    expect([bare.tcp, bare.udp, bare.retransmission, bare.sender, bare.segment, bare.lost]).toEqual(new Array(6).fill(undefined));
    const full = new SimPacket(1, facts({ tcp: tcp(), udp: { srcPort: 1, dstPort: 2, payloadLength: 0 }, retransmission: 'fast', sender: { cwndBytes: 1, ssthreshBytes: 2, bytesInFlight: 3, peerWindowBytes: 4 } as Packet['sender'], segment: { index: 1, count: 3 } }), { sendUs: 0, arriveUs: 1, lost: { atUs: 1, reason: 'r' } }, making);
    expect([full.tcp, full.udp, full.retransmission, full.sender, full.segment, full.lost]).toEqual([tcp(), { srcPort: 1, dstPort: 2, payloadLength: 0 }, 'fast', { cwndBytes: 1, ssthreshBytes: 2, bytesInFlight: 3, peerWindowBytes: 4 }, { index: 1, count: 3 }, { atUs: 1, reason: 'r' }]);
  });
});

describe('the log lines of a packet', () => {
  const making = { bytes: () => new Uint8Array(), layers: () => [], caption: () => '' };
  const packet = (f: Partial<PacketFacts>, lost?: { atUs: number; reason: string }) => new SimPacket(0, facts(f), { sendUs: 0, arriveUs: 5, lost }, making);

  it('sent: numbers as a TCP trace shows them (ack only with the ACK flag, len only with data, win only when 0)', () => {
    const line = (f: Partial<PacketFacts>) => new PacketSent(0, packet(f)).text;
    expect(line({ tcp: tcp() })).toBe('client → server  SYN  seq=1');
    expect(line({ tcp: tcp({ ack: 9, flags: { syn: false, ack: true, fin: false, psh: false, rst: false }, payloadLength: 3 }) })).toBe('client → server  SYN  seq=1 ack=9 len=3');
    expect(line({ tcp: tcp({ window: 0 }) })).toBe('client → server  SYN  seq=1 win=0');
    expect(line({ tcp: tcp(), retransmission: 'timeout' })).toBe('client → server  SYN  seq=1  (retransmission)');
    expect(line({ label: 'DNS query', udp: { srcPort: 1, dstPort: 53, payloadLength: 29 } })).toBe('client → server  DNS query  len=29');
    expect(line({ label: 'bare' })).toBe('client → server  bare');
    const sent = new PacketSent(4, packet({}));
    expect([sent.kind, sent.atUs]).toEqual(['send', 4]);
  });

  it('arrived and dropped', () => {
    const arrived = new PacketArrived(5, packet({}));
    expect([arrived.kind, arrived.atUs, arrived.text]).toEqual(['arrive', 5, 'server ← client  SYN arrives']);
    const dropped = new PacketDropped(3, packet({}, { atUs: 3, reason: 'queue full (1 packet): dropped at the tail' }));
    expect([dropped.kind, dropped.text]).toEqual(['drop', '✕ SYN from client lost: queue full (1 packet): dropped at the tail']);
  });
});
