import { describe, expect, it } from 'vitest';
import { readHttp1 } from './http1';

// HTTP/1.1 framing at its edges (RFC 9112), each message written out by hand: what ends a head
// (§2.1: the empty line is CRLF; a bare CR is no line end, §2.2), what ends a chunk-size line
// (§7.1: CRLF), which length rule wins (§6.3) and which response a HEAD request belongs to.

const b = (s: string) => new TextEncoder().encode(s);
const frames = (text: string, methods?: string[]) => readHttp1(b(text), methods).map((m) => [m.label, m.start, m.end, m.bodyLength]);

describe('HTTP/1 framing edges', () => {
  it('only CRLF CRLF ends a head: a lone CR or LF in a field line, or a CR at a line start, does not', () => {
    // "x\n\r\n", "y\rz\r\n", "\r\nd\n" and "\r\n\rF" each hold three of the four bytes of CRLF CRLF
    const one = 'GET /a HTTP/1.1\r\nA: x\n\r\nB: y\rz\r\nC: z\r\nd\nE: w\r\n\rF: v\r\n\r\n';
    const two = 'GET /b HTTP/1.1\r\n\r\n';
    expect(frames(one + two)).toEqual([['GET /a', 0, one.length, 0], ['GET /b', one.length, one.length + two.length, 0]]);
    const [m] = readHttp1(b(one));
    expect(m.headers.slice(0, 3)).toEqual([['A', 'x'], ['B', 'y\rz'], ['C', 'z']]);
  });

  it('a chunk-size line ends at CRLF: a lone CR or LF in its extension is part of it', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    const next = 'HTTP/1.1 204 No Content\r\n\r\n';
    for (const ext of ['a=b\rc', 'a=b\nc']) {
      const body = `3;${ext}\r\nabc\r\n0\r\n\r\n`;
      expect(frames(head + body + next), JSON.stringify(ext)).toEqual([['200 OK', 0, head.length + body.length, body.length], ['204 No Content', head.length + body.length, head.length + body.length + next.length, 0]]);
    }
  });

  it('a chunk may hold CRLF CRLF (only the size-0 chunk ends the body); with no trailers the next message follows the last CRLF', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    const next = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
    for (const body of ['8\r\na\r\n\r\nb\r\n\r\n0\r\n\r\n', '3\r\nabc\r\n0\r\n\r\n', '0\r\n\r\n']) {
      const end = head.length + body.length;
      expect(frames(head + body + next), JSON.stringify(body)).toEqual([['200 OK', 0, end, body.length], ['200 OK', end, end + next.length, 2]]);
    }
  });

  it('a chunk size that is not hex: the message runs to the end of the bytes', () => {
    const text = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n';
    expect(frames(text)).toEqual([['200 OK', 0, text.length, text.length - 47]]);
  });

  it('whitespace between a field name and its colon is dropped, as a proxy must (RFC 9112 §5.1)', () => {
    const one = 'HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nhi';
    const two = 'HTTP/1.1 204 No Content\r\n\r\n';
    const ms = readHttp1(b(one + two));
    expect(ms.map((m) => [m.start, m.end])).toEqual([[0, one.length], [one.length, one.length + two.length]]);
    expect(ms[0].headers).toEqual([['Content-Length', '2']]);
    expect(ms[0].layer.fields[1]).toEqual({ name: 'Content-Length', value: '2', offset: 17, length: 20 });
  });

  it('the request methods name the responses in order: requests in the stream neither count nor lose their bodies', () => {
    const post = 'POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi';
    const toHead = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n';
    const toGet = 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc';
    expect(frames(post + toHead + toGet, ['HEAD', 'GET'])).toEqual([
      ['POST /a', 0, post.length, 2],
      ['200 OK', post.length, post.length + toHead.length, 0],
      ['200 OK', post.length + toHead.length, post.length + toHead.length + toGet.length, 3],
    ]);
  });

  it('Transfer-Encoding overrides Content-Length; unless chunked is its last coding the response runs to the close (RFC 9112 §6.3)', () => {
    const tail = '5\r\nhello\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n';
    const chunkedLength = '5\r\nhello\r\n0\r\n\r\n'.length;
    for (const coding of ['chunked', 'CHUNKED', 'gzip, chunked', 'gzip,chunked', 'gzip,\t chunked']) {
      const head = `HTTP/1.1 200 OK\r\nTransfer-Encoding: ${coding}\r\nContent-Length: 3\r\n\r\n`;
      expect(frames(head + tail).map((f) => f[3]), coding).toEqual([chunkedLength, 0]);
    }
    for (const coding of ['gzip', 'chunked, gzip', 'x-chunked', 'gzip, x-chunked', 'chunkedx']) {
      const head = `HTTP/1.1 200 OK\r\nTransfer-Encoding: ${coding}\r\nContent-Length: 3\r\n\r\n`;
      expect(frames(head + tail), coding).toEqual([['200 OK', 0, head.length + tail.length, tail.length]]);
    }
  });

  it('a Content-Length that is not a number: the message runs to the end of the bytes, never past or before its head', () => {
    for (const length of ['abc', '-5', '5x', 'x5', '', '1e1', '0x3']) {
      const text = `HTTP/1.1 200 OK\r\nContent-Length: ${length}\r\n\r\n0123456789HTTP/1.1 204 No Content\r\n\r\n`;
      const head = text.indexOf('\r\n\r\n') + 4;
      expect(frames(text), JSON.stringify(length)).toEqual([['200 OK', 0, text.length, text.length - head]]);
    }
    expect(frames('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789').map((f) => f[3])).toEqual([10]);
  });
});
