import { describe, expect, it } from 'vitest';
import type { Layer, TcpSegmentInfo } from '../types';
import { SendStream, type StreamWrite } from './sendStream';

// A stream cut by hand: writes of known lengths, a segment payload of 100 bytes; every byte's value
// is its stream offset (mod 256), so a slice's bytes show where they came from.
const MAX = 100;
const at = (from: number, n: number) => Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff);
const segment = {} as TcpSegmentInfo;

function stream(...lengths: number[]): { s: SendStream; writes: StreamWrite[] } {
  const s = new SendStream(MAX);
  const writes: StreamWrite[] = [];
  let offset = 0;
  for (const [i, n] of lengths.entries()) {
    const label = i < 26 ? String.fromCharCode(97 + i) : `w${i}`;
    const w: StreamWrite = {
      label,
      phase: i === 0 ? 'tls' : 'http',
      topLayer: 'tls',
      data: at(offset, n),
      layers: [{ name: 'TLS', summary: `record ${label}`, fields: [{ name: `${label}.body`, value: 'v', offset: 0, length: n }] }],
      decrypted: [],
      caption: (_seg, part) => `caption ${label}${part ? ` ${part.index}/${part.count}` : ''}`,
    };
    writes.push(w);
    s.append(w);
    offset += n;
  }
  return { s, writes };
}

describe('SendStream', () => {
  it('counts the bytes written', () => {
    expect(stream(150, 50).s.length).toBe(200);
  });

  it('gives a whole write as it is: its label, phase, bytes, layers and caption', () => {
    const { s } = stream(80, 50);
    const slice = s.slice(0, 80);
    expect(slice.label).toBe('a');
    expect(slice.phase).toBe('tls');
    expect(slice.topLayer).toBe('tls');
    expect(slice.bytes).toEqual(at(0, 80));
    expect(slice.part).toBeUndefined();
    expect(slice.caption(segment)).toBe('caption a');
    expect(slice.layers()).toEqual([{ name: 'TLS', summary: 'record a', fields: [{ name: 'a.body', value: 'v', offset: 0, length: 80 }] }]);
  });

  it('names the MSS-sized part of a write a segment carries (part 2 of 3), counted from the write start', () => {
    const { s } = stream(250);
    const slice = s.slice(100, 200);
    expect(slice.label).toBe('a 2/3');
    expect(slice.part).toEqual({ index: 2, count: 3 });
    expect(slice.caption(segment)).toBe('caption a 2/3');
    expect(slice.bytes).toEqual(at(100, 100));
    const [tls] = slice.layers();
    expect(tls.summary).toBe('record a (part 2 of 3)');
    expect(tls.fields[0]).toMatchObject({ offset: 0, length: 100 });
    expect(s.slice(200, 250).label).toBe('a 3/3');
    expect(s.slice(0, 100).label).toBe('a 1/3');
  });

  it('counts a write of exactly one segment as one part', () => {
    const { s } = stream(100, 100);
    expect(s.slice(0, 50).part).toEqual({ index: 1, count: 1 });
  });

  it('carries an empty write that lies inside the slice (its label still shows)', () => {
    const { s, writes } = stream(10, 10);
    const withEmpty = new SendStream(MAX);
    withEmpty.append(writes[0]);
    withEmpty.append({ ...writes[0], label: 'e', data: new Uint8Array(0) });
    withEmpty.append(writes[1]);
    expect(withEmpty.slice(5, 20).label).toBe('a 1/1 + e + b');
    expect(withEmpty.slice(5, 20).bytes).toEqual(s.slice(5, 20).bytes);
  });

  it('carries an empty write exactly once when a cut falls on it: in the segment that starts there', () => {
    const { writes } = stream(10, 10);
    const s = new SendStream(MAX);
    s.append(writes[0]);
    s.append({ ...writes[0], label: 'e', data: new Uint8Array(0) });
    s.append(writes[1]);
    expect(s.slice(0, 10).label).toBe('a');
    expect(s.slice(10, 20).label).toBe('e + b');
    expect(s.slice(10, 20).bytes).toEqual(at(10, 10));
  });

  it('refuses a slice past the written bytes, even when an empty write ends the stream', () => {
    const { writes } = stream(10);
    const s = new SendStream(MAX);
    s.append(writes[0]);
    s.append({ ...writes[0], label: 'e', data: new Uint8Array(0) });
    expect(() => s.slice(12, 20)).toThrow('nothing written at bytes 12–20');
  });

  it('joins the writes a segment carries: bytes in order, labels with +, caption of the first with the rest named', () => {
    const { s } = stream(150, 30, 40);
    const slice = s.slice(100, 200);
    expect(slice.label).toBe('a 2/2 + b + c 1/1');
    expect(slice.bytes).toEqual(at(100, 100));
    expect(slice.phase).toBe('tls');
    expect(slice.topLayer).toBe('tls');
    expect(slice.part).toEqual({ index: 2, count: 2 });
    expect(slice.caption(segment)).toBe('caption a 2/2 (+ b, c)');
    const layers = slice.layers();
    expect(layers).toHaveLength(1); // one TLS layer, as Wireshark's tree shows it
    expect(layers[0].summary).toBe('record a (part 2 of 2); record b; record c (part 1 of 1)');
    expect(layers[0].fields.map((f) => [f.name, f.offset, f.length])).toEqual([
      ['a.body', 0, 50],
      ['b.body', 50, 30],
      ['c.body', 80, 20],
    ]);
  });

  it('keeps layers of different protocols apart', () => {
    const s = new SendStream(MAX);
    const http: Layer = { name: 'HTTP', summary: 'GET /', fields: [] };
    s.append({ ...stream(10).writes[0], layers: [http] });
    s.append({ ...stream(1, 10).writes[1], data: at(10, 10) });
    expect(s.slice(0, 20).layers().map((l) => l.name)).toEqual(['HTTP', 'TLS']);
  });

  it('calls the slice HTTP when any write in it is (the inspector shows the topmost protocol)', () => {
    const s = new SendStream(MAX);
    s.append({ ...stream(10).writes[0] });
    s.append({ ...stream(10).writes[0], topLayer: 'http', data: at(10, 10) });
    expect(s.slice(0, 20).topLayer).toBe('http');
    expect(s.slice(0, 10).topLayer).toBe('tls');
  });

  it('lists the records that end inside the slice, each once', () => {
    const s = new SendStream(MAX);
    const record = (title: string, end?: number) => ({ title, key: 'k', bytes: new Uint8Array(1), layers: [], ...(end === undefined ? {} : { end }) });
    s.append({ ...stream(300).writes[0], decrypted: [record('one', 100), record('two', 200), record('three')] });
    const titles = (a: number, b: number) => s.slice(a, b).decrypted.map((d) => d.title);
    expect(titles(0, 150)).toEqual(['one']);
    expect(titles(0, 99)).toEqual([]);
    expect(titles(100, 200)).toEqual(['two']); // 'one' ended at the slice's start
    expect(titles(150, 300)).toEqual(['two', 'three']);
    expect(s.slice(0, 100).decrypted[0]).toEqual({ title: 'one', key: 'k', bytes: new Uint8Array(1), layers: [] });
  });

  it('finds the writes of a slice among many', () => {
    const { s } = stream(...Array.from({ length: 40 }, () => 10));
    expect(s.slice(205, 215).label).toBe('u 1/1 + v 1/1');
    expect(s.slice(205, 215).bytes).toEqual(at(205, 10));
    expect(s.slice(390, 400).label).toBe('w39');
    expect(s.slice(0, 10).label).toBe('a');
  });

  it('forgets released writes, keeping the last, and says so when asked for them', () => {
    const { s } = stream(100, 100, 100);
    s.release(199);
    expect(s.slice(100, 200).label).toBe('b');
    expect(s.slice(100, 200).bytes).toEqual(at(100, 100));
    expect(s.slice(150, 180).bytes).toEqual(at(150, 30));
    expect(() => s.slice(0, 100)).toThrow('SendStream: nothing written at bytes 0–100');
    s.release(200);
    expect(() => s.slice(100, 200)).toThrow('nothing written');
    s.release(300);
    expect(s.slice(200, 300).label).toBe('c');
  });

  it('keeps an empty write at the released offset: the segment starting there has not been acknowledged', () => {
    const { writes } = stream(10, 10);
    const s = new SendStream(MAX);
    s.append(writes[0]);
    s.append({ ...writes[0], label: 'e', data: new Uint8Array(0) });
    s.append(writes[1]);
    s.release(10);
    expect(s.slice(10, 20).label).toBe('e + b');
  });

  it('says so when asked for bytes past the end', () => {
    expect(() => stream(10).s.slice(10, 20)).toThrow('SendStream: nothing written at bytes 10–20');
  });
});
