import http2 from 'node:http2';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { fromHex as hex } from '../bytes/hex';
import { HpackDecoder } from './hpack';
import { Http2Reader, parseHttp2 } from './frames';


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
});
