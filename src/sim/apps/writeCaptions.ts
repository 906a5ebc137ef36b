import type { TcpSegmentInfo } from '../types';

/**
 * One sentence per step of the story, filled in with the segment's real numbers.
 * Keyed by the session step that sends the packet.
 */
export function captionFor(step: string, _seg: TcpSegmentInfo, ctx: { host: string; status: string; bodyBytes: number }, part?: { index: number; count: number }): string {
  const text = sentence(step, ctx);
  return part ? `${text} (segment ${part.index} of ${part.count})` : text;
}

function sentence(step: string, ctx: { host: string; status: string; bodyBytes: number }): string {
  switch (step) {
    case 'client-hello':
      return `Client offers TLS 1.3 (and 1.2): cipher suites, SNI ${ctx.host}, an X25519 key share`;
    case 'server-hello':
      return `Server picks a suite and sends its key share; the rest is encrypted: certificate for ${ctx.host}, its signature, Finished`;
    case 'hello-retry-request':
      return "Server wants another key exchange group: a HelloRetryRequest names it, and the handshake costs one more round trip";
    case 'client-hello-retry':
      return 'Client sends a second ClientHello with a key share in the group the server asked for';
    case 'server-flight':
      return `Encrypted from here: certificate for ${ctx.host}, its signature, server Finished`;
    case 'client-finished':
      return 'Client checked certificate and signature, and proves with its Finished it saw the same handshake';
    case 'server-tickets':
      return 'Two session tickets: a later connection may resume without the certificate exchange';
    case 'client-alert':
    case 'server-alert':
      return 'A fatal alert: the handshake stops here, and the connection closes';
    case 'request':
      return 'The HTTP request, encrypted in a TLS record, carried by TCP';
    case 'response':
      return `${ctx.status}: ${ctx.bodyBytes.toLocaleString('en-US')} bytes of page, encrypted the same way`;
    case 'client-close-notify':
      return 'Client says it will send no more data: a close_notify alert, encrypted';
    case 'server-close-notify':
      return 'Server answers with its own close_notify';
    default:
      return '';
  }
}
