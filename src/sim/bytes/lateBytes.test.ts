import { describe, expect, it } from 'vitest';
import { fillWhenRead, mayBeLate, realBytes } from './lateBytes';

/** A buffer whose middle stretch [at, at + length) is a write filled in late; every fill call is logged. */
function lateWrite(bufferLength: number, at: number, length: number) {
  const buffer = new ArrayBuffer(bufferLength);
  const data = new Uint8Array(buffer, at, length);
  const calls: [number, number][] = [];
  fillWhenRead(data, (start, end) => {
    calls.push([start, end]);
    for (let i = start; i < end; i++) data[i] = 0xa0 + i;
  });
  return { buffer, data, calls };
}

describe('lateBytes: bytes filled in only when read', () => {
  it('filling a view fills exactly the write’s bytes it covers, in offsets from the write’s start', () => {
    const { buffer, data, calls } = lateWrite(32, 8, 16);
    // A view of bytes 4..12 of the buffer: the write's bytes 0..4 (the rest lie before the write).
    const before = realBytes(new Uint8Array(buffer, 4, 8));
    expect(calls).toEqual([[0, 4]]);
    expect(Array.from(before)).toEqual([0, 0, 0, 0, 0xa0, 0xa1, 0xa2, 0xa3]);
    // A view inside the write, and one running past its end.
    realBytes(data.subarray(5, 9));
    realBytes(new Uint8Array(buffer, 20, 12));
    expect(calls).toEqual([[0, 4], [5, 9], [12, 16]]);
    // The whole write.
    realBytes(data);
    expect(calls.at(-1)).toEqual([0, 16]);
  });

  it('a view of the same buffer that misses the write, or is empty, fills nothing', () => {
    const { buffer, calls } = lateWrite(32, 8, 16);
    realBytes(new Uint8Array(buffer, 0, 8));
    realBytes(new Uint8Array(buffer, 24, 8));
    realBytes(new Uint8Array(buffer, 10, 0));
    expect(calls).toEqual([]);
  });

  it('returns the view itself; other buffers pass through untouched', () => {
    const { data } = lateWrite(16, 0, 16);
    const view = data.subarray(2, 6);
    expect(realBytes(view)).toBe(view);
    const plain = Uint8Array.of(1, 2, 3);
    expect(realBytes(plain)).toBe(plain);
    expect(Array.from(plain)).toEqual([1, 2, 3]);
  });

  it('mayBeLate says whether a view lies in such a buffer, whatever part of it', () => {
    const { buffer, data } = lateWrite(32, 8, 16);
    expect([mayBeLate(data), mayBeLate(new Uint8Array(buffer, 0, 4)), mayBeLate(new Uint8Array(32))]).toEqual([true, true, false]);
  });

  it('a buffer has one filler: a second registration is refused, naming the rule', () => {
    const { buffer } = lateWrite(32, 8, 16);
    expect(() => fillWhenRead(new Uint8Array(buffer, 0, 4), () => {})).toThrow('lateBytes: a buffer has one filler');
  });
});
