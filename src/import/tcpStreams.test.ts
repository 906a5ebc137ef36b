import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCapture } from './openCapture';
import { pcapFile, tcpPacket } from './testCaptures';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const C = '192.0.2.1';
const S = '192.0.2.2';
const body = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) % 256);
const part = (from: number, to: number) => body.subarray(from, to);

/** A download with loss and reordering: server ISN 1000, segments of 1000 bytes. */
function lossyDownload(): Uint8Array[] {
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

function capture(packets: Uint8Array[]) {
  return pcapFile(packets.map((data, i) => ({ s: 1_700_000_000, frac: i * 10_000, data })));
}

describe('TCP reassembly and analysis', () => {
  it('puts the bytes back together in order despite loss, reordering and overlap', () => {
    const opened = openCapture(capture(lossyDownload()));
    if (!opened.ok) throw new Error(opened.error);
    const [stream] = opened.value.tcpStreams;
    expect(stream.data[1].bytes).toEqual(body);
    expect(stream.data[1].missingBytes).toBe(0);
    // The bytes after the hole became readable with the retransmission (frame index 10).
    expect(stream.data[1].runs.filter((r) => r.offset >= 1000).map((r) => r.frame)).toEqual([10, 10, 10, 10]);
    expect(stream.data[0].bytes).toHaveLength(0);
  });

  it.skipIf(!hasTshark)('flags retransmissions, duplicate ACKs and zero windows where tshark does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirescene-tcp-'));
    try {
      const file = join(dir, 'lossy.pcap');
      const bytes = capture(lossyDownload());
      writeFileSync(file, bytes);
      const fields = ['tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.duplicate_ack_num', 'tcp.analysis.zero_window', 'tcp.seq'];
      const rows = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=,', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(','));
      const opened = openCapture(bytes);
      if (!opened.ok) throw new Error(opened.error);
      const ours = opened.value.frames.map((_, i) => {
        const s = opened.value.segments.get(i)!;
        return [s.retransmission ? '1' : '', s.retransmission === 'fast' ? '1' : '', s.duplicateAck ? String(s.duplicateAck) : '', s.zeroWindow ? '1' : '', String(s.relSeq)];
      });
      expect(rows.filter((r) => r[0]).length).toBe(2);
      expect(rows.filter((r) => r[2]).length).toBe(2);
      expect(ours).toEqual(rows.map((r) => r.map((v) => (v ? (v === '1' || /^\d+$/.test(v) ? v : '1') : ''))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a reused address/port pair after FIN becomes a new stream; a capture that starts mid-connection still numbers from 1', () => {
    const one = [tcpPacket(C, S, 40000, 80, 100, 0, { syn: true }), tcpPacket(S, C, 80, 40000, 500, 101, { syn: true, ack: true }), tcpPacket(C, S, 40000, 80, 101, 501, { fin: true, ack: true }), tcpPacket(S, C, 80, 40000, 501, 102, { fin: true, ack: true })];
    const two = [tcpPacket(C, S, 40000, 80, 9000, 0, { syn: true })];
    const mid = [tcpPacket(C, S, 40001, 80, 7777, 1, { ack: true }, Uint8Array.of(1, 2, 3))];
    const opened = openCapture(capture([...one, ...two, ...mid]));
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.tcpStreams.map((s) => s.frames.length)).toEqual([4, 1, 1]);
    expect(opened.value.segments.get(5)?.relSeq).toBe(1);
  });
});
