import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import type { Field } from '../types';

const sim = simulate(findScenario('http2')!);
const notes = sim.events.flatMap((e) => (e.kind === 'note' ? [e.text] : []));
const child = (f: Field, name: string) => f.children?.find((c) => c.name === name)?.value;

describe('http2 scenario: frames inside TLS records inside TCP', () => {
  it('the inspector has each frame with its type, flags, stream and length, and the decoded header list', () => {
    const first = sim.packets.find((p) => p.label.startsWith('Preface'))!;
    const layer = first.decrypted[0].layers[0];
    expect(layer.name).toBe('HTTP/2');
    expect(layer.fields.map((f) => f.name)).toEqual(['Connection preface', 'SETTINGS ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=100', 'HEADERS stream 1: GET /, END_STREAM, END_HEADERS', 'HEADERS stream 3: GET /app.css, END_STREAM, END_HEADERS']);
    const headers = layer.fields[2];
    expect([child(headers, 'Type'), child(headers, 'Flags'), child(headers, 'Stream Identifier')]).toEqual(['HEADERS (1)', '0x05 END_STREAM, END_HEADERS', '1']);
    // Offsets point into the record's plaintext: the frame's length field says how long it is.
    const bytes = first.decrypted[0].bytes;
    const at = headers.offset!;
    expect((bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2]).toBe(headers.length! - 9);
    const list = headers.children?.find((c) => c.name === 'Header Block')?.children?.map((c) => `${c.name}: ${c.value}`);
    expect(list).toEqual([':method: GET', ':scheme: https', ':authority: example.com', ':path: /', 'user-agent: curl/8.5.0', 'accept: */*']);
  });

  it('the log names the frames each side receives and the responses it completes', () => {
    for (const line of ['server  received HEADERS stream 1: GET /, END_STREAM, END_HEADERS', 'client  received SETTINGS ACK', 'server  received SETTINGS ACK', 'server  received GOAWAY NO_ERROR', 'client  ✓ stream 3: 200 OK received (40,000 bytes)']) expect(notes).toContain(line);
    expect(notes.filter((n) => n.includes('received WINDOW_UPDATE')).length).toBeGreaterThan(0);
  });

  it('both requests leave together and are timed per stream; the client holds TIME_WAIT', () => {
    expect(sim.timing.map((t) => t.label)).toEqual(['GET / (stream 1)', 'GET /app.css (stream 3)']);
    expect(sim.timing[0].phases.find((p) => p.id === 'request')!.startUs).toBe(sim.timing[1].phases.find((p) => p.id === 'request')!.startUs);
    expect(sim.events.filter((e) => e.kind === 'state' && e.to === 'TIME_WAIT').map((e) => e.kind === 'state' && e.node)).toEqual(['client']);
  });

  it('honours the scenario\'s tls section: an expired leaf ends in certificate_expired and no frame; HelloRetryRequest, then h2', () => {
    const base = findScenario('http2')!;
    const expired = simulate(parseScenario({ ...base, tls: { certificate: 'expired' } }));
    const said = expired.events.flatMap((e) => (e.kind === 'note' ? [e.text] : []));
    expect(said.some((n) => n.includes('certificate_expired sent'))).toBe(true);
    expect(expired.packets.some((p) => p.decrypted.some((d) => d.layers[0]?.name === 'HTTP/2'))).toBe(false);
    expect(expired.events.filter((e) => e.kind === 'state' && e.to === 'CLOSED')).toHaveLength(2);
    const retry = simulate(parseScenario({ ...base, tls: { serverGroups: ['secp256r1'] } }));
    const retryNotes = retry.events.flatMap((e) => (e.kind === 'note' ? [e.text] : []));
    expect(retry.packets.some((p) => p.label.startsWith('HelloRetryRequest'))).toBe(true);
    expect(retryNotes.filter((n) => n.includes('200 OK received'))).toHaveLength(2);
  });

  it('an HTTP/1.1 scenario still speaks HTTP/1.1 (version defaults to it)', () => {
    const h1 = parseScenario({ ...findScenario('keep-alive')!, http: { ...findScenario('keep-alive')!.http, version: undefined } });
    expect(h1.http.version).toBe('http/1.1');
  });
});
