import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, FIXTURES, fixture } from './fixtures';
import { openCapture } from './openCapture';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

const FIELDS = ['frame.number', 'frame.len', 'tcp.stream', 'udp.stream', 'ip.src', 'ipv6.src', 'tcp.srcport', 'udp.srcport', 'tcp.flags', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.window_size', 'tcp.analysis.retransmission', 'tcp.analysis.duplicate_ack', 'tcp.analysis.zero_window', 'udp.length'];

/** tshark's dissection of a fixture, one object per frame (the oracle). */
function tshark(name: string): Record<string, string>[] {
  const out = execFileSync('tshark', ['-r', join(FIXTURE_DIR, name), '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=f', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stderr: 'ignore' } as never) as unknown as string;
  return out.trim().split('\n').map((line) => Object.fromEntries(line.split('\t').map((v, i) => [FIELDS[i], v])));
}

describe.skipIf(!hasTshark)('every fixture reads as tshark reads it', () => {
  for (const name of FIXTURES) {
    it(`${name}: frames, streams, addresses, TCP flags, relative seq/ack, lengths, windows, analysis flags`, () => {
      const opened = openCapture(fixture(name));
      if (!opened.ok) throw new Error(opened.error);
      const { frames, segments } = opened.value;
      const expected = tshark(name);
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
    }, 60_000);
  }

  for (const name of FIXTURES) {
    it(`${name}: conversations agree with tshark -z conv (packets, bytes, duration per connection)`, () => {
      const opened = openCapture(fixture(name));
      if (!opened.ok) throw new Error(opened.error);
      const text = execFileSync('tshark', ['-r', join(FIXTURE_DIR, name), '-q', '-z', 'conv,tcp', '-z', 'conv,udp'], { encoding: 'utf8' });
      // "127.0.0.1:40648 <-> 127.0.0.1:18443   31 304 kB   35 2958 bytes   66 307 kB   0.000000000   0.3526": B→A, A→B, total
      const size = (n: string, unit: string) => (unit === 'bytes' ? `${n} bytes` : `${n} ${unit}`);
      const rows = [...text.matchAll(/^\S+:(\d+)\s+<->\s+\S+:(\d+)\s+\d+ [\d,]+ \w+\s+\d+ [\d,]+ \w+\s+(\d+) ([\d,]+) (\w+)\s+[\d.]+\s+([\d.]+)/gm)].map((m) => ({ ports: [Number(m[1]), Number(m[2])].sort(), packets: Number(m[3]), bytes: size(m[4], m[5]), durationS: m[6] }));
      const shown = (n: number) => (n < 10_000 ? `${n} bytes` : `${Math.round(n / 1000)} kB`);
      const ours = opened.value.conversations.map((c) => ({ ports: [c.a.port, c.b.port].sort(), packets: c.packets, bytes: shown(c.bytes), durationS: (c.durationUs / 1e6).toFixed(4) }));
      const order = (x: { ports: number[] }, y: { ports: number[] }) => x.ports[0] - y.ports[0] || x.ports[1] - y.ports[1];
      expect(rows.length, name).toBeGreaterThan(0);
      expect(ours.toSorted(order), name).toEqual(rows.toSorted(order));
    }, 60_000);
  }
});
