import { describe, expect, it } from 'vitest';
import { importFixture } from '../../tests/support/importFixtures';
import { schedule } from '../timeline/schedule';
import { fixture } from './fixtures';
import { openCapture } from './openCapture';
import { captureToTrace } from './toTrace';

describe('a capture becomes a trace the timeline reads', () => {
  it('TCP states follow the handshake and the close; the first round trip is the SYN → SYN-ACK time', () => {
    const t = importFixture('http-plain.pcap');
    const states = t.sim.events.flatMap((e) => (e.kind === 'state' ? [`${e.node} ${e.to}`] : []));
    expect(states.slice(0, 4)).toEqual(['client SYN_SENT', 'server SYN_RCVD', 'client ESTABLISHED', 'server ESTABLISHED']);
    expect(states).toContain('client TIME_WAIT');
    expect(states.at(-1)).toBe('server CLOSED');
    expect(t.sim.packets.map((p) => p.label).slice(0, 4)).toEqual(['SYN', 'SYN-ACK', 'ACK', 'GET /a']);
    const plan = schedule(t.sim);
    expect(plan.flights).toHaveLength(t.sim.packets.length);
    expect(plan.skips.length).toBeGreaterThan(0);
  });

  it('without a key log, records are shown encrypted with their types and lengths, and the user is told why', () => {
    const t = importFixture('tls13-http1.pcapng', false);
    expect(t.notices.join(' ')).toMatch(/stay encrypted: open a key log/);
    expect(t.sim.packets.some((p) => p.label === 'encrypted record')).toBe(true);
    expect(t.sim.packets.every((p) => p.decrypted.length === 0)).toBe(true);
    const tls = t.sim.packets.flatMap((p) => p.layers.filter((l) => l.name === 'TLS'));
    expect(tls.some((l) => /encrypted Application Data \(\d+ B\)/.test(l.summary))).toBe(true);
  });

  it('a key log that matches nothing says so; the capture’s own secrets block is used', () => {
    const opened = openCapture(fixture('tls12-http1.pcapng'));
    if (!opened.ok) throw new Error(opened.error);
    const wrong = captureToTrace(opened.value, { keyLog: `CLIENT_RANDOM ${'ab'.repeat(32)} ${'cd'.repeat(48)}\n` });
    expect(wrong.ok && wrong.value.notices.join(' ')).toMatch(/no secrets for this connection/);
    const dsb = importFixture('h2-ipv6-dsb.pcapng');
    expect(dsb.perPacket.some((p) => p.http.some((h) => h.path === '/missing'))).toBe(true);
  });

  it('is deterministic, and an unknown conversation is named with the ones there are', () => {
    const a = JSON.stringify(importFixture('h2-ipv6.pcapng').sim.packets.map((p) => [p.label, p.sendUs, p.arriveUs, p.layers]));
    const b = JSON.stringify(importFixture('h2-ipv6.pcapng').sim.packets.map((p) => [p.label, p.sendUs, p.arriveUs, p.layers]));
    expect(a).toBe(b);
    const opened = openCapture(fixture('dns-udp.pcapng'));
    if (!opened.ok) throw new Error(opened.error);
    expect(captureToTrace(opened.value, { conversation: 'tcp 4' })).toEqual({ ok: false, error: 'no conversation "tcp 4" in this capture; it has udp 0' });
    const dns = captureToTrace(opened.value);
    expect(dns.ok && dns.value.sim.packets.map((p) => [p.from, p.to, p.label])).toEqual([['client', 'resolver', 'DNS A example.test'], ['resolver', 'client', 'DNS 192.0.2.80']]);
  });
});
