import { getRequest, response } from './http/messages';
import { createPrng } from './prng';
import type { Scenario } from './scenario';
import { captionFor } from './captions';
import { createTlsConnection, type TlsWrite } from './tls/connection';
import type { NodeId, Packet, Phase, SimEvent, Simulation, TcpFlags } from './types';
import { createWire } from './wire';

/** Linux keeps a closed connection in TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN); RFC 9293 suggests 2×MSL = 4 min. */
export const TIME_WAIT_US = 60_000_000;
/** Time between the server application seeing end-of-stream and closing its side. */
const SERVER_CLOSE_US = 1_000;

type Step =
  | 'syn' | 'syn-ack' | 'ack-of-syn' | 'client-hello' | 'server-hello' | 'server-flight' | 'client-finished'
  | 'request' | 'response' | 'ack' | 'client-close-notify' | 'client-fin' | 'ack-of-client-fin'
  | 'server-close-notify' | 'server-fin' | 'ack-of-server-fin';

const phaseOf: Record<Step, Phase> = {
  syn: 'tcp', 'syn-ack': 'tcp', 'ack-of-syn': 'tcp',
  'client-hello': 'tls', 'server-hello': 'tls', 'server-flight': 'tls', 'client-finished': 'tls',
  request: 'http', response: 'http', ack: 'http',
  'client-close-notify': 'close', 'client-fin': 'close', 'ack-of-client-fin': 'close', 'server-close-notify': 'close', 'server-fin': 'close', 'ack-of-server-fin': 'close',
};

/**
 * Simulates one HTTPS request: TCP three-way handshake, TLS 1.3 1-RTT handshake with
 * real cryptography, an HTTP/1.1 GET and its response, close_notify, then the client's
 * active close and TIME_WAIT. Pure: the same scenario always gives the same bytes.
 */
export function simulate(scenario: Scenario): Simulation {
  const prng = createPrng(scenario.seed);
  const wire = createWire(scenario, prng);
  const host = scenario.server.host;
  const tls = createTlsConnection(prng, host);
  const request = getRequest(host, scenario.http.path, scenario.http.userAgent, scenario.http.headers);
  const reply = response(scenario.http.status, scenario.http.contentType, host, scenario.http.bodyBytes);
  const captionContext = { host, status: reply.label, bodyBytes: scenario.http.bodyBytes };
  const stepOf = new Map<number, Step>();

  const send = (from: NodeId, atUs: number, flags: Partial<TcpFlags>, step: Step, write?: TlsWrite): Packet => {
    const label = write?.label ?? (flags.syn ? (from === 'client' ? 'SYN' : 'SYN-ACK') : flags.fin ? 'FIN' : 'ACK');
    const segments = wire.send(from, atUs, flags, {
      label,
      phase: phaseOf[step],
      caption: (segment, part) => captionFor(step, segment, captionContext, part),
      topLayer: write?.topLayer ?? 'tcp',
      data: write?.data ?? new Uint8Array(),
      layers: write?.layers ?? [],
      decrypted: write?.decrypted ?? [],
    });
    const last = segments[segments.length - 1];
    stepOf.set(last.id, step);
    return last;
  };

  let closed = 0;
  const bothClosed = (node: NodeId, atUs: number, packetId?: number) => {
    closed++;
    if (closed === 2) wire.note(node, atUs, '✓ Connection closed', 'closed', packetId);
  };

  wire.setArrivalHandler((packet, at) => {
    switch (stepOf.get(packet.id)) {
      case 'syn':
        send('server', at, { syn: true }, 'syn-ack');
        break;
      case 'syn-ack':
        send('client', at, {}, 'ack-of-syn');
        send('client', at, {}, 'client-hello', tls.clientHello());
        break;
      case 'ack-of-syn':
        wire.note('server', at, '✓ Connection ESTABLISHED', 'established', packet.id);
        break;
      case 'client-hello':
        send('server', at, {}, 'server-hello', tls.serverHello());
        send('server', at, {}, 'server-flight', tls.serverFlight());
        break;
      case 'server-flight':
        wire.note('client', at, 'client checked the certificate, signature and Finished; application keys ready', undefined, packet.id);
        send('client', at, {}, 'client-finished', tls.clientFinished());
        send('client', at, {}, 'request', tls.applicationData('client', request));
        break;
      case 'client-finished':
        wire.note('server', at, '✓ TLS 1.3 handshake complete', 'tls-complete', packet.id);
        break;
      case 'request':
        send('server', at + scenario.serverThinkMs * 1000, {}, 'response', tls.applicationData('server', reply));
        break;
      case 'response': {
        wire.note('client', at, `✓ ${reply.label} received (${scenario.http.bodyBytes} bytes)`, 'response-complete', packet.id);
        send('client', at, {}, 'ack');
        const closeAt = at + scenario.clientLingerMs * 1000;
        wire.schedule(closeAt, () => {
          send('client', closeAt, {}, 'client-close-notify', tls.closeNotify('client'));
          send('client', closeAt, { fin: true }, 'client-fin');
        });
        break;
      }
      case 'client-fin':
        send('server', at, {}, 'ack-of-client-fin');
        wire.schedule(at + SERVER_CLOSE_US, () => {
          send('server', at + SERVER_CLOSE_US, {}, 'server-close-notify', tls.closeNotify('server'));
          send('server', at + SERVER_CLOSE_US, { fin: true }, 'server-fin');
        });
        break;
      case 'server-fin':
        send('client', at, {}, 'ack-of-server-fin');
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

  send('client', 0, { syn: true }, 'syn');
  wire.run();

  return {
    events: sortEvents(wire.events),
    packets: wire.packets,
    client: wire.endpoints.client,
    server: wire.endpoints.server,
    rttUs: scenario.link.rttMs * 1000,
    initialStates: { client: 'CLOSED', server: 'LISTEN' },
    keyLog: tls.keyLog(),
  };
}

/** Stable sort by time: events recorded together keep their causal order. */
function sortEvents(events: SimEvent[]): SimEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.atUs - b.e.atUs || a.i - b.i)
    .map(({ e }) => e);
}
