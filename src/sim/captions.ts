import type { TcpSegmentInfo } from './types';

/**
 * One sentence per step of the story, filled in with the segment's real numbers.
 * Keyed by the session step that sends the packet.
 */
export function captionFor(step: string, seg: TcpSegmentInfo, ctx: { host: string; status: string; bodyBytes: number }, part?: { index: number; count: number }): string {
  const text = sentence(step, seg, ctx);
  return part ? `${text} (segment ${part.index} of ${part.count})` : text;
}

function sentence(step: string, seg: TcpSegmentInfo, ctx: { host: string; status: string; bodyBytes: number }): string {
  switch (step) {
    case 'syn':
      return `Client asks to talk: SYN with its initial sequence number ${seg.seq}`;
    case 'syn-ack':
      return `Server agrees: its own ISN ${seg.seq}, and ack=${seg.ack} confirms the client's`;
    case 'ack-of-syn':
      return `Client confirms the server's ISN with ack=${seg.ack}: the connection is open`;
    case 'client-hello':
      return `Client offers TLS 1.3: cipher suites, SNI ${ctx.host}, an X25519 key share`;
    case 'server-hello':
      return 'Server picks AES-128-GCM and sends its key share: both sides derive handshake keys';
    case 'server-flight':
      return `Encrypted from here: certificate for ${ctx.host}, its signature, server Finished`;
    case 'client-finished':
      return 'Client checked the certificate and proves it saw the same handshake';
    case 'request':
      return 'The HTTP request, encrypted in a TLS record, carried by TCP';
    case 'response':
      return `${ctx.status}: ${ctx.bodyBytes} bytes of page, encrypted the same way`;
    case 'ack':
      return `Client acknowledges the response: the next byte it expects is ${seg.ack}`;
    case 'client-close-notify':
      return 'Client says it will send no more data: a close_notify alert, encrypted';
    case 'server-close-notify':
      return 'Server answers with its own close_notify';
    case 'client-fin':
      return `Client is done sending: FIN (it uses sequence number ${seg.seq})`;
    case 'ack-of-client-fin':
      return `Server acknowledges the FIN with ack=${seg.ack}; it may still send`;
    case 'server-fin':
      return 'Server closes its side too: FIN';
    case 'ack-of-server-fin':
      return 'Client acknowledges, then waits in TIME_WAIT for stray packets';
    default:
      return '';
  }
}
