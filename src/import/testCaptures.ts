import { internetChecksum } from '../sim/bytes/checksum';
import { concat } from '../sim/bytes/hex';
import { encodeIpv4, PROTOCOL_TCP, pseudoHeader } from '../sim/bytes/ipv4';
import { encodeTcp } from '../sim/bytes/tcp';
import type { TcpFlags } from '../sim/types';
import { readCapture } from './readCapture';

/** Builders of small pcap / pcapng files for block-by-block tests (either byte order). */
export class Bytes {
  private parts: number[] = [];
  constructor(private readonly little = true) {}
  u8(v: number) {
    this.parts.push(v & 0xff);
    return this;
  }
  u16(v: number) {
    const b = [v & 0xff, (v >>> 8) & 0xff];
    this.parts.push(...(this.little ? b : b.reverse()));
    return this;
  }
  u32(v: number) {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.parts.push(...(this.little ? b : b.reverse()));
    return this;
  }
  raw(b: ArrayLike<number>) {
    this.parts.push(...Array.from(b));
    while (this.parts.length % 4) this.parts.push(0);
    return this;
  }
  option(code: number, value: Uint8Array | string) {
    const v = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    return this.u16(code).u16(v.length).raw(v);
  }
  get length() {
    return this.parts.length;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function block(type: number, body: (w: Bytes) => void, little = true): Uint8Array {
  const inner = new Bytes(little);
  body(inner);
  const content = inner.done();
  return new Bytes(little).u32(type).u32(12 + content.length).raw(content).u32(12 + content.length).done();
}

export const shb = (little = true, options: (w: Bytes) => void = () => {}) =>
  block(0x0a0d0d0a, (w) => { w.u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff); options(w); }, little);

export const idb = (linkType: number, little = true, options: (w: Bytes) => void = () => {}) =>
  block(1, (w) => { w.u16(linkType).u16(0).u32(0); options(w); }, little);

export const epb = (iface: number, ticks: bigint, data: Uint8Array, little = true, options: (w: Bytes) => void = () => {}) =>
  block(6, (w) => { w.u32(iface).u32(Number(ticks >> 32n)).u32(Number(ticks & 0xffffffffn)).u32(data.length).u32(data.length).raw(data); options(w); }, little);

export function pcapFile(records: { s: number; frac: number; data: Uint8Array }[], { little = true, nanoseconds = false, linkType = 101 } = {}): Uint8Array {
  // pcap records are not padded to 4 bytes, unlike pcapng blocks.
  const head = new Bytes(little).u32(nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType).done();
  const recs = records.map((r) => concat(new Bytes(little).u32(r.s).u32(r.frac).u32(r.data.length).u32(r.data.length).done(), r.data));
  return concat(head, ...recs);
}

const noFlags: TcpFlags = { syn: false, ack: false, fin: false, psh: false, rst: false };

/**
 * An IPv4 + TCP packet as the simulator encodes it (checksums right), for reassembly tests. A SYN
 * offers the window scale `windowScale` (0 unless given), or none when it is null (the option's
 * three bytes become NOPs).
 */
export function tcpPacket(src: string, dst: string, srcPort: number, dstPort: number, seq: number, ack: number, flags: Partial<TcpFlags>, payload: Uint8Array = new Uint8Array(), window = 1000, windowScale: number | null = 0): Uint8Array {
  const f = { ...noFlags, ...flags };
  const tcp = encodeTcp({ srcPort, dstPort, seq, ack, flags: f, window, payloadLength: payload.length }, window, { tsVal: 1, tsEcr: 0, mss: f.syn ? 1460 : undefined, windowScale: windowScale ?? 0 }, src, dst, payload, false);
  if (f.syn && windowScale === null) {
    // Linux's SYN options end with NOP, window scale (kind 3, length 3): bytes 37-39 of the header.
    tcp.bytes.fill(1, 37, 40);
    tcp.bytes.fill(0, 16, 18);
    const sum = internetChecksum(pseudoHeader(src, dst, PROTOCOL_TCP, tcp.bytes.length + payload.length), tcp.bytes, payload);
    tcp.bytes.set([sum >> 8, sum & 0xff], 16);
  }
  const ip = encodeIpv4({ src, dst, id: 1, ttl: 64, payloadLength: tcp.bytes.length + payload.length, protocol: PROTOCOL_TCP }, false);
  return concat(ip.bytes, tcp.bytes, payload);
}

const C = '192.0.2.1';
const S = '192.0.2.2';
/** The body tcpStreams.test expects lossyDownload to reassemble. */
export const lossyBody = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) % 256);
const part = (from: number, to: number) => lossyBody.subarray(from, to);

/** A download with loss and reordering: server ISN 1000, segments of 1000 bytes. */
export function lossyDownload(): Uint8Array[] {
  const s = (rel: number, len: number, ack = 101) => tcpPacket(S, C, 80, 40000, 1000 + rel, ack, { ack: true }, part(rel - 1, rel - 1 + len));
  const a = (relAck: number, window = 1000) => tcpPacket(C, S, 40000, 80, 101, 1000 + relAck, { ack: true }, new Uint8Array(), window);
  return [
    tcpPacket(C, S, 40000, 80, 100, 0, { syn: true }),
    tcpPacket(S, C, 80, 40000, 1000, 101, { syn: true, ack: true }),
    a(1),
    s(1, 1000),
    // 1001–2000 is lost; later segments come in
    s(2001, 1000),
    a(1001),
    s(3001, 1000),
    a(1001),
    s(4001, 1000),
    a(1001),
    // fast retransmission of the lost segment, then one overlapping the next
    s(1001, 1000),
    s(1501, 1000),
    a(5001),
    a(5001, 0),
    tcpPacket(S, C, 80, 40000, 1000 + 5001, 101, { fin: true, ack: true }),
  ];
}

/**
 * A connection with the TCP analysis' other cases, at the times given (µs): segments out of order
 * within the handshake's round trip (2 ms) and one exactly 2 ms after the highest (a retransmission), a window update, a duplicate ACK with nothing in flight,
 * keep-alives of 0 and 1 byte, a retransmission, FIN then RST, and the pair reused by a new SYN.
 */
export function analysisEdges(): Uint8Array {
  const d = (n: number, fill: number) => new Uint8Array(n).fill(fill);
  const c = (seq: number, ack: number, flags: Partial<TcpFlags>, payload?: Uint8Array, window?: number) => tcpPacket(C, S, 40001, 80, seq, ack, flags, payload, window);
  const s = (seq: number, ack: number, flags: Partial<TcpFlags>, payload?: Uint8Array) => tcpPacket(S, C, 80, 40001, seq, ack, flags, payload);
  const packets: [number, Uint8Array][] = [
    [0, c(100, 0, { syn: true })],
    [1000, s(5000, 101, { syn: true, ack: true })],
    [2000, c(101, 5001, { ack: true })],
    [10000, s(5001, 101, { ack: true }, d(100, 1))],
    [10500, s(5201, 101, { ack: true }, d(100, 2))],
    [11000, s(5101, 101, { ack: true }, d(100, 3))],
    [11500, s(5151, 101, { ack: true }, d(100, 4))],
    [12500, s(5101, 101, { ack: true }, d(50, 6))],
    [20000, c(101, 5301, { ack: true })],
    [21000, c(101, 5301, { ack: true }, undefined, 2000)],
    [22000, c(101, 5301, { ack: true }, undefined, 2000)],
    [60000, c(100, 5301, { ack: true }, undefined, 2000)],
    [61000, c(100, 5301, { ack: true }, d(1, 0), 2000)],
    [70000, s(5301, 101, { ack: true }, d(50, 5))],
    [80000, s(5301, 101, { ack: true }, d(50, 5))],
    [90000, c(101, 5351, { ack: true, fin: true })],
    [91000, s(5351, 102, { ack: true, rst: true })],
    [100000, c(900, 0, { syn: true })],
  ];
  return pcapFile(packets.map(([us, data]) => ({ s: 1_700_000_000, frac: us, data })));
}

export function capture(packets: Uint8Array[]) {
  return pcapFile(packets.map((data, i) => ({ s: 1_700_000_000, frac: i * 10_000, data })));
}

/** The capture a test expects to read, or the test fails with the reader's own message. */
export function readCaptureOk(bytes: Uint8Array) {
  const r = readCapture(bytes);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The reader's error for a capture a test expects it to refuse. */
export function captureError(bytes: Uint8Array): string {
  const r = readCapture(bytes);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

