import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, type ScenarioInput } from '../scenario';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import type { Simulation } from '../types';

/** The built-in http2 scenario with some fields replaced (http and tls merged, so one knob can change alone). */
const variant = (patch: (s: Scenario) => Partial<ScenarioInput>): Scenario => {
  const base = findScenario('http2')!;
  const p = patch(base);
  return parseScenario({ ...base, ...p, http: { ...base.http, ...p.http }, tls: { ...base.tls, ...p.tls } });
};
/** A node's notes, without the node's name in front. */
const notes = (sim: Simulation, node: 'client' | 'server') => sim.events.flatMap((e) => (e.kind === 'note' && e.node === node ? [e.text.replace(`${node}  `, '')] : []));
const phase = (sim: Simulation, request: number, id: string) => sim.timing[request].phases.find((p) => p.id === id)!;

describe('HTTP/2 over TLS: one request (RFC 9113 §5: a stream of its own)', { timeout: 30_000 }, () => {
  it('the server answers a lone request on stream 1 and the client notes it, then closes', () => {
    const sim = simulate(variant((s) => ({ http: { ...s.http, connections: [{ requests: ['/'] }] } })));
    expect(sim.timing.map((t) => t.label)).toEqual(['GET / (stream 1)']);
    expect(notes(sim, 'client').filter((t) => t.startsWith('✓ stream'))).toEqual(['✓ stream 1: 200 OK received (40,000 bytes)']);
    // The server thinks serverThinkMs (2 ms) after the request is in, then sends HEADERS and DATA.
    const serverHeaders = sim.packets.find((p) => p.from === 'server' && p.label.startsWith('HEADERS 1'))!;
    expect(serverHeaders.label).toMatch(/^HEADERS 1: 200/);
    expect(notes(sim, 'client')).toContain('✓ Connection closed');
  });

  it('a status with no reason phrase: the note has one space between the code and "received"', () => {
    const sim = simulate(variant((s) => ({ http: { ...s.http, status: 299, connections: [{ requests: ['/'] }] } })));
    expect(notes(sim, 'client').filter((t) => t.startsWith('✓ stream'))).toEqual(['✓ stream 1: 299 received (40,000 bytes)']);
  });

  it('extra request headers go on the HEADERS frame with lower-case names (RFC 9113 §8.2.1)', () => {
    const sim = simulate(variant((s) => ({ http: { ...s.http, connections: [{ requests: ['/'] }], headers: { 'X-Trace': 'abc' } } })));
    const first = sim.packets.find((p) => p.label.startsWith('Preface'))!;
    const headers = first.decrypted[0].layers[0].fields.find((f) => f.name.startsWith('HEADERS stream 1'))!;
    const list = headers.children?.find((c) => c.name === 'Header Block')?.children?.map((c) => `${c.name}: ${c.value}`);
    expect(list).toEqual([':method: GET', ':scheme: https', ':authority: example.com', ':path: /', 'user-agent: curl/8.5.0', 'accept: */*', 'x-trace: abc']);
  });
});

describe('HTTP/2 over TLS: the client closes clientLingerMs after the LAST stream ends', { timeout: 30_000 }, () => {
  it('two 200,000-byte responses end apart; GOAWAY leaves 5 ms after the later one', () => {
    const sim = simulate(variant((s) => ({ http: { ...s.http, bodyBytes: 200_000 } })));
    const ends = [phase(sim, 0, 'download').endUs, phase(sim, 1, 'download').endUs];
    const goaway = sim.packets.find((p) => p.from === 'client' && p.label === 'GOAWAY')!;
    expect(goaway.sendUs).toBe(Math.max(...ends) + 5_000);
  });
});

describe('HTTP/2 over TLS: Chrome\'s ClientHello (tls.profile)', { timeout: 30_000 }, () => {
  it('the client sends Chrome\'s hello (two key shares), the server settles on h2 and both streams complete', () => {
    const sim = simulate(variant(() => ({ tls: { profile: 'chrome' } })));
    // X25519MLKEM768's share alone is 1,216 bytes (draft-ietf-tls-ecdhe-mlkem): the hello takes two segments.
    const hello = sim.packets.find((p) => p.label.startsWith('ClientHello'))!;
    expect(hello.caption).toBe('Client offers TLS 1.3 (and 1.2): cipher suites, SNI example.com, GREASE, and two key shares: X25519MLKEM768 (post-quantum) and X25519 (segment 1 of 2)');
    expect(notes(sim, 'server')).toContain('✓ TLS 1.3 handshake complete, ALPN h2');
    expect(notes(sim, 'client').filter((t) => t.startsWith('✓ stream'))).toEqual(['✓ stream 1: 200 OK received (40,000 bytes)', '✓ stream 3: 200 OK received (40,000 bytes)']);
  });
});

describe('HTTP/2 over TLS: fatal alerts (RFC 8446 §6.2: no close_notify, no GOAWAY after one)', { timeout: 30_000 }, () => {
  it('the client refuses an expired certificate: each end notes the alert; the server closes without close_notify', () => {
    const sim = simulate(variant(() => ({ tls: { certificate: 'expired' } })));
    expect(notes(sim, 'client').filter((t) => t.startsWith('✕'))).toEqual([expect.stringMatching(/^✕ TLS alert certificate_expired sent: /)]);
    expect(notes(sim, 'server').filter((t) => t.startsWith('✕'))).toEqual(['✕ TLS alert certificate_expired received: the client sent it']);
    const after = sim.packets.filter((p) => p.from === 'server' && p.phase === 'close');
    expect(after.map((p) => p.label)).toEqual(['FIN']);
    expect(sim.packets.filter((p) => p.from === 'client' && p.phase === 'close').map((p) => p.label)).toContain('FIN');
  });

  it('no key exchange group in common: the server sends handshake_failure, notes it, and closes with a bare FIN', () => {
    const sim = simulate(variant(() => ({ tls: { profile: 'chrome', serverGroups: ['x448'] } })));
    expect(notes(sim, 'server').filter((t) => t.startsWith('✕'))).toEqual(['✕ TLS alert handshake_failure sent: no key exchange group in common: this server takes x448']);
    expect(notes(sim, 'client').filter((t) => t.startsWith('✕'))).toEqual([expect.stringMatching(/^✕ TLS alert handshake_failure received: /)]);
    expect(sim.timing[0].label).toBe('GET / (not sent: handshake_failure)');
    expect(sim.packets.filter((p) => p.from === 'server' && p.phase === 'close').map((p) => p.label)).toEqual(['FIN']);
    expect(sim.packets.filter((p) => p.from === 'client' && p.phase === 'close').map((p) => p.label)).toContain('FIN');
  });
});
