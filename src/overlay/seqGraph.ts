import type { NodeId, Packet, Simulation } from '../sim/types';

/** One data segment as an I-bar: sequence numbers [lo, hi) relative to the sender's ISN. */
export interface SeqBar {
  us: number;
  lo: number;
  hi: number;
  retransmission: boolean;
  lost: boolean;
  packetId: number;
}

/** What the sender learns from one segment of the receiver, at the moment it arrives. */
export interface AckPoint {
  us: number;
  ack: number;
  /** ack + advertised window: the highest sequence number the sender may send. */
  windowEdge: number;
  packetId: number;
}

/** A SACK block reported by an ACK: [lo, hi) is held by the receiver beyond the cumulative ACK. */
export interface SackBlock {
  us: number;
  lo: number;
  hi: number;
}

/** A segment from the receiver that the link dropped: the sender never sees it. */
export interface LostAck {
  us: number;
  ack: number;
}

/** A time–sequence graph (Stevens / tcptrace) of one TCP connection, seen from its data sender. */
export interface SeqSeries {
  stream: number;
  sender: NodeId;
  receiver: NodeId;
  isn: number;
  /** Sorted by time. */
  bars: SeqBar[];
  acks: AckPoint[];
  sacks: SackBlock[];
  lostAcks: LostAck[];
  startUs: number;
  endUs: number;
  /** Highest sequence number sent or acknowledged (the window edge may go above it). */
  topSeq: number;
  /** Highest window edge advertised. */
  topWindow: number;
  dataBytes: number;
  retransmissions: number;
  lost: number;
}

export interface StreamSummary {
  stream: number;
  /** Payload bytes in both directions. */
  bytes: number;
}

/** TCP connections in the trace, most data first (ties: lower index first). */
export function tcpStreams(packets: readonly Packet[]): StreamSummary[] {
  const bytes = new Map<number, number>();
  for (const p of packets) if (p.tcp) bytes.set(p.stream, (bytes.get(p.stream) ?? 0) + p.tcp.payloadLength);
  return [...bytes].map(([stream, b]) => ({ stream, bytes: b })).sort((a, b) => b.bytes - a.bytes || a.stream - b.stream);
}

/** Sequence number distance, modulo 2³² (RFC 9293 §3.4: sequence space wraps). */
const rel = (seq: number, isn: number) => (seq - isn) >>> 0;

/**
 * The graph's data for one TCP connection: the sender of most payload bytes is the one whose
 * sequence numbers are plotted. Segments at their send time (when they leave the sender onto
 * the link, as a capture at the sender sees them; one that a full queue refuses never leaves,
 * and shows where TCP handed it over), ACKs at their arrival at the sender. Pure; O(packets).
 */
export function seqSeries(sim: Pick<Simulation, 'packets'>, stream: number): SeqSeries | undefined {
  const packets = sim.packets.filter((p) => p.tcp && p.stream === stream);
  if (packets.length === 0) return undefined;
  const sent = new Map<NodeId, number>();
  for (const p of packets) sent.set(p.from, (sent.get(p.from) ?? 0) + p.tcp!.payloadLength);
  // The sender of most data; with none either way, the side that opened the connection.
  const sender = [...sent].reduce((a, b) => (b[1] > a[1] ? b : a), [packets[0].from, -1] as [NodeId, number])[0];
  const receiver = packets.find((p) => p.from !== sender)?.from ?? packets[0].to;
  const own = packets.filter((p) => p.from === sender);
  const syn = own.find((p) => p.tcp!.flags.syn);
  // Without a SYN (a capture that starts late), the first byte seen is byte 1, as Wireshark does.
  const isn = syn ? syn.tcp!.seq : (own[0]?.tcp!.seq ?? 0) - 1;

  const bars: SeqBar[] = [];
  const acks: AckPoint[] = [];
  const sacks: SackBlock[] = [];
  const lostAcks: LostAck[] = [];
  let topSeq = 0;
  let topWindow = 0;
  let dataBytes = 0;
  let startUs = Infinity;
  let endUs = -Infinity;
  for (const p of packets) {
    const t = p.tcp!;
    startUs = Math.min(startUs, p.sendUs);
    endUs = Math.max(endUs, p.lost ? p.lost.atUs : p.arriveUs);
    if (p.from === sender) {
      if (t.payloadLength === 0) continue;
      const lo = rel(t.seq, isn);
      const bar = { us: p.sendUs, lo, hi: lo + t.payloadLength, retransmission: !!p.retransmission, lost: !!p.lost, packetId: p.id };
      bars.push(bar);
      topSeq = Math.max(topSeq, bar.hi);
      if (!p.retransmission) dataBytes += t.payloadLength;
    } else if (t.flags.ack) {
      const ack = rel(t.ack, isn);
      if (p.lost) {
        lostAcks.push({ us: p.lost.atUs, ack });
        continue;
      }
      acks.push({ us: p.arriveUs, ack, windowEdge: ack + t.window, packetId: p.id });
      topSeq = Math.max(topSeq, ack);
      topWindow = Math.max(topWindow, ack + t.window);
      for (const [l, r] of t.sack ?? []) sacks.push({ us: p.arriveUs, lo: rel(l, isn), hi: rel(r, isn) });
    }
  }
  // Sends come in time order and arrivals nearly so: sort only what is out of order.
  const byTime = <T extends { us: number }>(xs: T[]) => xs.some((x, i) => i > 0 && x.us < xs[i - 1].us) && xs.sort((a, b) => a.us - b.us);
  byTime(bars);
  byTime(acks);
  byTime(sacks);
  byTime(lostAcks);
  return {
    stream,
    sender,
    receiver,
    isn,
    bars,
    acks,
    sacks,
    lostAcks,
    startUs,
    endUs,
    topSeq,
    topWindow,
    dataBytes,
    retransmissions: bars.filter((b) => b.retransmission).length,
    lost: bars.filter((b) => b.lost).length + lostAcks.length,
  };
}

/** Where each packet of the series sits on the graph (a segment at its middle, an ACK on its step), by id. */
export function packetPoints(s: SeqSeries): Map<number, { us: number; seq: number }> {
  const points = new Map<number, { us: number; seq: number }>();
  for (const b of s.bars) points.set(b.packetId, { us: b.us, seq: (b.lo + b.hi) / 2 });
  for (const a of s.acks) points.set(a.packetId, { us: a.us, seq: a.ack });
  return points;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The graph in one sentence: "sequence numbers 0 to 102,400 over 480 ms, 1 retransmission, 1 lost". */
export function describeSeries(s: SeqSeries): string {
  const ms = (s.endUs - s.startUs) / 1000;
  const span = ms < 1000 ? `${Number(ms.toFixed(1)).toLocaleString('en-US')} ms` : `${(ms / 1000).toFixed(2)} s`;
  const parts = [`${s.sender} → ${s.receiver}, sequence numbers 0 to ${s.topSeq.toLocaleString('en-US')} over ${span}`, plural(s.retransmissions, 'retransmission')];
  if (s.lost) parts.push(`${s.lost.toLocaleString('en-US')} lost`);
  if (s.sacks.length) parts.push(plural(s.sacks.length, 'SACK block'));
  return parts.join(', ');
}
