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
});
