import { describe, expect, it } from 'vitest';
import type { Packet, TcpFlags } from '../sim/types';
import { compactPackets, MIN_DENSE_RUN } from './density';

/**
 * Which sprites are drawn compact, rule by rule, on hand-built packets: 1 ms apart at scale 100
 * is 0.1 s on screen, dense against a full gap of 0.5 s. The sets are written out by hand.
 */
const SCALE = 100;
const FULL_GAP_S = 0.5;
let nextId = 0;
function seg(sendMs: number, over: Partial<Packet> = {}, flags: Partial<TcpFlags> = {}, ack = 1, payloadLength = 1000): Packet {
  return {
    id: nextId++,
    from: 'server',
    to: 'client',
    label: 'data',
    sendUs: sendMs * 1000,
    tcp: { srcPort: 443, dstPort: 50_000, seq: 0, ack, window: 65_535, payloadLength, flags: { syn: false, ack: true, fin: false, rst: false, psh: false, ...flags } as TcpFlags },
    ...over,
  } as Packet;
}
const run = (n: number, startMs = 0, over: (i: number) => Partial<Packet> = () => ({})) => Array.from({ length: n }, (_, i) => seg(startMs + i, over(i)));
const ids = (set: Set<number>) => [...set].sort((a, b) => a - b);

describe('compactPackets', () => {
  it('compacts the inside of a run of at least MIN_DENSE_RUN, never its first and last', () => {
    nextId = 0;
    expect(MIN_DENSE_RUN).toBe(6);
    expect(ids(compactPackets(run(8), SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4, 5, 6]);
    nextId = 0;
    expect(ids(compactPackets(run(6), SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4]);
    nextId = 0;
    expect(ids(compactPackets(run(5), SCALE, FULL_GAP_S))).toEqual([]);
  });

  it('a gap of a full sprite or more ends the run (5 ms at scale 100 is exactly the full gap)', () => {
    nextId = 0;
    const packets = [...run(6), ...run(6, 10), ...run(6, 20)]; // runs at 0–5, 10–15, 20–25
    // 5 → 10 is 5 ms = 0.5 s: not dense; 15 → 20 likewise; so three runs of six.
    expect(ids(compactPackets(packets, SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4, 7, 8, 9, 10, 13, 14, 15, 16]);
    nextId = 0;
    const closer = [...run(6), ...run(6, 9.99)]; // 4.99 ms apart: one run of twelve
    expect(ids(compactPackets(closer, SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    nextId = 0;
    const shortAfterLong = [...run(6), ...run(5, 10)]; // the second run is five long: all full size
    expect(ids(compactPackets(shortAfterLong, SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4]);
  });

  it('each lane has its own runs; order is by departure, then id', () => {
    nextId = 0;
    const down = run(6);
    const up = run(6, 0.5, () => ({ from: 'client', to: 'server' }));
    const shuffled = [down[5], up[3], down[0], up[0], down[2], up[5], down[1], up[1], down[4], up[2], down[3], up[4]];
    expect(ids(compactPackets(shuffled, SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4, 7, 8, 9, 10]);
    nextId = 0;
    const sameTime = run(6, 0, () => ({ sendUs: 0 })); // all at once: by id, so 0 and 5 are the ends
    expect(ids(compactPackets([...sameTime].reverse(), SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4]);
    nextId = 0;
    const tie = run(7); // 0…6 ms; id 6 leaves at 0 ms too, with id 0: id 0 is first, id 6 inside the run
    tie[6].sendUs = 0;
    expect(ids(compactPackets([tie[6], ...tie.slice(0, 6)], SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4, 6]);
  });

  it('keeps every packet with a story full size: SYN, FIN, RST, a loss, a resend, a write’s first segment, a probe, a bare non-ACK, no TCP', () => {
    const stories: Partial<Packet>[] = [
      { tcp: seg(0, {}, { syn: true }).tcp },
      { tcp: seg(0, {}, { fin: true }).tcp },
      { tcp: seg(0, {}, { rst: true }).tcp },
      { lost: { atUs: 1, reason: 'r' } },
      { retransmission: 'fast' },
      { segment: { index: 1, count: 9 } },
      { label: 'probe' },
      { label: 'window update', tcp: seg(0, {}, {}, 1, 0).tcp },
      { tcp: undefined },
    ];
    for (const story of stories) {
      nextId = 0;
      expect(ids(compactPackets(run(7, 0, (i) => (i === 3 ? story : {})), SCALE, FULL_GAP_S)), JSON.stringify(story)).toEqual([1, 2, 4, 5]);
    }
    nextId = 0;
    const routine = [{ segment: { index: 2, count: 9 } }, { label: 'ACK', tcp: seg(0, {}, {}, 1, 0).tcp }];
    for (const r of routine) {
      nextId = 0;
      expect(ids(compactPackets(run(7, 0, (i) => (i === 3 ? r : {})), SCALE, FULL_GAP_S))).toEqual([1, 2, 3, 4, 5]);
    }
  });

  it('the first three duplicate ACKs of a loss stay full size, later ones are routine; a new ACK number starts over', () => {
    nextId = 0;
    const dup = (ms: number, ack: number) => seg(ms, { label: 'dup ACK' }, {}, ack, 0);
    const packets = [seg(0), dup(1, 7), dup(2, 7), dup(3, 7), dup(4, 7), dup(5, 7), dup(6, 9), dup(7, 9), dup(8, 9), dup(9, 9), seg(10)];
    expect(ids(compactPackets(packets, SCALE, FULL_GAP_S))).toEqual([4, 5, 9]);
    nextId = 0;
    // Duplicate ACKs from the very start of the lane (ACK number 1) count from one too.
    const fromStart = [dup(0, 1), dup(1, 1), dup(2, 1), dup(3, 1), dup(4, 1), seg(5), seg(6)];
    expect(ids(compactPackets(fromStart, SCALE, FULL_GAP_S))).toEqual([3, 4, 5]);
    nextId = 0;
    // A data segment between two duplicate ACKs of one number breaks the count.
    const broken = [seg(0), dup(1, 7), dup(2, 7), dup(3, 7), seg(4, {}, {}, 7), dup(5, 7), dup(6, 7), dup(7, 7), dup(8, 7), seg(9)];
    expect(ids(compactPackets(broken, SCALE, FULL_GAP_S))).toEqual([4, 8]);
  });
});
