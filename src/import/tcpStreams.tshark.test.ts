import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCapture } from './openCapture';
import * as edges from './tcpEdgeCaptures';
import { capture, lossyDownload } from './testCaptures';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

// tshark's live reading of tcpStreams.test's lossy download (that test checks the same, recorded).
describe('TCP analysis against tshark', () => {
  it.skipIf(!hasTshark)('flags retransmissions, duplicate ACKs and zero windows where tshark does (live)', () => {
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

  // One test per capture (two tshark processes each), so a slow machine's tshark start-up never adds up past a timeout.
  const { windowScales, ...single } = edges;
  const captures: [string, () => Uint8Array][] = [
    ...Object.entries(single),
    ['windowScales(7, null)', () => windowScales(7, null)],
    ['windowScales(null, 7)', () => windowScales(null, 7)],
    ['windowScales(2, 7)', () => windowScales(2, 7)],
  ];
  it.skipIf(!hasTshark).each(captures)('reads tcpEdgeCaptures %s as tshark does, fields and follow (live; tcpStreamsEdges.test and tcpStreamsHeld.test have the same, recorded)', (name, build) => {
    const dir = mkdtempSync(join(tmpdir(), 'wirescene-tcp-edges-'));
    try {
      const bytes = build();
      const fields = ['frame.number', 'tcp.stream', 'tcp.seq', 'tcp.ack', 'tcp.nxtseq', 'tcp.analysis.retransmission', 'tcp.analysis.fast_retransmission', 'tcp.analysis.out_of_order', 'tcp.analysis.duplicate_ack_num', 'tcp.analysis.window_update', 'tcp.analysis.keep_alive', 'tcp.analysis.zero_window', 'tcp.window_size'];
      const flagColumns = new Set([5, 6, 7, 9, 10, 11]);
      const file = join(dir, 'edge.pcap');
      writeFileSync(file, bytes);
      const theirs = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=,', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(',').map((v, i) => (v && flagColumns.has(i) ? '1' : v)).join(','));
      const opened = openCapture(bytes);
      if (!opened.ok) throw new Error(opened.error);
      const ours = opened.value.frames.map((_, i) => {
        const s = opened.value.segments.get(i);
        return s ? [i + 1, s.stream, s.relSeq, s.relAck, s.nextRelSeq, s.retransmission ? 1 : '', s.retransmission === 'fast' ? 1 : '', s.outOfOrder ? 1 : '', s.duplicateAck ?? '', s.windowUpdate ? 1 : '', s.keepAlive ? 1 : '', s.zeroWindow ? 1 : '', s.windowBytes].join(',') : `${i + 1}: not TCP`;
      });
      expect({ name, rows: ours }).toEqual({ name, rows: theirs });
      // tshark's follow of every stream (-z follow,tcp,raw: one line per chunk, node 1's indented), as our runs cut each direction's bytes.
      const streams = opened.value.tcpStreams;
      const follow = execFileSync('tshark', ['-r', file, '-q', ...streams.flatMap((st) => ['-z', `follow,tcp,raw,${st.index}`])], { encoding: 'utf8' });
      const theirChunks: Record<string, string[]> = {};
      let at = '';
      const nodes: string[] = [];
      for (const line of follow.split('\n')) {
        const filter = /^Filter: tcp\.stream eq (\d+)$/.exec(line);
        const node = /^Node \d: (.*)$/.exec(line);
        if (filter) [at, nodes.length] = [filter[1], 0];
        else if (node) nodes.push(node[1]);
        else if (/^\t?[0-9a-f]+$/.test(line)) (theirChunks[`${at} ${nodes[line.startsWith('\t') ? 1 : 0]}`] ??= []).push(line.trim());
      }
      const ourChunks: Record<string, string[]> = {};
      for (const st of streams) {
        st.data.forEach((d, side) => {
          if (d.runs.length) ourChunks[`${st.index} ${st.hosts[side].ip}:${st.hosts[side].port}`] = d.runs.map((r) => Buffer.from(d.bytes.subarray(r.offset, r.offset + r.length)).toString('hex'));
        });
      }
      expect({ name, follow: ourChunks }).toEqual({ name, follow: theirChunks });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
