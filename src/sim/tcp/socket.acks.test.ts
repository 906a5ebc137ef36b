import { describe, expect, it } from 'vitest';
import { SMSS, solo, write } from '../../../tests/support/tcpWire';

// What an incoming ACK means to the sender, the peer played by hand: RFC 5681 §2's definition of a
// duplicate ACK, RFC 9293 §3.10.7.4's SND.WL1/SND.WL2 rule for taking a window, RFC 6675 §5's
// SACK-based entry to loss recovery. The client's ISS is 1000, the peer's 7000; SMSS is 1000.
const SYN_OPTIONS = (sack: boolean) => ({ mss: 1012, windowScale: 0, sackPermitted: sack });

/** A client that has sent a first flight of ten segments (1001 … 10001) and heard nothing back. */
function flight({ sack = false } = {}) {
  const s = solo();
  s.socket.connect();
  s.from({ seq: 7000, ack: 1001, flags: { syn: true, ack: true }, window: 65535, synOptions: SYN_OPTIONS(sack) });
  s.socket.write(write('bulk', 10 * SMSS));
  const resent = () => s.ep.sent.filter((g) => g.retransmission).map((g) => [g.seq, g.retransmission]);
  return { ...s, resent };
}
const ACK = { ack: true };

describe('duplicate ACKs (RFC 5681 §2: outstanding data, no data, no SYN/FIN, same ACK, same window)', () => {
  it('three pure duplicate ACKs: fast retransmit', () => {
    const s = flight();
    for (let i = 0; i < 3; i++) s.from({ seq: 7001, ack: 1001, flags: ACK });
    expect(s.resent()).toEqual([[1001, 'fast']]);
  });

  it('ACKs that carry data are not duplicates', () => {
    const s = flight();
    for (let i = 0; i < 3; i++) s.from({ seq: 7001 + 100 * i, ack: 1001, flags: ACK, payload: new Uint8Array(100) });
    expect(s.resent()).toEqual([]);
  });

  it('an ACK that carries a FIN is not a duplicate', () => {
    const s = flight();
    s.from({ seq: 7001, ack: 1001, flags: ACK });
    s.from({ seq: 7001, ack: 1001, flags: ACK });
    s.from({ seq: 7001, ack: 1001, flags: { ack: true, fin: true } });
    expect(s.resent()).toEqual([]);
  });

  it('ACKs that change the window are window updates, not duplicates', () => {
    const s = flight();
    for (let i = 1; i <= 3; i++) s.from({ seq: 7001, ack: 1001, flags: ACK, window: 65535 - i });
    expect(s.resent()).toEqual([]);
  });

  it('late ACKs below SND.UNA (reordered on the way) are not duplicates: only an ACK equal to SND.UNA is', () => {
    // The peer acknowledges 1001…3000 (SND.UNA = 3001); three ACKs of 2001 it sent earlier then
    // arrive late. RFC 5681 §2 (b) counts an ACK as a duplicate only if it equals the greatest
    // acknowledgment received; RFC 9293 §3.10.7.4 ignores SEG.ACK < SND.UNA.
    const s = flight();
    s.from({ seq: 7001, ack: 3001, flags: ACK });
    for (let i = 0; i < 3; i++) s.from({ seq: 7001, ack: 2001, flags: ACK });
    expect(s.resent()).toEqual([]);
    expect(s.ep.notes).toEqual([]);
  });

  it('with nothing outstanding, repeated ACKs change nothing: the next flight is still a full ten segments', () => {
    const s = flight();
    s.from({ seq: 7001, ack: 11001, flags: ACK });
    const cwnd = s.ep.sent.at(-1)!.sender!.cwndBytes;
    for (let i = 0; i < 3; i++) s.from({ seq: 7001, ack: 11001, flags: ACK });
    const before = s.ep.sent.length;
    s.socket.write(write('more', 30 * SMSS));
    const sent = s.ep.sent.slice(before);
    expect(sent).toHaveLength(20); // cwnd grew by 10 segments in slow start
    expect(sent[0].sender!.cwndBytes).toBe(cwnd + 10 * SMSS);
    expect(s.ep.notes.filter((n) => n.includes('duplicate ACKs'))).toEqual([]);
  });
});

describe('the congestion window does not count the SYN (RFC 5681 §3.1: only data grows it)', () => {
  it("the client's first flight: IW10, 10 000 bytes", () => {
    const s = flight();
    expect(s.ep.sent.filter((g) => g.reason === 'data').map((g) => g.sender!.cwndBytes)).toEqual(Array(10).fill(10 * SMSS));
  });

  it("the server's first flight too, after the ACK of its SYN-ACK", () => {
    const s = solo({}, 'LISTEN', 5000);
    s.from({ seq: 100, flags: { syn: true }, synOptions: SYN_OPTIONS(true) });
    s.from({ seq: 101, ack: 5001, flags: ACK });
    s.socket.write(write('reply', 3 * SMSS));
    expect(s.ep.sent.filter((g) => g.reason === 'data').map((g) => g.sender!.cwndBytes)).toEqual(Array(3).fill(10 * SMSS));
  });
});

describe('which segment may set the send window (RFC 9293 §3.10.7.4: SND.WL1 < SEG.SEQ, or equal with SND.WL2 ≤ SEG.ACK)', () => {
  /** The peer has taken 2000 bytes and offers 4000; then an older segment of its arrives, late, offering 0. */
  const lateZeroWindow = (late: { seq: number; ack: number; payload?: Uint8Array }) => {
    const s = solo();
    s.socket.connect();
    s.from({ seq: 7000, ack: 1001, flags: { syn: true, ack: true }, window: 4000, synOptions: SYN_OPTIONS(false) });
    s.from({ seq: 7001, ack: 1001, flags: ACK, payload: new Uint8Array(100) }); // the peer's data: SND.WL1 = 7001
    s.from({ seq: 7101, ack: 1001, flags: ACK, payload: new Uint8Array(100) }); // SND.WL1 = 7101
    s.socket.write(write('bulk', 2000));
    s.from({ seq: 7201, ack: 3001, flags: ACK, window: 4000 }); // SND.WL2 = 3001
    s.from({ ...late, flags: ACK, window: 0 });
    const before = s.ep.sent.length;
    s.socket.write(write('more', 2000));
    return s.ep.sent.slice(before).filter((g) => g.reason === 'data').map((g) => g.seq);
  };

  it('not a reordered ACK with the same sequence number and an older acknowledgment', () => {
    expect(lateZeroWindow({ seq: 7201, ack: 2001 })).toEqual([3001, 4001]);
  });

  it('not an older segment of the peer, whatever it acknowledges', () => {
    expect(lateZeroWindow({ seq: 7101, ack: 3001, payload: new Uint8Array(100) })).toEqual([3001, 4001]);
  });

  it('but a newer one does, and closes the window', () => {
    expect(lateZeroWindow({ seq: 7201, ack: 3001 })).toEqual([]);
  });
});

describe('loss recovery from SACK alone (RFC 6675 §5: IsLost, even before three duplicate ACKs)', () => {
  it('one duplicate ACK whose SACK shows three segments above the hole (the first two were lost): fast retransmit at once', () => {
    const s = flight({ sack: true });
    s.from({ seq: 7001, ack: 1001, flags: ACK, sack: [[2001, 5001]] });
    expect(s.resent()).toEqual([[1001, 'fast']]);
    expect(s.ep.notes.at(-1)).toBe('SACKs show a hole: fast retransmit of seq 1001; cwnd 5000 bytes');
  });

  it('but not while fewer than three are SACKed above it', () => {
    const s = flight({ sack: true });
    s.from({ seq: 7001, ack: 1001, flags: ACK, sack: [[2001, 4001]] });
    expect(s.resent()).toEqual([]);
  });
});
