import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getRequest, pageBody, reasonPhrase, response } from './messages';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Our request bytes sent raw to Node's HTTP server (llhttp parses them): what it understood. */
function serverReads(bytes: Uint8Array): Promise<{ method?: string; url?: string; headers: IncomingHttpHeaders; httpVersion: string }> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      resolve({ method: req.method, url: req.url, headers: req.headers, httpVersion: req.httpVersion });
      res.end();
      server.close();
    });
    server.on('clientError', (e) => reject(e));
    server.listen(0, '127.0.0.1', () => {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.end(bytes));
      socket.on('data', () => {});
      socket.on('error', () => {});
    });
  });
}

/** Our response bytes served raw on loopback to Node's HTTP client: status, headers and the body length it read. */
function clientReads(bytes: Uint8Array): Promise<{ status?: number; message?: string; headers: IncomingHttpHeaders; bodyLength: number }> {
  return new Promise((resolve, reject) => {
    const server = createTcpServer((s) => {
      s.on('data', () => s.end(bytes));
      s.on('error', () => {});
    });
    server.listen(0, '127.0.0.1', () => {
      const req = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path: '/' }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => {
          resolve({ status: res.statusCode, message: res.statusMessage, headers: res.headers, bodyLength: n });
          server.close();
        });
      });
      req.on('error', reject);
      req.end();
    });
  });
}

describe('HTTP/1.1 messages, read back by a real parser (Node’s llhttp over loopback)', () => {
  it('a GET: request line, Host, User-Agent, Accept, Connection, extra headers', async () => {
    const m = getRequest('example.com', '/index.html?q=1', 'curl/8.5.0', { 'Accept-Encoding': 'gzip' }, true);
    expect(await serverReads(m.bytes)).toEqual({
      method: 'GET',
      url: '/index.html?q=1',
      httpVersion: '1.1',
      headers: { host: 'example.com', 'user-agent': 'curl/8.5.0', accept: '*/*', connection: 'keep-alive', 'accept-encoding': 'gzip' },
    });
    expect(m.label).toBe('GET /index.html?q=1');
    expect(m.layer.summary).toBe('GET /index.html?q=1 HTTP/1.1, Host: example.com');
    expect((await serverReads(getRequest('example.com', '/', 'x').bytes)).headers.connection).toBe('close');
  });

  it('a response: status and reason, Date and Server when dated, Content-Type, a body of exactly Content-Length bytes', async () => {
    const m = response(200, 'text/html; charset=utf-8', 'example.com', 3000, false, 'Thu, 01 Jan 2026 00:00:00 GMT');
    const got = await clientReads(m.bytes);
    expect(got).toEqual({
      status: 200,
      message: 'OK',
      bodyLength: 3000,
      headers: { date: 'Thu, 01 Jan 2026 00:00:00 GMT', server: 'wirescene', 'content-type': 'text/html; charset=utf-8', 'content-length': '3000', connection: 'close' },
    });
    expect([m.label, m.layer.summary]).toEqual(['200 OK', 'HTTP/1.1 200 OK, 3000 bytes of text/html']);
    const notFound = await clientReads(response(404, 'text/plain', 'example.com', 0, true).bytes);
    expect([notFound.status, notFound.message, notFound.bodyLength, notFound.headers.connection, notFound.headers.date]).toEqual([404, 'Not Found', 0, 'keep-alive', undefined]);
  });

  it('a status without a known reason phrase has none (RFC 9112 §4: the reason may be empty)', async () => {
    const m = response(418, 'text/plain', 'example.com', 2);
    expect(text(m.bytes).split('\r\n')[0]).toBe('HTTP/1.1 418');
    expect(m.label).toBe('418');
    expect((await clientReads(m.bytes)).status).toBe(418);
  });

  it('reason phrases as RFC 9110 §15 gives them', () => {
    expect([200, 201, 204, 301, 302, 304, 400, 403, 404, 500, 503, 299].map(reasonPhrase)).toEqual(['OK', 'Created', 'No Content', 'Moved Permanently', 'Found', 'Not Modified', 'Bad Request', 'Forbidden', 'Not Found', 'Internal Server Error', 'Service Unavailable', '']);
  });

  it('the field map: one field per line, the empty line, then the body; offsets from the message start', () => {
    const m = response(200, 'text/html', 'example.com', 10);
    const rows = m.layer.fields.map((f) => [f.name, f.value, f.offset, f.length, f.note]);
    const lines = ['HTTP/1.1 200 OK\r\n', 'Content-Type: text/html\r\n', 'Content-Length: 10\r\n', 'Connection: close\r\n', '\r\n'];
    const at = lines.map((_, i) => lines.slice(0, i).join('').length);
    expect(rows).toEqual([
      ['status line', 'HTTP/1.1 200 OK', at[0], lines[0].length, undefined],
      ['Content-Type', 'text/html', at[1], lines[1].length, undefined],
      ['Content-Length', '10', at[2], lines[2].length, undefined],
      ['Connection', 'close', at[3], lines[3].length, undefined],
      ['end of headers', 'CRLF', at[4], 2, 'an empty line ends the header block'],
      ['body', '10 bytes', lines.join('').length, 10, undefined],
    ]);
    expect(text(m.bytes.subarray(0, lines.join('').length))).toBe(lines.join(''));
    const get = getRequest('h', '/', 'ua');
    expect(get.layer.fields[0]).toMatchObject({ name: 'request line', value: 'GET / HTTP/1.1', offset: 0, length: 16 });
    expect(get.layer.fields.at(-1)!.name).toBe('end of headers');
    expect([get.layer.name, m.layer.name]).toEqual(['HTTP', 'HTTP']);
  });
});

describe('pageBody: a page of exactly n bytes', () => {
  /** The page spelled out as strings: heading, the paragraph repeated and cut, the closing tags; each part cut to fit. */
  const reference = (host: string, n: number) => {
    const head = `<!doctype html><html><head><title>${host}</title></head><body><h1>${host}</h1>`;
    const tail = '</body></html>\n';
    const p = '<p>This page came over TCP, TLS 1.3 and HTTP/1.1, one packet at a time.</p>';
    if (n <= tail.length) return head.slice(0, n);
    const middle = Math.max(0, n - tail.length - head.length);
    return (head + p.repeat(Math.ceil(middle / p.length) + 1).slice(0, middle)).slice(0, n - tail.length) + tail;
  };

  it('is the heading, the paragraph repeated, and the closing tags, for any length', () => {
    fc.assert(
      fc.property(fc.nat(5000), (n) => {
        expect(text(pageBody('example.com', n))).toBe(reference('example.com', n));
      }),
      { numRuns: 300 },
    );
    for (const n of [0, 1, 15, 16, 17, 95, 96, 97, 200, 1_000_000]) expect(text(pageBody('example.com', n)), String(n)).toBe(reference('example.com', n));
    // Every length from none to a few paragraphs: the heading cut, the closing tags cut, a paragraph cut anywhere.
    for (let n = 0; n <= 400; n++) expect(text(pageBody('example.com', n)), String(n)).toBe(reference('example.com', n));
  });

  it('a response’s body is that page', () => {
    const m = response(200, 'text/html', 'example.com', 500);
    expect(text(m.bytes.subarray(m.bytes.length - 500))).toBe(reference('example.com', 500));
  });
});
