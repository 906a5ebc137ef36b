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

/** A body made in place (a 75 MB page is written once, straight into the message). */
interface BodyMaker {
  length: number;
  fill: (into: Uint8Array) => void;
}

function message(label: string, startLine: string, headers: [string, string][], summary: string, body?: BodyMaker): HttpMessage {
  const w = new ByteWriter();
  w.bytes(label.startsWith('GET') ? 'request line' : 'status line', ascii(startLine + CRLF), startLine);
  for (const [name, value] of headers) w.bytes(name, ascii(`${name}: ${value}${CRLF}`), value);
  w.bytes('end of headers', ascii(CRLF), 'CRLF', 'an empty line ends the header block');
  const head = w.finish();
  if (!body?.length) return { label, bytes: head.bytes, layer: { name: 'HTTP', summary, fields: head.fields } };
  // The body is placed once, not copied through the writer: a bulk response is 75 MB.
  const bytes = new Uint8Array(head.bytes.length + body.length);
  bytes.set(head.bytes);
  body.fill(bytes.subarray(head.bytes.length));
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
    `GET ${path} HTTP/1.1, Host: ${host}`,
  );
}

const reasons: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export function reasonPhrase(status: number): string {
  return reasons[status] ?? '';
}

/** A page of exactly `n` bytes (deterministic): a heading, then filler paragraphs. */
export function pageBody(host: string, n: number): Uint8Array {
  const out = new Uint8Array(n);
  fillPage(out, host);
  return out;
}

/** Fills `out` with pageBody(host, out.length): the paragraphs by doubling copies, so 75 MB is a few dozen memmoves. */
function fillPage(out: Uint8Array, host: string): void {
  const n = out.length;
  const head = ascii(`<!doctype html><html><head><title>${host}</title></head><body><h1>${host}</h1>`);
  const paragraph = ascii('<p>This page came over TCP, TLS 1.3 and HTTP/1.1, one packet at a time.</p>');
  const tail = ascii('</body></html>\n');
  const start = Math.min(head.length, n);
  out.set(head.subarray(0, start));
  const bodyEnd = n > tail.length ? n - tail.length : n;
  if (start < bodyEnd) {
    // out[start, bodyEnd) repeats the paragraph (cut at the end): copy the part already written after itself.
    out.set(paragraph.subarray(0, Math.min(paragraph.length, bodyEnd - start)), start);
    for (let done = paragraph.length; start + done < bodyEnd; done *= 2) out.copyWithin(start + done, start, start + Math.min(done, bodyEnd - start - done));
  }
  if (n > tail.length) out.set(tail, n - tail.length);
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
    `${statusLine}, ${bodyBytes} bytes of ${contentType.split(';')[0]}`,
    { length: bodyBytes, fill: (into: Uint8Array) => fillPage(into, host) },
  );
}
