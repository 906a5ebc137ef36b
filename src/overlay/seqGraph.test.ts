import { describe, expect, it } from 'vitest';
import type { NodeId, Packet, TcpFlags } from '../sim/types';
import { describeSeries, packetPoints, seqSeries, tcpStreams } from './seqGraph';

const noFlags: TcpFlags = { syn: false, ack: false, fin: false, psh: false, rst: false };

let nextId = 0;
/** A TCP segment with just what the graph reads (the rest of a Packet does not matter here). */
function segment(from: NodeId, sendUs: number, seq: number, ack: number, len: number, extra: Partial<Packet> & { flags?: Partial<TcpFlags>; window?: number; sack?: [number, number][] } = {}): Packet {
  const { flags, window, sack, ...rest } = extra;
  return {
    id: nextId++,
    from,
    to: from === 'client' ? 'server' : 'client',
    stream: 0,
    sendUs,
    arriveUs: sendUs + 20_000,
    tcp: { srcPort: 1, dstPort: 2, seq, ack, flags: { ...noFlags, ack: true, ...flags }, window: window ?? 65_535, payloadLength: len, sack },
    ...rest,
  } as Packet;
}

// Server ISN 5000. Three 1000-byte segments; the second is lost, SACKed around, and resent fast.
const trace = (): Packet[] => [
  segment('client', 0, 1000, 0, 0, { flags: { syn: true, ack: false } }),
  segment('server', 20_000, 5000, 1001, 0, { flags: { syn: true } }),
  segment('client', 40_000, 1001, 5001, 100),
  segment('server', 60_000, 5001, 1101, 1000),
  segment('server', 60_100, 6001, 1101, 1000, { lost: { atUs: 70_000, reason: 'queue full' } }),
  segment('server', 60_200, 7001, 1101, 1000),
  segment('client', 80_000, 1101, 6001, 0, { window: 30_000 }),
  segment('client', 80_200, 1101, 6001, 0, { window: 30_000, sack: [[7001, 8001]] }),
  segment('server', 100_200, 6001, 1101, 1000, { retransmission: 'fast' }),
  segment('client', 120_200, 1101, 8001, 0, { window: 30_000, lost: { atUs: 125_000, reason: 'random loss' } }),
];

describe('time–sequence series', () => {
  it('plots the sender of most data, relative to its ISN, ACKs where the sender sees them', () => {
    const s = seqSeries({ packets: trace() }, 0)!;
    expect([s.sender, s.receiver, s.isn]).toEqual(['server', 'client', 5000]);
    expect(s.bars.map((b) => [b.us, b.lo, b.hi, b.retransmission, b.lost])).toEqual([
      [60_000, 1, 1001, false, false],
      [60_100, 1001, 2001, false, true],
      [60_200, 2001, 3001, false, false],
      [100_200, 1001, 2001, true, false],
    ]);
    // The client's first ACK (of the SYN-ACK) is relative 1; times are arrivals at the server.
    expect(s.acks.map((a) => [a.us, a.ack, a.windowEdge])).toEqual([
      [60_000, 1, 65_536],
      [100_000, 1001, 31_001],
      [100_200, 1001, 31_001],
    ]);
    expect(s.sacks).toEqual([{ us: 100_200, lo: 2001, hi: 3001 }]);
    expect(s.lostAcks).toEqual([{ us: 125_000, ack: 3001 }]);
    expect(s).toMatchObject({ startUs: 0, endUs: 125_000, topSeq: 3001, topWindow: 65_536, dataBytes: 3000, retransmissions: 1, lost: 2 });
  });

  it('keeps counting across the 2³² wrap', () => {
    const isn = 0xffff_ff00;
    const s = seqSeries({ packets: [segment('client', 0, isn, 0, 0, { flags: { syn: true, ack: false } }), segment('client', 10, isn + 1, 1, 1000)] }, 0)!;
    expect(s.bars[0]).toMatchObject({ lo: 1, hi: 1001 });
  });

  it('counts from byte 1 when the SYN is not in the trace, as Wireshark does', () => {
    const s = seqSeries({ packets: [segment('server', 0, 777, 5, 500), segment('server', 10, 1277, 5, 500)] }, 0)!;
    expect(s.bars.map((b) => b.lo)).toEqual([1, 501]);
  });

  it('has nothing for a stream without TCP', () => {
    expect(seqSeries({ packets: trace() }, 3)).toBeUndefined();
  });

  it('lists connections by bytes carried', () => {
    const other = [segment('client', 0, 1, 1, 10, { stream: 1 }), segment('client', 0, 1, 1, 5000, { stream: 2 }), { ...segment('client', 0, 1, 1, 0), tcp: undefined, stream: 4 } as Packet];
    expect(tcpStreams([...trace(), ...other])).toEqual([
      { stream: 2, bytes: 5000 },
      { stream: 0, bytes: 4100 },
      { stream: 1, bytes: 10 },
    ]);
  });

  it('places each packet on the graph for the focus ring', () => {
    const packets = trace();
    const points = packetPoints(seqSeries({ packets }, 0)!);
    expect(points.get(packets[4].id)).toEqual({ us: 60_100, seq: 1501 });
    expect(points.get(packets[6].id)).toEqual({ us: 100_000, seq: 1001 });
    expect(points.has(packets[0].id)).toBe(false); // the client's SYN carries no ACK
  });

  it('sums itself up in a sentence', () => {
    expect(describeSeries(seqSeries({ packets: trace() }, 0)!)).toBe('server → client, sequence numbers 0 to 3,001 over 125 ms, 1 retransmission, 2 lost, 1 SACK block');
  });
});
