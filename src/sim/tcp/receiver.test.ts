import { describe, expect, it } from 'vitest';
import { Receiver } from './receiver';

const bytes = (from: number, n: number) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const concatAll = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function open(capacity = 65535): Receiver {
  const r = new Receiver(capacity, 0);
  r.nxt = 1; // after the peer's SYN
  r.offered(r.window());
  return r;
}

describe('Receiver (RFC 9293 §3.10.7.4, RFC 2018)', () => {
  it('holds out-of-order segments and delivers the stream in order once the gap fills', () => {
    const r = open();
    expect(r.accept(201, bytes(200, 100), false)).toBe('out-of-order');
    expect(r.accept(101, bytes(100, 100), false)).toBe('out-of-order');
    expect(r.nxt).toBe(1);
    expect(r.accept(1, bytes(0, 100), false)).toBe('filled-gap');
    expect(r.nxt).toBe(301);
    expect(concatAll(r.read())).toEqual(bytes(0, 300));
  });

  it('keeps overlapping retransmissions once', () => {
    const r = open();
    r.accept(51, bytes(50, 100), false);
    r.accept(101, bytes(100, 100), false); // overlaps 101..150
    r.accept(1, bytes(0, 60), false); // overlaps 51..60
    expect(r.nxt).toBe(201);
    expect(concatAll(r.read())).toEqual(bytes(0, 200));
  });

  it('reports the block of the latest arrival first, then the others (RFC 2018 §4)', () => {
    const r = open();
    r.accept(1001, bytes(0, 100), false);
    r.accept(2001, bytes(0, 100), false);
    expect(r.sackBlocks()).toEqual([[2001, 2101], [1001, 1101]]);
    r.accept(1101, bytes(0, 100), false);
    expect(r.sackBlocks()).toEqual([[1001, 1201], [2001, 2101]]);
  });

  it('calls old data old and data past a zero window no-room', () => {
    const r = open(100);
    expect(r.accept(1, bytes(0, 100), false)).toBe('in-order');
    expect(r.accept(1, bytes(0, 100), false)).toBe('old');
    r.offered(r.window());
    expect(r.window()).toBe(0);
    expect(r.accept(101, bytes(0, 1), false)).toBe('no-room');
    r.read();
    expect(r.window()).toBe(100);
  });

  it('counts the FIN only when everything before it has arrived', () => {
    const r = open();
    r.accept(11, bytes(0, 10), true);
    expect(r.finReceived).toBe(false);
    r.accept(1, bytes(0, 10), false);
    expect(r.finReceived).toBe(true);
    expect(r.nxt).toBe(22);
  });

  it('offers the free buffer in whole units of the scale (RFC 7323 §2.3), at most 65535 units', () => {
    expect(new Receiver(100_000, 7).window()).toBe(781 * 128); // 99 968: 100 000 rounded down to 128
    expect(new Receiver(10_000_000, 0).window()).toBe(65_535);
    expect(new Receiver(1_000_000, 2).window()).toBe(65_535 * 4);
    expect(new Receiver(100, 7).window()).toBe(0);
  });

  it('never takes back a window it offered (RFC 9293 §3.8.6.2.2): the right edge stays', () => {
    const r = new Receiver(1000, 0);
    r.nxt = 1;
    r.offered(2000);
    expect(r.lastOffered).toBe(2000);
    expect(r.window()).toBe(2000);
    r.accept(1, bytes(0, 500), false);
    expect(r.window()).toBe(1500); // right edge 2001 − RCV.NXT 501, more than the 500 free
    r.offered(0); // a smaller window sent later does not move the edge back
    expect(r.window()).toBe(1500);
  });

  it('calls a segment with neither data nor FIN old (a pure ACK carries nothing to take in)', () => {
    const r = open();
    expect(r.accept(1, new Uint8Array(0), false)).toBe('old');
    expect(r.nxt).toBe(1);
  });

  it('takes a FIN alone in order: RCV.NXT moves past it once, a repeated FIN changes nothing', () => {
    const r = open();
    expect(r.accept(1, new Uint8Array(0), true)).toBe('in-order');
    expect(r.finReceived).toBe(true);
    expect(r.nxt).toBe(2);
    expect(r.accept(1, new Uint8Array(0), true)).toBe('in-order');
    expect(r.nxt).toBe(2);
  });

  it('delivers only the new part of a segment that starts before RCV.NXT', () => {
    const r = open();
    r.accept(1, bytes(0, 100), false);
    expect(r.accept(51, bytes(50, 100), false)).toBe('in-order');
    expect(r.nxt).toBe(151);
    expect(concatAll(r.read())).toEqual(bytes(0, 150));
  });

  it('trims data past the right edge, and then keeps no FIN (RFC 9293 §3.10.7.4)', () => {
    const r = open(100); // window 100: bytes 1..100
    expect(r.accept(101, bytes(100, 1), false)).toBe('no-room'); // starts at the edge
    expect(r.accept(51, bytes(50, 100), true)).toBe('out-of-order');
    expect(r.sackBlocks()).toEqual([[51, 101]]);
    expect(r.accept(1, bytes(0, 50), false)).toBe('filled-gap');
    expect(r.nxt).toBe(101);
    expect(r.finReceived).toBe(false);
    expect(concatAll(r.read())).toEqual(bytes(0, 100));
  });

  it('trims an in-order segment at the right edge too', () => {
    const r = open(100);
    expect(r.accept(1, bytes(0, 150), true)).toBe('in-order');
    expect(r.nxt).toBe(101);
    expect(r.finReceived).toBe(false);
    expect(r.unreadBytes).toBe(100);
  });

  it('reports at most 3 SACK blocks, the latest first (RFC 2018 §3: room beside timestamps)', () => {
    const r = open();
    for (const at of [1001, 2001, 3001, 4001]) r.accept(at, bytes(0, 10), false);
    expect(r.sackBlocks()).toEqual([[4001, 4011], [3001, 3011], [2001, 2011]]);
    expect(r.hasGap).toBe(true);
  });

  it('moves the block of a repeated out-of-order segment to the front (RFC 2018 §4)', () => {
    const r = open();
    r.accept(1001, bytes(0, 100), false);
    r.accept(2001, bytes(0, 100), false);
    expect(r.accept(1001, bytes(0, 100), false)).toBe('out-of-order');
    expect(r.sackBlocks()).toEqual([[1001, 1101], [2001, 2101]]);
  });

  it('fills the gaps around held data with one retransmission that spans them', () => {
    const r = open();
    r.accept(101, bytes(100, 100), false);
    r.accept(301, bytes(300, 100), false);
    r.accept(51, bytes(50, 400), false); // 51..450 covers both held pieces
    expect(r.sackBlocks()).toEqual([[51, 451]]);
    r.accept(1, bytes(0, 50), false);
    expect(r.nxt).toBe(451);
    expect(r.hasGap).toBe(false);
    expect(r.sackBlocks()).toEqual([]);
    expect(concatAll(r.read())).toEqual(bytes(0, 450));
  });

  it('delivers a held piece that begins before RCV.NXT from RCV.NXT on', () => {
    const r = open();
    r.accept(51, bytes(50, 100), false); // held 51..150
    r.accept(201, bytes(200, 10), false); // held, past another gap
    expect(r.accept(1, bytes(0, 80), false)).toBe('filled-gap'); // overlaps the held piece
    expect(r.nxt).toBe(151);
    expect(r.sackBlocks()).toEqual([[201, 211]]);
    expect(concatAll(r.read())).toEqual(bytes(0, 150));
  });

  it('reads at most what is asked, across and within delivered pieces', () => {
    const r = open();
    r.accept(1, bytes(0, 100), false);
    r.accept(101, bytes(100, 100), false);
    expect(r.read(0)).toEqual([]);
    expect(concatAll(r.read(150))).toEqual(bytes(0, 150));
    expect(r.unreadBytes).toBe(50);
    expect(concatAll(r.read(100))).toEqual(bytes(150, 50));
    expect(r.unreadBytes).toBe(0);
    expect(r.read()).toEqual([]);
  });

  it('forgets a FIN that lay past the window: data up to it later is not the end of the stream', () => {
    const r = open(100);
    r.accept(51, bytes(50, 100), true); // FIN at 151, outside the window of 100
    r.accept(1, bytes(0, 50), false);
    r.read();
    r.offered(r.window());
    expect(r.accept(101, bytes(100, 50), false)).toBe('in-order');
    expect(r.nxt).toBe(151);
    expect(r.finReceived).toBe(false);
  });

  it('holds an out-of-order FIN alone without a SACK block, and takes it once the gap fills', () => {
    const r = open();
    expect(r.accept(101, new Uint8Array(0), true)).toBe('out-of-order');
    expect(r.sackBlocks()).toEqual([]);
    r.accept(1, bytes(0, 100), false);
    expect(r.finReceived).toBe(true);
    expect(r.nxt).toBe(102);
  });

  it('does not take a held FIN while part of the gap before it is still missing', () => {
    const r = open();
    r.accept(201, bytes(200, 10), true); // FIN at 211
    r.accept(1, bytes(0, 100), false); // 101..200 still missing
    expect(r.finReceived).toBe(false);
    expect(r.nxt).toBe(101);
    r.accept(101, bytes(100, 100), false);
    expect(r.finReceived).toBe(true);
    expect(r.nxt).toBe(212);
  });

  it('leaves nothing behind after reading exactly what was delivered', () => {
    const r = open();
    r.accept(1, bytes(0, 100), false);
    expect(concatAll(r.read(100))).toEqual(bytes(0, 100));
    expect(r.read()).toEqual([]);
  });

  it('merges a block that ends where another begins into one (RFC 2018: a block is a contiguous range)', () => {
    const r = open();
    r.accept(1001, bytes(0, 100), false);
    r.accept(901, bytes(0, 100), false);
    expect(r.sackBlocks()).toEqual([[901, 1101]]);
  });
});
