import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Packet, SenderView, SimEvent, TcpState } from '../sim/types';
import { eventCountAt, eventsUpTo, frameCount, frameToTime, lastFrame, nearestFrame, timeToFrame } from './eventsUpTo';
import { latestSentPacket } from './focus';
import { isResolverLane, LANE, laneOf } from './lanes';
import type { Flight, Plan, TimedEvent } from './plan';
import { formatBytes, READOUT_HOLD_S, readoutLines, readoutsOf } from './readouts';
import { countUpTo } from './search';
import { stateTone } from './tone';

/** The small timeline kernels, each against a plain reference or a table written from its rule. */
describe('countUpTo', () => {
  it('equals a linear count of the keys ≤ x, for any sorted list and any x (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (keys, x) => {
        const sorted = [...keys].sort((a, b) => a - b);
        expect(countUpTo(sorted, x, (k) => k)).toBe(sorted.filter((k) => k <= x).length);
      }),
      { numRuns: 300, seed: 16 },
    );
  });
});

describe('latestSentPacket', () => {
  const send = (id: number): TimedEvent => ({ atS: id, event: { kind: 'send', atUs: id, packet: { id } as Packet } as SimEvent });
  const other = (atS: number): TimedEvent => ({ atS, event: { kind: 'note', atUs: atS, node: 'client', text: 'x' } as SimEvent });
  it('is the last send among the first `count` events, or none', () => {
    const timeline = [other(0), send(1), other(2), send(3), other(4)];
    expect([0, 1, 2, 3, 4, 5, 99].map((n) => latestSentPacket(timeline, n)?.id)).toEqual([undefined, undefined, 1, 1, 3, 3, 3]);
    expect(latestSentPacket([], 3)).toBeUndefined();
    expect(latestSentPacket([send(0), other(1)], 2)?.id).toBe(0); // the very first event counts too
  });
});

describe('lanes', () => {
  it('one lane per direction of each path; lanes 2 and 3 are the resolver’s', () => {
    expect([laneOf('client', 'server'), laneOf('server', 'client'), laneOf('client', 'resolver'), laneOf('resolver', 'client')]).toEqual([0, 1, 2, 3]);
    expect(LANE).toEqual({ toServer: 0, toClient: 1, toResolver: 2, fromResolver: 3 });
    expect([0, 1, 2, 3].map(isResolverLane)).toEqual([false, false, true, true]);
  });
});

describe('stateTone', () => {
  it('groups the RFC 9293 §3.3.2 states: closed, opening (LISTEN, SYN-SENT, SYN-RECEIVED), open, closing (the rest)', () => {
    const states: TcpState[] = ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'];
    expect(states.map(stateTone)).toEqual(['idle', 'opening', 'opening', 'opening', 'open', 'closing', 'closing', 'closing', 'closing', 'closing', 'closing']);
  });
});

describe('frames and times', () => {
  it('frame → time is n/fps; time → the first frame at or after it (a micro-frame of float slack), never below 0; nearest rounds', () => {
    expect([frameToTime(0, 60), frameToTime(90, 60), frameToTime(3, 30)]).toEqual([0, 1.5, 0.1]);
    expect([timeToFrame(0, 60), timeToFrame(1, 60), timeToFrame(1.001, 60), timeToFrame(0.1, 30), timeToFrame(-1, 60)]).toEqual([0, 60, 61, 3, 0]);
    expect(timeToFrame(1 / 60 + 1e-9, 60)).toBe(1); // float noise above a frame does not push to the next
    expect([nearestFrame(2.35, 60), nearestFrame(2.349, 60), nearestFrame(2.342, 60), nearestFrame(-0.5, 60), nearestFrame(0.1, 30)]).toEqual([141, 141, 141, 0, 3]);
    expect(nearestFrame(2.34, 60)).toBe(140);
  });

  it('the last frame is ceil(duration × fps), frames 0…last are all shown (#16: 19.22 s at 60 fps ends on frame 1154)', () => {
    expect([lastFrame({ durationS: 19.22, fps: 60 }), frameCount({ durationS: 19.22, fps: 60 })]).toEqual([1154, 1155]);
    expect([lastFrame({ durationS: 2, fps: 30 }), frameCount({ durationS: 2, fps: 30 })]).toEqual([60, 61]);
    expect(frameCount({ durationS: 0, fps: 60 })).toBe(1);
  });

  it('the events shown at a frame are those at or before its time, oldest first', () => {
    const note = (atS: number): TimedEvent => ({ atS, event: { kind: 'note', atUs: atS, node: 'client', text: `at ${atS}` } as SimEvent });
    const plan = { fps: 10, timeline: [note(0), note(0.5), note(0.5), note(1.25)] } as Plan;
    expect([0, 4, 5, 12, 13, 99].map((f) => eventCountAt(plan, f))).toEqual([1, 1, 3, 3, 4, 4]);
    expect(eventsUpTo(plan, 5).map((e) => e.event.kind === 'note' && e.event.text)).toEqual(['at 0', 'at 0.5', 'at 0.5']);
    expect(eventsUpTo(plan, 12)).toHaveLength(3);
  });
});

describe('readouts', () => {
  it('formats bytes in decimal units: B below 1000, kB below a million, MB above', () => {
    expect([0, 536.4, 999, 1000, 14_480, 999_949, 1e6, 1_250_000].map(formatBytes)).toEqual(['0 B', '536 B', '999 B', '1.0 kB', '14.5 kB', '999.9 kB', '1.00 MB', '1.25 MB']);
  });

  const view = (over: Partial<SenderView> = {}): SenderView => ({ cwndBytes: 14_600, ssthreshBytes: -1, bytesInFlight: 2920, peerWindowBytes: 65_535, mode: 'slow-start', ...over });
  it('says the window, ssthresh only once it is finite (RFC 5681 §3.1), what is in flight and the mode', () => {
    expect(readoutLines(view())).toEqual(['cwnd 14.6 kB', 'in flight 2.9 kB · slow start']);
    expect(readoutLines(view({ ssthreshBytes: 1e9 }))).toEqual(['cwnd 14.6 kB', 'in flight 2.9 kB · slow start']);
    expect(readoutLines(view({ ssthreshBytes: 0 }))).toEqual(['cwnd 14.6 kB', 'in flight 2.9 kB · slow start']);
    expect(readoutLines(view({ ssthreshBytes: 1, mode: 'congestion-avoidance' }))).toEqual(['cwnd 14.6 kB · ssthresh 1 B', 'in flight 2.9 kB · congestion avoidance']);
    expect(readoutLines(view({ ssthreshBytes: 999_999_999, mode: 'fast-recovery' }))[0]).toBe('cwnd 14.6 kB · ssthresh 1000.00 MB');
    expect(readoutLines(view({ mode: 'fast-recovery' }))[1]).toBe('in flight 2.9 kB · fast recovery');
    expect(readoutLines(view({ mode: 'rto-recovery' }))[1]).toBe('in flight 2.9 kB · loss recovery');
  });

  it('one readout per data segment with a sender view (never the resolver), held until the next or READOUT_HOLD_S', () => {
    const flight = (packetId: number, from: Flight['from'], startS: number) => ({ packetId, from, startS }) as Flight;
    const packets = [{ sender: view() }, {}, { sender: view() }, { sender: view() }, { sender: view() }] as Packet[];
    const flights = [flight(0, 'server', 1), flight(1, 'server', 2), flight(4, 'resolver', 2.5), flight(2, 'server', 3), flight(3, 'client', 20)];
    expect(READOUT_HOLD_S).toBe(5);
    expect(readoutsOf(flights, packets).map((r) => [r.node, r.atS, r.endS])).toEqual([
      ['server', 1, 3],
      ['server', 3, 8],
      ['client', 20, 25],
    ]);
    expect(readoutsOf(flights, packets)[0].lines).toEqual(readoutLines(view()));
  });
});
