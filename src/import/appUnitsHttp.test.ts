import { describe, expect, it } from 'vitest';
import { recordedH2c } from '../../tests/support/http2Oracle';
import { fromHex } from '../sim/bytes/hex';
import { type AppUnit, dissectStream } from './appUnits';
import type { TcpStream } from './tcpStreams';

// The HTTP units of a TCP stream (appUnits.ts httpUnits) and the names of TLS records in the clear.
// Oracles: tshark's reading of a real cleartext HTTP/2 connection (h2c-frames.pcapng, Node's http2 on
// both ends: tests/support/http2Oracle.ts), and bytes laid out by hand per RFC 9113, RFC 9112, RFC 8446 §5.1.

const te = new TextEncoder();
const hex = (s: string) => fromHex(s.replace(/ /g, ''));
const stream = (client: string | Uint8Array, server: string | Uint8Array): TcpStream => {
  const data = (x: string | Uint8Array) => ({ bytes: typeof x === 'string' ? te.encode(x) : x, runs: [], missingBytes: 0 });
  return { index: 0, hosts: [{ ip: '192.0.2.1', port: 40000 }, { ip: '192.0.2.2', port: 80 }], frames: [], data: [data(client), data(server)], handshake: true };
};
/** RFC 9113 §3.4. */
const PREFACE = 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n';
/** RFC 9113 §11.2 frame types, §7 error codes (the ones the capture uses). */
const TYPE_NAMES: Record<number, string> = { 0: 'DATA', 1: 'HEADERS', 2: 'PRIORITY', 3: 'RST_STREAM', 4: 'SETTINGS', 5: 'PUSH_PROMISE', 6: 'PING', 7: 'GOAWAY', 8: 'WINDOW_UPDATE', 9: 'CONTINUATION' };

describe('HTTP/2 in cleartext, frame by frame against tshark (h2c-frames.pcapng)', () => {
  const read = () => {
    const r = recordedH2c();
    const bytes = { up: fromHex(r.up), down: fromHex(r.down) };
    const d = dissectStream(stream(bytes.up, bytes.down), undefined);
    // tshark's frames with where each ends in its direction's stream: the client's after the preface.
    const at = { up: PREFACE.length, down: 0 };
    const theirs = r.frames.map((t) => {
      at[t.direction] += 9 + t.length;
      return { t, dir: t.direction === 'up' ? 0 : 1, end: at[t.direction], bytes: bytes[t.direction].subarray(at[t.direction] - 9 - t.length, at[t.direction]) };
    });
    const ours = (dir: number) => d.units.filter((u) => u.direction === dir);
    const pairs = [0, 1].flatMap((dir) => theirs.filter((x) => x.dir === dir).map((x, i): [typeof x, AppUnit] => [x, ours(dir)[i]]));
    return { d, theirs, pairs };
  };

  it('a unit per frame tshark reads, ending at the frame’s last byte, top layer and phase http, no problems', () => {
    const { d, theirs } = read();
    expect(d.problems).toEqual([]);
    expect(d.units.filter((u) => u.direction === 0).map((u) => [u.start, u.end, u.topLayer, u.phase])).toEqual(theirs.filter((x) => x.dir === 0).map((x) => [x.end - 1, x.end, 'http', 'http']));
    expect(d.units.filter((u) => u.direction === 1).map((u) => [u.start, u.end, u.topLayer, u.phase])).toEqual(theirs.filter((x) => x.dir === 1).map((x) => [x.end - 1, x.end, 'http', 'http']));
  });

  it('a request is labelled by tshark’s :method and :path, a response by its :status; the unit carries them', () => {
    const { pairs } = read();
    const withHeaders = pairs.filter(([x]) => x.t.headers);
    expect(withHeaders.length).toBeGreaterThan(10);
    for (const [x, u] of withHeaders) {
      const h = (n: string) => x.t.headers?.find((y) => y.name === n)?.value;
      const method = h(':method');
      const status = h(':status');
      const where = `${x.t.direction} ${TYPE_NAMES[x.t.type]} stream ${x.t.streamId}`;
      expect(u.label, where).toBe(method ? `${method} ${h(':path')}` : status);
      expect(u.http, where).toEqual({ method, path: h(':path'), status: status === undefined ? undefined : Number(status) });
    }
    expect(withHeaders.map(([, u]) => u.label)).toEqual(expect.arrayContaining(['GET /', 'GET /pushed.css', '200', '404']));
  });

  it('any other frame is labelled as its title reads without the stream: the packet label is short, the inspector says the stream', () => {
    const { pairs } = read();
    const others = pairs.filter(([x]) => !x.t.headers);
    for (const [x, u] of others) {
      const title = u.decrypted?.title ?? '';
      expect(title.startsWith(TYPE_NAMES[x.t.type]), title).toBe(true);
      expect(u.label, title).toBe(title.replace(` stream ${x.t.streamId}`, ''));
      expect(u.http).toBeUndefined();
    }
    const rst = others.find(([x]) => x.t.type === 3)!;
    expect([rst[0].t.streamId, rst[1].decrypted?.title, rst[1].label]).toEqual([13, 'RST_STREAM stream 13, CANCEL', 'RST_STREAM, CANCEL']);
    const [data, unit] = others.find(([x]) => x.t.type === 0)!;
    // 263 bytes of payload: the pad length byte, 255 bytes of padding, 7 of data (RFC 9113 §6.1)
    expect([data.t.length, data.t.padLength, unit.label]).toEqual([263, 255, 'DATA, 7 bytes, END_STREAM, PADDED']);
  });

  it('the inspector gets the frame’s bytes as tshark delimits them, under one HTTP2 layer titled like the unit, with no key', () => {
    const { pairs } = read();
    for (const [x, u] of pairs) {
      const dec = u.decrypted!;
      expect(dec.key).toBe('');
      expect(Buffer.from(dec.bytes).equals(Buffer.from(x.bytes)), `${x.t.direction} frame ending at ${x.end}`).toBe(true);
      expect(dec.layers.length).toBe(1);
      expect(dec.layers[0].name).toBe('HTTP2');
      expect(dec.layers[0].summary).toBe(dec.title);
      expect(dec.layers[0].fields.slice(0, 4).map((f) => [f.name, f.value])).toEqual([
        ['Length', String(x.t.length)],
        ['Type', `${TYPE_NAMES[x.t.type]} (${x.t.type})`],
        ['Flags', expect.stringMatching(new RegExp(`^0x${x.t.flags.toString(16).padStart(2, '0')}`))],
        ['Stream Identifier', String(x.t.streamId)],
      ]);
    }
  });
});

describe('HTTP/2 laid out by hand (RFC 9113)', () => {
  // An empty SETTINGS frame (§6.5): length 0, type 4, no flags, stream 0.
  const SETTINGS = '000000 04 00 00000000';

  it('a client that sent just the 24-byte preface is HTTP/2: the server’s SETTINGS is a unit', () => {
    const d = dissectStream(stream(PREFACE, hex(SETTINGS)), undefined);
    expect(d.units.map((u) => [u.direction, u.start, u.end, u.label])).toEqual([[1, 8, 9, 'SETTINGS']]);
    expect(d.protocol).toBe('h2c');
  });

  it('a client cut short inside the preface is not taken for HTTP/2: no units', () => {
    const d = dissectStream(stream(PREFACE.slice(0, 16), hex(SETTINGS)), undefined);
    expect([d.protocol, d.units, d.problems]).toEqual(['bytes', [], []]);
  });

  it('a malformed frame is a problem; the frames before it are still units', () => {
    // RST_STREAM must be 4 bytes (§6.4): this one is 3, on stream 1, after a SETTINGS
    const client = new Uint8Array([...te.encode(PREFACE), ...hex(`${SETTINGS} 000003 03 00 00000001 000008`)]);
    const d = dissectStream(stream(client, hex(SETTINGS)), undefined);
    expect(d.problems).toEqual(['HTTP/2 RST_STREAM frame at byte 33: RST_STREAM must be 4 bytes, is 3']);
    expect(d.units.map((u) => [u.direction, u.end, u.label])).toEqual([[0, 33, 'SETTINGS'], [1, 9, 'SETTINGS']]);
  });

  it('a CONNECT request, which has :authority but no :path (§8.5), is labelled by its authority as HTTP/1.1 labels its request target', () => {
    // HEADERS, END_HEADERS, stream 1: :method CONNECT, :authority example.com:443, each a literal without
    // indexing with an indexed name (RFC 7541 §6.2.2; static table 2 :method, 1 :authority)
    const block = `02 07 ${Buffer.from('CONNECT').toString('hex')} 01 0f ${Buffer.from('example.com:443').toString('hex')}`;
    const client = new Uint8Array([...te.encode(PREFACE), ...hex(`00001a 01 04 00000001 ${block}`)]);
    // :status 200 indexed (static table 8)
    const d = dissectStream(stream(client, hex('000001 01 04 00000001 88')), undefined);
    expect(d.units.map((u) => [u.direction, u.label, u.http])).toEqual([
      [0, 'CONNECT example.com:443', { method: 'CONNECT', path: undefined, status: undefined }],
      [1, '200', { method: undefined, path: undefined, status: 200 }],
    ]);
  });

  it('a malformed request with :method alone (no :path, no :authority, §8.3.1) is labelled by its method, no trailing space', () => {
    // HEADERS, END_HEADERS, stream 1: :method GET indexed (static table 2).
    const client = new Uint8Array([...te.encode(PREFACE), ...hex('000001 01 04 00000001 82')]);
    const d = dissectStream(stream(client, ''), undefined);
    expect(d.units.map((u) => [u.direction, u.label])).toEqual([[0, 'GET']]);
  });
});

describe('HTTP/1.1 laid out by hand (RFC 9112)', () => {
  it('a request whose response has not come yet is a unit', () => {
    const get = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
    const d = dissectStream(stream(get, ''), undefined);
    expect([d.protocol, d.units.map((u) => [u.direction, u.start, u.end, u.label])]).toEqual(['http/1.1', [[0, get.length - 1, get.length, 'GET /']]]);
  });

  it('the response to HEAD has no body though it names a length (§6.3): the next response starts right after its head', () => {
    const requests = 'HEAD /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n';
    const toHead = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n';
    const toGet = 'HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno';
    const d = dissectStream(stream(requests, toHead + toGet), undefined);
    expect(d.units.filter((u) => u.direction === 1).map((u) => [u.start, u.end, u.label])).toEqual([
      [toHead.length - 1, toHead.length, '200 OK'],
      [toHead.length + toGet.length - 1, toHead.length + toGet.length, '404 Not Found'],
    ]);
  });
});

describe('TLS records in the clear are named by their content type (RFC 8446 §5.1, B.1)', () => {
  it('change_cipher_spec (20), alert (21), and a handshake record (22) that holds no whole message', () => {
    // client: a ClientHello header announcing 256 bytes, cut after it, in a record of its own; then CCS (value 1).
    // server: a fatal handshake_failure alert (level 2, description 40).
    const d = dissectStream(stream(hex('16 0301 0004 01000100  14 0303 0001 01'), hex('15 0303 0002 02 28')), undefined);
    expect(d.units.map((u) => [u.direction, u.start, u.end, u.label, u.record?.innerName, u.topLayer, u.phase])).toEqual([
      [0, 0, 9, 'Handshake', 'Handshake', 'tls', 'tls'],
      [0, 9, 15, 'ChangeCipherSpec', 'ChangeCipherSpec', 'tls', 'tls'],
      [1, 0, 7, 'Alert', 'Alert', 'tls', 'close'],
    ]);
  });
});
