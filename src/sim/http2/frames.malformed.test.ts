import { describe, expect, it } from 'vitest';
import { fromHex as hex } from '../bytes/hex';
import { errorName, Http2Reader, parseHttp2 } from './frames';


describe('HTTP/2 frames that break a rule of RFC 9113', () => {
  // Each malformed frame at the bound where it turns bad (RFC 9113 §4.2, §6), after a good one so
  // the message's byte offset is not 0. A good frame of the same shape one byte the other side passes.
  const ping = '000008 06 00 00000000 0102030405060708';
  const cases: [string, string, RegExp][] = [
    ['PADDED DATA with no pad length byte', '000000 00 08 00000001', /HTTP\/2 DATA frame at byte 17: PADDED with no pad length byte/],
    ['padding longer than the payload', '000002 00 08 00000001 02 61', /HTTP\/2 DATA frame at byte 17: padding \(2\) is longer than the payload/],
    ['PRIORITY flag with 4 of its 5 bytes', '000004 01 24 00000001 00000000', /HEADERS frame at byte 17: PRIORITY flag set but the payload is too short/],
    ['PUSH_PROMISE with 3 of its 4 id bytes', '000003 05 04 00000001 000000', /PUSH_PROMISE frame at byte 17: no promised stream id/],
    ['CONTINUATION with no HEADERS before it', '000001 09 04 00000001 82', /CONTINUATION frame at byte 17: CONTINUATION without a HEADERS before it/],
    ['a DATA frame where a CONTINUATION must come', '000001 01 00 00000001 82 000000 00 00 00000001', /DATA frame at byte 27: a CONTINUATION was expected \(RFC 9113 §6.10\)/],
    ['RST_STREAM of 5 bytes', '000005 03 00 00000001 0000000800', /RST_STREAM frame at byte 17: RST_STREAM must be 4 bytes, is 5/],
    ['GOAWAY of 7 bytes', '000007 07 00 00000000 00000001000000', /GOAWAY frame at byte 17: GOAWAY needs 8 bytes, has 7/],
    ['WINDOW_UPDATE of 3 bytes', '000003 08 00 00000000 000100', /WINDOW_UPDATE frame at byte 17: WINDOW_UPDATE must be 4 bytes, is 3/],
    ['a frame longer than a frame can be', 'fffff8 00 00 00000001', /HTTP\/2: frame at byte 17 is too long/],
    ['a bad header block', '000002 01 04 00000001 ff7f', /HEADERS frame at byte 17: /],
  ];
  it.each(cases)('names %s', (_, frame, message) => {
    const r = parseHttp2(hex(ping + frame), 'server');
    expect(r.error).toMatch(message);
    // The frames before the bad one are kept (a HEADERS awaiting its CONTINUATION among them).
    expect(r.frames.map((f) => f.summary)).toEqual(frame.includes('000001 01 00') ? ['PING', 'HEADERS stream 1'] : ['PING']);
  });

  it('reads the frames just the other side of each bound', () => {
    const good = [
      '000001 00 08 00000001 00', // PADDED, pad length 0, no data
      '000002 00 08 00000001 01 00', // padding exactly fills the payload
      '000006 01 24 00000001 80000000 0f 82', // PRIORITY: exclusive bit masked off, weight 16
      '000005 05 04 00000001 80000002 82', // promised id with its reserved bit set
      '000004 03 00 00000001 00000008',
      '000008 07 00 00000000 80000003 0000000b',
      '000004 08 00 00000000 80000100',
      '000003 ff 00 00000001 616263', // an unknown type is ignored (RFC 9113 §4.1)
    ];
    const r = parseHttp2(hex(good.join('')), 'server');
    expect(r.error).toBeUndefined();
    expect(r.frames.map((f) => f.summary)).toEqual([
      'DATA stream 1, 0 bytes, PADDED',
      'DATA stream 1, 0 bytes, PADDED',
      'HEADERS stream 1: GET , END_HEADERS, PRIORITY',
      'PUSH_PROMISE stream 1: GET , END_HEADERS',
      'RST_STREAM stream 1, CANCEL',
      'GOAWAY ENHANCE_YOUR_CALM',
      'WINDOW_UPDATE stream 0, +256',
      'UNKNOWN(0xff) stream 1, 3 bytes',
    ]);
    expect(r.frames[2].fields.find((f) => f.name === 'Stream Dependency')?.value).toBe('0');
    expect(r.frames[2].fields.find((f) => f.name === 'Weight')?.value).toBe('16');
    expect(r.frames[3].fields.find((f) => f.name === 'Promised Stream ID')?.value).toBe('2');
    expect(r.frames[5].fields.find((f) => f.name === 'Last-Stream-ID')?.value).toBe('3');
    expect(r.frames[0].fields.map((f) => f.name)).toEqual(['Length', 'Type', 'Flags', 'Stream Identifier', 'Pad Length', 'Data']);
  });

  it('after an error reads nothing more, and names an unknown error code and setting by number', () => {
    const reader = new Http2Reader('server');
    expect(reader.push(hex('000003 08 00 00000000 000100')).error).toMatch(/WINDOW_UPDATE/);
    expect(reader.push(hex(ping))).toEqual({ frames: [] });
    const r = parseHttp2(hex('000004 03 00 00000001 000000ff 000006 04 00 00000000 00ff00000001'), 'server');
    expect(r.frames.map((f) => f.summary)).toEqual(['RST_STREAM stream 1, 0xff', 'SETTINGS 0xff=1']);
    expect(parseHttp2(hex('000000 04 00 00000000'), 'server').frames[0].summary).toBe('SETTINGS');
  });
});

describe('HTTP/2 names, flags and the preface, at their edges', () => {
  // RFC 9113 §7 error codes and §6.5.2 / RFC 8441 / RFC 9218 setting names, written out.
  const RFC_ERRORS = ['NO_ERROR', 'PROTOCOL_ERROR', 'INTERNAL_ERROR', 'FLOW_CONTROL_ERROR', 'SETTINGS_TIMEOUT', 'STREAM_CLOSED', 'FRAME_SIZE_ERROR', 'REFUSED_STREAM', 'CANCEL', 'COMPRESSION_ERROR', 'CONNECT_ERROR', 'ENHANCE_YOUR_CALM', 'INADEQUATE_SECURITY', 'HTTP_1_1_REQUIRED'];
  it('names every error code of RFC 9113 §7, and an unknown one by number', () => {
    RFC_ERRORS.forEach((name, code) => expect(errorName(code)).toBe(name));
    expect(errorName(14)).toBe('0xe');
  });

  it('names the settings of RFC 8441 and RFC 9218 too', () => {
    const r = parseHttp2(hex('00000c 04 00 00000000 0008 00000001 0009 00000001'), 'server');
    expect(r.frames[0].summary).toBe('SETTINGS ENABLE_CONNECT_PROTOCOL=1, NO_RFC7540_PRIORITIES=1');
  });

  it('names only the flags a frame type defines, and reads padding and priority only where defined (§6)', () => {
    // DATA with END_HEADERS (0x4) and PRIORITY (0x20) bits set: undefined for DATA, ignored (§4.1).
    const data = parseHttp2(hex('000001 00 25 00000001 61'), 'server').frames[0];
    expect(data.summary).toBe('DATA stream 1, 1 bytes, END_STREAM');
    expect(data.fields.find((f) => f.name === 'Flags')?.value).toBe('0x25 END_STREAM');
    // PING with PADDED (0x8) set: no pad length byte is read, the eight bytes are the opaque data.
    const ping = parseHttp2(hex('000008 06 08 00000000 0102030405060708'), 'server').frames[0];
    expect(ping.fields.map((f) => f.name)).toEqual(['Length', 'Type', 'Flags', 'Stream Identifier', 'Opaque Data']);
    expect(ping.fields.find((f) => f.name === 'Flags')?.value).toBe('0x08');
    // PUSH_PROMISE with PRIORITY (0x20) set: no priority fields, the promised id comes first.
    const push = parseHttp2(hex('000005 05 24 00000001 00000002 82'), 'server').frames[0];
    expect(push.fields.find((f) => f.name === 'Promised Stream ID')?.value).toBe('2');
    expect(push.fields.find((f) => f.name === 'Weight')).toBeUndefined();
    expect(push.summary).toBe('PUSH_PROMISE stream 1: GET , END_HEADERS');
    // A PRIORITY frame (type 2) is summed up without reading it (deprecated, §5.3.2).
    expect(parseHttp2(hex('000005 02 00 00000003 00000001 0f'), 'server').frames[0].summary).toBe('PRIORITY stream 3');
  });

  it('joins a header block over two CONTINUATION frames, and names a bad block found at the last one', () => {
    const r = parseHttp2(hex('000001 01 01 00000001 82 000001 09 00 00000001 84 000001 09 04 00000001 86'), 'server');
    expect(r.error).toBeUndefined();
    expect(r.frames.map((f) => f.summary)).toEqual(['HEADERS stream 1: GET /, END_STREAM', 'CONTINUATION stream 1', 'CONTINUATION stream 1, END_HEADERS']);
    expect(r.frames[0].headers?.map((h) => h.value)).toEqual(['GET', '/', 'http']);
    const bad = parseHttp2(hex('000001 01 00 00000001 82 000001 09 04 00000001 ff'), 'server');
    expect(bad.error).toMatch(/^HTTP\/2 CONTINUATION frame at byte 10: HPACK: /);
  });

  it('takes a preface of exactly 24 bytes, then frames in a later push, and refuses one a byte off', () => {
    const preface = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    const reader = new Http2Reader('client');
    const first = reader.push(preface);
    expect(first.preface?.bytes).toEqual(preface);
    expect(reader.pendingBytes).toBe(0);
    const next = reader.push(hex('000000 04 01 00000000'));
    expect([next.preface, next.error, next.frames[0].summary, next.frames[0].offset]).toEqual([undefined, undefined, 'SETTINGS ACK', 24]);
    const off = preface.slice();
    off[23] = 0x0b;
    expect(parseHttp2(off, 'client').error).toBe('HTTP/2: the client did not start with the connection preface "PRI * HTTP/2.0" (RFC 9113 §3.4)');
    // A server sends no preface: its first bytes are a frame.
    expect(parseHttp2(hex('000000 04 01 00000000'), 'server').frames[0].summary).toBe('SETTINGS ACK');
  });

  it('reads the longest frame the length field allows up to its bound (2^24 − 1 − 9 is refused, one less is awaited)', () => {
    const reader = new Http2Reader('server');
    expect(reader.push(hex('fffff6 00 00 00000001')).error).toBeUndefined();
    expect(reader.pendingBytes).toBe(9);
    expect(new Http2Reader('server').push(hex('fffff7 00 00 00000001')).error).toBe('HTTP/2: frame at byte 0 is too long');
  });

  it('waits for the rest of a frame that follows a whole one in the same push', () => {
    const reader = new Http2Reader('server');
    const r = reader.push(hex('000000 04 01 00000000 000004 08 00 00000000 0000'));
    expect(r.frames.map((f) => f.summary)).toEqual(['SETTINGS ACK']);
    expect(reader.pendingBytes).toBe(11);
    expect(reader.push(hex('0100')).frames.map((f) => f.summary)).toEqual(['WINDOW_UPDATE stream 0, +256']);
  });
});

describe('HTTP/2 frames exactly at their smallest', () => {
  it('reads a HEADERS whose payload is only its priority, a PUSH_PROMISE only its promised id, and a trailer block', () => {
    const r = parseHttp2(hex('000005 01 24 00000001 00000000 0f 000004 05 04 00000001 00000002 000005 01 05 00000001 40 01 78 01 79'), 'server');
    expect(r.error).toBeUndefined();
    expect(r.frames.map((f) => f.summary)).toEqual(['HEADERS stream 1: 0 fields, END_HEADERS, PRIORITY', 'PUSH_PROMISE stream 1: 0 fields, END_HEADERS', 'HEADERS stream 1: 1 fields, END_STREAM, END_HEADERS']);
    expect(r.frames[0].fields.find((f) => f.name === 'Header Block Fragment')).toMatchObject({ value: '0 bytes', offset: 14, length: 0 });
    const continued = parseHttp2(hex('000001 01 00 00000001 82 000002 09 04 00000001 8486'), 'server').frames[1];
    expect(continued.fields.at(-1)).toMatchObject({ name: 'Header Block Fragment', value: '2 bytes', offset: 9, length: 2 });
  });
});
