/** The import's reading of a fixture against tshark's (live or recorded: tsharkOracle.ts), shared by the tshark tests and recorded.test.ts. */
import { expect } from 'vitest';
import { importFixture, openFixture } from './importFixtures';
import type { AppRow, ConvRow, Fixture, FrameRow } from './tsharkOracle';

export { importFixture };

const opened = openFixture;

/** Frames, streams, addresses, TCP flags, relative seq/ack, lengths, windows, analysis flags. */
export function expectFramesAsTshark(name: Fixture, expected: FrameRow[]) {
  const { frames, segments } = opened(name);
  expect(frames).toHaveLength(expected.length);
  frames.forEach((f, i) => {
    const e = expected[i];
    const where = `${name} frame ${e['frame.number']}`;
    expect(f.frame.originalLength, where).toBe(Number(e['frame.len']));
    expect(f.ip?.src, where).toBe(e['ip.src'] || e['ipv6.src']);
    if (f.tcp) {
      const s = segments.get(i)!;
      const flags = Object.entries({ fin: 1, syn: 2, rst: 4, psh: 8, ack: 16, urg: 32, ece: 64, cwr: 128 }).reduce((n, [k, bit]) => n + (f.tcp!.flags[k as 'fin'] ? bit : 0), 0);
      expect({ stream: s.stream, srcPort: f.tcp.srcPort, flags, seq: s.relSeq, ack: f.tcp.flags.ack ? s.relAck : 0, len: f.tcp.payload.length, window: s.windowBytes }, where).toEqual({
        stream: Number(e['tcp.stream']),
        srcPort: Number(e['tcp.srcport']),
        flags: Number(e['tcp.flags']),
        seq: Number(e['tcp.seq']),
        ack: Number(e['tcp.ack']),
        len: Number(e['tcp.len']),
        window: Number(e['tcp.window_size']),
      });
      expect({ retransmission: !!s.retransmission, duplicateAck: !!s.duplicateAck, zeroWindow: !!s.zeroWindow }, where).toEqual({ retransmission: !!e['tcp.analysis.retransmission'], duplicateAck: !!e['tcp.analysis.duplicate_ack'], zeroWindow: !!e['tcp.analysis.zero_window'] });
    } else {
      expect(e['tcp.stream'], where).toBe('');
    }
    if (f.udp) expect({ srcPort: f.udp.srcPort, length: f.udp.length }, where).toEqual({ srcPort: Number(e['udp.srcport']), length: Number(e['udp.length']) });
  });
}

/** Packets, bytes (as tshark prints them) and duration per connection, as `tshark -z conv` counts them. */
export function expectConversationsAsTshark(name: Fixture, rows: ConvRow[]) {
  const shown = (n: number) => (n < 10_000 ? `${n} bytes` : `${Math.round(n / 1000)} kB`);
  const ours = opened(name).conversations.map((c) => ({ ports: [c.a.port, c.b.port].sort(), packets: c.packets, bytes: shown(c.bytes), durationS: (c.durationUs / 1e6).toFixed(4) }));
  const order = (x: { ports: number[] }, y: { ports: number[] }) => x.ports[0] - y.ports[0] || x.ports[1] - y.ports[1];
  expect(rows.length, name).toBeGreaterThan(0);
  expect(ours.toSorted(order), name).toEqual(rows.toSorted(order));
}

/** TLS handshake types and HTTP method, path and status, frame by frame, decrypted with the fixture's key log. */
export function expectAppAsTshark(name: Fixture, rows: AppRow[]) {
  const expected = new Map(rows.map((r) => [r.frame, r]));
  const trace = importFixture(name);
  expect(trace.perPacket).toHaveLength(trace.sim.packets.length);
  let checked = 0;
  for (const p of trace.perPacket) {
    const e = expected.get(p.frame)!;
    const where = `${name} frame ${p.frame}`;
    expect(p.handshakeTypes, where).toEqual(e.handshake);
    const method = p.http.map((h) => h.method).filter(Boolean).join(',');
    const path = p.http.map((h) => h.path).filter(Boolean).join(',');
    const status = p.http.map((h) => h.status).filter(Boolean).join(',');
    expect({ method, path, status }, where).toEqual({ method: e.method, path: e.path, status: e.status });
    checked += p.handshakeTypes.length + p.http.length;
  }
  if (name.startsWith('tls') || name.startsWith('h2') || name.startsWith('http')) expect(checked).toBeGreaterThanOrEqual(2);
}
