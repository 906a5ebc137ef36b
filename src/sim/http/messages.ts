import type { Layer } from '../types';

export interface HttpMessage {
  label: string;
  layer: Layer;
  /** Bytes of the whole message: start line, headers, blank line, body. */
  bytes: number;
}

function message(label: string, startLine: string, headers: [string, string][], bodyBytes: number, summary: string): HttpMessage {
  const head = [startLine, ...headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n';
  return {
    label,
    bytes: head.length + bodyBytes,
    layer: {
      name: 'HTTP',
      summary,
      fields: [
        { name: label.startsWith('GET') ? 'request line' : 'status line', value: startLine },
        ...headers.map(([name, value]) => ({ name, value })),
        ...(bodyBytes > 0 ? [{ name: 'body', value: `${bodyBytes} bytes` }] : []),
      ],
    },
  };
}

export function getRequest(host: string, path: string, userAgent: string): HttpMessage {
  return message(
    `GET ${path}`,
    `GET ${path} HTTP/1.1`,
    [
      ['Host', host],
      ['User-Agent', userAgent],
      ['Accept', 'text/html,*/*'],
      ['Connection', 'close'],
    ],
    0,
    `GET ${path} HTTP/1.1, Host: ${host}`,
  );
}

const reasons: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export function reasonPhrase(status: number): string {
  return reasons[status] ?? '';
}

export function response(status: number, contentType: string, bodyBytes: number): HttpMessage {
  const statusLine = `HTTP/1.1 ${status} ${reasonPhrase(status)}`.trimEnd();
  return message(
    `${status} ${reasonPhrase(status)}`.trimEnd(),
    statusLine,
    [
      ['Content-Type', contentType],
      ['Content-Length', String(bodyBytes)],
      ['Connection', 'close'],
    ],
    bodyBytes,
    `${statusLine}, ${bodyBytes} bytes of ${contentType.split(';')[0]}`,
  );
}
