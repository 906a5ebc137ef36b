import { HandshakeReader, parseServerHello } from '../sim/tls/parse/handshake';
import type { Packet } from '../sim/types';

/** Enough of each direction to hold the ServerHello: it is the server's first handshake message. */
const LOOK_BYTES = 16 * 1024;
const HANDSHAKE = 22;
const CHANGE_CIPHER_SPEC = 20;
const SERVER_HELLO = 2;

/** The TCP payload of a packet, found from its IPv4/IPv6 and TCP header lengths. */
function tcpPayload(p: Packet): Uint8Array {
  const b = p.bytes;
  const ipLength = b[0] >> 4 === 6 ? 40 : (b[0] & 0x0f) * 4;
  const start = ipLength + (b[ipLength + 12] >> 4) * 4;
  return b.subarray(start, start + p.tcp!.payloadLength);
}

/** One direction's first bytes in sequence order (retransmissions and reordering undone), and which packet brought each byte. */
function firstBytes(d: Direction): { bytes: Uint8Array; packetAt(offset: number): Packet | undefined } {
  const out = new Uint8Array(LOOK_BYTES);
  const runs: { from: number; packet: Packet }[] = [];
  let filled = 0;
  for (const p of d.segments.sort((x, y) => d.offset(x) - d.offset(y))) {
    const at = d.offset(p);
    if (at > filled) break; // a hole: the capture missed a segment
    const bytes = tcpPayload(p).subarray(filled - at, LOOK_BYTES - at);
    if (!bytes.length) continue;
    out.set(bytes, filled);
    runs.push({ from: filled, packet: p });
    filled += bytes.length;
  }
  return { bytes: out.subarray(0, filled), packetAt: (offset) => runs.findLast((r) => r.from <= offset)?.packet };
}

/** The segments of one direction that carry its first LOOK_BYTES, offsets counted from the first one sent. */
interface Direction {
  stream: number;
  segments: Packet[];
  offset(p: Packet): number;
}

/** The version a ServerHello agrees, and where its record starts (supported_versions, else legacy_version; RFC 8446 §4.2.1), from one direction's bytes. */
function serverHelloIn(bytes: Uint8Array): { version: number; at: number } | undefined {
  const reader = new HandshakeReader();
  let messageAt = 0;
  // Records by their 5-byte headers (RFC 8446 §5.1); the last may be cut by LOOK_BYTES, and its
  // first messages still count (a TLS 1.2 server often sends its whole first flight in one record).
  for (let at = 0; at + 5 <= bytes.length; ) {
    const type = bytes[at];
    const length = (bytes[at + 3] << 8) | bytes[at + 4];
    if (bytes[at + 1] !== 3) return undefined; // not TLS
    if (type === CHANGE_CIPHER_SPEC) {
      at += 5 + length;
      continue;
    }
    // Anything else before the ServerHello (application data, an alert) means there is none in clear.
    if (type !== HANDSHAKE) return undefined;
    // A message split over records (RFC 8446 §5.1) starts in the record that began while none was pending.
    if (!reader.pending) messageAt = at;
    for (const m of reader.push(bytes.subarray(at + 5, at + 5 + length))) {
      // The client's direction starts with a ClientHello: no version to read there.
      if (m.type !== SERVER_HELLO) return undefined;
      try {
        const hello = parseServerHello(m.body);
        // A HelloRetryRequest names TLS 1.3 too (RFC 8446 §4.1.4), but the real ServerHello follows.
        if (!hello.helloRetryRequest) return { version: hello.version, at: messageAt };
      } catch {
        return undefined;
      }
    }
    at += 5 + length;
  }
  return undefined;
}

const NAMES: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };

export interface TlsHandshake {
  /** "TLS 1.2", "TLS 1.3". */
  version: string;
  /** The packet that starts the ServerHello: a request sent before it rode in 0-RTT early data (RFC 8446 §2.3). */
  serverHelloId: number;
}

/**
 * The TLS version each TCP connection agreed, by stream number, read from its ServerHello's
 * bytes as a dissector would (so a simulated trace and an imported capture are read alike).
 * A connection whose ServerHello is not in the trace (no TLS, capture started late) is absent.
 */
export function tlsHandshakesOf(packets: readonly Packet[]): Map<number, TlsHandshake> {
  const byDirection = new Map<string, Direction>();
  for (const p of packets) {
    if (!p.tcp?.payloadLength) continue;
    const key = `${p.stream} ${p.from}`;
    let d = byDirection.get(key);
    if (!d) {
      const base = p.tcp.seq;
      // A segment from before the first one seen wraps to a huge offset and is left out.
      d = { stream: p.stream, segments: [], offset: (q) => (q.tcp!.seq - base) >>> 0 };
      byDirection.set(key, d);
    }
    if (d.offset(p) < LOOK_BYTES) d.segments.push(p);
  }
  const found = new Map<number, TlsHandshake>();
  for (const d of byDirection.values()) {
    if (found.has(d.stream)) continue;
    const first = firstBytes(d);
    const hello = serverHelloIn(first.bytes);
    if (!hello) continue;
    const version = NAMES[hello.version] ?? `TLS 0x${hello.version.toString(16).padStart(4, '0')}`;
    found.set(d.stream, { version, serverHelloId: first.packetAt(hello.at)!.id });
  }
  return found;
}
