import type { Field, Layer } from '../sim/types';
import type { DecodedFrame } from './decode';
import type { SegmentAnalysis } from './tcpStreams';

const flagText = (f: NonNullable<DecodedFrame['tcp']>['flags']) =>
  (['syn', 'ack', 'fin', 'rst', 'psh', 'urg', 'ece', 'cwr'] as const).filter((k) => f[k]).map((k) => k.toUpperCase()).join(', ');

/** The IP and transport layers of a captured packet, offsets from the IP header (as the inspector expects). */
export function transportLayers(f: DecodedFrame, s: SegmentAnalysis | undefined): Layer[] {
  const layers: Layer[] = [];
  const ip = f.ip;
  if (!ip) return [{ name: 'Frame', summary: f.problem ?? f.linkSummary, fields: [{ name: 'bytes', value: `${f.ipBytes.length}`, offset: 0, length: f.ipBytes.length }] }];
  const ipFields: Field[] =
    ip.version === 4
      ? [
          { name: 'version', value: '4', offset: 0, length: 1 },
          { name: 'header length', value: `${ip.headerLength} bytes`, offset: 0, length: 1 },
          { name: 'total length', value: String(ip.totalLength), offset: 2, length: 2 },
          { name: 'TTL', value: String(ip.ttl), offset: 8, length: 1 },
          { name: 'protocol', value: String(ip.protocol), offset: 9, length: 1 },
          { name: 'source', value: ip.src, offset: 12, length: 4 },
          { name: 'destination', value: ip.dst, offset: 16, length: 4 },
        ]
      : [
          { name: 'version', value: '6', offset: 0, length: 1 },
          { name: 'payload length', value: String(ip.totalLength - 40), offset: 4, length: 2 },
          { name: 'next header', value: String(ip.protocol), offset: 6, length: 1 },
          { name: 'hop limit', value: String(ip.ttl), offset: 7, length: 1 },
          { name: 'source', value: ip.src, offset: 8, length: 16 },
          { name: 'destination', value: ip.dst, offset: 24, length: 16 },
        ];
  layers.push({ name: ip.version === 4 ? 'IPv4' : 'IPv6', summary: `${ip.src} → ${ip.dst}`, fields: ipFields });
  const at = ip.headerLength;
  if (f.tcp) {
    const t = f.tcp;
    const fields: Field[] = [
      { name: 'source port', value: String(t.srcPort), offset: at, length: 2 },
      { name: 'destination port', value: String(t.dstPort), offset: at + 2, length: 2 },
      { name: 'sequence number', value: s ? `${s.relSeq} (relative; raw ${t.seq})` : String(t.seq), offset: at + 4, length: 4 },
      { name: 'acknowledgment number', value: t.flags.ack ? (s ? `${s.relAck} (relative; raw ${t.ack})` : String(t.ack)) : '0', offset: at + 8, length: 4 },
      { name: 'header length', value: `${t.headerLength} bytes`, offset: at + 12, length: 1 },
      { name: 'flags', value: flagText(t.flags), offset: at + 13, length: 1 },
      { name: 'window', value: s && s.windowBytes !== t.window ? `${t.window} (scaled: ${s.windowBytes} bytes)` : String(t.window), offset: at + 14, length: 2 },
      { name: 'checksum', value: `0x${((f.ipBytes[at + 16] << 8) | f.ipBytes[at + 17]).toString(16).padStart(4, '0')}`, offset: at + 16, length: 2 },
    ];
    if (t.headerLength > 20) {
      const opts = [t.mss !== undefined && `MSS ${t.mss}`, t.windowScale !== undefined && `window scale ${t.windowScale}`, t.sackPermitted && 'SACK permitted', t.sack && `SACK ${t.sack.map(([l, r]) => `${l}–${r}`).join(', ')}`, t.timestamp && `TSval ${t.timestamp[0]} TSecr ${t.timestamp[1]}`].filter(Boolean);
      fields.push({ name: 'options', value: opts.join(', '), offset: at + 20, length: t.headerLength - 20 });
    }
    if (t.payload.length) fields.push({ name: 'payload', value: `${t.payload.length} bytes`, offset: at + t.headerLength, length: t.payload.length });
    const rel = s ? ` seq=${s.relSeq}${t.flags.ack ? ` ack=${s.relAck}` : ''}` : '';
    layers.push({ name: 'TCP', summary: `${t.srcPort} → ${t.dstPort} [${flagText(t.flags)}]${rel} len=${t.payload.length}`, fields });
  } else if (f.udp) {
    const u = f.udp;
    layers.push({
      name: 'UDP',
      summary: `${u.srcPort} → ${u.dstPort} len=${u.payload.length}`,
      fields: [
        { name: 'source port', value: String(u.srcPort), offset: at, length: 2 },
        { name: 'destination port', value: String(u.dstPort), offset: at + 2, length: 2 },
        { name: 'length', value: String(u.length), offset: at + 4, length: 2 },
        { name: 'checksum', value: `0x${((f.ipBytes[at + 6] << 8) | f.ipBytes[at + 7]).toString(16).padStart(4, '0')}`, offset: at + 6, length: 2 },
        ...(u.payload.length ? [{ name: 'payload', value: `${u.payload.length} bytes`, offset: at + 8, length: u.payload.length }] : []),
      ],
    });
  }
  return layers;
}
