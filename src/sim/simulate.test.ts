import { describe, expect, it } from 'vitest';
import { findScenario } from './scenarios';
import { parseScenario, ScenarioError } from './scenario';
import { simulate, TIME_WAIT_US } from './simulate';
import { segmentLength } from './tcp/endpoint';
import type { NodeId, Packet, SimEvent, StateEvent } from './types';

const https = findScenario('https')!;

const states = (events: SimEvent[], node: NodeId) =>
  events.filter((e): e is StateEvent => e.kind === 'state' && e.node === node).map((e) => e.to);

const labels = (packets: Packet[]) => packets.map((p) => `${p.from === 'client' ? 'C' : 'S'}:${p.label}`);

describe('simulate (https scenario)', () => {
  const sim = simulate(https);

  it('sends the packets of a whole HTTPS request in order', () => {
    expect(labels(sim.packets)).toEqual([
      'C:SYN',
      'S:SYN-ACK',
      'C:ACK',
      'C:ClientHello',
      'S:ServerHello',
      'S:{EE,Cert,CV,Fin} 1/2',
      'S:{EE,Cert,CV,Fin} 2/2',
      'C:Finished',
      'C:GET /',
      'S:200 OK',
      'C:ACK',
      'C:close_notify',
      'C:FIN',
      'S:ACK',
      'S:close_notify',
      'S:FIN',
      'C:ACK',
    ]);
  });

  it('walks the client through the active-open and active-close states (RFC 9293)', () => {
    expect(states(sim.events, 'client')).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
  });

  it('walks the server through the passive-open and passive-close states', () => {
    expect(sim.initialStates.server).toBe('LISTEN');
    expect(states(sim.events, 'server')).toEqual(['SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('uses the teaching ISNs of the article: seq=100, then ack=101 and ack=301', () => {
    const [syn, synAck, ack] = sim.packets;
    expect(syn.tcp).toMatchObject({ seq: 100, ack: 0, flags: { syn: true, ack: false } });
    expect(synAck.tcp).toMatchObject({ seq: 300, ack: 101, flags: { syn: true, ack: true } });
    expect(ack.tcp).toMatchObject({ seq: 101, ack: 301, flags: { syn: false, ack: true } });
  });

  it('keeps seq/ack arithmetic exact: each side acks exactly what it has received', () => {
    const sent: Record<NodeId, number> = { client: 0, server: 0 };
    const arrivedBy = (node: NodeId, us: number) =>
      sim.packets.filter((p) => p.to === node && p.arriveUs <= us);
    for (const p of sim.packets) {
      // seq continues where the sender's previous segment ended (SYN and FIN count one).
      const prev = sim.packets.filter((q) => q.from === p.from && q.id < p.id).at(-1);
      if (prev) expect(p.tcp.seq).toBe((prev.tcp.seq + segmentLength(prev.tcp)) >>> 0);
      if (p.tcp.flags.ack) {
        const received = arrivedBy(p.from, p.sendUs);
        const last = received.at(-1)!;
        expect(p.tcp.ack).toBe((last.tcp.seq + segmentLength(last.tcp)) >>> 0);
      }
      sent[p.from] += segmentLength(p.tcp);
    }
    const lastClient = sim.packets.filter((p) => p.from === 'client').at(-1)!;
    expect(lastClient.tcp.seq + segmentLength(lastClient.tcp)).toBe(100 + sent.client);
  });

  it('advances seq by the payload length of data segments', () => {
    const hello = sim.packets.find((p) => p.label === 'ClientHello')!;
    const finished = sim.packets.find((p) => p.label === 'Finished')!;
    expect(hello.tcp.seq).toBe(101);
    expect(finished.tcp.seq).toBe(101 + hello.tcp.payloadLength);
    expect(hello.tcp.payloadLength).toBeGreaterThan(100);
  });

  it('gives every packet IPv4 and TCP layers, TLS on the wire, and HTTP once decrypted', () => {
    for (const p of sim.packets) {
      const names = p.layers.map((l) => l.name);
      expect(names).toEqual(p.topLayer === 'tcp' ? ['IPv4', 'TCP'] : ['IPv4', 'TCP', 'TLS']);
      expect(p.bytes.length).toBe(p.totalLength);
      const total = p.layers[0].fields.find((f) => f.name === 'total length')!;
      expect(total.value).toBe(`${p.totalLength} bytes`);
      if (p.topLayer === 'http') expect(p.decrypted[0].layers[0].name).toBe('HTTP');
    }
  });

  it('puts MSS, SACK-permitted and window scale on the SYNs only', () => {
    for (const p of sim.packets) {
      const options = p.layers[1].fields.find((f) => f.name === 'options')!.children!.map((f) => f.name);
      expect(options.includes('MSS')).toBe(p.tcp.flags.syn);
      expect(options.includes('SACK permitted')).toBe(p.tcp.flags.syn);
      expect(options.includes('window scale')).toBe(p.tcp.flags.syn);
      expect(options.includes('timestamps')).toBe(true);
    }
  });

  it('cuts the server flight into MSS-sized segments', () => {
    const parts = sim.packets.filter((p) => p.label.startsWith('{EE'));
    expect(parts).toHaveLength(2);
    expect(parts[0].tcp.payloadLength).toBe(https.tcp.mss - 12);
    expect(parts[1].tcp.seq).toBe(parts[0].tcp.seq + parts[0].tcp.payloadLength);
    expect(parts[0].decrypted).toEqual([]);
    expect(parts[1].decrypted[0].key).toBe('server handshake traffic key');
  });

  it('delivers each packet one-way delay after it is sent, in time order', () => {
    for (const p of sim.packets) {
      expect(p.arriveUs - p.sendUs).toBeGreaterThanOrEqual(https.link.rttMs * 500);
      expect(p.arriveUs - p.sendUs).toBeLessThan(https.link.rttMs * 500 + 1000);
    }
    for (let i = 1; i < sim.events.length; i++) expect(sim.events[i].atUs).toBeGreaterThanOrEqual(sim.events[i - 1].atUs);
  });

  it('holds TIME_WAIT for its timer before the client closes', () => {
    const tw = sim.events.find((e) => e.kind === 'state' && e.to === 'TIME_WAIT')!;
    const closed = sim.events.find((e) => e.kind === 'state' && e.node === 'client' && e.to === 'CLOSED')!;
    expect(closed.atUs - tw.atUs).toBe(TIME_WAIT_US);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(simulate(https))).toBe(JSON.stringify(sim));
  });
});

describe('simulate (random ISNs)', () => {
  const scenario = findScenario('https-random-isn')!;
  it('draws 32-bit ISNs from the seed, the same each run and different per seed', () => {
    const a = simulate(scenario);
    const b = simulate(scenario);
    const c = simulate({ ...scenario, seed: scenario.seed + 1 });
    expect(a.packets[0].tcp.seq).toBe(b.packets[0].tcp.seq);
    expect(a.packets[0].tcp.seq).not.toBe(c.packets[0].tcp.seq);
    expect(a.packets[0].tcp.seq).not.toBe(100);
    expect(a.packets[1].tcp.ack).toBe((a.packets[0].tcp.seq + 1) >>> 0);
  });
});

describe('parseScenario', () => {
  it('names each bad field and what it expects', () => {
    const bad = { ...https, client: { ip: '300.1.1.1', port: 70000 }, link: { rttMs: 'fast', bandwidthMbps: 10 } };
    try {
      parseScenario(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const msg = (e as Error).message;
      expect(msg).toContain('client.ip: expected an IPv4 address');
      expect(msg).toContain('client.port: expected a port from 1 to 65535');
      expect(msg).toContain('link.rttMs');
    }
  });

  it.each([
    ['a port over 65535', { client: { ip: '192.0.2.10', port: 70000 } }, 'client.port: expected a port from 1 to 65535'],
    ['a negative window', { tcp: { ...https.tcp, window: -1 } }, 'tcp.window: expected a positive window'],
    ['a host name over 255 bytes', { server: { ...https.server, host: `${'a'.repeat(60)}.`.repeat(5) + 'com' } }, 'server.host: a host name has at most 253 characters'],
    ['a non-ASCII header name', { http: { ...https.http, headers: { 'X-Grüße': 'hi' } } }, 'http.headers.X-Grüße: a header name must be 1–64 ASCII token characters'],
    ['a header value with a newline', { http: { ...https.http, headers: { 'X-Test': 'a\r\nInjected: 1' } } }, 'http.headers.X-Test: a header value must be printable ASCII'],
  ])('refuses %s, naming the field', (_what, patch, message) => {
    expect(() => parseScenario({ ...https, ...patch })).toThrow(message);
  });

  it('puts extra request headers on the wire, inside the encrypted GET', () => {
    const sim = simulate(parseScenario({ ...https, http: { ...https.http, headers: { 'X-Trace': 'abc' } } }));
    const get = sim.packets.find((p) => p.label === 'GET /')!;
    expect(new TextDecoder().decode(get.decrypted[0].bytes)).toContain('X-Trace: abc\r\n');
  });

  it('rejects unknown keys so typos are not silently ignored', () => {
    expect(() => parseScenario({ ...https, rtt: 40 })).toThrow(/rtt/);
  });
});
