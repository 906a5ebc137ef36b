import { ascii } from '../bytes/hex';
import { ByteWriter } from '../bytes/writer';
import type { Layer } from '../types';

export interface HttpMessage {
  label: string;
  bytes: Uint8Array;
  /** Field offsets are from the start of the message (it travels inside TLS records). */
  layer: Layer;
}

const CRLF = '\r\n';

function message(label: string, startLine: string, headers: [string, string][], body: Uint8Array, summary: string): HttpMessage {
  const w = new ByteWriter();
  w.bytes(label.startsWith('GET') ? 'request line' : 'status line', ascii(startLine + CRLF), startLine);
  for (const [name, value] of headers) w.bytes(name, ascii(`${name}: ${value}${CRLF}`), value);
  w.bytes('end of headers', ascii(CRLF), 'CRLF', 'an empty line ends the header block');
  const head = w.finish();
  if (!body.length) return { label, bytes: head.bytes, layer: { name: 'HTTP', summary, fields: head.fields } };
  // The body is placed once, not copied through the writer: a bulk response is 75 MB.
  const bytes = new Uint8Array(head.bytes.length + body.length);
  bytes.set(head.bytes);
  bytes.set(body, head.bytes.length);
  const bodyField = { name: 'body', value: `${body.length} bytes`, offset: head.bytes.length, length: body.length };
  return { label, bytes, layer: { name: 'HTTP', summary, fields: [...head.fields, bodyField] } };
}

export function getRequest(host: string, path: string, userAgent: string, extra: Record<string, string> = {}, keepAlive = false): HttpMessage {
  return message(
    `GET ${path}`,
    `GET ${path} HTTP/1.1`,
    [
      ['Host', host],
      ['User-Agent', userAgent],
      ['Accept', '*/*'],
      ['Connection', keepAlive ? 'keep-alive' : 'close'],
      ...Object.entries(extra),
    ],
    new Uint8Array(),
    `GET ${path} HTTP/1.1, Host: ${host}`,
  );
}

const reasons: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export function reasonPhrase(status: number): string {
  return reasons[status] ?? '';
}

/** A page of exactly `n` bytes (deterministic): a heading, then filler paragraphs; built by copying, so 100 MB takes milliseconds. */
export function pageBody(host: string, n: number): Uint8Array {
  const head = ascii(`<!doctype html><html><head><title>${host}</title></head><body><h1>${host}</h1>`);
  const paragraph = ascii('<p>This page came over TCP, TLS 1.3 and HTTP/1.1, one packet at a time.</p>');
  const tail = ascii('</body></html>\n');
  const out = new Uint8Array(n);
  let at = 0;
  const put = (b: Uint8Array) => {
    const take = Math.min(b.length, n - at);
    out.set(b.subarray(0, take), at);
    at += take;
  };
  put(head);
  const bodyEnd = n > tail.length ? n - tail.length : n;
  while (at < bodyEnd) {
    const take = Math.min(paragraph.length, bodyEnd - at);
    out.set(paragraph.subarray(0, take), at);
    at += take;
  }
  if (n > tail.length) out.set(tail, n - tail.length);
  return out;
}

/** `date`: the Date header (RFC 9110 §6.6.1: an origin server with a clock sends one). */
export function response(status: number, contentType: string, host: string, bodyBytes: number, keepAlive = false, date?: string): HttpMessage {
  const statusLine = `HTTP/1.1 ${status} ${reasonPhrase(status)}`.trimEnd();
  return message(
    `${status} ${reasonPhrase(status)}`.trimEnd(),
    statusLine,
    [
      ...(date ? ([['Date', date], ['Server', 'wirescene']] as [string, string][]) : []),
      ['Content-Type', contentType],
      ['Content-Length', String(bodyBytes)],
      ['Connection', keepAlive ? 'keep-alive' : 'close'],
    ],
    pageBody(host, bodyBytes),
    `${statusLine}, ${bodyBytes} bytes of ${contentType.split(';')[0]}`,
  );
}
