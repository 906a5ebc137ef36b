import { describe, expect, it } from 'vitest';
import { EventQueue } from '../core/eventQueue';
import { runUntil, type TimerSpan } from '../../../tests/support/tcpWire';
import { fmtS, SocketTimers } from './timers';

// The socket's four timers on a bare event queue: values from RFC 6298 §5 (start, restart, stop),
// RFC 9293 §3.8.6.1 (persist backing off), Linux's TCP_DELACK_MIN (40 ms) and 2·MSL.
function timers(timeWaitUs = 60_000_000) {
  const queue = new EventQueue();
  const spans: TimerSpan[] = [];
  const notes: string[] = [];
  const fired: string[] = [];
  const t = new SocketTimers(
    queue,
    timeWaitUs,
    { timer: (kind, { startUs, dueUs, endUs, fired }) => spans.push({ kind, startUs, dueUs, endUs, fired }), note: (text) => notes.push(text) },
    { retransmission: () => fired.push(`retransmission@${queue.nowUs}`), persist: () => fired.push(`persist@${queue.nowUs}`), delayedAck: () => fired.push(`delayed-ack@${queue.nowUs}`), timeWait: () => fired.push(`time-wait@${queue.nowUs}`) },
  );
  return { queue, t, spans, notes, fired, at: (us: number) => runUntil(queue, us) };
}

describe('fmtS', () => {
  it('writes whole seconds bare and others to a tenth', () => {
    expect(fmtS(1_000_000)).toBe('1 s');
    expect(fmtS(60_000_000)).toBe('60 s');
    expect(fmtS(1_500_000)).toBe('1.5 s');
    expect(fmtS(200_000)).toBe('0.2 s');
  });
});

describe('SocketTimers', () => {
  it('starts the retransmission timer only when it is not running (RFC 6298 §5.1), tagged SYN or data', () => {
    const { t, spans, fired, at } = timers();
    t.startRetransmission(1_000_000, 'syn');
    at(500_000);
    t.startRetransmission(1_000_000, 'syn'); // running: left alone
    at(2_000_000);
    expect(fired).toEqual(['retransmission@1000000']);
    expect(spans).toEqual([{ kind: 'syn', startUs: 0, dueUs: 1_000_000, endUs: 1_000_000, fired: true }]);
    t.startRetransmission(300_000, 'retransmission');
    at(3_000_000);
    expect(spans.at(-1)).toEqual({ kind: 'retransmission', startUs: 2_000_000, dueUs: 2_300_000, endUs: 2_300_000, fired: true });
  });

  it('restarts it from now on new data acknowledged (§5.3), and stops it when all is (§5.2)', () => {
    const { t, spans, fired, at } = timers();
    t.startRetransmission(200_000, 'syn');
    at(100_000);
    t.restartRetransmission(200_000);
    at(250_000);
    t.stopRetransmission();
    at(1_000_000);
    expect(fired).toEqual([]);
    expect(spans).toEqual([
      { kind: 'syn', startUs: 0, dueUs: 200_000, endUs: 100_000, fired: false },
      { kind: 'retransmission', startUs: 100_000, dueUs: 300_000, endUs: 250_000, fired: false },
    ]);
  });

  it('backs the persist timer off 2× per probe up to 60 s, and resets when the window opens', () => {
    const { t, spans, fired, at } = timers();
    const persistDurations = () => spans.filter((s) => s.kind === 'persist').map((s) => s.dueUs - s.startUs);
    for (let i = 0; i < 8; i++) {
      t.armPersist(10_000_000);
      t.armPersist(1); // running: left alone
      at((i + 1) * 200_000_000);
      t.probed();
    }
    expect(persistDurations()).toEqual([10, 20, 40, 60, 60, 60, 60, 60].map((s) => s * 1_000_000));
    expect(fired.slice(0, 2)).toEqual(['persist@10000000', 'persist@220000000']);
    t.armPersist(1_000_000);
    t.windowOpened();
    t.armPersist(1_000_000);
    at(2_000_000_000);
    expect(persistDurations().slice(-2)).toEqual([60_000_000, 1_000_000]); // still backed off, then reset
    expect(spans.filter((s) => s.kind === 'persist').at(-2)!.fired).toBe(false);
  });

  it('delays an ACK by 40 ms, once, and drops it when a segment carries the ACK', () => {
    const { t, spans, fired, at } = timers();
    t.delayAck();
    at(10_000);
    t.delayAck(); // already owed: the first deadline stands
    at(100_000);
    expect(fired).toEqual(['delayed-ack@40000']);
    t.delayAck();
    at(110_000);
    t.ackSent();
    at(1_000_000);
    expect(fired).toEqual(['delayed-ack@40000']);
    expect(spans).toEqual([
      { kind: 'delayed-ack', startUs: 0, dueUs: 40_000, endUs: 40_000, fired: true },
      { kind: 'delayed-ack', startUs: 100_000, dueUs: 140_000, endUs: 110_000, fired: false },
    ]);
  });

  it('waits 2·MSL in TIME_WAIT, then says why it ends', () => {
    const { t, notes, fired, at } = timers(1_500_000);
    t.startTimeWait();
    at(10_000_000);
    expect(fired).toEqual(['time-wait@1500000']);
    expect(notes).toEqual(['TIME_WAIT timer (1.5 s) expired: no stray segment can arrive any more']);
  });

  it('stops every timer at once', () => {
    const { t, spans, fired, at } = timers();
    t.startRetransmission(1_000_000, 'retransmission');
    t.armPersist(1_000_000);
    t.delayAck();
    t.startTimeWait();
    at(1000);
    t.stopAll();
    at(100_000_000);
    expect(fired).toEqual([]);
    expect(spans.map((s) => [s.kind, s.endUs, s.fired])).toEqual([
      ['retransmission', 1000, false],
      ['persist', 1000, false],
      ['delayed-ack', 1000, false],
      ['time-wait', 1000, false],
    ]);
  });
});
