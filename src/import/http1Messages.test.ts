import { describe, expect, it } from 'vitest';
import { looksLikeHttp1, readHttp1 } from './http1';

// HTTP/1.1 message framing (RFC 9112 §6.3): a response to HEAD and 1xx, 204 and 304 responses have
// no body; else chunked transfer coding (§7.1: size in hex, optional extensions after ';', a last
// chunk of size 0, trailer fields, CRLF), else Content-Length, else a response runs to the close.
// Messages here are written out by hand; the offsets are counted in the strings.

const te = new TextEncoder();
const b = (s: string) => te.encode(s);

describe('HTTP/1 messages in a byte stream', () => {
  it('a request and its fields: start line, headers at their offsets, label, method, path', () => {
    const text = 'GET /index.html HTTP/1.1\r\nHost: localhost:8443\r\nUser-Agent: curl/8.5.0\r\n\r\n';
    const [m] = readHttp1(b(text));
    expect(m).toMatchObject({ kind: 'request', start: 0, end: text.length, startLine: 'GET /index.html HTTP/1.1', label: 'GET /index.html', method: 'GET', path: '/index.html', status: undefined, bodyLength: 0 });
    expect(m.headers).toEqual([['Host', 'localhost:8443'], ['User-Agent', 'curl/8.5.0']]);
    expect(m.layer).toEqual({ name: 'HTTP', summary: 'GET /index.html HTTP/1.1', fields: [
      { name: 'request line', value: 'GET /index.html HTTP/1.1', offset: 0, length: 26 },
      { name: 'Host', value: 'localhost:8443', offset: 26, length: 22 },
      { name: 'User-Agent', value: 'curl/8.5.0', offset: 48, length: 24 },
    ] });
  });

  it('Content-Length bodies, two messages back to back, the second found after the first body', () => {
    const one = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
    const two = 'HTTP/1.0 404 Not Found\r\ncontent-length: 9\r\n\r\nnot found';
    const ms = readHttp1(b(one + two), ['GET', 'GET']);
    expect(ms.map((m) => [m.kind, m.start, m.end, m.label, m.status, m.bodyLength])).toEqual([
      ['response', 0, one.length, '200 OK', 200, 5],
      ['response', one.length, one.length + two.length, '404 Not Found', 404, 9],
    ]);
    expect(ms[0].layer.fields.at(-1)).toEqual({ name: 'body', value: '5 bytes', offset: one.length - 5, length: 5 });
    expect(ms[0].layer.fields[0].name).toBe('status line');
    // a status line with no reason phrase
    expect(readHttp1(b('HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n'))[0].label).toBe('200');
  });

  it('chunked bodies: sizes in hex, extensions, the last chunk and trailers (RFC 9112 §7.1)', () => {
    const body = '1a;name=x\r\nabcdefghijklmnopqrstuvwxyz\r\n5\r\n01234\r\n0\r\nExpires: never\r\n\r\n';
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n';
    const next = 'HTTP/1.1 204 No Content\r\n\r\n';
    const ms = readHttp1(b(head + body + next));
    expect(ms.map((m) => [m.start, m.end, m.bodyLength])).toEqual([[0, head.length + body.length, body.length], [head.length + body.length, head.length + body.length + next.length, 0]]);
    // no trailers: the last chunk is followed by the empty line
    const plain = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
    expect(readHttp1(b(plain))[0].end).toBe(plain.length);
    // A stream cut inside a chunk, inside a size line, or before the final CRLF ends where the bytes do.
    for (const cut of [plain.length - 1, plain.length - 3, plain.length - 6, plain.length - 9, 49]) expect(readHttp1(b(plain.slice(0, cut)))[0].end).toBe(cut);
    // a size that is not hex ends the message at the end of the bytes
    expect(readHttp1(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n'))).toHaveLength(1);
  });

  it('no body: 1xx, 204, 304, and a response to HEAD; 200 with neither length runs to the end', () => {
    const s = (status: string) => `HTTP/1.1 ${status}\r\nContent-Length: 10\r\n\r\n`;
    for (const status of ['100 Continue', '199 X', '204 No Content', '304 Not Modified']) expect(readHttp1(b(s(status) + s('200 OK')))).toHaveLength(2);
    expect(readHttp1(b(`${s('200 OK')}${s('200 OK')}0123456789`), ['HEAD', 'GET']).map((m) => m.bodyLength)).toEqual([0, 10]);
    expect(readHttp1(b(`${s('200 OK')}0123456789${s('200 OK')}`), ['GET', 'HEAD']).map((m) => m.bodyLength)).toEqual([10, 0]);
    const open = 'HTTP/1.0 200 OK\r\nServer: x\r\n\r\nall of this is body';
    expect(readHttp1(b(open))[0]).toMatchObject({ end: open.length, bodyLength: 19 });
    // a 201 and 205 do have bodies
    expect(readHttp1(b(s('201 Created') + s('205 Reset')))[0].bodyLength).toBeGreaterThan(0);
    // a request with neither length has no body: the next request follows
    expect(readHttp1(b('GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n')).map((m) => m.path)).toEqual(['/a', '/b']);
  });

  it('a Content-Length past the end of the stream, or headers never ended, end where the bytes do', () => {
    const short = 'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc';
    expect(readHttp1(b(short))[0]).toMatchObject({ end: short.length, bodyLength: 3 });
    const cut = 'GET /x HTTP/1.1\r\nHost: a';
    const [m] = readHttp1(b(cut));
    expect(m).toMatchObject({ end: cut.length, bodyLength: 0, label: 'GET /x' });
    // the header cut off is still shown whole (it lost its last 4 bytes before)
    expect(m.headers).toEqual([['Host', 'a']]);
    expect(m.layer.fields.map((f) => [f.name, f.value])).toEqual([['request line', 'GET /x HTTP/1.1'], ['Host', 'a']]);
  });

  it('what is not HTTP/1: stops the walk; a start line that matches neither form is labelled by its first 40 characters', () => {
    expect(readHttp1(b('\x16\x03\x01\x02\x00'))).toEqual([]);
    expect(looksLikeHttp1(b('GET / HTTP/1.1'))).toBe(true);
    for (const m of ['POST', 'PUT', 'HEAD', 'DELETE', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE']) expect(looksLikeHttp1(b(`${m} /`)), m).toBe(true);
    expect(looksLikeHttp1(b('GETX / HTTP/1.1'))).toBe(false);
    expect(looksLikeHttp1(b(' GET / HTTP/1.1'))).toBe(false);
    expect(looksLikeHttp1(b('HTTP/2 200'))).toBe(false);
    expect(looksLikeHttp1(b('PRI * HTTP/2.0'))).toBe(false);
    const odd = `GET ${'/very-long-path'.repeat(5)} HTTP/2.0\r\n\r\n`;
    const [m] = readHttp1(b(odd));
    expect(m.label).toBe(odd.slice(0, 40));
    expect(m.kind).toBe('response');
    expect(m.method).toBeUndefined();
  });

  it('a request line must be the whole line: trailing text, HTTP/1.2, a space in the target or text before the method make it none', () => {
    for (const line of ['GET /a HTTP/1.1 extra', 'GET /a HTTP/1.2', 'GET /a b HTTP/1.1', 'GET x GET / HTTP/1.1']) {
      const [m] = readHttp1(b(`${line}\r\n\r\n`));
      expect(m.kind, line).toBe('response');
      expect(m.method, line).toBeUndefined();
      expect(m.label, line).toBe(line);
    }
    expect(readHttp1(b('HTTP/1.2 200 OK\r\n\r\n'))[0].status).toBeUndefined();
    expect(readHttp1(b('HTTP/1.1 2000 OK\r\n\r\n'))[0].status).toBeUndefined();
    expect(readHttp1(b('HTTP/1.0 500 Internal Server Error\r\n\r\n'))[0].label).toBe('500 Internal Server Error');
  });

  it('the body field of a later message is at its offset within that message; a nameless header keeps its line as name', () => {
    const one = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi';
    const two = 'HTTP/1.1 200 OK\r\n: odd\r\nContent-Length: 1234\r\n\r\n';
    const ms = readHttp1(b(one + two + 'x'.repeat(1234)));
    expect(ms[1].layer.fields.at(-1)).toEqual({ name: 'body', value: '1,234 bytes', offset: two.length, length: 1234 });
    expect(ms[1].layer.fields[1]).toEqual({ name: ': odd', value: 'odd', offset: 17, length: 7 });
  });
});

