import { getRequest, response } from '../http/messages';
import type { Network } from '../net/network';
import type { AppHooks } from '../net/tcpConnection';
import type { Prng } from '../prng';
import type { TcpSocket } from '../tcp/socket';
import type { StreamWrite } from '../tcp/sendStream';
import { createTlsConnection, type TlsWrite } from '../tls/connection';
import type { Phase, RequestTiming, TcpSegmentInfo } from '../types';
import type { Scenario } from '../scenario';
import { MessageReader } from './messageReader';
import { captionFor } from './writeCaptions';

type ToServer = 'client-hello' | 'client-finished' | 'request' | 'close-notify';
type ToClient = 'server-hello' | 'server-flight' | 'response' | 'close-notify';

/** Time between the server application seeing end-of-stream and closing its side. */
const SERVER_CLOSE_US = 1_000;

export interface HttpsConnectionOptions {
  scenario: Scenario;
  stream: number;
  paths: string[];
  /** DNS lookup that preceded this connection, for the first request's timing. */
  dns?: { startUs: number; endUs: number };
  /** The client has everything and the server has closed too: a next connection may start (as browsers do during TIME_WAIT). */
  onDone: () => void;
}

/**
 * The applications at both ends of one HTTPS connection: the client's TLS 1.3 handshake,
 * its requests in turn (HTTP/1.1 keep-alive), the server's answers, close_notify and the
 * client's active close. They only write to and read from their sockets; TCP decides the rest.
 */
export function runHttpsConnection(net: Network, prng: Prng, sockets: { client: TcpSocket; server: TcpSocket }, apps: { client: AppHooks; server: AppHooks }, o: HttpsConnectionOptions, timing: RequestTiming[]) {
  const { scenario } = o;
  const host = scenario.server.host;
  const tls = createTlsConnection(prng, host);
  const { client, server } = sockets;
  const ctx = { host, status: '', bodyBytes: scenario.http.bodyBytes };
  let requestIndex = 0;
  /** Requests the server has answered (or is answering), in order. */
  let answered = 0;
  let current: RequestTiming | undefined;
  const connectStartUs = net.nowUs;
  let connectEndUs = 0;
  let closedSides = 0;

  const write = (socket: TcpSocket, step: string, phase: Phase, w: TlsWrite) => {
    const sw: StreamWrite = { ...w, phase, caption: (seg: TcpSegmentInfo, part) => captionFor(step, seg, ctx, part) };
    socket.phase = phase;
    socket.write(sw);
    return w.data.length;
  };

  const toServer = new MessageReader<ToServer>((tag) => {
    switch (tag) {
      case 'client-hello':
        server.phase = 'tls';
        toClient.expect(write(server, 'server-hello', 'tls', tls.serverHello()), 'server-hello');
        toClient.expect(write(server, 'server-flight', 'tls', tls.serverFlight()), 'server-flight');
        break;
      case 'client-finished':
        net.note('server', '✓ TLS 1.3 handshake complete', 'tls-complete');
        break;
      case 'request': {
        server.phase = 'http';
        const i = answered++;
        net.queue.post(net.nowUs + scenario.serverThinkMs * 1000, () => {
          const last = i === o.paths.length - 1;
          const reply = response(scenario.http.status, scenario.http.contentType, host, scenario.http.bodyBytes, !last);
          ctx.status = reply.label;
          toClient.expect(write(server, 'response', 'http', tls.applicationData('server', reply)), 'response');
        });
        break;
      }
      case 'close-notify':
        break;
    }
  });

  const sendRequest = () => {
    const path = o.paths[requestIndex];
    const last = requestIndex === o.paths.length - 1;
    const request = getRequest(host, path, scenario.http.userAgent, scenario.http.headers, !last);
    const startUs = net.nowUs;
    toServer.expect(write(client, 'request', 'http', tls.applicationData('client', request)), 'request');
    current = { label: `GET ${path}`, stream: o.stream, phases: [] };
    if (requestIndex === 0) {
      if (o.dns) current.phases.push({ id: 'dns', startUs: o.dns.startUs, endUs: o.dns.endUs });
      current.phases.push({ id: 'connect', startUs: connectStartUs, endUs: connectEndUs }, { id: 'tls', startUs: connectEndUs, endUs: startUs });
    }
    // Nagle is off: the request leaves as it is written, so "Request sent" takes no time here.
    current.phases.push({ id: 'request', startUs, endUs: startUs });
    timing.push(current);
  };

  const toClient = new MessageReader<ToClient>((tag, firstByteUs) => {
    switch (tag) {
      case 'server-flight':
        net.note('client', 'client checked the certificate, signature and Finished; application keys ready');
        toServer.expect(write(client, 'client-finished', 'tls', tls.clientFinished()), 'client-finished');
        sendRequest();
        break;
      case 'response': {
        const phases = current!.phases;
        const requestSent = phases.at(-1)!;
        phases.push({ id: 'wait', startUs: requestSent.endUs, endUs: firstByteUs }, { id: 'download', startUs: firstByteUs, endUs: net.nowUs });
        net.note('client', `✓ ${ctx.status} received (${scenario.http.bodyBytes.toLocaleString('en-US')} bytes)`, 'response-complete');
        requestIndex++;
        if (requestIndex < o.paths.length) sendRequest();
        else net.queue.post(net.nowUs + scenario.clientLingerMs * 1000, closeClient);
        break;
      }
      default:
        break;
    }
  });

  const closeClient = () => {
    toServer.expect(write(client, 'client-close-notify', 'close', tls.closeNotify('client')), 'close-notify');
    client.close();
  };

  const readRate = scenario.tcp.clientReadBytesPerSecond;
  let reading = false;
  const clientRead = () => {
    if (readRate === undefined) return toClient.pull(client, net.nowUs);
    if (reading) return;
    reading = true;
    const tick = () => {
      toClient.pull(client, net.nowUs, client.smss);
      if (client.unreadBytes > 0) net.queue.post(net.nowUs + Math.round((client.smss / readRate) * 1e6), tick);
      else reading = false;
    };
    net.queue.post(net.nowUs + Math.round((client.smss / readRate) * 1e6), tick);
  };

  const bothClosed = () => {
    if (++closedSides === 2) net.note('client', '✓ Connection closed', 'closed');
  };

  Object.assign(apps.client, {
    onEstablished: () => {
      connectEndUs = net.nowUs;
      client.phase = 'tls';
      toServer.expect(write(client, 'client-hello', 'tls', tls.clientHello()), 'client-hello');
    },
    onData: clientRead,
    onPeerClosed: () => o.onDone(),
    onClosed: bothClosed,
  });
  Object.assign(apps.server, {
    onEstablished: () => net.note('server', '✓ Connection ESTABLISHED', 'established'),
    onData: () => toServer.pull(server, net.nowUs),
    onPeerClosed: () =>
      net.queue.post(net.nowUs + SERVER_CLOSE_US, () => {
        server.phase = 'close';
        write(server, 'server-close-notify', 'close', tls.closeNotify('server'));
        server.close();
      }),
    onClosed: bothClosed,
  });
  client.connect();
  return { keyLog: () => tls.keyLog() };
}
