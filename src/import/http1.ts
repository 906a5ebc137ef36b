import type { Field, Layer } from '../sim/types';

/** One HTTP/1.x message found in a byte stream (RFC 9112). */
export interface Http1Message {
  kind: 'request' | 'response';
  /** First and one-past-last byte in the stream. */
  start: number;
  end: number;
  startLine: string;
  /** "GET /index.html" or "200 OK". */
  label: string;
  method?: string;
  path?: string;
  status?: number;
  headers: [string, string][];
  bodyLength: number;
  layer: Layer;
}

const latin1 = new TextDecoder('latin1');
const REQUEST = /^([A-Z]+) (\S+) HTTP\/1\.[01]$/;
// status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4); the SP is optional here,
// as many servers leave it out with no reason, but a fourth digit is not a status code.
const RESPONSE = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/;
// transfer-coding names are case-insensitive (RFC 9112 §7); chunked must be the last one applied (§6.1).
const CHUNKED_LAST = /(?:^|,)[ \t]*chunked$/i;

export function looksLikeHttp1(b: Uint8Array): boolean {
  const head = latin1.decode(b.subarray(0, 16));
  return /^(GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE) /.test(head) || head.startsWith('HTTP/1.');
}

function findHeaderEnd(b: Uint8Array, from: number): number {
  for (let i = from; i + 3 < b.length; i++) if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i + 4;
  return -1;
}

/** Chunked body (RFC 9112 §7.1): returns where it ends, or -1 if the stream ends first. */
function chunkedEnd(b: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    let lineEnd = at;
    while (lineEnd + 1 < b.length && !(b[lineEnd] === 13 && b[lineEnd + 1] === 10)) lineEnd++;
    if (lineEnd + 1 >= b.length) return -1;
    const size = Number.parseInt(latin1.decode(b.subarray(at, lineEnd)).split(';')[0], 16);
    if (!Number.isFinite(size)) return -1;
    at = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = findHeaderEnd(b, at - 2);
      return trailerEnd < 0 ? -1 : trailerEnd;
    }
    at += size + 2;
    if (at > b.length) return -1;
  }
}

/**
 * Splits one direction of a connection into HTTP/1.x messages. A message whose end is not in the
 * stream (capture cut short) ends where the bytes do. Responses to HEAD and 1xx/204/304 have no body.
 */
export function readHttp1(b: Uint8Array, requestMethods: string[] = []): Http1Message[] {
  const out: Http1Message[] = [];
  let at = 0;
  while (at < b.length && looksLikeHttp1(b.subarray(at))) {
    const headEnd = findHeaderEnd(b, at);
    const end = headEnd < 0 ? b.length : headEnd;
    // Without the empty line (capture cut short) every byte left is head: no CRLFCRLF to leave out.
    const lines = latin1.decode(b.subarray(at, headEnd < 0 ? b.length : headEnd - 4)).split('\r\n');
    const startLine = lines[0];
    const headers = lines.slice(1).map((l): [string, string] => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]);
    const header = (n: string) => headers.find(([k]) => k.toLowerCase() === n)?.[1];
    const req = REQUEST.exec(startLine);
    const res = RESPONSE.exec(startLine);
    const status = res ? Number(res[1]) : undefined;
    let bodyEnd = end;
    if (headEnd >= 0) {
      const noBody = status !== undefined && (status < 200 || status === 204 || status === 304 || requestMethods[out.filter((m) => m.kind === 'response').length] === 'HEAD');
      if (!noBody) {
        // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length; unless chunked is its last coding the
        // body runs to the close, as it does after a Content-Length that is not a number (an unrecoverable error).
        const coding = header('transfer-encoding');
        const length = header('content-length');
        if (coding !== undefined) bodyEnd = CHUNKED_LAST.test(coding) ? chunkedEnd(b, end) : b.length;
        else if (length !== undefined) bodyEnd = /^\d+$/.test(length) ? end + Number(length) : b.length;
        else if (res) bodyEnd = b.length;
        if (bodyEnd < 0 || bodyEnd > b.length) bodyEnd = b.length;
      }
    }
    const label = req ? `${req[1]} ${req[2]}` : res ? `${res[1]} ${res[2] ?? ''}`.trim() : startLine.slice(0, 40);
    const fields: Field[] = [{ name: req ? 'request line' : 'status line', value: startLine, offset: 0, length: startLine.length + 2 }];
    let lineAt = startLine.length + 2;
    for (const line of lines.slice(1)) {
      const [name, value] = [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()];
      fields.push({ name: name || line, value, offset: lineAt, length: line.length + 2 });
      lineAt += line.length + 2;
    }
    if (bodyEnd > end) fields.push({ name: 'body', value: `${(bodyEnd - end).toLocaleString('en-US')} bytes`, offset: end - at, length: bodyEnd - end });
    out.push({
      kind: req ? 'request' : 'response',
      start: at,
      end: bodyEnd,
      startLine,
      label,
      method: req?.[1],
      path: req?.[2],
      status,
      headers,
      bodyLength: bodyEnd - end,
      layer: { name: 'HTTP', summary: startLine, fields },
    });
    at = bodyEnd;
  }
  return out;
}
