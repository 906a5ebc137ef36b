import { describe, expect, it } from 'vitest';
import type { TimerKind, TimerSpan } from '../sim/types';
import { formatDuration, timerFiringAt, timerLabel, timerRings, waitName } from './timers';

/** Timer rings and labels, against values written by hand. */
const span = (kind: TimerKind, startUs: number, dueUs: number, over: Partial<TimerSpan> = {}): TimerSpan => ({ node: 'client', stream: 0, kind, startUs, dueUs, endUs: dueUs, fired: true, ...over });
/** Network µs shown linearly as presentation seconds (1 s = 1 s), from 0 to 100 s. */
const linear = [
  { presS: 0, netUs: 0 },
  { presS: 100, netUs: 100e6 },
];

describe('timer labels', () => {
  it('say ms below a second, one decimal below ten seconds, whole seconds above', () => {
    expect([200_000, 999_999, 1e6, 1_250_000, 9_940_000, 10e6, 60e6, 3e6 + 499_999].map(formatDuration)).toEqual(['200 ms', '1000 ms', '1.0 s', '1.3 s', '9.9 s', '10 s', '60 s', '3.5 s']);
  });

  it('name each timer as a person reading the ring would (RTO, TIME_WAIT, …)', () => {
    const kinds: TimerKind[] = ['retransmission', 'syn', 'persist', 'delayed-ack', 'time-wait', 'dns'];
    expect(kinds.map((k) => timerLabel(span(k, 5e6, 6e6)))).toEqual(['RTO 1.0 s', 'RTO 1.0 s', 'persist 1.0 s', 'delayed ACK 1.0 s', 'TIME_WAIT 1.0 s', 'DNS retry 1.0 s']);
  });
});

describe('waitName', () => {
  it('names the wait a timer ends, for the skip caption', () => {
    expect(waitName).toEqual({
      retransmission: 'retransmission timeout',
      syn: 'retransmission timeout',
      persist: 'persist timer',
      'delayed-ack': 'delayed ACK',
      'time-wait': 'TIME_WAIT',
      dns: 'DNS retry timeout',
    });
  });
});

describe('timerFiringAt', () => {
  it('is the most telling timer that fired at that instant: RTO, then TIME_WAIT, then persist or DNS, then delayed ACK', () => {
    const at = 2e6;
    const ack = span('delayed-ack', 1.8e6, at);
    const persist = span('persist', 1e6, at);
    const tw = span('time-wait', 0, at);
    const rto = span('retransmission', 1e6, at);
    expect(timerFiringAt([ack, persist, tw, rto], at)).toBe(rto);
    expect(timerFiringAt([ack, persist, tw], at)).toBe(tw);
    expect(timerFiringAt([ack, persist], at)).toBe(persist);
    expect(timerFiringAt([ack, span('dns', 0, at)], at)?.kind).toBe('dns');
    expect(timerFiringAt([ack], at)).toBe(ack);
  });

  it('ignores timers that were cancelled or fire at another instant', () => {
    expect(timerFiringAt([span('retransmission', 0, 2e6, { fired: false, endUs: 1e6 }), span('syn', 0, 3e6)], 2e6)).toBeUndefined();
    expect(timerFiringAt([], 2e6)).toBeUndefined();
  });
});

describe('timerRings', () => {
  it('shows each armed timer from its arming to when the clock reaches its end, sorted by start', () => {
    const rings = timerRings([span('time-wait', 5e6, 65e6), span('retransmission', 1e6, 2e6, { fired: false, endUs: 1.5e6 }), span('delayed-ack', 1e6, 1.2e6)], linear);
    expect(rings.map((r) => [r.kind, r.label, r.startS, r.endS, r.startUs, r.dueUs, r.fired, r.node])).toEqual([
      ['retransmission', 'RTO 1.0 s', 1, 1.5, 1e6, 2e6, false, 'client'],
      ['delayed-ack', 'delayed ACK 200 ms', 1, 1.2, 1e6, 1.2e6, true, 'client'],
      ['time-wait', 'TIME_WAIT 60 s', 5, 65, 5e6, 65e6, true, 'client'],
    ]);
  });

  it('appears after a hold at its arming time and ends when the clock first reaches its end', () => {
    // The clock holds at 1 s of network time from 1 s to 3 s of screen time, then runs again.
    const held = [
      { presS: 0, netUs: 0 },
      { presS: 1, netUs: 1e6 },
      { presS: 3, netUs: 1e6 },
      { presS: 4, netUs: 2e6 },
    ];
    const [armedInHold] = timerRings([span('retransmission', 1e6, 2e6)], held);
    expect([armedInHold.startS, armedInHold.endS]).toEqual([3, 4]);
    const [endsInHold] = timerRings([span('delayed-ack', 0.5e6, 1e6)], held);
    expect([endsInHold.startS, endsInHold.endS]).toEqual([0.5, 1]);
  });

  it('leaves out a timer with no length, or one stopped before the screen shows it running', () => {
    expect(timerRings([span('retransmission', 1e6, 1e6), span('persist', 2e6, 1e6)], linear)).toEqual([]);
    expect(timerRings([span('retransmission', 1e6, 2e6, { endUs: 1e6, fired: false })], linear)).toEqual([]);
  });

  it('labels each ring by its own length, also when many timers of a kind repeat', () => {
    const rings = timerRings([span('retransmission', 0, 1e6), span('retransmission', 1e6, 3e6), span('delayed-ack', 2e6, 2.2e6), span('retransmission', 4e6, 5e6), span('persist', 5e6, 6e6)], linear);
    expect(rings.map((r) => r.label)).toEqual(['RTO 1.0 s', 'RTO 2.0 s', 'delayed ACK 200 ms', 'RTO 1.0 s', 'persist 1.0 s']);
    // Lengths 1 s, 3 s, 2 s whose start + due are alike (3 s): each keeps its own length.
    expect(timerRings([span('retransmission', 1e6, 2e6), span('retransmission', 0, 3e6), span('retransmission', 0.5e6, 2.5e6)], linear).map((r) => r.label)).toEqual(['RTO 3.0 s', 'RTO 2.0 s', 'RTO 1.0 s']);
  });

  it('keeps the simulator’s order for rings armed at the same moment (a stable sort)', () => {
    const kinds: TimerKind[] = ['persist', 'retransmission', 'delayed-ack', 'dns', 'time-wait'];
    expect(timerRings(kinds.map((k, i) => span(k, 1e6, 2e6 + i)), linear).map((r) => r.kind)).toEqual(kinds);
  });
});
