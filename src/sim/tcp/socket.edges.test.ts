import { describe, expect, it } from 'vitest';
import { CONFIG, pair, runUntil, SMSS, solo, write } from '../../../tests/support/tcpWire';
import { EventQueue } from '../core/eventQueue';
import type { TcpFlags } from '../types';
import type { IncomingSegment, OutSegment, TcpHooks } from './socket';
import { TcpSocket } from './socket';

// Edges of TcpSocket that the scenarios never reach, found by its mutation run (docs/mutation.md):
// a whole flight lost, the window-update threshold, a SYN without options, a segment to a closed socket.

describe('after a retransmission timeout with a whole flight lost (RFC 5681 §3.1, RFC 6298 §5.4)', () => {
  it('resends one segment, then two for each ACK (slow start from one segment), never the whole flight at once', () => {
    // The client's segments: 1 SYN, 2 ACK, 3–12 the first flight of ten 1000-byte segments (IW10), all lost.
    const p = pair({ drop: (seg, side, n) => side === 'client' && seg.reason === 'data' && n <= 12 });
    p.client.socket.connect();
    runUntil(p.queue, 25_000);
    p.client.socket.write(write('bulk', 10 * SMSS));
    runUntil(p.queue, 5_000_000);
    const resent = p.wire.filter((w) => w.side === 'client' && w.seg.retransmission);
    const byTime = new Map<number, number[]>();
    for (const w of resent) byTime.set(w.atUs, [...(byTime.get(w.atUs) ?? []), w.seg.seq]);
    // RTO 200 ms after the last send at 25 ms; each round trip is 20 ms; cwnd grows by one SMSS an ACK.
    expect([...byTime.entries()]).toEqual([
      [225_000, [1001]],
      [245_000, [2001, 3001]],
      [265_000, [4001, 5001, 6001, 7001]],
      [285_000, [8001, 9001, 10001]],
    ]);
    expect(resent.map((w) => w.seg.retransmission)).toEqual(['timeout', ...Array(9).fill('recovery')]);
    // The ring on the canvas names the timer each resend arms.
    expect([...new Set(p.client.timers.map((t) => t.kind))]).toEqual(['syn', 'retransmission']);
    expect(p.server.socket.read().reduce((n, b) => n + b.length, 0)).toBe(10 * SMSS);
  });
});

describe('window updates (RFC 9293 §3.8.6.2.2)', () => {
  /** A server with a 3-segment buffer whose peer (the test) has sent `bytes` it has not read yet. */
  const filled = (bytes: number) => {
    const s = solo({ receiveBuffer: 3 * SMSS, delayedAck: false }, 'LISTEN', 5000);
    s.from({ seq: 100, flags: { syn: true }, synOptions: { mss: 1012, windowScale: 0, sackPermitted: true } });
    s.from({ seq: 101, ack: 5001, flags: { ack: true } });
    for (let at = 0; at < bytes; at += SMSS) s.from({ seq: 101 + at, ack: 5001, flags: { ack: true }, payload: new Uint8Array(Math.min(SMSS, bytes - at)) });
    const before = s.ep.sent.length;
    return { ...s, newSegments: () => s.ep.sent.slice(before) };
  };

  it('none when the window it last offered already took a full segment', () => {
    const s = filled(2 * SMSS);
    expect(s.ep.sent.at(-1)!.window).toBe(SMSS);
    s.socket.read();
    expect(s.newSegments()).toEqual([]);
  });

  it('one when a read opens a zero window to exactly one full segment', () => {
    const s = filled(3 * SMSS);
    expect(s.ep.sent.at(-1)!.window).toBe(0);
    s.socket.read(SMSS);
    expect(s.newSegments().map((g) => [g.reason, g.window])).toEqual([['window-update', SMSS]]);
  });

  it('none while the read leaves less than a full segment open', () => {
    const s = filled(3 * SMSS);
    s.socket.read(SMSS - 1);
    expect(s.newSegments()).toEqual([]);
  });
});

describe('SACK blocks on data (RFC 2018 §4: on every segment while the receiver holds data above a hole)', () => {
  const established = () => {
    const s = solo({}, 'LISTEN', 5000);
    s.from({ seq: 100, flags: { syn: true }, synOptions: { mss: 1012, windowScale: 0, sackPermitted: true } });
    s.from({ seq: 101, ack: 5001, flags: { ack: true } });
    return s;
  };

  it('a data segment sent while a hole is open reports what arrived above it', () => {
    const s = established();
    s.from({ seq: 101 + SMSS, ack: 5001, flags: { ack: true }, payload: new Uint8Array(SMSS) });
    s.socket.write(write('reply', 10));
    expect(s.ep.sent.at(-1)).toMatchObject({ reason: 'data', ack: 101, sack: [[101 + SMSS, 101 + 2 * SMSS]] });
  });

  it('none without a hole', () => {
    const s = established();
    s.from({ seq: 101, ack: 5001, flags: { ack: true }, payload: new Uint8Array(SMSS) });
    s.socket.write(write('reply', 10));
    expect(s.ep.sent.at(-1)).toMatchObject({ reason: 'data', ack: 101 + SMSS });
    expect(s.ep.sent.at(-1)!.sack).toBeUndefined();
  });
});

describe('odd segments from the peer', () => {
  it('a SYN without options: no SACK (RFC 2018 §2), so the duplicate ACK of a hole carries no SACK blocks', () => {
    const s = solo({}, 'LISTEN', 5000);
    s.from({ seq: 100, flags: { syn: true } });
    expect(s.ep.sent[0]).toMatchObject({ reason: 'syn-ack' });
    s.from({ seq: 101, ack: 5001, flags: { ack: true } });
    s.from({ seq: 101 + SMSS, ack: 5001, flags: { ack: true }, payload: new Uint8Array(SMSS) }); // the first segment is missing
    expect(s.ep.sent.at(-1)).toMatchObject({ reason: 'dup-ack', ack: 101 });
    expect(s.ep.sent.at(-1)!.sack).toBeUndefined();
  });

  it('a segment to a socket a reset has closed changes nothing and answers nothing', () => {
    const s = solo();
    s.socket.connect();
    s.from({ seq: 7000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1012, windowScale: 0, sackPermitted: true } });
    s.from({ seq: 7001, ack: 1001, flags: { rst: true } });
    expect(s.socket.state).toBe('CLOSED');
    const sent = s.ep.sent.length;
    const app = [...s.ep.app];
    s.from({ seq: 7001, ack: 1001, flags: { ack: true, psh: true }, payload: new Uint8Array([1, 2, 3]) });
    s.from({ seq: 7004, ack: 1001, flags: { ack: true, fin: true } });
    expect(s.ep.sent.length).toBe(sent);
    expect(s.ep.app).toEqual(app);
    expect(s.socket.state).toBe('CLOSED');
    expect(s.socket.unreadBytes).toBe(0);
  });
});

describe('writes before and after the connection (RFC 9293 §3.10.2: queued until ESTABLISHED)', () => {
  it('data written in SYN_SENT waits for the SYN-ACK, then goes after the ACK of the SYN', () => {
    const s = solo();
    s.socket.connect();
    s.socket.write(write('early', 10));
    expect(s.ep.sent.map((g) => g.reason)).toEqual(['syn']);
    s.from({ seq: 7000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1012, windowScale: 0, sackPermitted: true } });
    expect(s.ep.sent.map((g) => [g.reason, g.seq, g.payload?.bytes.length])).toEqual([
      ['syn', 1000, undefined],
      ['ack-of-syn', 1001, undefined],
      ['data', 1001, 10],
    ]);
  });

  it('a listening socket sends nothing for a write before a peer arrives', () => {
    const s = solo({}, 'LISTEN', 5000);
    s.socket.write(write('early', 10));
    expect(s.ep.sent).toEqual([]);
  });

  it('a socket a reset has closed sends nothing for a write or a read', () => {
    const s = solo();
    s.socket.connect();
    s.from({ seq: 7000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1012, windowScale: 0, sackPermitted: true } });
    s.from({ seq: 7001, ack: 1001, flags: { rst: true } });
    const sent = s.ep.sent.length;
    s.socket.write(write('late', 10));
    s.socket.read();
    expect(s.ep.sent.length).toBe(sent);
  });
});

describe('a zero-window probe the peer takes (RFC 9293 §3.8.6.1)', () => {
  it('the probe is an ACK with one byte; its acknowledgment is accepted and opens the way for the rest', () => {
    const s = solo();
    s.socket.connect();
    s.from({ seq: 7000, ack: 1001, flags: { syn: true, ack: true }, window: 2000, synOptions: { mss: 1012, windowScale: 0, sackPermitted: true } });
    s.socket.write(write('bulk', 3000));
    s.from({ seq: 7001, ack: 3001, flags: { ack: true }, window: 0 });
    s.after(1_000_000); // the persist timer: one RTO (1 s, no RTT sample)
    const probe = s.ep.sent.at(-1)!;
    expect(probe).toMatchObject({ reason: 'probe', seq: 3001, ack: 7001, flags: { syn: false, ack: true, fin: false, psh: false, rst: false } });
    expect(probe.payload?.bytes).toEqual(Uint8Array.of(2000 & 0xff));
    // The peer's application read in the meantime: the byte is taken and 1000 bytes are open.
    s.from({ seq: 7001, ack: 3002, flags: { ack: true }, window: 1000 });
    expect(s.ep.sent.at(-1)).toMatchObject({ reason: 'data', seq: 3002 });
    expect(s.ep.sent.at(-1)!.payload?.bytes.length).toBe(999);
  });
});

describe('the peer resends its FIN (our ACK of it was lost)', () => {
  it('acknowledged again, with no second state change and no second end-of-stream for the application', () => {
    const s = solo({}, 'LISTEN', 5000);
    s.from({ seq: 100, flags: { syn: true }, synOptions: { mss: 1012, windowScale: 0, sackPermitted: true } });
    s.from({ seq: 101, ack: 5001, flags: { ack: true } });
    s.from({ seq: 101, ack: 5001, flags: { ack: true, fin: true } });
    expect(s.socket.state).toBe('CLOSE_WAIT');
    const transitions = s.ep.transitions.length;
    s.from({ seq: 101, ack: 5001, flags: { ack: true, fin: true } });
    expect(s.ep.transitions.length).toBe(transitions);
    expect(s.ep.app.filter((a) => a === 'peer-closed')).toHaveLength(1);
    expect(s.ep.sent.slice(-2).map((g) => [g.reason, g.ack])).toEqual([
      ['ack', 102],
      ['ack', 102],
    ]);
  });
});

describe("the application's callbacks are optional (TcpHooks)", () => {
  it('a socket without them opens, carries data both ways and closes', () => {
    const queue = new EventQueue();
    const sent: OutSegment[] = [];
    const hooks: TcpHooks = { emit: (seg) => sent.push(seg), transition: () => {}, timer: () => {}, note: () => {} };
    const socket = new TcpSocket(queue, CONFIG, 5000, 'LISTEN', hooks);
    const from = (seg: Partial<IncomingSegment> & { seq: number }) =>
      socket.receive({ ack: 0, window: 65535, payload: new Uint8Array(0), ...seg, flags: { syn: false, ack: false, fin: false, psh: false, rst: false, ...seg.flags } }, 1);
    from({ seq: 100, flags: { syn: true } as TcpFlags });
    from({ seq: 101, ack: 5001, flags: { ack: true } as TcpFlags, payload: new Uint8Array(5) });
    from({ seq: 106, ack: 5001, flags: { ack: true, fin: true } as TcpFlags });
    socket.close();
    from({ seq: 107, ack: 5002, flags: { ack: true } as TcpFlags });
    expect(socket.state).toBe('CLOSED');
    expect(socket.read().reduce((n, b) => n + b.length, 0)).toBe(5);
    // and a reset closes one too
    const reset = new TcpSocket(queue, CONFIG, 6000, 'CLOSED', hooks);
    reset.connect();
    reset.receive({ seq: 0, ack: 6001, window: 0, payload: new Uint8Array(0), flags: { syn: false, ack: true, fin: false, psh: false, rst: true } }, 2);
    expect(reset.state).toBe('CLOSED');
  });
});

describe('a lone FIN while the pipe exceeds cwnd (Linux tcp_cwnd_test: not strict about the final FIN)', () => {
  it('goes at once, in fast recovery, though no data could', () => {
    // Ten segments out (1001…10001, IW10); three duplicate ACKs of 1001 without SACK: cwnd = 5000,
    // 1001 resent, pipe = 10 segments − 3 the duplicate ACKs say left = 7000 > cwnd. The FIN carries
    // no data: Linux sends it whatever the congestion window, and so does the socket.
    const s = solo({ sack: false });
    s.socket.connect();
    s.from({ seq: 7000, ack: 1001, flags: { syn: true, ack: true }, window: 65535, synOptions: { mss: 1012, windowScale: 0, sackPermitted: false } });
    s.socket.write(write('bulk', 10 * SMSS));
    for (let i = 0; i < 3; i++) s.from({ seq: 7001, ack: 1001, flags: { ack: true } });
    expect(s.ep.sent.at(-1)).toMatchObject({ seq: 1001, retransmission: 'fast', sender: { cwndBytes: 5000, bytesInFlight: 7000 } });
    s.socket.close();
    expect(s.ep.sent.at(-1)).toMatchObject({ seq: 11001, reason: 'fin', flags: { fin: true }, stateAfter: 'FIN_WAIT_1' });
    expect(s.socket.state).toBe('FIN_WAIT_1');
  });
});
