import { describe, expect, it } from 'vitest';
import type { TcpConfig } from '../tcp/socket';
import type { Packet, TcpFlags } from '../types';
import { type LinkSpec, Network, type TcpRoute } from './network';
import { openTcpPair, type AppHooks } from './tcpConnection';
import type { Prng } from '../prng';

// Draws with no meaning here: IP ids and timestamp offsets only.
const counter = (): Prng => {
  let n = 0;
  return { u32: () => (n += 0x01234567) >>> 0, bytes: (k) => new Uint8Array(k) };
};
const config: TcpConfig = { mss: 1460, receiveBuffer: 65535, windowScale: 7, initialWindowSegments: 10, minRtoUs: 1_000_000, delayedAck: false, sack: true, timeWaitUs: 1_000_000, synRetries: 6 };
const network = (drops: LinkSpec['drops'] = []) =>
  new Network(
    { client: { id: 'client', name: 'Client', ip: '192.0.2.10', port: 40000 }, server: { id: 'server', name: 'Server', ip: '203.0.113.5', port: 443 } },
    [{ a: 'client', b: 'server', rttUs: 20_000, bandwidthMbps: 100, queuePackets: 100, lossRate: 0, drops }],
    counter(),
    counter(),
  );
const flags = (f: Partial<TcpFlags>): TcpFlags => ({ syn: false, ack: false, fin: false, psh: false, rst: false, ...f });
const stray = (from: 'client' | 'server'): TcpRoute => ({
  from,
  to: from === 'client' ? 'server' : 'client',
  stream: 0,
  srcPort: from === 'client' ? 40000 : 443,
  dstPort: from === 'client' ? 443 : 40000,
  windowScale: 7,
  phase: 'tcp',
  describe: () => ({ label: 'stray', caption: 'a stray segment' }),
});

function pair(c: TcpConfig = config) {
  const net = network();
  const calls: string[] = [];
  const apps: { client: AppHooks; server: AppHooks } = {
    client: { onEstablished: () => calls.push('client established'), onData: () => calls.push('client data'), onPeerClosed: () => calls.push('client peer closed'), onClosed: () => calls.push('client closed') },
    // The server's application reads what arrives (unread data would be announced again with the FIN).
    server: { onEstablished: () => calls.push('server established'), onData: () => (calls.push('server data'), sockets.server.read()), onPeerClosed: () => calls.push('server peer closed'), onClosed: () => calls.push('server closed') },
  };
  const sockets: ReturnType<typeof openTcpPair> = openTcpPair(net, 0, { node: 'client', port: 40000, iss: 1000 }, { node: 'server', port: 443, iss: 5000 }, c, apps);
  return { net, calls, ...sockets };
}

const write = (n: number) => ({ label: `${n} bytes`, phase: 'http' as const, topLayer: 'http' as const, data: new Uint8Array(n), layers: [], decrypted: [], caption: () => 'data' });

/** The server writes `bytes` once connected; its 2nd packet (its first data segment, after the SYN-ACK) is lost. */
function serverSendsWithItsFirstSegmentLost(c: TcpConfig, bytes: number): Network {
  const net = network([{ direction: 'server-to-client', index: 2, occurrence: 1 }]);
  const apps: { client: AppHooks; server: AppHooks } = { client: {}, server: {} };
  const { client, server } = openTcpPair(net, 0, { node: 'client', port: 40000, iss: 1000 }, { node: 'server', port: 443, iss: 5000 }, c, apps);
  apps.server.onEstablished = () => server.write(write(bytes));
  client.connect();
  net.queue.run();
  return net;
}

describe('openTcpPair: two sockets joined through the network', () => {
  it('the application hears each step, in order', () => {
    const { net, calls, client, server } = pair();
    client.connect();
    net.queue.post(100_000, () => client.write(write(10)));
    net.queue.post(200_000, () => client.close());
    net.queue.post(300_000, () => server.close());
    net.queue.run();
    expect(calls).toEqual(['client established', 'server established', 'server data', 'server peer closed', 'client peer closed', 'server closed', 'client closed']);
    expect(net.packets.slice(0, 3).map((p) => p.label)).toEqual(['SYN', 'SYN-ACK', 'ACK']);
    // The socket's state changes, timers and phase reach the network's record, named by node.
    const states = (node: string) => net.events.filter((e) => e.kind === 'state' && e.node === node).map((e) => (e as { to: string }).to);
    expect(states('client')).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
    expect(states('server')).toEqual(['SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    expect(net.timers.find((t) => t.node === 'client')).toMatchObject({ stream: 0, kind: 'syn', startUs: 0, fired: false });
    expect(net.timers.some((t) => t.node === 'client' && t.kind === 'time-wait' && t.fired)).toBe(true);
  });

  it('applications without hooks are fine: nothing is called that is not there', () => {
    const net = network();
    const { client, server } = openTcpPair(net, 0, { node: 'client', port: 40000, iss: 1000 }, { node: 'server', port: 443, iss: 5000 }, config, { client: {}, server: {} });
    client.connect();
    net.queue.post(100_000, () => client.write(write(10)));
    net.queue.post(200_000, () => client.close());
    net.queue.post(300_000, () => server.close());
    expect(() => net.queue.run()).not.toThrow();
    expect([client.state, server.state]).toEqual(['CLOSED', 'CLOSED']);
  });

  it('a control segment takes the phase its socket is in when it leaves', () => {
    const { net, client, server } = pair();
    client.connect();
    net.queue.post(100_000, () => {
      client.phase = 'close';
      server.phase = 'close';
      client.close();
    });
    net.queue.post(200_000, () => server.close());
    net.queue.run();
    const fins = net.packets.filter((p) => p.tcp!.flags.fin);
    expect(fins.map((p) => [p.from, p.label, p.phase])).toEqual([['client', 'FIN', 'close'], ['server', 'FIN', 'close']]);
    expect(net.packets[0].phase).toBe('tcp');
  });

  it('a lost data segment is told as a note from the sender (fast retransmit)', () => {
    const net = serverSendsWithItsFirstSegmentLost(config, 10_000);
    expect(net.events.some((e) => e.kind === 'note' && e.node === 'server' && e.text.startsWith('server  SACKs show a hole: fast retransmit'))).toBe(true);
  });

  it('the SYN’s options are read from its bytes: SACK is used when both SYNs offer it (RFC 2018 §2), so a hole is reported by SACK blocks', () => {
    for (const sack of [true, false]) {
      const net = serverSendsWithItsFirstSegmentLost({ ...config, sack }, 5000);
      const lost = net.packets.find((p) => p.lost)!;
      const dupAck = net.packets.find((p) => p.from === 'client' && p.tcp!.ack === lost.tcp!.seq && p.id > lost.id + 1)!;
      expect(dupAck.tcp!.sack).toEqual(sack ? [[(lost.tcp!.seq + 1448) >>> 0, expect.any(Number)]] : undefined);
    }
  });
});

describe('a segment for a closed connection (RFC 9293 §3.10.7.1)', () => {
  const closedPair = () => {
    const p = pair();
    p.client.connect();
    p.net.queue.post(50_000, () => p.client.close());
    p.net.queue.post(60_000, () => p.server.close());
    p.net.queue.run();
    expect([p.client.state, p.server.state]).toEqual(['CLOSED', 'CLOSED']);
    return p;
  };
  const answer = (p: ReturnType<typeof pair>, seg: { seq: number; ack: number; flags: TcpFlags; payloadBytes?: number }) => {
    const before = p.net.packets.length;
    p.net.queue.post(p.net.nowUs + 1000, () =>
      p.net.sendTcp(stray('server'), {
        seq: seg.seq,
        ack: seg.ack,
        flags: seg.flags,
        window: 65535,
        reason: 'ack',
        stateAfter: 'CLOSED',
        ...(seg.payloadBytes ? { payload: { label: 'data', phase: 'http', topLayer: 'http', bytes: new Uint8Array(seg.payloadBytes), layers: () => [], decrypted: [], caption: () => '' } } : {}),
      }),
    );
    p.net.queue.run();
    return p.net.packets.slice(before + 1) as Packet[];
  };

  it('with ACK set: <SEQ=SEG.ACK><CTL=RST>', () => {
    const [rst, ...more] = answer(closedPair(), { seq: 7000, ack: 1002, flags: flags({ ack: true, psh: true }), payloadBytes: 10 });
    expect(more).toEqual([]);
    expect(rst.from).toBe('client');
    expect([rst.label, rst.caption]).toEqual(['RST', 'Client has no connection for this segment: RST']);
    expect(rst.tcp).toMatchObject({ seq: 1002, flags: flags({ rst: true }), window: 0, payloadLength: 0 });
  });

  it('without ACK: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, SYN and FIN counting one each', () => {
    expect(answer(closedPair(), { seq: 7000, ack: 0, flags: flags({}), payloadBytes: 10 })[0].tcp).toMatchObject({ seq: 0, ack: 7010, flags: flags({ rst: true, ack: true }) });
    expect(answer(closedPair(), { seq: 7000, ack: 0, flags: flags({ syn: true }) })[0].tcp).toMatchObject({ seq: 0, ack: 7001, flags: flags({ rst: true, ack: true }) });
    expect(answer(closedPair(), { seq: 7000, ack: 0, flags: flags({ fin: true }), payloadBytes: 3 })[0].tcp).toMatchObject({ seq: 0, ack: 7004, flags: flags({ rst: true, ack: true }) });
    // Sequence numbers wrap at 2^32.
    expect(answer(closedPair(), { seq: 2 ** 32 - 1, ack: 0, flags: flags({ syn: true, fin: true }) })[0].tcp).toMatchObject({ ack: 1 });
  });

  it('a reset is never answered', () => {
    expect(answer(closedPair(), { seq: 7000, ack: 1002, flags: flags({ rst: true, ack: true }) })).toEqual([]);
  });

  it('a listening socket is not closed: it takes a SYN and answers it', () => {
    const { net } = pair();
    net.sendTcp(stray('client'), { seq: 1000, ack: 0, flags: flags({ syn: true }), window: 64240, reason: 'syn', synOptions: { mss: 1460, windowScale: 7, sackPermitted: true }, stateAfter: 'SYN_SENT' });
    net.queue.run();
    expect(net.packets[1].tcp).toMatchObject({ ack: 1001, flags: flags({ syn: true, ack: true }) });
  });
});
