import { describe, expect, it } from 'vitest';
import { Network } from '../net/network';
import { openTcpPair, type AppHooks } from '../net/tcpConnection';
import { response } from '../http/messages';
import { createPrng } from '../prng';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import type { TcpConfig } from './socket';
import type { StateEvent } from '../types';

// MSS 1460 with 12 bytes of timestamp options leaves 1448 payload bytes per segment (RFC 7323 §3,
// RFC 9293 §3.7.1: the MSS counts no options, so the sender subtracts them).
const config: TcpConfig = { mss: 1460, receiveBuffer: 65535, windowScale: 7, initialWindowSegments: 10, minRtoUs: 1_000_000, delayedAck: false, sack: true, timeWaitUs: 1_000_000, synRetries: 6 };
const PAYLOAD_PER_SEGMENT = 1460 - 12;

/** The payload sizes of the data segments the client sends after writing `n` bytes at once. */
function segmentsFor(n: number): number[] {
  const net = new Network(
    { client: { id: 'client', name: 'Client', ip: '192.0.2.10', port: 40000 }, server: { id: 'server', name: 'Server', ip: '203.0.113.5', port: 443 } },
    [{ a: 'client', b: 'server', rttUs: 20_000, bandwidthMbps: 100, queuePackets: 100, lossRate: 0, drops: [] }],
    createPrng(1),
    createPrng(2),
  );
  const apps: { client: AppHooks; server: AppHooks } = { client: {}, server: {} };
  const { client } = openTcpPair(net, 0, { node: 'client', port: 40000, iss: 1000 }, { node: 'server', port: 443, iss: 5000 }, config, apps);
  apps.client.onEstablished = () =>
    client.write({ label: 'data', phase: 'http', topLayer: 'tcp', data: new Uint8Array(n).fill(0x61), layers: [], decrypted: [], caption: () => 'data' });
  client.connect();
  net.queue.run();
  return net.packets.filter((p) => p.from === 'client' && p.tcp!.payloadLength > 0).map((p) => p.tcp!.payloadLength);
}

describe('segmentation at the MSS', () => {
  it.each([
    [1, [1]],
    [PAYLOAD_PER_SEGMENT - 1, [PAYLOAD_PER_SEGMENT - 1]],
    [PAYLOAD_PER_SEGMENT, [PAYLOAD_PER_SEGMENT]],
    [PAYLOAD_PER_SEGMENT + 1, [PAYLOAD_PER_SEGMENT, 1]],
    [2 * PAYLOAD_PER_SEGMENT, [PAYLOAD_PER_SEGMENT, PAYLOAD_PER_SEGMENT]],
  ])('a write of %i bytes leaves as segments of %j', (n, sizes) => {
    expect(segmentsFor(n)).toEqual(sizes);
  });
});

describe('HTTP/1.1 response framing (RFC 9112 §6.3)', () => {
  const ascii = (b: Uint8Array) => new TextDecoder().decode(b);
  it.each([0, 1, 100, 4096, 100_000])('Content-Length equals the bytes after the blank line (%i)', (n) => {
    const text = ascii(response(200, 'text/html; charset=utf-8', 'example.com', n).bytes);
    const split = text.indexOf('\r\n\r\n');
    const length = Number(/\r\nContent-Length: (\d+)\r\n/.exec(text.slice(0, split + 2))![1]);
    expect(length).toBe(n);
    expect(text.length - (split + 4)).toBe(n);
  });
});

describe('TIME_WAIT (RFC 9293 §3.6.1)', () => {
  /** How long the side that closed first (the one in TIME_WAIT) waits before CLOSED. */
  const timeWaitOf = (sim: ReturnType<typeof simulate>) => {
    const states = sim.events.filter((e): e is StateEvent => e.kind === 'state');
    const entered = states.find((e) => e.to === 'TIME_WAIT')!;
    const closed = states.find((e) => e.node === entered.node && e.to === 'CLOSED' && e.atUs > entered.atUs)!;
    return closed.atUs - entered.atUs;
  };
  const timeWaitUs = (timeWaitS: number) => {
    const s = findScenario('https')!;
    const sim = simulate({ ...s, tcp: { ...s.tcp, timeWaitS } });
    return timeWaitOf(sim);
  };
  it('waits 2 × MSL before CLOSED: 4 minutes with the RFC MSL of 2 minutes', () => {
    const MSL_S = 2 * 60; // RFC 9293 §3.4.2
    expect(timeWaitUs(2 * MSL_S)).toBe(240_000_000);
  });
  it("waits Linux's TCP_TIMEWAIT_LEN (60 s, include/net/tcp.h) by default", () => {
    const s = findScenario('https')!;
    expect(timeWaitOf(simulate(s))).toBe(60_000_000);
  });
});
