import type { DecodedFrame } from './decode';
import type { TcpStream } from './tcpStreams';

/** One row of the conversations picker (Wireshark: Statistics › Conversations, TCP and UDP tabs). */
export interface Conversation {
  /** "tcp 0", "udp 1": tshark's tcp.stream / udp.stream numbering. */
  id: string;
  protocol: 'tcp' | 'udp';
  stream: number;
  /** A is the side that spoke first (the SYN's sender for TCP). */
  a: { ip: string; port: number };
  b: { ip: string; port: number };
  packets: number;
  /** Frame bytes on the wire, both ways. */
  bytes: number;
  packetsAtoB: number;
  bytesAtoB: number;
  startUs: number;
  durationUs: number;
  /** Indices into the decoded frame list. */
  frames: number[];
}

/** UDP "streams": one per address/port pair, in order of first appearance (tshark's udp.stream). */
export function udpStreams(frames: DecodedFrame[]): { stream: number; frames: number[] }[] {
  const byPair = new Map<string, number>();
  const out: { stream: number; frames: number[] }[] = [];
  frames.forEach((f, i) => {
    if (!f.udp || !f.ip) return;
    const a = `${f.ip.src}|${f.udp.srcPort}`;
    const b = `${f.ip.dst}|${f.udp.dstPort}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let s = byPair.get(key);
    if (s === undefined) {
      s = out.length;
      byPair.set(key, s);
      out.push({ stream: s, frames: [] });
    }
    out[s].frames.push(i);
  });
  return out;
}

function row(protocol: 'tcp' | 'udp', stream: number, indices: number[], frames: DecodedFrame[]): Conversation {
  const first = frames[indices[0]];
  const port = (f: DecodedFrame, side: 'src' | 'dst') => (f.tcp ?? f.udp)?.[side === 'src' ? 'srcPort' : 'dstPort'] ?? 0;
  const a = { ip: first.ip?.src ?? '', port: port(first, 'src') };
  const b = { ip: first.ip?.dst ?? '', port: port(first, 'dst') };
  let bytes = 0;
  let packetsAtoB = 0;
  let bytesAtoB = 0;
  for (const i of indices) {
    const f = frames[i];
    bytes += f.frame.originalLength;
    if (f.ip?.src === a.ip && port(f, 'src') === a.port) {
      packetsAtoB++;
      bytesAtoB += f.frame.originalLength;
    }
  }
  const startUs = first.frame.timeUs;
  return { id: `${protocol} ${stream}`, protocol, stream, a, b, packets: indices.length, bytes, packetsAtoB, bytesAtoB, startUs, durationUs: frames[indices.at(-1)!].frame.timeUs - startUs, frames: indices };
}

export function conversations(frames: DecodedFrame[], tcp: TcpStream[]): Conversation[] {
  return [...tcp.map((s) => row('tcp', s.index, s.frames, frames)), ...udpStreams(frames).map((u) => row('udp', u.stream, u.frames, frames))];
}

/** Most conversations one link or `--stream` names (the stage shows at most three hosts anyway). */
export const MAX_PICKED = 16;
const STREAM_NAME = /^(?:(\d{1,9})|(?:tcp|udp) \d{1,9})$/;

/**
 * The link's and the CLI's names for picked conversations, comma-separated: "0" for tcp.stream 0
 * (as tshark numbers it), "udp 1" for udp.stream 1: "0,1,udp 0". Returns the conversation ids
 * ("tcp 0", "udp 0"), or undefined when the text is not such a list.
 */
export function parseStreamList(text: string): string[] | undefined {
  const names = text.split(',').map((s) => s.trim());
  if (!names.length || names.length > MAX_PICKED || !names.every((n) => STREAM_NAME.test(n))) return undefined;
  return [...new Set(names.map((n) => (/^\d+$/.test(n) ? `tcp ${n}` : n)))];
}
export const STREAM_LIST_HELP = 'a TCP stream number as tshark counts them (tcp.stream), such as 0, or "udp 0"; several separated by commas, such as 0,1,udp 0';

/** "0", "udp 1", and several joined with commas (in the order given). */
export const streamName = (c: Pick<Conversation, 'protocol' | 'stream' | 'id'>) => (c.protocol === 'tcp' ? String(c.stream) : c.id);
export const streamListName = (cs: readonly Pick<Conversation, 'protocol' | 'stream' | 'id'>[]) => cs.map(streamName).join(',');
