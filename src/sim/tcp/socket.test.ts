import { describe, expect, it } from 'vitest';
import { Network } from '../net/network';
import { openTcpPair, type AppHooks } from '../net/tcpConnection';
import { createPrng } from '../prng';
import { parseScenario, type Scenario } from '../scenario';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import type { NodeId, StateEvent } from '../types';
import type { TcpConfig } from './socket';

const base = findScenario('https')!;
const variant = (patch: (s: Scenario) => Partial<Scenario>): Scenario => parseScenario({ ...base, ...patch(base) });
describe('TCP on the simulated network (one test per RFC behaviour)', { timeout: 30_000 }, () => {
  it('resends a lost SYN after 1 s, and again after 2 s more when that is lost too (RFC 6298 §2.1, §5.5)', () => {
    const sim = simulate(variant((s) => ({ link: { ...s.link, drop: [{ direction: 'client-to-server', label: 'SYN', occurrence: 1 }, { direction: 'client-to-server', label: 'SYN', occurrence: 2 }] } })));
    const syns = sim.packets.filter((p) => p.label === 'SYN');
    expect(syns.map((p) => p.sendUs)).toEqual([0, 1_000_000, 3_000_000]);
    expect(syns.map((p) => p.retransmission)).toEqual([undefined, 'timeout', 'timeout']);
    expect(syns.map((p) => !!p.lost)).toEqual([true, true, false]);
  });

  it("does not time a resent SYN (Karn's rule) and so starts data with a 3 s timer (RFC 6298 §5.7)", () => {
    const firstDataTimer = (id: string) => {
      const sim = simulate(findScenario(id)!);
      const t = sim.timers.find((x) => x.node === 'client' && x.kind === 'retransmission')!;
      return t.dueUs - t.startUs;
    };
    expect(firstDataTimer('lost-syn')).toBe(3_000_000);
    expect(firstDataTimer('https')).toBe(1_000_000);
  });

  it('fast-retransmits after exactly three duplicate ACKs, without SACK (RFC 5681 §3.2)', () => {
    const lost = findScenario('lost-segment')!;
    const sim = simulate({ ...lost, tcp: { ...lost.tcp, sack: false } });
    const decided = sim.events.find((e) => e.kind === 'note' && e.text.includes('fast retransmit'))!;
    const dupAcksIn = sim.events.filter((e) => e.kind === 'arrive' && e.packet.to === 'server' && e.packet.label === 'dup ACK' && e.atUs <= decided.atUs);
    expect(dupAcksIn).toHaveLength(3);
    const resent = sim.packets.filter((p) => p.retransmission);
    expect(resent[0].retransmission).toBe('fast');
    expect(resent[0].tcp!.seq).toBe(sim.packets.find((p) => p.lost)!.tcp!.seq);
    expect(sim.packets.some((p) => p.tcp?.sack)).toBe(false);
  });

  it('with SACK, tells the sender which later segments arrived (RFC 2018), and the sender resends only the hole', () => {
    const sim = simulate(findScenario('lost-segment')!);
    const lost = sim.packets.find((p) => p.lost)!;
    const dup = sim.packets.find((p) => p.label === 'dup ACK')!;
    expect(dup.tcp!.ack).toBe(lost.tcp!.seq);
    expect(dup.tcp!.sack![0][0]).toBe((lost.tcp!.seq + lost.tcp!.payloadLength) >>> 0);
    expect(sim.packets.filter((p) => p.retransmission)).toHaveLength(1);
  });

  it('opens with 10 segments (RFC 6928) and doubles the window each round trip in slow start', () => {
    const sim = simulate(findScenario('slow-link')!);
    // After the handshake flight: the two NewSessionTickets (one 266-byte segment), then the response.
    const data = sim.packets.filter((p) => p.from === 'server' && p.tcp!.payloadLength > 0 && !p.label.startsWith('ServerHello'));
    expect(data[0].label).toBe('2× NewSessionTicket');
    expect(data[0].sender).toMatchObject({ cwndBytes: 10 * 1448, mode: 'slow-start' });
    // A flight ends where the next segment waits a round trip (the link's RTT is 300 ms) for an ACK.
    const flights: (typeof data)[] = [[]];
    for (const [i, p] of data.entries()) {
      if (i && p.sendUs - data[i - 1].sendUs > 150_000) flights.push([]);
      flights.at(-1)!.push(p);
    }
    expect(flights[0]).toHaveLength(10);
    expect(flights[0].at(-1)!.sender!.cwndBytes).toBe(10 * 1448);
    // Each ACK of the first flight adds the bytes it acknowledges: 266 + 9 × 1448 more (RFC 5681 §3.1).
    expect(flights[1][0].sender!.cwndBytes).toBeGreaterThanOrEqual(10 * 1448 + 266);
    expect(flights[1].at(-1)!.sender!.cwndBytes).toBe(20 * 1448 + 266 - 1448);
    expect(flights[1]).toHaveLength(19);
  });

  it('probes a zero window and resumes on the window update (RFC 9293 §3.8.6.1)', () => {
    // 23,168 bytes = 16 full segments and a multiple of the 128-byte window unit: the buffer
    // fills exactly. The reader takes 1.45 s per segment, longer than the 1 s probe timer.
    const sim = simulate(variant((s) => ({ tcp: { ...s.tcp, window: 23_168, clientReadBytesPerSecond: 1000 }, http: { ...s.http, bodyBytes: 30_000 } })));
    const labels = sim.packets.map((p) => `${p.from}:${p.label}`);
    const zero = labels.indexOf('client:ACK win=0');
    expect(zero).toBeGreaterThan(0);
    const probe = sim.packets.find((p) => p.label === 'probe')!;
    expect(probe.tcp!.payloadLength).toBe(1);
    expect(labels.indexOf('client:win update')).toBeGreaterThan(zero);
    expect(sim.timers.some((t) => t.kind === 'persist' && t.fired)).toBe(true);
    expect(sim.events.some((e) => e.kind === 'note' && e.text.includes('✓ 200 OK received (30,000 bytes)'))).toBe(true);
  });

  it('recovers a lost tail only by the retransmission timer, with the window back to one segment', () => {
    const sim = simulate(findScenario('lost-tail')!);
    const resent = sim.packets.find((p) => p.retransmission)!;
    const original = sim.packets.find((p) => p.lost)!;
    expect(resent.retransmission).toBe('timeout');
    expect(resent.tcp!.seq).toBe(original.tcp!.seq);
    expect(resent.sendUs - original.sendUs).toBeGreaterThanOrEqual(1_000_000);
    expect(resent.sender).toMatchObject({ cwndBytes: 1448, mode: 'rto-recovery' });
    expect(sim.packets.some((p) => p.label === 'dup ACK')).toBe(false);
  });
});

describe('TCP sockets driven directly', () => {
  const config: TcpConfig = { mss: 1460, receiveBuffer: 65535, windowScale: 7, initialWindowSegments: 10, minRtoUs: 1_000_000, delayedAck: false, sack: true, timeWaitUs: 1_000_000, synRetries: 6 };
  const network = () =>
    new Network(
      { client: { id: 'client', name: 'Client', ip: '192.0.2.10', port: 40000 }, server: { id: 'server', name: 'Server', ip: '203.0.113.5', port: 443 } },
      [{ a: 'client', b: 'server', rttUs: 20_000, bandwidthMbps: 100, queuePackets: 100, lossRate: 0, drops: [] }],
      createPrng(1),
      createPrng(2),
    );
  const states = (net: Network, node: NodeId) => net.events.filter((e): e is StateEvent => e.kind === 'state' && e.node === node).map((e) => e.to);

  it('closes simultaneously through CLOSING on both sides (RFC 9293 §3.6, case 2)', () => {
    const net = network();
    const apps: { client: AppHooks; server: AppHooks } = { client: {}, server: {} };
    const { client, server } = openTcpPair(net, 0, { node: 'client', port: 40000, iss: 1000 }, { node: 'server', port: 443, iss: 5000 }, config, apps);
    apps.server.onEstablished = () => {
      // Both applications close at the same instant, before either FIN arrives.
      net.queue.post(net.nowUs + 50_000, () => {
        client.close();
        server.close();
      });
    };
    client.connect();
    net.queue.run();
    const closing = ['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT', 'CLOSED'];
    expect(states(net, 'client')).toEqual(['SYN_SENT', 'ESTABLISHED', ...closing]);
    expect(states(net, 'server')).toEqual(['SYN_RCVD', 'ESTABLISHED', ...closing]);
  });

  it('answers a segment for a closed connection with a reset (RFC 9293 §3.10.7.1)', () => {
    const net = network();
    const apps: { client: AppHooks; server: AppHooks } = { client: {}, server: {} };
    const { client, server } = openTcpPair(net, 0, { node: 'client', port: 40000, iss: 1000 }, { node: 'server', port: 443, iss: 5000 }, config, apps);
    apps.client.onEstablished = () => client.close();
    apps.server.onPeerClosed = () => server.close();
    client.connect();
    net.queue.run(); // both closed; the client's TIME_WAIT (1 s here) is over
    expect(client.state).toBe('CLOSED');
    net.queue.post(net.nowUs + 1000, () => {
      net.sendTcp(
        { from: 'server', to: 'client', stream: 0, srcPort: 443, dstPort: 40000, windowScale: 7, phase: 'tcp', describe: () => ({ label: 'stray', caption: 'a stray segment' }) },
        { seq: 5002, ack: 1002, flags: { syn: false, ack: true, fin: false, psh: true, rst: false }, window: 65535, reason: 'ack', stateAfter: 'CLOSED' },
      );
    });
    net.queue.run();
    const rst = net.packets.at(-1)!;
    expect(rst).toMatchObject({ from: 'client', label: 'RST' });
    expect(rst.tcp).toMatchObject({ seq: 1002, flags: { rst: true } });
  });
});

describe('DNS over UDP', () => {
  it('asks again when its timer fires, since UDP itself never retransmits', () => {
    const dns = findScenario('dns-then-https')!;
    const sim = simulate({ ...dns, link: { ...dns.link, drop: [{ direction: 'client-to-resolver', index: 1, occurrence: 1 }] } });
    const queries = sim.packets.filter((p) => p.label === 'DNS query');
    expect(queries.map((p) => p.sendUs)).toEqual([0, dns.dns!.timeoutMs * 1000]);
    expect(queries[0].lost).toBeDefined();
    expect(sim.timers.filter((t) => t.kind === 'dns').map((t) => t.fired)).toEqual([true, false]);
    const syn = sim.packets.find((p) => p.label === 'SYN')!;
    expect(syn.sendUs).toBe(sim.packets.find((p) => p.label === 'DNS answer')!.arriveUs);
    expect(sim.timing[0].phases[0]).toMatchObject({ id: 'dns', startUs: 0, endUs: syn.sendUs });
  });
});
