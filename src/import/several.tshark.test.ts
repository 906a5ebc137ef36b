import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, importedFixture } from './fixtures';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const FILE = 'several.pcapng';

const imported = (conversation: string[]) => importedFixture(FILE, conversation);

describe.skipIf(!hasTshark)('several conversations at once, as tshark numbers them', () => {
  // tshark's own reading: frame, tcp.stream, udp.stream, source port, HTTP request path.
  const rows = () =>
    execFileSync('tshark', ['-r', join(FIXTURE_DIR, FILE), '-T', 'fields', '-E', 'separator=;', '-e', 'frame.number', '-e', 'tcp.stream', '-e', 'udp.stream', '-e', 'tcp.srcport', '-e', 'udp.srcport', '-e', 'http.request.uri'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((l) => l.split(';'))
      .map(([frame, tcp, udp, tport, uport, uri]) => ({ frame: Number(frame), id: tcp ? `tcp ${tcp}` : `udp ${udp}`, srcPort: Number(tport || uport), uri }));

  it('every frame of the picked streams is one packet, in capture order, from the node of its sender', () => {
    const all = rows();
    const ids = [...new Set(all.map((r) => r.id))];
    expect(ids.sort()).toEqual(['tcp 0', 'tcp 1', 'udp 0']);
    const t = imported(['tcp 1', 'udp 0', 'tcp 0']);
    expect(t.conversations.map((c) => c.id)).toEqual(['udp 0', 'tcp 0', 'tcp 1']);
    expect(t.perPacket.map((p) => p.frame)).toEqual(all.map((r) => r.frame));
    // Left to right in order of first appearance: the client, the DNS responder (first answered), the web server.
    expect([t.sim.resolver?.port, t.sim.server.port]).toEqual([15354, 18081]);
    const nodeOfPort = (port: number) => (port === 15354 ? 'resolver' : port === 18081 ? 'server' : 'client');
    expect(t.sim.packets.map((p) => p.from)).toEqual(all.map((r) => nodeOfPort(r.srcPort)));
    const paths = t.perPacket.flatMap((p) => p.http.flatMap((h) => (h.path ? [h.path] : [])));
    expect(paths).toEqual(all.flatMap((r) => (r.uri ? [r.uri] : [])));
    expect(paths).toEqual(['/first', '/second']);
  });

  it('a subset keeps only its frames; two connections to one server make a two-host stage', () => {
    const all = rows();
    const t = imported(['tcp 0', 'tcp 1']);
    expect(t.perPacket.map((p) => p.frame)).toEqual(all.filter((r) => r.id !== 'udp 0').map((r) => r.frame));
    expect(t.sim.resolver).toBeUndefined();
    expect(t.sim.packets.every((p) => (p.from === 'client') !== (p.to === 'client'))).toBe(true);
    expect(new Set(t.sim.packets.map((p) => p.stream))).toEqual(new Set([0, 1]));
    // Each connection's handshake is timed by its own SYN → SYN-ACK; both reach ESTABLISHED.
    const established = t.sim.events.filter((e) => e.kind === 'state' && e.node === 'client' && e.to === 'ESTABLISHED');
    expect(established).toHaveLength(2);
  });
});
