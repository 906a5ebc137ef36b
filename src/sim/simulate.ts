import { getRequest, response } from './http/messages';
import { createPrng } from './prng';
import type { Scenario } from './scenario';
import { applicationData, clientFinished, clientHello, serverEncryptedFlight, serverHello, type TlsPayload } from './tls/handshake';
import type { NodeId, Packet, SimEvent, Simulation } from './types';
import { captionFor } from './captions';
import { createWire, type Payload } from './wire';

/** Linux keeps a closed connection in TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN); RFC 9293 suggests 2×MSL = 4 min. */
export const TIME_WAIT_US = 60_000_000;
/** Time between the server application seeing end-of-stream and closing its side. */
const SERVER_CLOSE_US = 1_000;

type Upper = Omit<Payload, 'caption'>;
const bare = (label: string): Upper => ({ label, topLayer: 'tcp', layers: [], bytes: 0 });
const tls = (p: TlsPayload): Upper => ({ label: p.label, topLayer: 'tls', layers: p.layers, bytes: p.bytes });

/**
 * Simulates one HTTPS request: TCP three-way handshake, TLS 1.3 1-RTT handshake,
 * an HTTP/1.1 GET and its response, then the client's active close and TIME_WAIT.
 * Pure: the same scenario always gives the same events.
 */
export function simulate(scenario: Scenario): Simulation {
  const prng = createPrng(scenario.seed);
  const wire = createWire(scenario, prng);
  const host = scenario.server.host;
  const step = new Map<number, string>();
  const captionContext = { host, status: '', bodyBytes: scenario.http.bodyBytes };
  const send = (from: NodeId, atUs: number, flags: Parameters<typeof wire.send>[2], payload: Omit<Payload, 'caption'>, kind: string): Packet => {
    const p = wire.send(from, atUs, flags, { ...payload, caption: '' });
    p.caption = captionFor(kind, p.tcp, captionContext);
    step.set(p.id, kind);
    return p;
  };

  const request = getRequest(host, scenario.http.path, scenario.http.userAgent);
  const reply = response(scenario.http.status, scenario.http.contentType, scenario.http.bodyBytes);
  captionContext.status = reply.label;
  const httpPayload = (msg: typeof request, from: NodeId): Upper => {
    const record = applicationData(msg.bytes, from);
    return { label: msg.label, topLayer: 'http', layers: [record.layer, msg.layer], bytes: record.bytes };
  };

  let closed = 0;
  const bothClosed = (node: NodeId, atUs: number, packetId?: number) => {
    closed++;
    if (closed === 2) wire.note(node, atUs, '✓ Connection closed', 'closed', packetId);
  };

  wire.setArrivalHandler((packet, at) => {
    const kind = step.get(packet.id);
    switch (kind) {
      case 'syn':
        send('server', at, { syn: true }, bare('SYN-ACK'), 'syn-ack');
        break;
      case 'syn-ack':
        send('client', at, {}, bare('ACK'), 'ack-of-syn');
        send('client', at, {}, tls(clientHello(prng, host)), 'client-hello');
        break;
      case 'ack-of-syn':
        wire.note('server', at, '✓ Connection ESTABLISHED', 'established', packet.id);
        break;
      case 'client-hello':
        send('server', at, {}, tls(serverHello(prng)), 'server-hello');
        send('server', at, {}, tls(serverEncryptedFlight(host)), 'server-flight');
        break;
      case 'server-flight':
        wire.note('client', at, 'client checked the certificate, signature and Finished; application keys ready', undefined, packet.id);
        send('client', at, {}, tls(clientFinished()), 'client-finished');
        send('client', at, {}, httpPayload(request, 'client'), 'request');
        break;
      case 'client-finished':
        wire.note('server', at, '✓ TLS 1.3 handshake complete', 'tls-complete', packet.id);
        break;
      case 'request':
        send('server', at + scenario.serverThinkMs * 1000, {}, httpPayload(reply, 'server'), 'response');
        break;
      case 'response':
        wire.note('client', at, `✓ ${reply.label} received (${scenario.http.bodyBytes} bytes)`, 'response-complete', packet.id);
        send('client', at, {}, bare('ACK'), 'ack');
        wire.schedule(at + scenario.clientLingerMs * 1000, () =>
          send('client', at + scenario.clientLingerMs * 1000, { fin: true }, bare('FIN'), 'client-fin'),
        );
        break;
      case 'client-fin':
        send('server', at, {}, bare('ACK'), 'ack-of-client-fin');
        wire.schedule(at + SERVER_CLOSE_US, () => send('server', at + SERVER_CLOSE_US, { fin: true }, bare('FIN'), 'server-fin'));
        break;
      case 'server-fin':
        send('client', at, {}, bare('ACK'), 'ack-of-server-fin');
        wire.schedule(at + TIME_WAIT_US, () => {
          wire.note('client', at + TIME_WAIT_US, 'client  TIME_WAIT timer (60 s) expired');
          wire.expireTimeWait('client', at + TIME_WAIT_US);
          bothClosed('client', at + TIME_WAIT_US);
        });
        break;
      case 'ack-of-server-fin':
        bothClosed('server', at, packet.id);
        break;
    }
  });

  send('client', 0, { syn: true }, bare('SYN'), 'syn');
  wire.run();

  return {
    events: sortEvents(wire.events),
    packets: wire.packets,
    client: wire.endpoints.client,
    server: wire.endpoints.server,
    rttUs: scenario.link.rttMs * 1000,
    initialStates: { client: 'CLOSED', server: 'LISTEN' },
  };
}

/** Stable sort by time: events recorded together keep their causal order. */
function sortEvents(events: SimEvent[]): SimEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.atUs - b.e.atUs || a.i - b.i)
    .map(({ e }) => e);
}
