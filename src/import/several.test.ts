import { describe, expect, it } from 'vitest';
import { schedule } from '../timeline/schedule';
import type { Conversation } from './conversations';
import { importedFixture, openedFixture } from './fixtures';
import { placeHosts } from './hosts';
import { captureToTrace } from './toTrace';

const FILE = 'several.pcapng';

const opened = () => openedFixture(FILE);
const imported = (conversation: string[]) => importedFixture(FILE, conversation);

describe('the merged trace', () => {
  it('is the same whatever order the streams are named in, and the timeline plays it', () => {
    const a = imported(['udp 0', 'tcp 0', 'tcp 1']);
    const b = imported(['tcp 1', 'tcp 0', 'udp 0']);
    expect(b.sim.events.map((e) => [e.kind, e.atUs])).toEqual(a.sim.events.map((e) => [e.kind, e.atUs]));
    const plan = schedule(a.sim);
    expect(plan.flights).toHaveLength(a.sim.packets.length);
    // Times never run backwards and every packet arrives after it leaves.
    for (const p of a.sim.packets) expect(p.arriveUs).toBeGreaterThan(p.sendUs);
  });

  it('names an unknown stream and keeps the first TCP connection as the default', () => {
    const o = opened();
    const bad = captureToTrace(o, { conversation: ['tcp 0', 'tcp 9'] });
    expect(bad.ok ? '' : bad.error).toMatch(/no conversation "tcp 9".*tcp 0, tcp 1, udp 0/);
    const first = captureToTrace(o);
    expect(first.ok && first.value.conversations.map((c) => c.id)).toEqual(['tcp 0']);
  });
});

describe('placeHosts', () => {
  const conv = (id: string, a: string, b: string, bPort: number, startUs: number): Conversation => ({
    id, protocol: 'tcp', stream: 0, a: { ip: a, port: 40000 }, b: { ip: b, port: bPort }, packets: 1, bytes: 1, packetsAtoB: 1, bytesAtoB: 1, startUs, durationUs: 0, frames: [startUs],
  });
  const never = () => false;
  it('places hosts left to right by first appearance', () => {
    const p = placeHosts([conv('tcp 1', '10.0.0.1', '10.0.0.3', 443, 5), conv('tcp 0', '10.0.0.1', '10.0.0.2', 80, 1)], never);
    expect(p.ok && [p.value.endpoints.client.ip, p.value.endpoints.resolver?.ip, p.value.endpoints.server?.ip]).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(p.ok && p.value.sides.get('tcp 1')).toEqual({ a: 'client', b: 'server' });
  });
  it('refuses a conversation the first host has no part in, and a fourth host, naming them', () => {
    const apart = placeHosts([conv('tcp 0', '10.0.0.1', '10.0.0.2', 80, 1), conv('tcp 1', '10.0.0.7', '10.0.0.2', 80, 2)], never);
    expect(apart.ok ? '' : apart.error).toMatch(/tcp 1 is between 10\.0\.0\.7 and 10\.0\.0\.2:80, neither of them 10\.0\.0\.1/);
    const four = placeHosts([conv('tcp 0', '10.0.0.1', '10.0.0.2', 80, 1), conv('tcp 1', '10.0.0.1', '10.0.0.3', 80, 2), conv('tcp 2', '10.0.0.1', '10.0.0.4', 80, 3)], never);
    expect(four.ok ? '' : four.error).toMatch(/4 hosts \(10\.0\.0\.1, 10\.0\.0\.2:80, 10\.0\.0\.3:80, 10\.0\.0\.4:80\); the canvas shows at most three/);
  });
});
