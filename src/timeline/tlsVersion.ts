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

/** One direction's first bytes in sequence order (retransmissions and reordering undone). */
function firstBytes(d: Direction): Uint8Array {
  const out = new Uint8Array(LOOK_BYTES);
  let filled = 0;
  for (const p of d.segments.sort((x, y) => d.offset(x) - d.offset(y))) {
    const at = d.offset(p);
    if (at > filled) break; // a hole: the capture missed a segment
    const bytes = tcpPayload(p).subarray(filled - at, LOOK_BYTES - at);
    out.set(bytes, filled);
    filled += bytes.length;
  }
  return out.subarray(0, filled);
}

/** The segments of one direction that carry its first LOOK_BYTES, offsets counted from the first one sent. */
interface Direction {
  stream: number;
  segments: Packet[];
  offset(p: Packet): number;
}

/** The version a ServerHello agrees (supported_versions, else legacy_version; RFC 8446 §4.2.1), from one direction's bytes. */
function agreedVersion(bytes: Uint8Array): number | undefined {
  const reader = new HandshakeReader();
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
    for (const m of reader.push(bytes.subarray(at + 5, at + 5 + length))) {
      // The client's direction starts with a ClientHello: no version to read there.
      if (m.type !== SERVER_HELLO) return undefined;
      try {
        const hello = parseServerHello(m.body);
        // A HelloRetryRequest names TLS 1.3 too (RFC 8446 §4.1.4), but the real ServerHello follows.
        if (!hello.helloRetryRequest) return hello.version;
      } catch {
        return undefined;
      }
    }
    at += 5 + length;
  }
  return undefined;
}

const NAMES: Record<number, string> = { 0x0300: 'SSL 3.0', 0x0301: 'TLS 1.0', 0x0302: 'TLS 1.1', 0x0303: 'TLS 1.2', 0x0304: 'TLS 1.3' };

/**
 * The TLS version each TCP connection agreed, by stream number, read from its ServerHello's
 * bytes as a dissector would (so a simulated trace and an imported capture are read alike).
 * A connection whose ServerHello is not in the trace (no TLS, capture started late) is absent.
 */
export function tlsVersionsOf(packets: readonly Packet[]): Map<number, string> {
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
  const versions = new Map<number, string>();
  for (const d of byDirection.values()) {
    if (versions.has(d.stream)) continue;
    const v = agreedVersion(firstBytes(d));
    if (v !== undefined) versions.set(d.stream, NAMES[v] ?? `TLS 0x${v.toString(16).padStart(4, '0')}`);
  }
  return versions;
}
