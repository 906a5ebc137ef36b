import { describe, expect, it } from 'vitest';
import { findScenario } from './scenarios';
import { parseScenario, ScenarioError } from './scenario';
import { simulate } from './simulate';
import type { NodeId, Packet, SimEvent, StateEvent, TcpSegmentInfo } from './types';

const https = findScenario('https')!;

const states = (events: SimEvent[], node: NodeId) =>
  events.filter((e): e is StateEvent => e.kind === 'state' && e.node === node).map((e) => e.to);

/** Sequence space a segment takes: its payload, and one for a SYN or a FIN (RFC 9293 §3.4). */
const spaceOf = (t: TcpSegmentInfo) => t.payloadLength + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0);

const labels = (packets: Packet[]) => packets.map((p) => `${p.from === 'client' ? 'C' : 'S'}:${p.label}`);

describe('simulate (https scenario)', () => {
  const sim = simulate(https);
  const tcp = (p: Packet) => p.tcp!;

  it('sends the packets of a whole HTTPS request, each ACK included, as a capture at the client shows', () => {
    expect(labels(sim.packets)).toEqual([
      'C:SYN',
      'S:SYN-ACK',
      'C:ACK',
      'C:ClientHello',
      'S:ServerHello {EE…Fin}',
      'C:CCS, Finished',
      'C:GET /',
      'S:2× NewSessionTicket',
      'S:ACK',
      'S:200 OK',
      'S:close_notify',
      'S:FIN',
      'C:ACK',
      'C:ACK',
      'C:ACK',
      'C:close_notify',
      'C:FIN',
      'S:ACK',
      'S:ACK',
    ]);
  });

  // Connection: close makes the server close first (RFC 9112 §9.6): it takes the active close.
  it('walks the client through the active open and the passive close (RFC 9293)', () => {
    expect(states(sim.events, 'client')).toEqual(['SYN_SENT', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
  });

  it('walks the server through the passive open and the active close', () => {
    expect(sim.initialStates.server).toBe('LISTEN');
    expect(states(sim.events, 'server')).toEqual(['SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
  });

  it('uses the teaching ISNs of the article: seq=100, then ack=101 and ack=301', () => {
    const [syn, synAck, ack] = sim.packets.map(tcp);
    expect(syn).toMatchObject({ seq: 100, ack: 0, flags: { syn: true, ack: false } });
    expect(synAck).toMatchObject({ seq: 300, ack: 101, flags: { syn: true, ack: true } });
    expect(ack).toMatchObject({ seq: 101, ack: 301, flags: { syn: false, ack: true } });
  });

  it('keeps seq/ack arithmetic exact: each side acks exactly what it has received', () => {
    for (const p of sim.packets) {
      // seq continues where the sender's previous segment ended (SYN and FIN count one).
      const prev = sim.packets.filter((q) => q.from === p.from && q.id < p.id).at(-1);
      if (prev) expect(tcp(p).seq).toBe((tcp(prev).seq + spaceOf(tcp(prev))) >>> 0);
      if (tcp(p).flags.ack) {
        const last = sim.packets.filter((q) => q.to === p.from && q.arriveUs <= p.sendUs).at(-1)!;
        expect(tcp(p).ack).toBe((tcp(last).seq + spaceOf(tcp(last))) >>> 0);
      }
    }
  });

  it('advances seq by the payload length of data segments', () => {
    const hello = tcp(sim.packets.find((p) => p.label === 'ClientHello')!);
    const finished = tcp(sim.packets.find((p) => p.label === 'CCS, Finished')!);
    expect(hello.seq).toBe(101);
    expect(finished.seq).toBe(101 + hello.payloadLength);
    expect(hello.payloadLength).toBeGreaterThan(100);
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
      expect(options.includes('MSS')).toBe(tcp(p).flags.syn);
      expect(options.includes('SACK permitted')).toBe(tcp(p).flags.syn);
      expect(options.includes('window scale')).toBe(tcp(p).flags.syn);
      expect(options.includes('timestamps')).toBe(true);
    }
  });

  it('sends ServerHello, ChangeCipherSpec and the encrypted flight in one write, a record per message, as OpenSSL does', () => {
    const flight = sim.packets.filter((p) => p.label.startsWith('ServerHello'));
    expect(flight).toHaveLength(1); // an ECDSA chain fits one 1448-byte segment
    expect(tcp(flight[0]).payloadLength).toBeLessThanOrEqual(1448);
    expect(flight[0].layers[2].fields.map((f) => f.name)).toEqual([
      'TLS record: ServerHello',
      'TLS record: ChangeCipherSpec',
      'TLS record: EncryptedExtensions (encrypted)',
      'TLS record: Certificate (encrypted)',
      'TLS record: CertificateVerify (encrypted)',
      'TLS record: server Finished (encrypted)',
    ]);
    expect(flight[0].decrypted.map((d) => d.key)).toEqual(Array(4).fill('server handshake traffic key'));
  });

  it('has the server send two NewSessionTickets after the client Finished, as OpenSSL does', () => {
    const tickets = sim.packets.find((p) => p.label === '2× NewSessionTicket')!;
    expect(tickets.decrypted.map((d) => d.title)).toEqual(['NewSessionTicket', 'NewSessionTicket']);
    expect(tickets.decrypted[0].key).toBe('server application traffic key');
  });

  it('delivers each packet one-way delay plus its serialisation after it is sent, in time order', () => {
    for (const p of sim.packets) {
      const serialisationUs = Math.ceil((p.totalLength * 8) / 100); // 100 Mbit/s
      expect(p.arriveUs - p.sendUs).toBe(20_000 + serialisationUs);
    }
    for (let i = 1; i < sim.events.length; i++) expect(sim.events[i].atUs).toBeGreaterThanOrEqual(sim.events[i - 1].atUs);
  });

  it('holds TIME_WAIT for 60 s (Linux) on the server, which closed first, and never on the client', () => {
    const tw = sim.events.find((e) => e.kind === 'state' && e.to === 'TIME_WAIT')!;
    const closed = sim.events.find((e) => e.kind === 'state' && e.node === 'server' && e.to === 'CLOSED')!;
    expect(tw.kind === 'state' && tw.node).toBe('server');
    expect(closed.atUs - tw.atUs).toBe(60_000_000);
    expect(states(sim.events, 'client')).not.toContain('TIME_WAIT');
    const timer = sim.timers.find((t) => t.kind === 'time-wait')!;
    expect(timer).toMatchObject({ node: 'server', fired: true });
    expect(timer.dueUs - timer.startUs).toBe(60_000_000);
  });

  it('reports the browser timing phases of the request, in order and without gaps', () => {
    const [request] = sim.timing;
    expect(request.label).toBe('GET /');
    expect(request.phases.map((p) => p.id)).toEqual(['connect', 'tls', 'request', 'wait', 'download']);
    for (let i = 1; i < request.phases.length; i++) expect(request.phases[i].startUs).toBe(request.phases[i - 1].endUs);
    const connect = request.phases[0];
    expect(connect.endUs - connect.startUs).toBe(sim.packets[1].arriveUs); // SYN out at 0, SYN-ACK in
  });
});

describe('simulate (random ISNs)', () => {
  const scenario = findScenario('https-random-isn')!;
  it('draws 32-bit ISNs from the seed, the same each run and different per seed', () => {
    const a = simulate(scenario);
    const b = simulate(scenario);
    const c = simulate({ ...scenario, seed: scenario.seed + 1 });
    expect(a.packets[0].tcp!.seq).toBe(b.packets[0].tcp!.seq);
    expect(a.packets[0].tcp!.seq).not.toBe(c.packets[0].tcp!.seq);
    expect(a.packets[0].tcp!.seq).not.toBe(100);
    expect(a.packets[1].tcp!.ack).toBe((a.packets[0].tcp!.seq + 1) >>> 0);
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
    ['a non-ASCII header name', { http: { ...https.http, headers: { 'X-Grüße': 'hi' } } }, 'http.headers["X-Grüße"]: bad key: a header name must be 1–64 ASCII token characters'],
    ['a header value with a newline', { http: { ...https.http, headers: { 'X-Test': 'a\r\nInjected: 1' } } }, 'http.headers["X-Test"]: a header value must be printable ASCII'],
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
