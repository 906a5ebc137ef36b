import type { Http2Write } from './connection';

/** The sentence under the picture for a write of HTTP/2 frames, from the frames it carries. */
export function http2Caption(w: Http2Write, side: 'client' | 'server'): string {
  const types = new Set(w.frames.map((f) => f.typeName));
  const streams = [...new Set(w.frames.filter((f) => f.streamId).map((f) => f.streamId))];
  const requests = w.frames.filter((f) => f.typeName === 'HEADERS' && side === 'client');
  if (w.label.startsWith('Preface'))
    return `ALPN chose h2: the client's preface and SETTINGS, then ${requests.length === 1 ? 'its request' : `${requests.length} requests at once`} as HEADERS on stream${requests.length === 1 ? '' : 's'} ${streams.join(' and ')}, HPACK-compressed`;
  if (types.has('GOAWAY')) return `GOAWAY: the ${side} will open or accept no new stream; the connection can close`;
  if (types.has('HEADERS') && side === 'server') return `Responses on stream${streams.length > 1 ? 's' : ''} ${streams.join(' and ')}: HEADERS (:status, HPACK) and DATA frames, interleaved on one connection`;
  if (types.has('DATA')) return `More DATA on stream${streams.length > 1 ? 's' : ''} ${streams.join(' and ')}, as far as the client's flow-control window allows`;
  if (types.has('SETTINGS') && !w.label.startsWith('SETTINGS ACK')) return `The server's first frame is its SETTINGS (${w.frames[0].summary.replace(/^SETTINGS ?/, '') || 'defaults'})`;
  if (types.has('WINDOW_UPDATE') && types.has('SETTINGS')) return 'The client acknowledges the SETTINGS and gives credit back with WINDOW_UPDATE';
  if (types.has('WINDOW_UPDATE')) return 'Flow control: WINDOW_UPDATE gives the server credit to send more DATA';
  if (types.has('SETTINGS')) return `The ${side} acknowledges the other side's SETTINGS`;
  return w.layer.summary;
}
