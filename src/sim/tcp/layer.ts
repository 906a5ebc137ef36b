import type { Field, Layer, TcpFlags, TcpSegmentInfo } from '../types';

/** Bytes of TCP options as Linux sends them: MSS, SACK-permitted, timestamps, window scale. */
export const SYN_OPTIONS_BYTES = 20;
/** NOP, NOP, timestamps. */
export const DATA_OPTIONS_BYTES = 12;

export function flagNames(f: TcpFlags): string[] {
  const names: string[] = [];
  if (f.syn) names.push('SYN');
  if (f.fin) names.push('FIN');
  if (f.rst) names.push('RST');
  if (f.psh) names.push('PSH');
  if (f.ack) names.push('ACK');
  return names;
}

export interface TcpOptionsInfo {
  mss?: number;
  windowScale?: number;
  tsVal: number;
  tsEcr: number;
}

export function tcpHeaderLength(seg: TcpSegmentInfo): number {
  return 20 + (seg.flags.syn ? SYN_OPTIONS_BYTES : DATA_OPTIONS_BYTES);
}

export function tcpLayer(seg: TcpSegmentInfo, opts: TcpOptionsInfo): Layer {
  const flags = flagNames(seg.flags);
  const fields: Field[] = [
    { name: 'source port', value: String(seg.srcPort) },
    { name: 'destination port', value: String(seg.dstPort) },
    {
      name: 'sequence number',
      value: String(seg.seq),
      note: seg.flags.syn ? 'the initial sequence number (ISN); the SYN itself uses one number' : 'number of the first payload byte',
    },
    {
      name: 'acknowledgment number',
      value: seg.flags.ack ? String(seg.ack) : '0',
      note: seg.flags.ack ? 'next byte expected from the peer: everything before it arrived' : 'not valid: ACK flag is clear',
    },
    { name: 'header length', value: `${tcpHeaderLength(seg)} bytes` },
    { name: 'flags', value: flags.join(', ') },
    {
      name: 'window',
      value: String(seg.window),
      note: seg.flags.syn ? 'receive buffer offered; never scaled on a SYN' : 'receive buffer offered, to be multiplied by the scale',
    },
    { name: 'payload length', value: `${seg.payloadLength} bytes` },
  ];
  if (seg.flags.syn) {
    fields.push({ name: 'option: MSS', value: String(opts.mss), note: 'largest segment this side accepts' });
    fields.push({ name: 'option: SACK permitted', value: 'yes', note: 'selective acknowledgments may be used (RFC 2018)' });
    fields.push({ name: 'option: window scale', value: `${opts.windowScale} (×${2 ** (opts.windowScale ?? 0)})`, note: 'RFC 7323' });
  }
  fields.push({ name: 'option: timestamps', value: `TSval=${opts.tsVal} TSecr=${opts.tsEcr}`, note: 'RTT measurement and PAWS (RFC 7323)' });
  const ackPart = seg.flags.ack ? ` ack=${seg.ack}` : '';
  return {
    name: 'TCP',
    summary: `${seg.srcPort} → ${seg.dstPort} [${flags.join(', ')}] seq=${seg.seq}${ackPart} len=${seg.payloadLength}`,
    fields,
  };
}
