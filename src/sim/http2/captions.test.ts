import { describe, expect, it } from 'vitest';
import { concat } from '../bytes/hex';
import { http2Caption } from './captions';
import type { Http2Write } from './connection';
import { Http2Client, Http2Server } from './endpoints';
import { frame, settingsAck, settingsFrame, windowUpdateFrame } from './frameWriter';
import { HpackEncoder } from './hpackEncoder';

// The captions read what a write carries; each write here comes from our endpoints fed frames
// built by hand, so the frames are what the simulator would send.

const PREFACE = new TextEncoder().encode('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
const GET = (path: string): [string, string][] => [[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', path]];
const request = (id: number, path: string) => frame(1, 0x5, id, new HpackEncoder().encode(GET(path)));

function clientWrites(paths: string[]): { writes: Http2Write[]; client: Http2Client } {
  const writes: Http2Write[] = [];
  const client = new Http2Client({ write: (w) => writes.push(w), response: () => {} });
  client.start();
  for (const p of paths) client.request(GET(p));
  client.flush();
  return { writes, client };
}

function serverWrites(settings?: [number, number][]): { writes: Http2Write[]; server: Http2Server } {
  const writes: Http2Write[] = [];
  const server = new Http2Server({ write: (w) => writes.push(w), request: () => {} }, settings);
  return { writes, server };
}

describe('http2Caption', () => {
  it('the client’s first write: one request, or several at once on their streams', () => {
    expect(http2Caption(clientWrites(['/']).writes[0], 'client')).toBe("ALPN chose h2: the client's preface and SETTINGS, then its request as HEADERS on stream 1, HPACK-compressed");
    expect(http2Caption(clientWrites(['/', '/app.css']).writes[0], 'client')).toBe("ALPN chose h2: the client's preface and SETTINGS, then 2 requests at once as HEADERS on streams 1 and 3, HPACK-compressed");
  });

  it('the server’s first write is its SETTINGS, with what they say or "defaults"', () => {
    const a = serverWrites();
    a.server.start();
    a.server.flush();
    expect(http2Caption(a.writes[0], 'server')).toBe("The server's first frame is its SETTINGS (MAX_CONCURRENT_STREAMS=100)");
    const b = serverWrites([]);
    b.server.start();
    b.server.flush();
    expect(http2Caption(b.writes[0], 'server')).toBe("The server's first frame is its SETTINGS (defaults)");
    // Its SETTINGS with the ACK of the client's: still its first frame.
    const c = serverWrites();
    c.server.start();
    c.server.receive(concat(PREFACE, settingsFrame([])));
    expect(c.writes[0].label).toBe('SETTINGS, SETTINGS ACK');
    expect(http2Caption(c.writes[0], 'server')).toBe("The server's first frame is its SETTINGS (MAX_CONCURRENT_STREAMS=100)");
  });

  it('responses: HEADERS and DATA on one stream or several; more DATA later', () => {
    const { writes, server } = serverWrites();
    server.start();
    server.receive(concat(PREFACE, settingsFrame([]), request(1, '/'), request(3, '/b')));
    server.respond(1, [[':status', '200']], new Uint8Array(40_000));
    server.flush();
    expect(http2Caption(writes.at(-1)!, 'server')).toBe('Responses on stream 1: HEADERS (:status, HPACK) and DATA frames, interleaved on one connection');
    server.respond(3, [[':status', '200']], new Uint8Array(40_000));
    server.flush();
    // Stream 1 took 40,000 of the connection's 65,535 bytes: stream 3 waits for the rest.
    expect(writes.at(-1)!.label).toBe('HEADERS 3: 200, DATA 3 ×2');
    expect(http2Caption(writes.at(-1)!, 'server')).toBe('Responses on stream 3: HEADERS (:status, HPACK) and DATA frames, interleaved on one connection');
    server.receive(windowUpdateFrame(0, 100_000));
    expect(writes.at(-1)!.label).toBe('DATA 3');
    expect(http2Caption(writes.at(-1)!, 'server')).toBe("More DATA on stream 3, as far as the client's flow-control window allows");
    const both = serverWrites();
    both.server.start();
    both.server.receive(concat(PREFACE, settingsFrame([]), request(1, '/'), request(3, '/b')));
    both.server.respond(1, [[':status', '200']], new Uint8Array(70_000));
    both.server.respond(3, [[':status', '200']], new Uint8Array(70_000));
    both.server.flush();
    expect(http2Caption(both.writes.at(-1)!, 'server')).toBe('Responses on streams 1 and 3: HEADERS (:status, HPACK) and DATA frames, interleaved on one connection');
    both.server.receive(concat(windowUpdateFrame(0, 100_000), windowUpdateFrame(1, 100_000), windowUpdateFrame(3, 100_000)));
    expect(both.writes.at(-1)!.label).toBe('DATA 1, DATA 3, DATA 1, DATA 3, DATA 1, DATA 3');
    expect(http2Caption(both.writes.at(-1)!, 'server')).toBe("More DATA on streams 1 and 3, as far as the client's flow-control window allows");
  });

  it('the client’s answers: SETTINGS ACK with credit, credit alone, an ACK alone', () => {
    const { writes, client } = clientWrites(['/']);
    client.receive(concat(settingsFrame([]), frame(1, 0x4, 1, new HpackEncoder().encode([[':status', '200']])), frame(0, 0, 1, new Uint8Array(16_384)), frame(0, 0, 1, new Uint8Array(16_384))));
    expect(writes.at(-1)!.label).toBe('SETTINGS ACK, WINDOW_UPDATE, WINDOW_UPDATE 1');
    expect(http2Caption(writes.at(-1)!, 'client')).toBe('The client acknowledges the SETTINGS and gives credit back with WINDOW_UPDATE');
    client.receive(concat(frame(0, 0, 1, new Uint8Array(16_384)), frame(0, 0, 1, new Uint8Array(16_384))));
    expect(http2Caption(writes.at(-1)!, 'client')).toBe('Flow control: WINDOW_UPDATE gives the server credit to send more DATA');
    client.receive(settingsFrame([[3, 10]]));
    expect(http2Caption(writes.at(-1)!, 'client')).toBe("The client acknowledges the other side's SETTINGS");
    const s = serverWrites();
    s.server.start();
    s.server.receive(concat(PREFACE, settingsFrame([])));
    s.server.receive(settingsFrame([[3, 10]]));
    expect(http2Caption(s.writes.at(-1)!, 'server')).toBe("The server acknowledges the other side's SETTINGS");
  });

  it('GOAWAY from either side; anything else is the layer’s own summary', () => {
    const { writes, client } = clientWrites(['/']);
    client.goAway();
    expect(http2Caption(writes.at(-1)!, 'client')).toBe('GOAWAY: the client will open or accept no new stream; the connection can close');
    const s = serverWrites();
    s.server.start();
    s.server.receive(concat(PREFACE, settingsFrame([])));
    s.server.receive(concat(settingsAck(), frame(7, 0, 0, new Uint8Array(8))));
    s.server.goAway();
    expect(http2Caption(s.writes.at(-1)!, 'server')).toBe('GOAWAY: the server will open or accept no new stream; the connection can close');
    s.server.receive(frame(6, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]));
    expect(http2Caption(s.writes.at(-1)!, 'server')).toBe('PING ACK');
    // A later request from the client (not its first write) is no preface.
    client.request(GET('/later'));
    client.flush();
    expect(http2Caption(writes.at(-1)!, 'client')).toBe('HEADERS stream 3: GET /later, END_STREAM, END_HEADERS');
  });
});
