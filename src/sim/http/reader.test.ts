import { describe, expect, it } from 'vitest';
import { getRequest, response } from './messages';
import { type HttpArrival, HttpReader } from './reader';

describe('HTTP/1.1 reader', () => {
  it('hands on each message when its last byte is in, whatever the chunking', () => {
    const bytes = new Uint8Array([...response(200, 'text/html', 'example.com', 3000, true).bytes, ...getRequest('example.com', '/', 'curl/7.88.1').bytes]);
    for (const size of [1, 7, 1460, bytes.length]) {
      const got: HttpArrival[] = [];
      const r = new HttpReader((m) => got.push(m));
      for (let at = 0, t = 0; at < bytes.length; at += size, t++) r.push(bytes.subarray(at, at + size), t);
      expect(got.map((m) => [m.startLine, m.bodyLength])).toEqual([['HTTP/1.1 200 OK', 3000], ['GET / HTTP/1.1', 0]]);
      expect(got[0].firstByteUs).toBe(0);
    }
  });

  const ascii = (s: string) => new TextEncoder().encode(s);
  const read = (...chunks: [string | Uint8Array, number][]) => {
    const got: HttpArrival[] = [];
    const r = new HttpReader((m) => got.push(m));
    for (const [c, t] of chunks) r.push(typeof c === 'string' ? ascii(c) : c, t);
    return got;
  };

  it('header names are case-insensitive and values trimmed (RFC 9110 §5.1, RFC 9112 §5.1); a value may hold colons', () => {
    const [m] = read(['GET / HTTP/1.1\r\nHOST:   example.com:8443  \r\nX-Empty:\r\ncontent-LENGTH: 3\r\n\r\nabc', 0]);
    expect([...m.headers]).toEqual([['host', 'example.com:8443'], ['x-empty', ''], ['content-length', '3']]);
    expect([m.startLine, m.bodyLength]).toEqual(['GET / HTTP/1.1', 3]);
  });

  // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request-line; an empty
  // line is no message (the server would answer a request nobody sent).
  it('ignores empty lines before a start line, in one push or split across pushes', () => {
    expect(read(['\r\n\r\nGET /a HTTP/1.1\r\nHost: h\r\n\r\n\r\nGET /b HTTP/1.1\r\n\r\n', 3]).map((m) => [m.startLine, [...m.headers]])).toEqual([
      ['GET /a HTTP/1.1', [['host', 'h']]],
      ['GET /b HTTP/1.1', []],
    ]);
    expect(read(['\r', 1], ['\n\r\n', 2], ['\r\nGET /c HTTP/1.1\r\n\r\n', 3]).map((m) => [m.startLine, m.firstByteUs])).toEqual([['GET /c HTTP/1.1', 3]]);
    // The message's first byte is its start line's, not the empty lines' before it.
    expect(read(['\r\n', 1], ['\r\n\r', 2], ['\nGET /d HTTP/1.1\r\n\r\n', 4]).map((m) => [m.startLine, m.firstByteUs])).toEqual([['GET /d HTTP/1.1', 4]]);
    expect(read(['\r\n', 1], ['G', 2], ['ET /e HTTP/1.1\r\n\r\n', 4]).map((m) => [m.startLine, m.firstByteUs])).toEqual([['GET /e HTTP/1.1', 2]]);
  });

  // RFC 9112 §5.1 forbids whitespace between a field name and its colon; a proxy MUST remove it from a
  // response, which is how this reader takes it (the name is what comes before the colon, trimmed).
  it('a field name with whitespace before its colon is read without it', () => {
    const [m] = read(['HTTP/1.1 200 OK\r\nContent-Length : 3\r\n\r\nabcHTTP/1.1 204 No Content\r\n\r\n', 0]);
    expect([...m.headers]).toEqual([['content-length', '3']]);
    expect(m.bodyLength).toBe(3);
  });

  it('a message is handed on when its body’s last byte is in, stamped with when its first byte came', () => {
    const got = read(['HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab', 10], ['c', 20], ['', 25], ['deHTTP/1.1 204 No Content\r\n', 30], ['\r\n', 40]);
    expect(got.map((m) => [m.startLine, m.bodyLength, m.firstByteUs])).toEqual([
      ['HTTP/1.1 200 OK', 5, 10],
      // The second message's first byte came in the chunk at 30, after the first one's body.
      ['HTTP/1.1 204 No Content', 0, 30],
    ]);
  });

  it('an empty push starts no message; a message without Content-Length has no body', () => {
    const got = read(['', 5], ['GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\n\r\n', 7]);
    expect(got.map((m) => [m.startLine, m.bodyLength, m.firstByteUs])).toEqual([['GET /a HTTP/1.1', 0, 7], ['GET /b HTTP/1.1', 0, 7]]);
  });

  it('the blank line split across pushes, a header block longer than one 16 KiB read', () => {
    const long = `GET / HTTP/1.1\r\nX-Long: ${'a'.repeat(20_000)}\r\n`;
    const got = read([long + '\r', 1], ['\n', 2]);
    expect(got.map((m) => [m.headers.get('x-long')?.length, m.firstByteUs])).toEqual([[20_000, 1]]);
    const inOne = read([`${long}\r\nGET /next HTTP/1.1\r\n\r\n`, 3]);
    expect(inOne.map((m) => m.startLine)).toEqual(['GET / HTTP/1.1', 'GET /next HTTP/1.1']);
  });

  it('refuses a header block over 64 KiB, naming the limit', () => {
    const r = new HttpReader(() => {});
    r.push(ascii(`GET / HTTP/1.1\r\nX: ${'a'.repeat(65_000)}`), 0);
    expect(() => r.push(ascii('a'.repeat(1000)), 1)).toThrow('HTTP: header block over 64 KiB');
  });

  it('a header block of exactly 64 KiB is still read; a 2 MB message in one push is read without spreading it whole', () => {
    const r = new HttpReader(() => {});
    expect(() => r.push(ascii(`GET / HTTP/1.1\r\nX: ${'a'.repeat(65_536 - 19)}`), 0)).not.toThrow();
    const got: HttpArrival[] = [];
    const big = new HttpReader((m) => got.push(m));
    const head = ascii('HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n');
    const all = new Uint8Array(head.length + 2_000_000);
    all.set(head);
    big.push(all, 9);
    expect(got.map((m) => [m.startLine, m.bodyLength, m.firstByteUs])).toEqual([['HTTP/1.1 200 OK', 2_000_000, 9]]);
  });
});

