import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcapng } from '../export/pcapng';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { seqSeries, tcpStreams } from './seqGraph';

/**
 * The graph's numbers against Wireshark's: relative sequence numbers, lengths, ACKs, the
 * scaled window and SACK edges of the packets the scenario's capture point saw, as tshark
 * reads them from the exported pcapng. The oracle is tshark's TCP dissector, not our code.
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'wirescene-seqgraph-'));

function tshark(file: string, filter: string, fields: string[]): string[][] {
  const out = execFileSync('tshark', ['-r', file, '-o', 'tcp.relative_sequence_numbers:TRUE', '-o', 'tcp.analyze_sequence_numbers:TRUE', '-Y', filter, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

const sorted = <T>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();

describe.skipIf(!hasTshark)('time–sequence series as Wireshark reads the capture', { timeout: 60_000 }, () => {
  it.each(['lost-segment', 'lost-tail', 'slow-link', 'dns-then-https'])('%s', (id) => {
    const sim = simulate(findScenario(id)!);
    const file = join(dir, `${id}.pcapng`);
    writeFileSync(file, writePcapng(sim));
    const s = seqSeries(sim, tcpStreams(sim.packets)[0].stream)!;
    const seen = (packetId: number) => sim.packets[packetId].captureUs !== undefined;
    const ip = (node: 'client' | 'server') => sim[node].ip;
    const senderIp = ip(s.sender === 'server' ? 'server' : 'client');
    const receiverIp = ip(s.receiver === 'server' ? 'server' : 'client');

    // Data segments: [seq, seq + len) relative to the sender's ISN.
    const segments = tshark(file, `ip.src == ${senderIp} && tcp.len > 0`, ['tcp.seq', 'tcp.len']).map(([seq, len]) => [Number(seq), Number(seq) + Number(len)]);
    expect(segments.length).toBeGreaterThan(0);
    expect(sorted(segments)).toEqual(sorted(s.bars.filter((b) => seen(b.packetId)).map((b) => [b.lo, b.hi])));

    // What the receiver says back: the ACK, the window's right edge (scaled window), SACK edges.
    const acks = tshark(file, `ip.src == ${receiverIp} && tcp.flags.ack == 1`, ['tcp.ack', 'tcp.window_size', 'tcp.window_size_scalefactor', 'tcp.options.sack_le', 'tcp.options.sack_re']);
    const ours = s.acks.filter((a) => seen(a.packetId));
    expect(acks.map(([ack]) => Number(ack)).sort((a, b) => a - b)).toEqual(ours.map((a) => a.ack).sort((a, b) => a - b));
    // The header carries the window shifted right by the scale (RFC 7323 §2.3): what Wireshark
    // computes back is ours rounded down to a multiple of the scale factor (ACK-sorted; equal ACKs, equal order).
    const byAck = <T>(rows: T[], ack: (r: T) => number) => rows.map((r, i) => ({ r, i })).sort((a, b) => ack(a.r) - ack(b.r) || a.i - b.i).map(({ r }) => r);
    const theirs = byAck(acks, ([ack]) => Number(ack));
    byAck(ours, (a) => a.ack).forEach((a, i) => {
      const [, win, factor] = theirs[i];
      const scale = Number(factor) > 0 ? Number(factor) : 1;
      expect(Math.floor((a.windowEdge - a.ack) / scale) * scale).toBe(Number(win));
    });
    const sacks = acks.flatMap(([, , , le, re]) => (le ? le.split(',').map((l, i) => [Number(l), Number(re.split(',')[i])]) : []));
    const seenSackTimes = new Set(s.acks.filter((a) => seen(a.packetId)).map((a) => a.us));
    expect(sorted(sacks)).toEqual(sorted(s.sacks.filter((k) => seenSackTimes.has(k.us)).map((k) => [k.lo, k.hi])));

    // Every segment we mark as resent, Wireshark flags as a retransmission of some kind.
    const flagged = tshark(file, `ip.src == ${senderIp} && tcp.len > 0 && (tcp.analysis.retransmission || tcp.analysis.fast_retransmission || tcp.analysis.spurious_retransmission)`, ['tcp.seq']).map(([seq]) => Number(seq));
    for (const b of s.bars.filter((x) => x.retransmission && seen(x.packetId))) expect(flagged).toContain(b.lo);
  });
});
