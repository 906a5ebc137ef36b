import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schedule } from '../timeline/schedule';
import { FIXTURE_DIR, FIXTURES, fixture, KEY_LOGS } from './fixtures';
import { openCapture } from './openCapture';
import { captureToTrace } from './toTrace';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const FIELDS = ['frame.number', 'tls.handshake.type', 'http.request.method', 'http.request.uri', 'http.response.code', 'http2.headers.method', 'http2.headers.path', 'http2.headers.status'];

function importFixture(name: (typeof FIXTURES)[number], withKeys = true) {
  const opened = openCapture(fixture(name));
  if (!opened.ok) throw new Error(opened.error);
  const keyFile = KEY_LOGS[name];
  const trace = captureToTrace(opened.value, { keyLog: withKeys && keyFile ? readFileSync(join(FIXTURE_DIR, keyFile), 'utf8') : undefined });
  if (!trace.ok) throw new Error(trace.error);
  return trace.value;
}

describe.skipIf(!hasTshark)('decrypted and dissected as tshark does', () => {
  for (const name of FIXTURES) {
    it(`${name}: TLS handshake types and HTTP method, path and status, frame by frame`, () => {
      const keyFile = KEY_LOGS[name];
      const args = ['-r', join(FIXTURE_DIR, name), ...(keyFile ? ['-o', `tls.keylog_file:${join(FIXTURE_DIR, keyFile)}`] : []), '-T', 'fields', '-E', 'separator=;', '-E', 'occurrence=a', '-E', 'aggregator=,', ...FIELDS.flatMap((f) => ['-e', f])];
      const rows = execFileSync('tshark', args, { encoding: 'utf8' }).trim().split('\n').map((l) => l.split(';'));
      const expected = new Map(rows.map((r) => [Number(r[0]), { handshake: r[1] ? r[1].split(',').map(Number) : [], method: r[2] || r[5], path: r[3] || r[6], status: r[4] || r[7] }]));
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
        expect({ method, path, status }, where).toEqual({ method: e.method ?? '', path: e.path ?? '', status: e.status ?? '' });
        checked += p.handshakeTypes.length + p.http.length;
      }
      if (name.startsWith('tls') || name.startsWith('h2') || name.startsWith('http')) expect(checked).toBeGreaterThanOrEqual(2);
    }, 60_000);
  }
});

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
