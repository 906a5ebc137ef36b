import { describe, expect, it } from 'vitest';
import { decompressWithHpackJs, hpack } from '../../../tests/support/hpackJs';
import { concat, toHex } from '../bytes/hex';
import type { Http2Write } from './connection';
import { Http2Client, type Http2Response, Http2Server } from './endpoints';
import type { Http2Frame } from './frames';
import { dataFrame, frame, goawayFrame, rstStreamFrame, settingsAck, settingsFrame, windowUpdateFrame } from './frameWriter';

// Our endpoints fed frames built by hand, their output checked byte by byte against RFC 9113's
// layouts (§4.1 header, §6 frames) and their header blocks against hpack.js, an independent
// HPACK implementation. No TLS, no simulator: each test is a few frames.

/** A header block as hpack.js writes it (a fresh table per block). */
function block(headers: [string, string][]): Uint8Array {
  const c = hpack.compressor.create({ table: { size: 4096 } });
  c.write(headers.map(([name, value]) => ({ name, value })));
  const parts: Buffer[] = [];
  for (let chunk = c.read(); chunk; chunk = c.read()) parts.push(chunk);
  return new Uint8Array(Buffer.concat(parts));
}

const FLAG_END_STREAM = 0x1;
const FLAG_END_HEADERS = 0x4;
/** §6.2: HEADERS with END_HEADERS (and END_STREAM if asked), the block written by hpack.js. */
const peerHeaders = (streamId: number, headers: [string, string][], endStream: boolean) => frame(1, FLAG_END_HEADERS | (endStream ? FLAG_END_STREAM : 0), streamId, block(headers));
const ping = (opaque: number[], flags = 0) => frame(6, flags, 0, opaque);
const PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

const GET = (path: string): [string, string][] => [
  [':method', 'GET'],
  [':scheme', 'https'],
  [':authority', 'example.com'],
  [':path', path],
];

function makeServer(settings?: [number, number][]) {
  const writes: Http2Write[] = [];
  const requests: [number, [string, string][]][] = [];
  const received: Http2Frame[] = [];
  const errors: string[] = [];
  const goaways: Http2Frame[] = [];
  const server = new Http2Server(
    { write: (w) => writes.push(w), request: (id, h) => requests.push([id, h]), received: (f) => received.push(f), error: (e) => errors.push(e), goaway: (f) => goaways.push(f) },
    settings,
  );
  /** Every frame we sent so far, as our own reader sees it. */
  const frames = () => writes.flatMap((w) => w.frames);
  const dataSizes = () =>
    frames()
      .filter((f) => f.typeName === 'DATA')
      .map((f) => f.bytes.length - 9);
  return { server, writes, requests, received, errors, goaways, frames, dataSizes };
}

function makeClient(settings?: [number, number][]) {
  const writes: Http2Write[] = [];
  const responses: Http2Response[] = [];
  const firstBytes: [number, [string, string][]][] = [];
  const client = new Http2Client({ write: (w) => writes.push(w), response: (r) => responses.push(r), responseHeaders: (id, h) => firstBytes.push([id, h]) }, settings);
  return { client, writes, responses, firstBytes };
}

/** A server whose client has sent the preface, an empty SETTINGS and one request on stream 1 (not yet answered). */
function serverWithRequest(peerSettings: [number, number][] = []) {
  const s = makeServer();
  s.server.start();
  s.server.receive(concat(PREFACE, settingsFrame(peerSettings), peerHeaders(1, GET('/'), true)));
  s.writes.length = 0;
  return s;
}

describe('Http2Client: the opening write (RFC 9113 §3.4)', () => {
  it('is the preface, SETTINGS and every queued request in one write, laid out as §4.1 and §6.5.1 say', () => {
    const { client, writes } = makeClient();
    client.start();
    expect(client.request(GET('/'))).toBe(1);
    expect(client.request(GET('/app.css'))).toBe(3);
    expect(writes).toHaveLength(0);
    client.flush();
    expect(writes).toHaveLength(1);
    const [w] = writes;
    expect(w.label).toBe('Preface, SETTINGS, HEADERS 1: GET /, HEADERS 3: GET /app.css');
    // Preface (24 bytes), then SETTINGS: length 12, type 4, flags 0, stream 0, ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=100.
    expect(toHex(w.bytes.subarray(0, 24))).toBe('505249202a20485454502f322e300d0a0d0a534d0d0a0d0a');
    expect(toHex(w.bytes.subarray(24, 45))).toBe('00000c040000000000000200000000000300000064');
    const headers = w.frames.filter((f) => f.typeName === 'HEADERS');
    expect(headers.map((f) => [f.streamId, f.flags])).toEqual([
      [1, 0x05],
      [3, 0x05],
    ]);
    expect(decompressWithHpackJs(headers.map((f) => f.bytes.subarray(9)))).toEqual([GET('/'), GET('/app.css')]);
    expect(w.frames.reduce((n, f) => n + f.bytes.length, 24)).toBe(w.bytes.length);
  });

  it('describes the write for the inspector: the preface, then each frame at its offset with its fields shifted there', () => {
    const { client, writes } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    const { layer, frames } = writes[0];
    expect(layer.name).toBe('HTTP/2');
    expect(layer.summary).toBe(frames.map((f) => f.summary).join('; '));
    expect(layer.summary.startsWith('SETTINGS ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=100; HEADERS stream 1: GET /')).toBe(true);
    expect(layer.fields[0]).toEqual({ name: 'Connection preface', value: 'PRI * HTTP/2.0', offset: 0, length: 24, note: expect.stringContaining('RFC 9113 §3.4') });
    expect(layer.fields.slice(1).map((f) => [f.name, f.value, f.offset, f.length])).toEqual([
      ['SETTINGS ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=100', '21 bytes', 24, 21],
      [frames[1].summary, `${frames[1].bytes.length} bytes`, 45, frames[1].bytes.length],
    ]);
    const type = layer.fields[2].children?.find((c) => c.name === 'Type');
    expect([type?.value, type?.offset, type?.length]).toEqual(['HEADERS (1)', 48, 1]);
  });

  it('numbers later writes from their own first byte, and writes nothing when nothing is queued', () => {
    const { client, writes } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    client.flush();
    expect(writes).toHaveLength(1);
    client.receive(settingsFrame([]));
    expect(writes).toHaveLength(2);
    expect(toHex(writes[1].bytes)).toBe('000000040100000000');
    expect(writes[1].label).toBe('SETTINGS ACK');
    expect(writes[1].layer.fields.map((f) => [f.name, f.offset, f.length])).toEqual([['SETTINGS ACK', 0, 9]]);
    expect(writes[1].layer.fields[0].children?.find((c) => c.name === 'Flags')?.offset).toBe(4);
    // A SETTINGS ACK is not answered.
    client.receive(settingsAck());
    expect(writes).toHaveLength(2);
  });

  it('numbers its requests 1, 3, 5 (§5.1.1: odd, increasing)', () => {
    const { client, writes } = makeClient();
    client.start();
    for (const p of ['/a', '/b', '/c']) client.request(GET(p));
    client.flush();
    expect(writes[0].frames.filter((f) => f.typeName === 'HEADERS').map((f) => f.streamId)).toEqual([1, 3, 5]);
  });
});

describe('Http2Client: responses', () => {
  it('hands on the response headers at once and the whole response at END_STREAM, keeping the final headers after a 1xx', () => {
    const { client, writes, responses, firstBytes } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    client.receive(
      concat(
        settingsFrame([]),
        peerHeaders(
          1,
          [
            [':status', '103'],
            ['link', '</a.css>; rel=preload'],
          ],
          false,
        ),
      ),
    );
    expect(firstBytes).toEqual([
      [
        1,
        [
          [':status', '103'],
          ['link', '</a.css>; rel=preload'],
        ],
      ],
    ]);
    client.receive(
      peerHeaders(
        1,
        [
          [':status', '200'],
          ['content-type', 'text/plain'],
        ],
        false,
      ),
    );
    client.receive(dataFrame(1, new TextEncoder().encode('hello '), false));
    expect(responses).toHaveLength(0);
    client.receive(dataFrame(1, new TextEncoder().encode('world'), true));
    expect(responses).toHaveLength(1);
    const r = responses[0];
    expect([r.streamId, r.headers, r.bodyLength]).toEqual([
      1,
      [
        [':status', '200'],
        ['content-type', 'text/plain'],
      ],
      11,
    ]);
    expect(new TextDecoder().decode(concat(...r.body))).toBe('hello world');
    expect(writes.map((w) => w.label)).toEqual(['Preface, SETTINGS, HEADERS 1: GET /', 'SETTINGS ACK']);
  });

  it('a response of headers only ends on its HEADERS with END_STREAM, with an empty body', () => {
    const { client, responses } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    client.receive(peerHeaders(1, [[':status', '204']], true));
    expect(responses).toEqual([{ streamId: 1, headers: [[':status', '204']], body: [], bodyLength: 0 }]);
  });
});

describe('flow control on what we receive (§6.9.1: credit back after half a window, like nghttp2)', () => {
  const body = (n: number) => new Uint8Array(n).fill(0x61);

  it('gives credit for the connection and the stream once 32,768 bytes are in, not before', () => {
    const { client, writes } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    client.receive(peerHeaders(1, [[':status', '200']], false));
    client.receive(dataFrame(1, body(16_384), false));
    client.receive(dataFrame(1, body(16_383), false));
    expect(writes).toHaveLength(1);
    client.receive(dataFrame(1, body(1), false));
    expect(writes).toHaveLength(2);
    // WINDOW_UPDATE on stream 0 then on stream 1, each +32,768 (0x8000).
    expect(toHex(writes[1].bytes)).toBe(`000004080000000000${'00008000'}000004080000000001${'00008000'}`);
    expect(writes[1].label).toBe('WINDOW_UPDATE, WINDOW_UPDATE 1');
  });

  it('counts the whole payload, padding included, against the windows', () => {
    const { client, writes } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    client.receive(peerHeaders(1, [[':status', '200']], false));
    // PADDED DATA: pad length 255, 16,128 bytes of data, 255 of padding = 16,384 bytes of payload, twice.
    const padded = () => frame(0, 0x8, 1, [255, ...body(16_128), ...new Uint8Array(255)]);
    client.receive(padded());
    client.receive(padded());
    expect(writes.at(-1)?.frames.map((f) => [f.streamId, f.windowIncrement])).toEqual([
      [0, 32_768],
      [1, 32_768],
    ]);
  });

  it('gives no stream credit with the last DATA of a stream, only connection credit', () => {
    const { client, writes, responses } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    client.receive(peerHeaders(1, [[':status', '200']], false));
    client.receive(dataFrame(1, body(16_384), false));
    client.receive(dataFrame(1, body(16_384), true));
    expect(responses[0].bodyLength).toBe(32_768);
    expect(writes.at(-1)?.frames.map((f) => [f.typeName, f.streamId, f.windowIncrement])).toEqual([['WINDOW_UPDATE', 0, 32_768]]);
  });

  it('counts connection credit over streams, and stream credit per stream against the window we announced', () => {
    // We announce INITIAL_WINDOW_SIZE 10,000: a stream gets credit after 5,000 bytes.
    const { client, writes } = makeClient([[4, 10_000]]);
    client.start();
    client.request(GET('/a'));
    client.request(GET('/b'));
    client.flush();
    expect(toHex(writes[0].bytes.subarray(24, 24 + 15))).toBe('000006040000000000000400002710');
    client.receive(concat(peerHeaders(1, [[':status', '200']], false), peerHeaders(3, [[':status', '200']], false)));
    client.receive(dataFrame(1, body(4_999), false));
    expect(writes).toHaveLength(1);
    client.receive(dataFrame(1, body(1), false));
    expect(writes.at(-1)?.frames.map((f) => [f.streamId, f.windowIncrement])).toEqual([[1, 5_000]]);
    // The stream's count starts again; the connection's goes on over both streams: 5,000 + 27,768 = 32,768.
    client.receive(dataFrame(3, body(27_768), false));
    expect(writes.at(-1)?.frames.map((f) => [f.streamId, f.windowIncrement])).toEqual([
      [0, 32_768],
      [3, 27_768],
    ]);
    client.receive(dataFrame(1, body(4_999), false));
    expect(writes).toHaveLength(3);
    client.receive(dataFrame(1, body(1), false));
    expect(writes.at(-1)?.frames.map((f) => [f.streamId, f.windowIncrement])).toEqual([[1, 5_000]]);
  });
});

describe('Http2Server: requests and responses', () => {
  it('sends its SETTINGS first, checks the preface, acknowledges the client SETTINGS in the same write, and hands on a request', () => {
    const { server, writes, requests, received } = makeServer();
    server.start();
    expect(writes).toHaveLength(0);
    server.receive(concat(PREFACE, settingsFrame([[2, 0]]), peerHeaders(1, GET('/'), true)));
    expect(writes).toHaveLength(1);
    // SETTINGS MAX_CONCURRENT_STREAMS=100, then SETTINGS ACK.
    expect(toHex(writes[0].bytes)).toBe('000006040000000000000300000064000000040100000000');
    expect(writes[0].label).toBe('SETTINGS, SETTINGS ACK');
    expect(requests).toEqual([[1, GET('/')]]);
    expect(received.map((f) => f.summary)).toEqual(['SETTINGS ENABLE_PUSH=0', 'HEADERS stream 1: GET /, END_STREAM, END_HEADERS']);
  });

  it('hands on a request with a body once its DATA ends the stream', () => {
    const { server, requests } = makeServer();
    server.start();
    server.receive(
      concat(
        PREFACE,
        settingsFrame([]),
        peerHeaders(
          1,
          [
            [':method', 'POST'],
            [':path', '/form'],
          ],
          false,
        ),
      ),
    );
    expect(requests).toHaveLength(0);
    server.receive(dataFrame(1, new TextEncoder().encode('a=1'), true));
    expect(requests).toEqual([
      [
        1,
        [
          [':method', 'POST'],
          [':path', '/form'],
        ],
      ],
    ]);
  });

  it('answers an empty body with HEADERS and END_STREAM only', () => {
    const s = serverWithRequest();
    s.server.respond(1, [[':status', '204']], new Uint8Array(0));
    s.server.flush();
    expect(s.frames().map((f) => [f.typeName, f.streamId, f.flags])).toEqual([['HEADERS', 1, 0x05]]);
    expect(decompressWithHpackJs([s.frames()[0].bytes.subarray(9)])).toEqual([[[':status', '204']]]);
  });

  it('sends DATA up to the 65,535-byte windows in frames of at most 16,384 bytes, END_STREAM on the last', () => {
    const s = serverWithRequest();
    s.server.respond(1, [[':status', '200']], new Uint8Array(100_000));
    s.server.flush();
    expect(s.writes).toHaveLength(1);
    expect(s.writes[0].label).toBe('HEADERS 1: 200, DATA 1 ×4');
    expect(s.frames()[0].flags).toBe(0x04);
    expect(s.dataSizes()).toEqual([16_384, 16_384, 16_384, 16_383]);
    expect(
      s
        .frames()
        .filter((f) => f.typeName === 'DATA')
        .every((f) => f.flags === 0),
    ).toBe(true);
    // Connection credit alone does not help: the stream's window is empty too.
    s.server.receive(windowUpdateFrame(0, 100_000));
    expect(s.dataSizes()).toHaveLength(4);
    s.server.receive(windowUpdateFrame(1, 30_000));
    expect(s.dataSizes().slice(4)).toEqual([16_384, 13_616]);
    s.server.receive(windowUpdateFrame(1, 10_000));
    const data = s.frames().filter((f) => f.typeName === 'DATA');
    expect(data.slice(6).map((f) => f.bytes.length - 9)).toEqual([4_465]);
    expect(data.at(-1)?.flags).toBe(FLAG_END_STREAM);
    expect(s.dataSizes().reduce((a, b) => a + b)).toBe(100_000);
    // The stream is done: more credit sends nothing.
    const before = s.writes.length;
    s.server.receive(windowUpdateFrame(1, 10_000));
    expect(s.writes.length).toBe(before);
    expect(s.dataSizes().reduce((a, b) => a + b)).toBe(100_000);
  });

  it('waits for connection credit when the connection window, not the stream window, runs out', () => {
    const s = serverWithRequest([[4, 200_000]]);
    s.server.respond(1, [[':status', '200']], new Uint8Array(70_000));
    s.server.flush();
    expect(s.dataSizes().reduce((a, b) => a + b)).toBe(65_535);
    s.server.receive(windowUpdateFrame(0, 1_000));
    expect(s.dataSizes().slice(4)).toEqual([1_000]);
    s.server.receive(windowUpdateFrame(0, 10_000));
    expect(s.dataSizes().slice(5)).toEqual([3_465]);
  });

  it('takes turns between streams, one frame each (§6.9: both share the connection window)', () => {
    const s = makeServer();
    s.server.start();
    s.server.receive(concat(PREFACE, settingsFrame([]), peerHeaders(1, GET('/a'), true), peerHeaders(3, GET('/b'), true)));
    s.writes.length = 0;
    s.server.respond(1, [[':status', '200']], new Uint8Array(20_000));
    s.server.respond(3, [[':status', '404']], new Uint8Array(20_000));
    s.server.flush();
    expect(s.writes.map((w) => w.label)).toEqual(['HEADERS 1: 200, HEADERS 3: 404, DATA 1, DATA 3, DATA 1, DATA 3']);
    expect(
      s
        .frames()
        .filter((f) => f.typeName === 'DATA')
        .map((f) => [f.streamId, f.bytes.length - 9, f.flags]),
    ).toEqual([
      [1, 16_384, 0],
      [3, 16_384, 0],
      [1, 3_616, 1],
      [3, 3_616, 1],
    ]);
  });

  it('follows the client’s SETTINGS: a smaller initial window, moved later by the difference on open streams (§6.9.2), and a larger frame size', () => {
    const s = serverWithRequest([[4, 1_000]]);
    s.server.respond(1, [[':status', '200']], new Uint8Array(10_000));
    s.server.flush();
    expect(s.dataSizes()).toEqual([1_000]);
    s.server.receive(settingsFrame([[4, 3_000]]));
    expect(s.dataSizes()).toEqual([1_000, 2_000]);
    expect(s.writes.at(-1)?.label).toBe('SETTINGS ACK, DATA 1');
    // A stream opened now starts at 3,000.
    s.server.receive(peerHeaders(3, GET('/b'), true));
    s.server.respond(3, [[':status', '200']], new Uint8Array(10_000));
    s.server.flush();
    expect(s.dataSizes().slice(2)).toEqual([3_000]);
    // MAX_FRAME_SIZE 20,000 with plenty of window: frames of 20,000.
    const t = serverWithRequest([[5, 20_000]]);
    t.server.respond(1, [[':status', '200']], new Uint8Array(50_000));
    t.server.flush();
    expect(t.dataSizes()).toEqual([20_000, 20_000, 10_000]);
  });

  it('stops a stream’s DATA when the client resets it (RST_STREAM, §6.4)', () => {
    const s = serverWithRequest();
    s.server.respond(1, [[':status', '200']], new Uint8Array(100_000));
    s.server.flush();
    s.server.receive(rstStreamFrame(1, 8));
    s.server.receive(windowUpdateFrame(0, 100_000));
    s.server.receive(windowUpdateFrame(1, 100_000));
    expect(s.dataSizes().reduce((a, b) => a + b)).toBe(65_535);
    expect(s.received.map((f) => f.summary)).toContain('RST_STREAM stream 1, CANCEL');
  });
});

describe('PING, GOAWAY and errors', () => {
  it('answers a PING with PING ACK and the same eight bytes (§6.7), and does not answer a PING ACK', () => {
    const s = serverWithRequest();
    s.server.receive(ping([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(toHex(s.writes[0].bytes)).toBe('0000080601000000000102030405060708');
    s.server.receive(ping([1, 2, 3, 4, 5, 6, 7, 8], 1));
    expect(s.writes).toHaveLength(1);
  });

  it('tells io of the peer’s GOAWAY; its own GOAWAY names the last stream the peer opened (§6.8)', () => {
    const s = makeServer();
    s.server.start();
    s.server.flush();
    s.server.goAway();
    // Nothing opened yet: last stream 0.
    expect(toHex(s.writes.at(-1)!.bytes)).toBe('0000080700000000000000000000000000');
    s.server.receive(concat(PREFACE, settingsFrame([]), peerHeaders(1, GET('/a'), true), peerHeaders(3, GET('/b'), true)));
    s.server.receive(goawayFrame(3, 0));
    expect(s.goaways.map((f) => f.summary)).toEqual(['GOAWAY NO_ERROR']);
    s.server.goAway();
    expect(toHex(s.writes.at(-1)!.bytes)).toBe('0000080700000000000000000300000000');
    expect(s.writes.at(-1)!.label).toBe('GOAWAY');
    // A client's own streams are odd: the last stream the server opened is 0, or an even (pushed) one.
    const c = makeClient();
    c.client.start();
    c.client.request(GET('/'));
    c.client.request(GET('/b'));
    c.client.flush();
    c.client.goAway();
    expect(toHex(c.writes.at(-1)!.bytes)).toBe('0000080700000000000000000000000000');
    c.client.receive(peerHeaders(2, [[':status', '200']], false));
    c.client.goAway();
    expect(toHex(c.writes.at(-1)!.bytes)).toBe('0000080700000000000000000200000000');
  });

  it('meets a malformed frame with GOAWAY PROTOCOL_ERROR naming the last stream, tells io, and reads nothing more (§5.4.1)', () => {
    const s = serverWithRequest();
    // WINDOW_UPDATE with a 3-byte payload (§6.9: it must be 4), after a valid PING in the same read.
    s.server.receive(concat(ping([0, 0, 0, 0, 0, 0, 0, 9]), frame(8, 0, 0, [0, 0, 1])));
    expect(s.errors).toEqual([expect.stringContaining('WINDOW_UPDATE must be 4 bytes')]);
    expect(s.writes).toHaveLength(1);
    // The PING read before the bad frame is answered; GOAWAY last stream 1, PROTOCOL_ERROR (1).
    expect(toHex(s.writes[0].bytes)).toBe(`0000080601000000000000000000000009${'0000080700000000000000000100000001'}`);
    s.server.receive(ping([1, 1, 1, 1, 1, 1, 1, 1]));
    expect(s.writes).toHaveLength(1);
    expect(s.errors).toHaveLength(1);
  });

  it('meets a header block it cannot decode with COMPRESSION_ERROR (§4.3)', () => {
    const s = serverWithRequest();
    // 0x80: indexed field 0, which RFC 7541 §6.1 forbids.
    s.server.receive(frame(1, FLAG_END_HEADERS | FLAG_END_STREAM, 3, [0x80]));
    expect(s.errors[0]).toContain('HPACK');
    expect(toHex(s.writes[0].bytes)).toBe('0000080700000000000000000100000009');
  });

  it('refuses a client that does not start with the preface', () => {
    const s = makeServer();
    s.server.start();
    s.server.receive(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: example.com\r\n\r\n'));
    expect(s.errors).toEqual([expect.stringContaining('connection preface')]);
    expect(s.frames().map((f) => f.summary)).toEqual(['SETTINGS MAX_CONCURRENT_STREAMS=100', 'GOAWAY PROTOCOL_ERROR']);
    expect(s.requests).toHaveLength(0);
  });
});

describe('Http2Server: defaults and what it ignores', () => {
  it('announces what it is given instead of its default', () => {
    const s = makeServer([[3, 7]]);
    s.server.start();
    s.server.flush();
    expect(toHex(s.writes[0].bytes)).toBe('000006040000000000000300000007');
  });

  it('ignores frame types it does not act on: PRIORITY and unknown ones (§4.1, §5.5)', () => {
    const s = serverWithRequest();
    s.server.receive(concat(frame(2, 0, 1, [0, 0, 0, 0, 15]), frame(0xfa, 0, 0, [1, 2])));
    expect(s.writes).toHaveLength(0);
    expect(s.errors).toHaveLength(0);
    expect(s.received.slice(-2).map((f) => f.typeName)).toEqual(['PRIORITY', 'UNKNOWN(0xfa)']);
    expect(s.goaways).toHaveLength(0);
  });

  it('reads a frame split over several reads, and the preface split too', () => {
    const s = makeServer();
    s.server.start();
    const bytes = concat(PREFACE, settingsFrame([]), peerHeaders(1, GET('/'), true));
    for (const [from, to] of [
      [0, 10],
      [10, 30],
      [30, bytes.length],
    ])
      s.server.receive(bytes.subarray(from, to));
    expect(s.requests).toEqual([[1, GET('/')]]);
    // The first read, part of the preface, already sends what start() queued.
    expect(s.writes.map((w) => w.label)).toEqual(['SETTINGS', 'SETTINGS ACK']);
  });
});

describe('header blocks in CONTINUATION frames (§6.10) and odd peers', () => {
  /** The block hpack.js writes, cut in two: HEADERS with the first part, CONTINUATION with the rest and END_HEADERS. */
  const split = (streamId: number, headers: [string, string][], endStream: boolean, cut = 3) => {
    const b = block(headers);
    return [frame(1, endStream ? FLAG_END_STREAM : 0, streamId, b.subarray(0, cut)), frame(9, FLAG_END_HEADERS, streamId, b.subarray(cut))];
  };

  it('a request whose block goes on in a CONTINUATION is handed on whole, at END_HEADERS', () => {
    const s = makeServer();
    s.server.start();
    const [head, rest] = split(1, GET('/split'), true);
    s.server.receive(concat(PREFACE, settingsFrame([]), head));
    expect(s.requests).toHaveLength(0);
    s.server.receive(rest);
    expect(s.requests).toEqual([[1, GET('/split')]]);
    // A request with a body: the headers at END_HEADERS, the request at the DATA's END_STREAM.
    const [head3, rest3] = split(
      3,
      [
        [':method', 'POST'],
        [':path', '/form'],
      ],
      false,
    );
    s.server.receive(concat(head3, rest3, dataFrame(3, new Uint8Array(3), true)));
    expect(s.requests.at(-1)).toEqual([
      3,
      [
        [':method', 'POST'],
        [':path', '/form'],
      ],
    ]);
    expect(s.errors).toEqual([]);
  });

  it('a response whose block goes on in a CONTINUATION: its headers once, whole', () => {
    const { client, responses, firstBytes } = makeClient();
    client.start();
    client.request(GET('/'));
    client.flush();
    const [head, rest] = split(
      1,
      [
        [':status', '200'],
        ['content-type', 'text/plain'],
        ['x-long', 'x'.repeat(100)],
      ],
      true,
      5,
    );
    client.receive(head);
    expect(firstBytes).toHaveLength(0);
    client.receive(rest);
    expect(firstBytes).toEqual([
      [
        1,
        [
          [':status', '200'],
          ['content-type', 'text/plain'],
          ['x-long', 'x'.repeat(100)],
        ],
      ],
    ]);
    expect(responses.map((r) => [r.streamId, r.headers.length, r.bodyLength])).toEqual([[1, 3, 0]]);
  });

  it('a stream ended by DATA with no HEADERS before it is handed on with no headers', () => {
    const c = makeClient();
    c.client.start();
    c.client.request(GET('/'));
    c.client.flush();
    c.client.receive(dataFrame(1, new Uint8Array([1, 2]), true));
    expect(c.responses).toEqual([{ streamId: 1, headers: [], body: [new Uint8Array([1, 2])], bodyLength: 2 }]);
    const s = makeServer();
    s.server.start();
    s.server.receive(concat(PREFACE, settingsFrame([]), dataFrame(1, new Uint8Array(0), true)));
    expect(s.requests).toEqual([[1, []]]);
  });

  it('an endpoint without an error callback still answers a broken peer with GOAWAY', () => {
    const writes: Http2Write[] = [];
    const client = new Http2Client({ write: (w) => writes.push(w), response: () => {} });
    client.start();
    client.flush();
    expect(() => client.receive(frame(8, 0, 0, [0, 0, 1]))).not.toThrow();
    expect(writes.at(-1)?.frames.map((f) => f.summary)).toEqual(['GOAWAY PROTOCOL_ERROR']);
  });
});
