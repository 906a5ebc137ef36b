import http2 from 'node:http2';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { HpackDecoder } from './hpack';
import { Http2Reader, parseHttp2 } from './frames';

const hex = (s: string) => Uint8Array.from(s.replace(/\s/g, '').match(/../g) ?? [], (h) => Number.parseInt(h, 16));

describe('HPACK (RFC 7541 Appendix C.4: requests with Huffman coding, one context)', () => {
  it('decodes the three requests and keeps the dynamic table between them', () => {
    const d = new HpackDecoder();
    const one = d.decode(hex('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'));
    expect(one.ok && one.headers.map((h) => [h.name, h.value])).toEqual([[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com']]);
    const two = d.decode(hex('8286 84be 5886 a8eb 1064 9cbf'));
    expect(two.ok && two.headers.map((h) => [h.name, h.value])).toEqual([[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com'], ['cache-control', 'no-cache']]);
    const three = d.decode(hex('8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf'));
    expect(three.ok && three.headers.map((h) => [h.name, h.value])).toEqual([[':method', 'GET'], [':scheme', 'https'], [':path', '/index.html'], [':authority', 'www.example.com'], ['custom-key', 'custom-value']]);
  });

  it('names the problem instead of throwing on a bad index or a truncated string', () => {
    expect(new HpackDecoder().decode(hex('ff 7f'))).toMatchObject({ ok: false });
    const r = new HpackDecoder().decode(hex('40 0a 63 75'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/truncated/);
  });
});

/** Node's http2 (nghttp2) on both ends of a TCP relay that records each direction's bytes. */
async function recordExchange(): Promise<{ toServer: Uint8Array; toClient: Uint8Array; seenByServer: Record<string, string>[]; seenByClient: Record<string, string>[]; bodies: string[] }> {
  const seenByServer: Record<string, string>[] = [];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    seenByServer.push({ ...headers } as Record<string, string>);
    const body = headers[':path'] === '/big' ? 'x'.repeat(40_000) : `hello ${headers[':path']}`;
    stream.respond({ ':status': headers[':path'] === '/missing' ? 404 : 200, 'content-type': 'text/plain', 'x-request': String(headers[':path']) });
    stream.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const serverPort = (server.address() as net.AddressInfo).port;
  const toServer: Buffer[] = [];
  const toClient: Buffer[] = [];
  const relay = net.createServer((inbound) => {
    const outbound = net.connect(serverPort, '127.0.0.1');
    inbound.on('data', (d) => { toServer.push(Buffer.from(d)); outbound.write(d); });
    outbound.on('data', (d) => { toClient.push(Buffer.from(d)); inbound.write(d); });
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  const client = http2.connect(`http://127.0.0.1:${(relay.address() as net.AddressInfo).port}`);
  const seenByClient: Record<string, string>[] = [];
  const bodies: string[] = [];
  for (const path of ['/', '/a?q=1', '/missing', '/big']) {
    await new Promise<void>((resolve, reject) => {
      const req = client.request({ ':path': path, 'user-agent': 'wirescene-test', accept: '*/*' });
      let body = '';
      req.on('response', (h) => seenByClient.push({ ...h } as Record<string, string>));
      req.setEncoding('utf8');
      req.on('data', (c) => { body += c; });
      req.on('end', () => { bodies.push(body); resolve(); });
      req.on('error', reject);
      req.end();
    });
  }
  await new Promise<void>((r) => client.close(() => r()));
  await new Promise((r) => setTimeout(r, 50));
  relay.close();
  server.close();
  return { toServer: Buffer.concat(toServer), toClient: Buffer.concat(toClient), seenByServer, seenByClient, bodies };
}

describe('HTTP/2 frames against a real peer (Node http2 = nghttp2)', () => {
  it('reads what Node sent: the preface, SETTINGS, every header block as Node decoded it, and the bodies', async () => {
    const x = await recordExchange();
    const up = parseHttp2(x.toServer, 'client');
    const down = parseHttp2(x.toClient, 'server');
    expect(up.error).toBeUndefined();
    expect(down.error).toBeUndefined();
    expect(up.preface?.bytes.length).toBe(24);
    expect(up.frames[0].typeName).toBe('SETTINGS');
    expect(down.frames[0].typeName).toBe('SETTINGS');

    const requests = up.frames.filter((f) => f.typeName === 'HEADERS');
    expect(requests).toHaveLength(4);
    requests.forEach((f, i) => {
      const fromWire = Object.fromEntries((f.headers ?? []).map((h) => [h.name, h.value]));
      for (const [name, value] of Object.entries(x.seenByServer[i])) if (typeof value === 'string') expect(fromWire[name], name).toBe(value);
    });
    // Later requests reuse the dynamic table: at least one field came back by index.
    expect(requests[3].headers?.some((h) => h.representation === 'indexed' && h.name === 'user-agent')).toBe(true);

    const responses = down.frames.filter((f) => f.typeName === 'HEADERS');
    expect(responses.map((f) => f.headers?.find((h) => h.name === ':status')?.value)).toEqual(x.seenByClient.map((h) => String(h[':status'])));
    expect(responses[2].summary).toMatch(/^HEADERS stream 5: 404/);

    const bodies = new Map<number, string>();
    for (const f of down.frames) if (f.data) bodies.set(f.streamId, (bodies.get(f.streamId) ?? '') + new TextDecoder().decode(f.data));
    expect([...bodies.values()]).toEqual(x.bodies);
    expect(down.frames.some((f) => f.typeName === 'DATA' && f.flags & 1)).toBe(true);
  });

  it('gives the same frames however the bytes are cut (seven bytes at a time)', async () => {
    const x = await recordExchange();
    const whole = parseHttp2(x.toClient, 'server').frames.map((f) => f.summary);
    const reader = new Http2Reader('server');
    const pieces: string[] = [];
    for (let i = 0; i < x.toClient.length; i += 7) pieces.push(...reader.push(x.toClient.subarray(i, i + 7)).frames.map((f) => f.summary));
    expect(pieces).toEqual(whole);
    expect(reader.pendingBytes).toBe(0);
  });

  it('stops with a message, never throws, on a bad preface or a malformed frame', () => {
    expect(parseHttp2(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), 'client').error).toMatch(/preface/);
    const badSettings = hex('000005 04 00 00000000 0102030405');
    expect(parseHttp2(badSettings, 'server').error).toMatch(/SETTINGS frame at byte 0: SETTINGS length 5 is not a multiple of 6/);
  });

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
