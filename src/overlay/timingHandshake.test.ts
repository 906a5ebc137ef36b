import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { timingTable } from './timing';

describe('tls12-vs-tls13: the round trips of each handshake, counted and measured', () => {
  const sim = simulate(findScenario('tls12-vs-tls13')!);
  const table = timingTable(sim);

  it('the timing breakdown counts 2 round trips for TLS 1.2 and 1 for TLS 1.3, and the measured SSL/TLS bars agree', () => {
    expect(table.requests.map((r) => r.handshake)).toEqual(['TLS 1.2 handshake: 2 round trips', 'TLS 1.3 handshake: 1 round trip']);
    const tls = table.requests.map((r) => r.phases.find((p) => p.id === 'tls')!);
    expect(tls.map((p) => p.rtts)).toEqual(['2 RTT', '1 RTT']);
    expect(tls[0].description).toMatch(/\(TLS 1\.2 handshake: 2 round trips\)$/);
  });

  it('the banner and the captions say it on the canvas', () => {
    const banners = sim.events.filter((e) => e.kind === 'note' && e.milestone === 'tls-complete').map((e) => e.text);
    expect(banners).toEqual(['client  ✓ TLS 1.2 handshake complete: 2 round trips', 'server  ✓ TLS 1.3 handshake complete']);
    const captions = sim.packets.filter((p) => p.stream === 0 && p.phase === 'tls').map((p) => p.caption);
    expect(captions[0]).toMatch(/^Round trip 1 of 2/);
    expect(captions.some((c) => /^Round trip 2 of 2/.test(c ?? ''))).toBe(true);
  });

  it('the inspector names every TLS 1.2 message in the field map', () => {
    const names = sim.packets.filter((p) => p.stream === 0).flatMap((p) => p.layers.filter((l) => l.name === 'TLS').flatMap((l) => l.fields.map((f) => f.name)));
    for (const m of ['ClientHello', 'ServerHello', 'Certificate', 'ServerKeyExchange', 'ServerHelloDone', 'ClientKeyExchange', 'ChangeCipherSpec', 'Finished (encrypted)']) expect(names).toContain(`TLS record: ${m}`);
  });
});
