import type { TcpSegmentInfo } from '../types';
import { sentence12 } from './writeCaptions12';

export interface CaptionContext {
  host: string;
  status: string;
  bodyBytes: number;
  /** The client offers a ticket; the server took it; and the 0-RTT data with it. */
  offered?: boolean;
  /** Absent: TLS 1.3. */
  tls?: '1.2' | '1.3';
  resumed?: boolean;
  earlyData?: boolean;
  /** The key shares the ClientHello carries, in words, when not curl's one X25519 share. */
  shares?: string;
}

/**
 * One sentence per step of the story, filled in with the segment's real numbers.
 * Keyed by the session step that sends the packet.
 */
export function captionFor(step: string, _seg: TcpSegmentInfo, ctx: CaptionContext, part?: { index: number; count: number }): string {
  const text = (ctx.tls === '1.2' ? sentence12(step, ctx) : undefined) ?? sentence(step, ctx);
  return part ? `${text} (segment ${part.index} of ${part.count})` : text;
}

function sentence(step: string, ctx: CaptionContext): string {
  switch (step) {
    case 'client-hello':
      if (ctx.offered) return `Client offers the ticket from last time (pre_shared_key, its binder proving it holds the PSK) with a fresh X25519 key share`;
      return `Client offers TLS 1.3 (and 1.2): cipher suites, SNI ${ctx.host}, ${ctx.shares ?? 'an X25519 key share'}`;
    case 'server-hello':
      if (ctx.resumed) return 'Server accepts the ticket: ServerHello with pre_shared_key and its key share; no certificate, the PSK vouches for it; then Finished';
      return `Server picks a suite and sends its key share; the rest is encrypted: certificate for ${ctx.host}, its signature, Finished`;
    case 'hello-retry-request':
      return "Server wants another key exchange group: a HelloRetryRequest names it, and the handshake costs one more round trip";
    case 'client-hello-retry':
      return 'Client sends a second ClientHello with a key share in the group the server asked for';
    case 'early-data':
      return `0-RTT: the GET leaves right behind the ClientHello, under a key from the ticket, before the server has answered. It can be replayed (RFC 8446 §8): only safe requests belong here`;
    case 'client-finished':
      if (ctx.earlyData) return 'Client checked the server Finished, closes its early data (EndOfEarlyData, still under the 0-RTT key), then sends its own Finished';
      if (ctx.resumed) return 'Client checked the server Finished and proves with its own it saw the same handshake: resumed, no certificate';
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
