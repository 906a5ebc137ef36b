import type { Layer, TcpSegmentInfo } from '../types';
import { flagNames } from '../tcp/flags';
import { internetChecksum } from './checksum';
import { hex16 } from './hex';
import { PROTOCOL_TCP, pseudoHeader } from './ipv4';
import { ByteWriter } from './writer';

export interface TcpOptions {
  /** Only on SYNs. */
  mss?: number;
  windowScale?: number;
  /** Only on SYNs; default true. */
  sackPermitted?: boolean;
  tsVal: number;
  tsEcr: number;
}

/** Options bytes: Linux's SYN layout is 20 either way; other segments carry timestamps, and SACK blocks when the receiver holds out-of-order data. */
export function tcpOptionsLength(syn: boolean, sackBlocks = 0): number {
  return syn ? 20 : 12 + (sackBlocks ? 4 + 8 * sackBlocks : 0);
}

const flagBits = (s: TcpSegmentInfo) =>
  (s.flags.ack ? 0x10 : 0) | (s.flags.psh ? 0x08 : 0) | (s.flags.rst ? 0x04 : 0) | (s.flags.syn ? 0x02 : 0) | (s.flags.fin ? 0x01 : 0);

/**
 * A TCP header (RFC 9293 §3.1) with Linux's option layout, and its checksum over the
 * IPv4 pseudo-header, the header and the payload. `window` is the raw 16-bit field.
 */
export function encodeTcp(seg: TcpSegmentInfo, window: number, opts: TcpOptions, src: string, dst: string, payload: Uint8Array, withFields = true): { bytes: Uint8Array; layer: Layer } {
  const sackBlocks = seg.flags.syn ? [] : (seg.sack ?? []);
  const headerLength = 20 + tcpOptionsLength(seg.flags.syn, sackBlocks.length);
  const flags = flagNames(seg.flags);
  const w = new ByteWriter(withFields)
    .u16('source port', seg.srcPort)
    .u16('destination port', seg.dstPort)
    .u32('sequence number', seg.seq, String(seg.seq), seg.flags.syn ? 'the initial sequence number (ISN); the SYN itself uses one number' : 'number of the first payload byte')
    .u32('acknowledgment number', seg.flags.ack ? seg.ack : 0, seg.flags.ack ? String(seg.ack) : '0', seg.flags.ack ? 'next byte expected from the peer: everything before it arrived' : 'not valid: ACK flag is clear')
    .u8('header length', (headerLength / 4) << 4, `${headerLength} bytes (data offset ${headerLength / 4})`)
    .u8('flags', flagBits(seg), `${flags.join(', ')} (0x${flagBits(seg).toString(16).padStart(2, '0')})`)
    .u16('window', window, seg.flags.syn ? String(window) : `${window} (×${2 ** (opts.windowScale ?? 0)} = ${window * 2 ** (opts.windowScale ?? 0)} bytes)`,
      seg.flags.syn ? 'receive buffer offered; never scaled on a SYN' : 'receive buffer offered, multiplied by the scale agreed on the SYNs');
  const checksumAt = w.length;
  w.u16('checksum', 0).u16('urgent pointer', 0);
  w.group('options', (o) => {
    if (seg.flags.syn) {
      o.group('MSS', (x) => x.u8('kind', 2).u8('length', 4).u16('value', opts.mss!), String(opts.mss), 'largest segment this side accepts');
      if (opts.sackPermitted ?? true) o.group('SACK permitted', (x) => x.u8('kind', 4).u8('length', 2), 'yes', 'selective acknowledgments may be used (RFC 2018)');
      else o.u8('NOP', 1, 'padding').u8('NOP', 1, 'padding');
      o.group('timestamps', (x) => x.u8('kind', 8).u8('length', 10).u32('TSval', opts.tsVal).u32('TSecr', opts.tsEcr), `TSval=${opts.tsVal} TSecr=${opts.tsEcr}`, 'RTT measurement and PAWS (RFC 7323)');
      o.u8('NOP', 1, 'padding');
      o.group('window scale', (x) => x.u8('kind', 3).u8('length', 3).u8('shift', opts.windowScale!), `${opts.windowScale} (×${2 ** opts.windowScale!})`, 'RFC 7323');
    } else {
      o.u8('NOP', 1, 'padding').u8('NOP', 1, 'padding');
      o.group('timestamps', (x) => x.u8('kind', 8).u8('length', 10).u32('TSval', opts.tsVal).u32('TSecr', opts.tsEcr), `TSval=${opts.tsVal} TSecr=${opts.tsEcr}`, 'RTT measurement and PAWS (RFC 7323)');
      if (sackBlocks.length) {
        o.u8('NOP', 1, 'padding').u8('NOP', 1, 'padding');
        o.group('SACK', (x) => {
          x.u8('kind', 5).u8('length', 2 + 8 * sackBlocks.length);
          for (const [left, right] of sackBlocks) x.u32('left edge', left).u32('right edge', right);
        }, sackBlocks.map(([l, r]) => `${l}–${r}`).join(', '), 'these bytes arrived although earlier ones are missing (RFC 2018)');
      }
    }
  });
  const header = w.finish().bytes;
  const pseudo = pseudoHeader(src, dst, PROTOCOL_TCP, header.length + payload.length);
  const checksum = internetChecksum(pseudo, header, payload);
  w.patch16(checksumAt, checksum);
  const { bytes, fields } = w.finish();
  const cs = fields.find((f) => f.name === 'checksum');
  if (cs) {
    cs.value = `${hex16(checksum)} (correct)`;
    cs.note = 'covers a pseudo-header (addresses, protocol, length), the header and the payload';
  }
  const ackPart = seg.flags.ack ? ` ack=${seg.ack}` : '';
  return {
    bytes,
    layer: { name: 'TCP', summary: `${seg.srcPort} → ${seg.dstPort} [${flags.join(', ')}] seq=${seg.seq}${ackPart} len=${seg.payloadLength}`, fields },
  };
}

/** Reads the options of a received SYN (RFC 9293 §3.1): what the peer offers. */
export function parseSynOptions(tcpHeader: Uint8Array): { mss: number; windowScale: number; sackPermitted: boolean } {
  const headerLength = (tcpHeader[12] >> 4) * 4;
  // RFC 9293 §3.7.1: without the option, the MSS is 536.
  const out = { mss: 536, windowScale: 0, sackPermitted: false };
  for (let i = 20; i < headerLength; ) {
    const kind = tcpHeader[i];
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    const len = tcpHeader[i + 1];
    if (len < 2 || i + len > headerLength) throw new Error(`TCP: option ${kind} at byte ${i} has a bad length ${len}`);
    if (kind === 2) out.mss = (tcpHeader[i + 2] << 8) | tcpHeader[i + 3];
    if (kind === 3) out.windowScale = Math.min(14, tcpHeader[i + 2]);
    if (kind === 4) out.sackPermitted = true;
    i += len;
  }
  return out;
}
