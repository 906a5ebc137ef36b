import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, type ScenarioInput } from '../scenario';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import type { Simulation } from '../types';

/** A built-in scenario with some fields replaced (tls merged, so one knob can change alone). */
const variant = (id: string, patch: (s: Scenario) => Partial<ScenarioInput>): Scenario => {
  const base = findScenario(id)!;
  const p = patch(base);
  return parseScenario({ ...base, ...p, tls: { ...base.tls, ...p.tls } });
};
/** A node's notes, without the node's name in front. */
const notes = (sim: Simulation, node: 'client' | 'server') => sim.events.flatMap((e) => (e.kind === 'note' && e.node === node ? [e.text.replace(`${node}  `, '')] : []));
const phase = (sim: Simulation, request: number, id: string) => sim.timing[request].phases.find((p) => p.id === id)!;

// MSS 1460 less the 12-byte timestamp option (RFC 7323 §3): what one segment carries.
const SMSS = 1448;

describe('HTTPS: a client that reads its socket slowly (tcp.clientReadBytesPerSecond)', { timeout: 30_000 }, () => {
  // 10 segments a second: the reader takes one SMSS every 100 ms, more than the 40 ms round trip.
  const RATE = 10 * SMSS;
  const READ_US = 100_000;
  const BODY = 30_000;
  const run = (rate?: number) => simulate(variant('https', (s) => ({ tcp: { ...s.tcp, clientReadBytesPerSecond: rate }, http: { ...s.http, bodyBytes: BODY } })));

  it('reads the server flight one read interval (SMSS/R) after it arrives: the handshake ends that much later', () => {
    const fast = run();
    const slow = run(RATE);
    // The server's flight (ServerHello … Finished) fits one segment: one read, SMSS/R after it is in the socket.
    const flight = slow.packets.find((p) => p.from === 'server' && p.label.startsWith('ServerHello'))!;
    expect(flight.tcp!.payloadLength).toBeLessThanOrEqual(SMSS);
    expect(phase(slow, 0, 'tls').endUs - phase(fast, 0, 'tls').endUs).toBe(READ_US);
    expect(phase(slow, 0, 'tls').roundTrips).toBe(1);
  });

  it('takes the body at R bytes a second: about BODY/R seconds from the request to the last byte read', () => {
    const slow = run(RATE);
    expect(notes(slow, 'client')).toContain(`✓ 200 OK received (${BODY.toLocaleString('en-US')} bytes)`);
    // From the request on (the HTTP layer sees the body a whole TLS record at a time, so "download" alone would not do).
    const us = (sim: Simulation) => phase(sim, 0, 'download').endUs - phase(sim, 0, 'request').startUs;
    // BODY bytes plus the response head, the tickets and record overhead (< 1000 bytes), SMSS a read, a read
    // each READ_US; the last read may take part of a segment; one round trip and the server's 1 ms before it.
    expect(us(slow)).toBeGreaterThanOrEqual((BODY / SMSS - 1) * READ_US);
    expect(us(slow)).toBeLessThanOrEqual(((BODY + 1000) / SMSS + 1) * READ_US + 45_000);
    // The reader, not the 100 Mbit/s link, sets the pace: without it the body is in within a few round trips.
    expect(us(run())).toBeLessThan(4 * 40_000);
  });
});

describe('HTTPS: resumption (RFC 8446 §2.2)', { timeout: 30_000 }, () => {
  it('a resumed connection without 0-RTT: no certificate, said in captions and the client note', () => {
    const sim = simulate(variant('resumption-0rtt', () => ({ tls: { resumption: 'ticket' } })));
    const second = sim.packets.filter((p) => p.stream === 1);
    expect(second.find((p) => p.label.startsWith('ServerHello'))!.caption).toBe('Server accepts the ticket: ServerHello with pre_shared_key and its key share; no certificate, the PSK vouches for it; then Finished');
    expect(second.find((p) => p.from === 'client' && p.label.endsWith('Finished'))!.caption).toBe('Client checked the server Finished and proves with its own it saw the same handshake: resumed, no certificate');
    // No early data: the request waits for the handshake, and nothing says the server took a 0-RTT request.
    expect(sim.timing[1].label).toBe('GET /');
    expect(notes(sim, 'client')).toContain('client resumed with its ticket (PSK and a fresh x25519 exchange): no certificate this time; it checked the server Finished');
    expect(notes(sim, 'server').filter((t) => t.includes('0-RTT'))).toEqual([]);
  });

  it('0-RTT with two requests on the resumed connection: only the first is early data, noted once at each end', () => {
    const sim = simulate(variant('resumption-0rtt', (s) => ({ http: { ...s.http, connections: [{ requests: ['/'] }, { requests: ['/a', '/b'] }] } })));
    expect(sim.timing.map((t) => t.label)).toEqual(['GET /', 'GET /a (0-RTT)', 'GET /b']);
    expect(notes(sim, 'client').filter((t) => t.includes('0-RTT early data'))).toEqual(['GET /a sent as 0-RTT early data, right behind the ClientHello: the handshake has not completed']);
    expect(notes(sim, 'server').filter((t) => t.includes('0-RTT early data'))).toHaveLength(1);
    expect(notes(sim, 'client').filter((t) => t.startsWith('✓ 200 OK received'))).toHaveLength(3);
  });
});

describe('HTTPS: fatal alerts (RFC 8446 §6.2)', { timeout: 30_000 }, () => {
  it('the client refuses an expired certificate: the server notes the alert it received', () => {
    const sim = simulate(findScenario('bad-certificate')!);
    expect(notes(sim, 'client').filter((t) => t.startsWith('✕'))).toEqual([expect.stringMatching(/^✕ TLS alert certificate_expired sent: /)]);
    expect(notes(sim, 'server').filter((t) => t.startsWith('✕'))).toEqual(['✕ TLS alert certificate_expired received: the client sent it']);
  });

  it('no key exchange group in common: the server sends handshake_failure in the clear, the client notes it and both close', () => {
    // Chrome offers X25519MLKEM768, x25519, secp256r1, secp384r1; this server takes only x448.
    const sim = simulate(variant('https', () => ({ tls: { profile: 'chrome', serverGroups: ['x448'] } })));
    const alert = sim.packets.find((p) => p.from === 'server' && p.phase === 'tls' && p.tcp!.payloadLength > 0)!;
    // RFC 8446 §4.1.1: abort with handshake_failure; before any keys the record is plaintext (§5.1):
    // type alert (21), legacy version 0x0303, length 2, level fatal (2), handshake_failure (40).
    expect(Buffer.from(alert.bytes.slice(-7)).toString('hex')).toBe('15030300020228');
    expect(alert.caption).toBe('A fatal alert: the handshake stops here, and the connection closes');
    expect(notes(sim, 'server').filter((t) => t.startsWith('✕'))).toEqual(['✕ TLS alert handshake_failure sent: no key exchange group in common: this server takes x448']);
    expect(notes(sim, 'client').filter((t) => t.startsWith('✕'))).toEqual([expect.stringMatching(/^✕ TLS alert handshake_failure received: /)]);
    expect(sim.timing[0].label).toBe('GET / (not sent: handshake_failure)');
    expect(notes(sim, 'client')).toContain('✓ Connection closed');
  });
});
