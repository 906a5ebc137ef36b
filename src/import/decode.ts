import type { TcpFlags } from '../sim/types';
import type { CapturedFrame } from './capture';
import { readLinkHeader } from './link';

export interface IpHeader {
  version: 4 | 6;
  src: string;
  dst: string;
  /** Upper-layer protocol after any IPv6 extension headers. */
  protocol: number;
  headerLength: number;
  /** IPv4 total length, or IPv6 40 + payload length. */
  totalLength: number;
  ttl: number;
  /** IPv4 fragments (offset or more-fragments set) are not reassembled. */
  fragment: boolean;
}

export interface TcpHeader {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: TcpFlags & { urg: boolean; ece: boolean; cwr: boolean };
  /** The window field as sent (unscaled). */
  window: number;
  headerLength: number;
  mss?: number;
  windowScale?: number;
  sackPermitted?: boolean;
  sack?: [number, number][];
  timestamp?: [number, number];
  payload: Uint8Array;
}

export interface UdpHeader {
  srcPort: number;
  dstPort: number;
  length: number;
  payload: Uint8Array;
}

export interface DecodedFrame {
  frame: CapturedFrame;
  linkSummary: string;
  /** From the IP header on, as far as captured (and no further than the IP length: Ethernet pads). */
  ipBytes: Uint8Array;
  ip?: IpHeader;
  tcp?: TcpHeader;
  udp?: UdpHeader;
  /** Why the frame could not be read further; it is still shown, as bytes. */
  problem?: string;
}

const u16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];

function ipv6Text(b: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(u16(b, at + i * 2));
  // RFC 5952 §4.2: the longest run of two or more zero groups becomes "::".
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const EXTENSION_HEADERS = new Set([0, 43, 60]);

function readIp(b: Uint8Array, version: 4 | 6): IpHeader | string {
  if (version === 4) {
    if (b.length < 20) return `IPv4 header cut off: ${b.length} bytes captured, 20 needed`;
    if (b[0] >> 4 !== 4) return `IPv4 header has version ${b[0] >> 4}`;
    const headerLength = (b[0] & 0xf) * 4;
    if (headerLength < 20) return `IPv4 header length field says ${headerLength} bytes, less than the minimum 20 (RFC 791)`;
    const totalLength = u16(b, 2);
    if (totalLength < headerLength) return `IPv4 total length ${totalLength} is shorter than its ${headerLength}-byte header`;
    if (b.length < headerLength) return `IPv4 header of ${headerLength} bytes cut off at ${b.length}`;
    const flagsOffset = u16(b, 6);
    return { version, src: Array.from(b.subarray(12, 16)).join('.'), dst: Array.from(b.subarray(16, 20)).join('.'), protocol: b[9], headerLength, totalLength, ttl: b[8], fragment: (flagsOffset & 0x3fff) !== 0 };
  }
  if (b.length < 40) return `IPv6 header cut off: ${b.length} bytes captured, 40 needed`;
  let protocol = b[6];
  let headerLength = 40;
  let fragment = false;
  while (EXTENSION_HEADERS.has(protocol) || protocol === 44) {
    if (b.length < headerLength + 8) return `IPv6 extension header ${protocol} cut off`;
    if (protocol === 44) fragment = (u16(b, headerLength + 2) & 0xfff9) !== 0;
    const next = b[headerLength];
    headerLength += protocol === 44 ? 8 : (b[headerLength + 1] + 1) * 8;
    protocol = next;
  }
  return { version, src: ipv6Text(b, 8), dst: ipv6Text(b, 24), protocol, headerLength, totalLength: 40 + u16(b, 4), ttl: b[7], fragment };
}

function readTcp(b: Uint8Array): TcpHeader | string {
  if (b.length < 20) return `TCP header cut off: ${b.length} bytes, 20 needed`;
  const headerLength = (b[12] >> 4) * 4;
  if (headerLength < 20) return `TCP data offset says ${headerLength} bytes, less than the minimum 20 (RFC 9293 §3.1)`;
  if (b.length < headerLength) return `TCP header of ${headerLength} bytes cut off at ${b.length}`;
  const f = b[13];
  const tcp: TcpHeader = {
    srcPort: u16(b, 0),
    dstPort: u16(b, 2),
    seq: u32(b, 4),
    ack: u32(b, 8),
    flags: { fin: !!(f & 1), syn: !!(f & 2), rst: !!(f & 4), psh: !!(f & 8), ack: !!(f & 16), urg: !!(f & 32), ece: !!(f & 64), cwr: !!(f & 128) },
    window: u16(b, 14),
    headerLength,
    payload: b.subarray(headerLength),
  };
  for (let i = 20; i < headerLength; ) {
    const kind = b[i];
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    const len = b[i + 1];
    if (len < 2 || i + len > headerLength) break;
    if (kind === 2 && len === 4) tcp.mss = u16(b, i + 2);
    else if (kind === 3 && len === 3) tcp.windowScale = b[i + 2];
    else if (kind === 4) tcp.sackPermitted = true;
    else if (kind === 5) {
      tcp.sack = [];
      for (let j = i + 2; j + 8 <= i + len; j += 8) tcp.sack.push([u32(b, j), u32(b, j + 4)]);
    } else if (kind === 8 && len === 10) tcp.timestamp = [u32(b, i + 2), u32(b, i + 6)];
    i += len;
  }
  return tcp;
}

/** Link header, IP, then TCP or UDP. A frame that stops making sense keeps what was read and says why. */
export function decodeFrame(frame: CapturedFrame): DecodedFrame {
  const link = readLinkHeader(frame.linkType, frame.data);
  if (typeof link === 'string') return { frame, linkSummary: '', ipBytes: frame.data, problem: link };
  let ipBytes = frame.data.subarray(link.length);
  const out: DecodedFrame = { frame, linkSummary: link.summary, ipBytes };
  if (!link.ipVersion) return { ...out, problem: `${link.summary}: not IP` };
  const ip = readIp(ipBytes, link.ipVersion);
  if (typeof ip === 'string') return { ...out, problem: ip };
  // Ethernet pads short frames to 60 bytes: the IP length says where the packet ends.
  if (ipBytes.length > ip.totalLength) ipBytes = ipBytes.subarray(0, ip.totalLength);
  out.ipBytes = ipBytes;
  out.ip = ip;
  if (ip.fragment) return { ...out, problem: 'IP fragment (not reassembled)' };
  const transport = ipBytes.subarray(ip.headerLength);
  if (ip.protocol === 6) {
    const tcp = readTcp(transport);
    if (typeof tcp === 'string') return { ...out, problem: tcp };
    out.tcp = tcp;
  } else if (ip.protocol === 17) {
    if (transport.length < 8) return { ...out, problem: `UDP header cut off: ${transport.length} bytes, 8 needed` };
    const length = u16(transport, 4);
    out.udp = { srcPort: u16(transport, 0), dstPort: u16(transport, 2), length, payload: transport.subarray(8, Math.max(8, Math.min(length, transport.length))) };
  }
  return out;
}
