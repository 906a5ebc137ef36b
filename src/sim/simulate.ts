import { lookUp, runDnsServer } from './apps/dns';
import { runHttp2Connection } from './apps/http2';
import { runHttpsConnection, type SessionCache } from './apps/https';
import type { LinkSpec } from './net/network';
import { Network } from './net/network';
import { openTcpPair, type AppHooks } from './net/tcpConnection';
import { MAX_EVENTS } from './core/eventQueue';
import { createPrng } from './prng';
import type { Scenario } from './scenario';
import type { TcpConfig } from './tcp/socket';
import type { Endpoint, NodeId, Packet, RequestTiming, SimEvent, Simulation } from './types';

/** Linux's tcp_syn_retries. */
const SYN_RETRIES = 6;

/** How far a simulation has come: the packets so far and the share of the response bytes sent (an estimate: it ignores resends). */
export interface SimProgress {
  packets: number;
  fraction: number;
}

/**
 * Runs a scenario on the discrete-event network: an optional DNS lookup over UDP, then one
 * or more HTTPS connections in turn (TCP, TLS 1.3 with real cryptography, HTTP/1.1), over
 * links with delay, bandwidth, queues and loss. Pure: the same scenario gives the same bytes.
 */
export function simulate(scenario: Scenario): Simulation {
  const run = simulation(scenario, Infinity);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/**
 * The same simulation in slices of `sliceEvents` events, reporting progress after each (a
 * page loading 100,000 packets yields between slices). Slicing changes no event and no byte.
 */
export function* simulation(scenario: Scenario, sliceEvents = 20_000): Generator<SimProgress, Simulation> {
  const prng = createPrng(scenario.seed);
  // Loss draws come from a stream of their own, so a loss rule never shifts ISNs or keys.
  const lossPrng = createPrng((scenario.seed ^ 0x5bd1e995) >>> 0);
  const endpoints: Partial<Record<NodeId, Endpoint>> = {
    client: { id: 'client', name: 'Client', ip: scenario.client.ip, port: scenario.client.port },
    server: { id: 'server', name: 'Server', ip: scenario.server.ip, port: scenario.server.port, host: scenario.server.host },
  };
  const links: LinkSpec[] = [linkSpec(scenario, 'client', 'server', scenario.link.rttMs)];
  if (scenario.dns) {
    endpoints.resolver = { id: 'resolver', name: 'Resolver', ip: scenario.dns.resolver.ip, port: scenario.dns.resolver.port };
    links.push(linkSpec(scenario, 'client', 'resolver', scenario.dns.rttMs));
  }
  const net = new Network(endpoints, links, prng, lossPrng);
  const config: TcpConfig = {
    mss: scenario.tcp.mss,
    receiveBuffer: scenario.tcp.window,
    windowScale: scenario.tcp.windowScale,
    initialWindowSegments: scenario.tcp.initialWindowSegments,
    minRtoUs: scenario.tcp.minRtoMs * 1000,
    delayedAck: scenario.tcp.delayedAck,
    sack: scenario.tcp.sack,
    timeWaitUs: scenario.tcp.timeWaitS * 1e6,
    synRetries: SYN_RETRIES,
  };
  const connections = scenario.http.connections ?? [{ requests: [scenario.http.path] }];
  const timing: RequestTiming[] = [];
  const keyLogs: (() => string)[] = [];
  // What the client keeps between connections (its ticket) and the server's ticket key.
  const sessionCache: SessionCache = {};

  const connect = (k: number, dns?: { startUs: number; endUs: number }) => {
    const teaching = scenario.isn === 'teaching';
    const apps: { client: AppHooks; server: AppHooks } = { client: {}, server: {} };
    const sockets = openTcpPair(
      net,
      k,
      { node: 'client', port: scenario.client.port + k, iss: teaching ? 100 + 1000 * k : prng.u32() },
      { node: 'server', port: scenario.server.port, iss: teaching ? 300 + 1000 * k : prng.u32() },
      config,
      apps,
    );
    const run = scenario.http.version === 'h2' ? runHttp2Connection : runHttpsConnection;
    const session = run(
      net,
      prng,
      sockets,
      apps,
      {
        scenario,
        stream: k,
        paths: connections[k].requests,
        tlsVersion: connections[k].tlsVersion,
        dns,
        sessionCache,
        // After the event that ended the previous connection has been handled in full.
        onDone: () => {
          if (k + 1 < connections.length) net.queue.post(net.nowUs, () => connect(k + 1));
        },
      },
      timing,
    );
    keyLogs.push(session.keyLog);
  };

  if (scenario.dns) {
    runDnsServer(net, scenario.dns, { [scenario.server.host.toLowerCase()]: scenario.server.ip });
    lookUp(net, prng, scenario.dns, scenario.server.host, (_address, startUs) => connect(0, { startUs, endUs: net.nowUs }));
  } else {
    connect(0);
  }
  const requestCount = connections.reduce((n, c) => n + c.requests.length, 0);
  const expectedBytes = Math.max(1, scenario.http.bodyBytes * requestCount);
  let sentBytes = 0;
  let counted = 0;
  for (let ran = 0; net.queue.size; ) {
    ran += net.queue.runSome(Math.min(sliceEvents, MAX_EVENTS - ran));
    if (net.queue.size && ran >= MAX_EVENTS) throw new Error(`EventQueue: more than ${MAX_EVENTS} events; the scenario does not finish`);
    // A report after each slice that leaves work to do (one run, sliceEvents = Infinity, leaves none).
    if (!net.queue.size) break;
    for (; counted < net.packets.length; counted++) {
      const p = net.packets[counted];
      if (p.from === 'server' && p.tcp && !p.retransmission) sentBytes += p.tcp.payloadLength;
    }
    yield { packets: net.packets.length, fraction: Math.min(0.99, sentBytes / expectedBytes) };
  }

  for (const p of net.packets) capture(p, scenario.capture);
  return {
    events: sortEvents(net.events),
    packets: net.packets,
    client: endpoints.client!,
    server: endpoints.server!,
    ...(endpoints.resolver ? { resolver: endpoints.resolver } : {}),
    rttUs: scenario.link.rttMs * 1000,
    initialStates: { client: 'CLOSED', server: 'LISTEN' },
    timers: net.timers.sort((a, b) => a.startUs - b.startUs),
    timing,
    keyLog: keyLogs.map((k) => k()).join(''),
  };
}

function linkSpec(scenario: Scenario, a: NodeId, b: NodeId, rttMs: number): LinkSpec {
  return {
    a,
    b,
    rttUs: rttMs * 1000,
    bandwidthMbps: scenario.link.bandwidthMbps,
    queuePackets: scenario.link.queuePackets,
    lossRate: scenario.link.lossRate,
    drops: scenario.link.drop,
  };
}

/**
 * When the capture sees the packet: at the client, what leaves it when it leaves and what
 * reaches it when it arrives (a lost packet is seen only by its sender's side); at the
 * server likewise; on the wire, by a tap in the middle of the link, just before the point
 * where the link loses packets (so it sees them, but not those a full queue refused).
 */
function capture(p: Packet, at: Scenario['capture']): void {
  if (at === 'wire') {
    if (p.lost?.atUs === p.sendUs) return;
    p.captureUs = p.lost ? p.lost.atUs : p.sendUs + Math.round((p.arriveUs - p.sendUs) / 2);
  } else if (p.from === at) p.captureUs = p.sendUs;
  else if (p.to === at && !p.lost) p.captureUs = p.arriveUs;
}

/** By time; events recorded together keep their causal order (Array.prototype.sort is stable, ES2019). */
function sortEvents(events: SimEvent[]): SimEvent[] {
  return [...events].sort((a, b) => a.atUs - b.atUs);
}
