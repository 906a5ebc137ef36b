import { describe, expect, it } from 'vitest';
import type { TcpSegmentInfo } from '../types';
import { type CaptionContext, captionFor } from './writeCaptions';

// The caption reads only the step and the context; the segment is there for captions that count bytes.
const seg: TcpSegmentInfo = { srcPort: 49152, dstPort: 443, seq: 1, ack: 1, flags: { syn: false, ack: true, fin: false, rst: false, psh: true }, window: 502, payloadLength: 100 };
const full: CaptionContext = { host: 'example.com', status: '200 OK', bodyBytes: 1256 };

describe('captionFor: one sentence per TLS step', () => {
  it('a resumed handshake (RFC 8446 §2.2): the client Finished says no certificate was needed; with 0-RTT, EndOfEarlyData comes first', () => {
    expect(captionFor('client-finished', seg, full)).toBe('Client checked certificate and signature, and proves with its Finished it saw the same handshake');
    expect(captionFor('client-finished', seg, { ...full, resumed: true })).toBe('Client checked the server Finished and proves with its own it saw the same handshake: resumed, no certificate');
    expect(captionFor('client-finished', seg, { ...full, resumed: true, earlyData: true })).toMatch(/EndOfEarlyData/);
  });

  it('either side\'s fatal alert says the handshake stops (RFC 8446 §6.2)', () => {
    const stop = 'A fatal alert: the handshake stops here, and the connection closes';
    expect(captionFor('client-alert', seg, full)).toBe(stop);
    expect(captionFor('server-alert', seg, full)).toBe(stop);
    expect(captionFor('server-alert', seg, { ...full, tls: '1.2' })).toBe(stop);
  });

  it('TLS 1.2 has its own sentences for its flights, and shares the rest with TLS 1.3', () => {
    expect(captionFor('client-key-exchange', seg, { ...full, tls: '1.2' })).toMatch(/^Round trip 2 of 2/);
    expect(captionFor('response', seg, { ...full, tls: '1.2' })).toBe('200 OK: 1,256 bytes of page, encrypted the same way');
  });

  it('a step without a sentence gets an empty caption, and a split write names its part', () => {
    expect(captionFor('no-such-step', seg, full)).toBe('');
    expect(captionFor('server-finished', seg, full)).toBe('');
    expect(captionFor('request', seg, full, { index: 2, count: 3 })).toBe('The HTTP request, encrypted in a TLS record, carried by TCP (segment 2 of 3)');
  });
});
