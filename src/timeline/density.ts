import type { Packet } from '../sim/types';
import { laneOf } from './lanes';

/** Runs shorter than this keep full-size sprites (a handshake flight, a few ACKs). */
export const MIN_DENSE_RUN = 6;
/** The first three duplicate ACKs are the lesson of fast retransmit; later ones are routine. */
const TELLING_DUP_ACKS = 3;

/**
 * Which packets are drawn compact: those inside a dense run on their lane (departures closer
 * together, in scaled network time, than two full-size sprites can be), except the first and
 * the last of the run and any packet with a story of its own (a SYN or FIN, a loss, a resend,
 * a probe, a window update, one of the first three duplicate ACKs, the first segment of a
 * write). Pure.
 */
export function compactPackets(packets: Packet[], scale: number, fullGapS: number): Set<number> {
  const byLane = new Map<number, Packet[]>();
  for (const p of packets) {
    const lane = laneOf(p.from, p.to);
    const list = byLane.get(lane);
    if (list) list.push(p);
    else byLane.set(lane, [p]);
  }
  const compact = new Set<number>();
  for (const list of byLane.values()) {
    list.sort((a, b) => a.sendUs - b.sendUs || a.id - b.id);
    const routine = routineOf(list);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      const dense = i < list.length && ((list[i].sendUs - list[i - 1].sendUs) / 1e6) * scale < fullGapS;
      if (dense) continue;
      // list[start .. i-1] is one run.
      if (i - start >= MIN_DENSE_RUN) for (let k = start + 1; k < i - 1; k++) if (routine[k]) compact.add(list[k].id);
      start = i;
    }
  }
  return compact;
}

function routineOf(list: Packet[]): boolean[] {
  let dupRun = 0;
  let lastAck = -1;
  return list.map((p) => {
    const t = p.tcp;
    // The first segment of a write names it ("200 OK 1/70"); the rest of the write streams after it.
    if (!t || t.flags.syn || t.flags.fin || t.flags.rst || p.lost || p.retransmission || p.segment?.index === 1) return false;
    if (p.label === 'dup ACK') {
      dupRun = t.ack === lastAck ? dupRun + 1 : 1;
      lastAck = t.ack;
      return dupRun > TELLING_DUP_ACKS;
    }
    dupRun = 0;
    lastAck = t.ack;
    return p.label === 'ACK' || (t.payloadLength > 0 && p.label !== 'probe');
  });
}
