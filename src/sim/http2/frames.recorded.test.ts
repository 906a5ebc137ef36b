import { beforeEach, describe, expect, it } from 'vitest';
import { recordedH2c, type TsharkH2Frame } from '../../../tests/support/http2Oracle';
import { fromHex } from '../bytes/hex';
import type { Field } from '../types';
import { type Http2Frame, Http2Reader, parseHttp2 } from './frames';

// The oracle: tshark's reading of a real HTTP/2 connection (Node's http2 = nghttp2 on both ends,
// in cleartext) that holds every frame type with padding, a priority, CONTINUATION and push
// (tests/fixtures/captures/h2c-frames.pcapng, recorded by tests/support/http2Oracle.ts). Names come
// from RFC 9113's registries, written out here (§11.2 frame types, §6.5.2 settings, §7 error codes).
const recording = recordedH2c();
const up = fromHex(recording.up);
const down = fromHex(recording.down);

const TYPE_NAMES: Record<number, string> = { 0: 'DATA', 1: 'HEADERS', 2: 'PRIORITY', 3: 'RST_STREAM', 4: 'SETTINGS', 5: 'PUSH_PROMISE', 6: 'PING', 7: 'GOAWAY', 8: 'WINDOW_UPDATE', 9: 'CONTINUATION' };
const SETTING_NAMES: Record<number, string> = { 1: 'HEADER_TABLE_SIZE', 2: 'ENABLE_PUSH', 3: 'MAX_CONCURRENT_STREAMS', 4: 'INITIAL_WINDOW_SIZE', 5: 'MAX_FRAME_SIZE', 6: 'MAX_HEADER_LIST_SIZE' };
const ERROR_NAMES: Record<number, string> = { 0: 'NO_ERROR', 8: 'CANCEL', 11: 'ENHANCE_YOUR_CALM' };
/** RFC 9113 §6: which flag bits each frame type defines, in bit order. */
const FLAGS: [bit: number, name: string, types: number[]][] = [
  [0x1, 'END_STREAM', [0, 1]],
  [0x1, 'ACK', [4, 6]],
  [0x4, 'END_HEADERS', [1, 5, 9]],
  [0x8, 'PADDED', [0, 1, 5]],
  [0x20, 'PRIORITY', [1]],
];
const REPRESENTATION: [RegExp, string][] = [
  [/^Indexed Header Field$/, 'indexed'],
  [/^Literal Header Field with Incremental Indexing/, 'incremental'],
  [/^Literal Header Field without Indexing/, 'without-indexing'],
  [/^Literal Header Field Never Indexed/i, 'never-indexed'],
];

const field = (f: Http2Frame, name: string) => f.fields.find((x) => x.name === name);
const u32At = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
/** A field's bytes read as a big-endian number (RFC 9113 §4.1: all integers are network order). */
const fieldNumber = (f: Http2Frame, x: Field | undefined) => {
  if (!x || x.offset === undefined || x.length === undefined) return undefined;
  let n = 0;
  for (const b of f.bytes.subarray(x.offset, x.offset + x.length)) n = n * 256 + b;
  return n;
};

const theirs = (direction: 'up' | 'down') => recording.frames.filter((t) => t.direction === direction);
// Parsed in beforeEach, not while the tests are collected: a mutation run switches its mutant on
// after collection (Stryker's vitest runner), so work done at collection never sees the mutant.
let ours: { f: Http2Frame; direction: string }[] = [];
let pairs: [Http2Frame, TsharkH2Frame][] = [];
beforeEach(() => {
  ours = [...parseHttp2(up, 'client').frames.map((f) => ({ f, direction: 'up' })), ...parseHttp2(down, 'server').frames.map((f) => ({ f, direction: 'down' }))];
  pairs = (['up', 'down'] as const).flatMap((direction) => {
    const mine = ours.filter((o) => o.direction === direction).map((o) => o.f);
    return theirs(direction).map((t, i) => [mine[i], t] as [Http2Frame, TsharkH2Frame]);
  });
});

describe('HTTP/2 frames, frame by frame against tshark on a real connection', () => {
  it('reads every frame tshark reads, in order, with its type, flags, stream and length', () => {
    for (const direction of ['up', 'down'] as const) {
      const mine = ours.filter((o) => o.direction === direction).map((o) => o.f);
      expect(mine.map((f) => [f.type, f.flags, f.streamId, f.bytes.length - 9])).toEqual(theirs(direction).map((t) => [t.type, t.flags, t.streamId, t.length]));
    }
    // The capture holds every type but PRIORITY (deprecated, RFC 9113 §5.3.2): nine of ten.
    expect(new Set(recording.frames.map((t) => t.type))).toEqual(new Set([0, 1, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('names the type and the flags as RFC 9113 does, and the header fields sit on their bytes', () => {
    for (const [f, t] of pairs) {
      expect(f.typeName).toBe(TYPE_NAMES[t.type]);
      const names = FLAGS.filter(([bit, , types]) => types.includes(t.type) && t.flags & bit).map(([, n]) => n);
      expect(field(f, 'Flags')?.value).toBe(`0x${t.flags.toString(16).padStart(2, '0')}${names.length ? ` ${names.join(', ')}` : ''}`);
      expect(field(f, 'Type')?.value).toBe(`${TYPE_NAMES[t.type]} (${t.type})`);
      expect([fieldNumber(f, field(f, 'Length')), field(f, 'Length')?.value]).toEqual([t.length, String(t.length)]);
      expect(fieldNumber(f, field(f, 'Type'))).toBe(t.type);
      expect(fieldNumber(f, field(f, 'Flags'))).toBe(t.flags);
      expect([fieldNumber(f, field(f, 'Stream Identifier')), field(f, 'Stream Identifier')?.value]).toEqual([t.streamId, String(t.streamId)]);
      const frameEnd = f.bytes.length;
      for (const x of f.fields) if (x.offset !== undefined) expect(x.offset + (x.length ?? 0), x.name).toBeLessThanOrEqual(frameEnd);
    }
  });

  it('reads padding, priority, promised stream, settings, error codes and window increments as tshark does', () => {
    for (const [f, t] of pairs) {
      if (t.padLength !== undefined) expect([fieldNumber(f, field(f, 'Pad Length')), field(f, 'Pad Length')?.value]).toEqual([t.padLength, String(t.padLength)]);
      else expect(field(f, 'Pad Length')).toBeUndefined();
      if (t.type === 0) {
        const payload = t.length - (t.padLength === undefined ? 0 : 1 + t.padLength);
        expect(f.data?.length).toBe(payload);
        expect(field(f, 'Data')).toMatchObject({ value: `${payload} bytes`, length: payload, offset: 9 + (t.padLength === undefined ? 0 : 1) });
      }
      if (t.weight !== undefined) {
        expect(field(f, 'Weight')?.value).toBe(String(t.weight));
        expect(fieldNumber(f, field(f, 'Weight'))).toBe(t.weight - 1); // RFC 9113 §6.2: the byte is weight − 1
        expect(field(f, 'Stream Dependency')?.value).toBe(String(t.dependency));
      } else expect(field(f, 'Weight')).toBeUndefined();
      if (t.promisedStreamId !== undefined) expect([fieldNumber(f, field(f, 'Promised Stream ID')), field(f, 'Promised Stream ID')?.value]).toEqual([t.promisedStreamId, String(t.promisedStreamId)]);
      if (t.settings) {
        expect(f.settings?.map((s) => [s.id, s.name, s.value])).toEqual(t.settings.map((s) => [s.id, SETTING_NAMES[s.id], s.value]));
        expect(f.fields.slice(4).map((x) => [x.name, x.value, x.length])).toEqual(t.settings.map((s) => [SETTING_NAMES[s.id], String(s.value), 6]));
      }
      if (t.errorCode !== undefined) {
        expect(f.errorCode).toBe(t.errorCode);
        expect(field(f, 'Error Code')?.value).toBe(ERROR_NAMES[t.errorCode]);
        expect(fieldNumber(f, field(f, 'Error Code'))).toBe(t.errorCode);
      }
      if (t.lastStreamId !== undefined) expect([fieldNumber(f, field(f, 'Last-Stream-ID')), field(f, 'Last-Stream-ID')?.value]).toEqual([t.lastStreamId, String(t.lastStreamId)]);
      if (t.windowIncrement !== undefined) {
        expect(f.windowIncrement).toBe(t.windowIncrement);
        expect([fieldNumber(f, field(f, 'Window Size Increment')), field(f, 'Window Size Increment')?.value]).toEqual([t.windowIncrement, String(t.windowIncrement)]);
      }
      if (t.type === 6) expect(field(f, 'Opaque Data')).toMatchObject({ value: '8 bytes', offset: 9, length: 8 });
    }
  });

  it('decodes every header block as tshark does, the representation included, joining CONTINUATION', () => {
    for (const [f, t] of pairs) {
      if (!t.headers) continue;
      const mine = (f.headers ?? []).map((h) => [h.name, h.value, h.representation]);
      const expected = t.headers.map((h) => [h.name, h.value, REPRESENTATION.find(([re]) => re.test(h.repr))?.[1]]);
      // tshark decodes a HEADERS frame's own fragment only; ours is the whole block once CONTINUATION ends it.
      if (t.flags & 0x4) expect(mine).toEqual(expected);
      else expect(mine.slice(0, expected.length)).toEqual(expected);
      const block = field(f, 'Header Block');
      expect(block?.value).toBe(`${mine.length} fields`);
      expect(block?.children?.map((c) => [c.name, c.value, c.note])).toEqual(mine);
      // The fragment: what is left of the payload after padding, priority and promised id.
      const fragment = field(f, 'Header Block Fragment');
      const before = (t.padLength === undefined ? 0 : 1) + (t.weight === undefined ? 0 : 5) + (t.promisedStreamId === undefined ? 0 : 4);
      expect(fragment).toMatchObject({ offset: 9 + before, length: t.length - before - (t.padLength ?? 0), value: `${t.length - before - (t.padLength ?? 0)} bytes` });
    }
    const continued = pairs.find(([, t]) => t.type === 9);
    expect(continued?.[0].fields.at(-1)).toMatchObject({ name: 'Header Block Fragment', offset: 9, length: continued?.[1].length });
    expect(pairs.find(([, t]) => t.type === 1 && !(t.flags & 0x4))?.[0].headers?.find((h) => h.name === 'x-long')?.value).toBe('v'.repeat(20_000));
  });

  it('sums each frame up in one line', () => {
    const summaries = ours.map((o) => o.f.summary);
    expect(summaries).toContain('SETTINGS HEADER_TABLE_SIZE=8192, ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=50, INITIAL_WINDOW_SIZE=1048576, MAX_FRAME_SIZE=32768, MAX_HEADER_LIST_SIZE=65536');
    expect(summaries).toContain('SETTINGS ACK');
    expect(summaries).toContain('HEADERS stream 1: GET /, END_STREAM, END_HEADERS');
    expect(summaries).toContain('HEADERS stream 3: GET /prio, END_STREAM, END_HEADERS, PRIORITY');
    expect(summaries).toContain('HEADERS stream 1: 200, END_HEADERS, PADDED');
    expect(summaries).toContain('HEADERS stream 5: 200');
    expect(summaries).toContain('CONTINUATION stream 5, END_HEADERS');
    expect(summaries).toContain('PUSH_PROMISE stream 7: GET /pushed.css, END_HEADERS, PADDED');
    expect(summaries).toContain('DATA stream 1, 7 bytes, END_STREAM, PADDED');
    expect(summaries).toContain('DATA stream 9, 16384 bytes');
    expect(summaries).toContain('PING');
    expect(summaries).toContain('PING ACK');
    expect(summaries).toContain('WINDOW_UPDATE stream 0, +34143');
    expect(summaries).toContain('RST_STREAM stream 13, CANCEL');
    expect(summaries).toContain('GOAWAY ENHANCE_YOUR_CALM');
    expect(summaries).toContain('GOAWAY NO_ERROR');
  });

  it('gives the same frames when the bytes arrive cut one byte either side of every frame boundary', () => {
    const whole = parseHttp2(down, 'server').frames;
    const cuts = [...new Set(whole.flatMap((f) => [f.offset - 1, f.offset + 1, f.offset + 9]))].filter((c) => c > 0 && c < down.length).sort((a, b) => a - b);
    const reader = new Http2Reader('server');
    const pieces: Http2Frame[] = [];
    let from = 0;
    for (const cut of [...cuts, down.length]) {
      pieces.push(...reader.push(down.subarray(from, cut)).frames);
      from = cut;
    }
    expect(pieces.map((f) => [f.offset, f.summary])).toEqual(whole.map((f) => [f.offset, f.summary]));
    expect(reader.pendingBytes).toBe(0);
    // The client's preface, one byte short and then the rest: held back, then read at offset 0.
    const client = new Http2Reader('client');
    const first = client.push(up.subarray(0, 23));
    expect([first.preface, first.frames.length, client.pendingBytes]).toEqual([undefined, 0, 23]);
    const rest = client.push(up.subarray(23));
    expect(rest.preface?.offset).toBe(0);
    expect(rest.frames[0].offset).toBe(24);
    expect(rest.frames.map((f) => f.summary)).toEqual(parseHttp2(up, 'client').frames.map((f) => f.summary));
  });

  it('keeps counting offsets across pushes, so a frame names where it is in the stream', () => {
    const reader = new Http2Reader('server');
    const a = reader.push(down.subarray(0, 100)).frames;
    const b = reader.push(down.subarray(100)).frames;
    const whole = parseHttp2(down, 'server').frames.map((f) => f.offset);
    expect([...a, ...b].map((f) => f.offset)).toEqual(whole);
    expect(whole[0]).toBe(0);
    expect(whole[1]).toBe(9 + u32At(Uint8Array.of(0, ...down.subarray(0, 3)), 0));
  });
});
