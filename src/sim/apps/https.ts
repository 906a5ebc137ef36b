import { fromBase64 } from '../bytes/hex';
import { httpDate, SIM_EPOCH_S } from '../epoch';
import { getRequest, response } from '../http/messages';
import { HttpReader } from '../http/reader';
import type { Network } from '../net/network';
import type { AppHooks } from '../net/tcpConnection';
import type { Prng } from '../prng';
import type { Scenario } from '../scenario';
import type { TcpSocket } from '../tcp/socket';
import type { StreamWrite } from '../tcp/sendStream';
import { TlsClient } from '../tls/client';
import { TlsClient12 } from '../tls/client12';
import { TlsServer } from '../tls/server';
import { TlsServer12 } from '../tls/server12';
import { rootCertificateDer } from '../tls/testCertificates';
import type { SessionTicket } from '../tls/psk';
import type { TlsWrite } from '../tls/writes';
import { CHROME_SHARES, chromeProfile } from '../tls/chromeHello';
import { curlProfile } from '../tls/hello';

import type { Phase, RequestTiming, TcpSegmentInfo } from '../types';
import { serverTlsOptions } from './serverTls';
import { requestNotSent, runTlsOverTcp, setupPhases } from './tlsOverTcp';
import { type CaptionContext, captionFor } from './writeCaptions';

/** Time between the server application seeing end-of-stream and closing its side. */
const SERVER_CLOSE_US = 1_000;

export interface HttpsConnectionOptions {
  scenario: Scenario;
  stream: number;
  paths: string[];
  /** Absent: TLS 1.3. */
  tlsVersion?: '1.2' | '1.3';
  /** DNS lookup that preceded this connection, for the first request's timing. */
  dns?: { startUs: number; endUs: number };
  /** Shared by the connections of one run: tickets reach the next connection through it. */
  sessionCache?: SessionCache;
  /** The client has everything and the server has closed too: a next connection may start (as browsers do during TIME_WAIT). */
  onDone: () => void;
}

export interface SessionCache {
  /** The newest ticket the client received, and when. */
  ticket?: { ticket: SessionTicket; receivedUs: number };
  /** One server, one ticket key: it opens the tickets it sealed on an earlier connection. */
  ticketKey?: Uint8Array;
}

/** OpenSSL's SSL_CTX_set_max_early_data as servers that enable 0-RTT set it (nginx: ssl_early_data on). */
const MAX_EARLY_DATA = 16384;

/**
 * The applications at both ends of one HTTPS connection. The client (curl's ClientHello) and the
 * server (OpenSSL's habits) are separate TLS endpoints that only read and write their sockets and
 * react to what they parse; HTTP/1.1 messages are framed by their headers. With `Connection:
 * close` on the last exchange the server closes first (RFC 9112 §9.6): response, close_notify,
 * FIN; the client answers with its own close_notify and FIN.
 */
export function runHttpsConnection(net: Network, prng: Prng, sockets: { client: TcpSocket; server: TcpSocket }, apps: { client: AppHooks; server: AppHooks }, o: HttpsConnectionOptions, timing: RequestTiming[]) {
  const { scenario } = o;
  const host = scenario.server.host;
  const { client, server } = sockets;
  const resumption = scenario.tls?.resumption ?? 'off';
  const cache = resumption === 'off' ? undefined : o.sessionCache;
  const offered = cache?.ticket;
  const chrome = scenario.tls?.profile === 'chrome';
  const tlsVersion = o.tlsVersion ?? '1.3';
  const ctx: CaptionContext = { host, status: '', bodyBytes: scenario.http.bodyBytes, offered: !!offered, tls: tlsVersion, shares: chrome ? CHROME_SHARES : undefined };
  // The handshake's round trips as the client lives them: a flight sent, then a wait for the server's answer.
  let handshakeRoundTrips = 0;
  let awaitingServer = false;
  let handshakeDone = false;
  let tlsPhase: { id: 'tls'; startUs: number; endUs: number; protocol: string; roundTrips: number } | undefined;
  let requestIndex = 0;
  let answered = 0;
  let current: RequestTiming | undefined;
  const connectStartUs = net.nowUs;
  let connectEndUs = 0;
  let clientClosing = false;
  let serverClosing = false;
  /** After a fatal alert (RFC 8446 §6.2) there is no close_notify: the side just closes its socket. */
  let tlsFailed = false;
  let serverHandshakeDone = false;
  let closeWhenHandshakeDone = false;
  const closeServer = () => {
    if (serverClosing) return;
    // A 0-RTT request may be answered before the client's Finished; the close waits for it (and the tickets).
    if (!serverHandshakeDone && !tlsFailed) {
      closeWhenHandshakeDone = true;
      return;
    }
    serverClosing = true;
    server.phase = 'close';
    if (!tlsFailed) tlsServer.close();
    server.close();
  };

  const writer = (socket: TcpSocket) => (step: string, w: TlsWrite) => {
    ctx.resumed = tlsClient.resumed || tlsServer.resumed;
    ctx.earlyData = tlsClient.earlyDataAccepted || tlsServer.earlyDataAccepted;
    const phase: Phase = step === 'request' || step === 'response' || step === 'early-data' ? 'http' : step.endsWith('close-notify') ? 'close' : 'tls';
    const sw: StreamWrite = { ...w, phase, caption: (seg: TcpSegmentInfo, part) => captionFor(step, seg, ctx, part) };
    socket.phase = phase;
    socket.write(sw);
    if (socket === client && phase === 'tls' && !handshakeDone) awaitingServer = true;
  };

  const resume = offered && { ticket: offered.ticket, ageMs: (net.nowUs - offered.receivedUs) / 1000, earlyData: resumption === '0-rtt' };
  const profile = chrome ? chromeProfile : curlProfile;
  // A TLS 1.2 connection uses its own profile (curl told --tls-max 1.2).
  const tlsClient: TlsClient | TlsClient12 = new (tlsVersion === '1.2' ? TlsClient12 : TlsClient)(prng, { host, profile: tlsVersion === '1.2' ? undefined : profile, trustedRoot: fromBase64(rootCertificateDer), nowSeconds: SIM_EPOCH_S, resume }, {
    send: writer(client),
    handshakeComplete: () => {
      if (tlsPhase) tlsPhase.endUs = net.nowUs;
      handshakeDone = true;
      awaitingServer = false;
      if (tlsPhase) tlsPhase.roundTrips = handshakeRoundTrips;
      // The banner counts the round trips, the lesson of tls12-vs-tls13 (TLS 1.3's banner is left as it was).
      if (tlsVersion === '1.2') net.note('client', `✓ TLS 1.2 handshake complete: ${handshakeRoundTrips} round trips`, 'tls-complete');
      if (tlsClient.resumed) net.note('client', `client resumed with its ticket (PSK and a fresh x25519 exchange): no certificate this time; it checked the server Finished${tlsClient.earlyDataAccepted ? '; the server took the 0-RTT request' : ''}`);
      else net.note('client', `client checked the certificate chain to its root, the name ${host}, the signature and Finished; application keys ready`);
      // Without accepted early data the request goes now, under the application keys (RFC 8446 §4.2.10).
      if (!tlsClient.earlyDataAccepted) sendRequest();
    },
    ticket: () => {
      if (cache) cache.ticket = { ticket: (tlsClient as TlsClient).sessionTickets().at(-1)!, receivedUs: net.nowUs };
    },
    data: (bytes) => responses.push(bytes, net.nowUs),
    // The client closes when the stream ends (the FIN behind the close_notify), not before it.
    closeNotify: () => {},
    failed: (alert, reason, sent) => {
      tlsFailed = true;
      net.note('client', `✕ TLS alert ${alert} ${sent ? 'sent' : 'received'}: ${reason}`);
      timing.push(requestNotSent(o, alert, connectStartUs, connectEndUs, net.nowUs));
      // curl gives up at once: the alert, then its FIN (no close_notify after a fatal alert).
      clientClosing = true;
      client.phase = 'close';
      client.close();
    },
  });

  const tlsServer: TlsServer | TlsServer12 = new (tlsVersion === '1.2' ? TlsServer12 : TlsServer)(prng, {
    ...serverTlsOptions(scenario, ['http/1.1']),
    ticketKey: cache?.ticketKey,
    maxEarlyData: resumption === '0-rtt' ? MAX_EARLY_DATA : undefined,
  }, {
    send: writer(server),
    handshakeComplete: () => {
      serverHandshakeDone = true;
      // TLS 1.2 ends at the client, with the server's Finished: the client's note is the milestone there.
      net.note('server', `✓ TLS ${tlsVersion} handshake complete${tlsServer.resumed ? ' (resumed)' : ''}`, tlsVersion === '1.3' ? 'tls-complete' : undefined);
      if (closeWhenHandshakeDone) closeServer();
    },
    data: (bytes) => {
      if (tlsServer.earlyDataAccepted && !earlyNoted) {
        earlyNoted = true;
        net.note('server', 'request arrived as 0-RTT early data, before the handshake completed: the server answers it now, though an attacker could replay it (RFC 8446 §8)');
      }
      requests.push(bytes, net.nowUs);
    },
    closeNotify: () => {},
    failed: (alert, reason, sent) => {
      tlsFailed = true;
      net.note('server', `✕ TLS alert ${alert} ${sent ? 'sent' : 'received'}: ${reason}`);
      // The server application drops a connection whose handshake failed.
      net.queue.post(net.nowUs + SERVER_CLOSE_US, closeServer);
    },
  });

  // A TLS 1.2 server here issues no tickets (it keeps no session state).
  if (cache && tlsServer instanceof TlsServer) cache.ticketKey ??= tlsServer.ticketKey;
  let earlyNoted = false;

  const requests = new HttpReader(() => {
    server.phase = 'http';
    const i = answered++;
    net.queue.post(net.nowUs + scenario.serverThinkMs * 1000, () => {
      const last = i === o.paths.length - 1;
      const reply = response(scenario.http.status, scenario.http.contentType, host, scenario.http.bodyBytes, !last, httpDate(net.nowUs));
      ctx.status = reply.label;
      tlsServer.send(reply);
      // Connection: close — the server closes once the response is written.
      if (last) closeServer();
    });
  });

  const sendRequest = () => {
    const path = o.paths[requestIndex];
    const last = requestIndex === o.paths.length - 1;
    const request = getRequest(host, path, scenario.http.userAgent, scenario.http.headers, !last);
    const startUs = net.nowUs;
    const early = tlsClient.canSendEarlyData;
    tlsClient.send(request);
    if (early) net.note('client', `${request.label} sent as 0-RTT early data, right behind the ClientHello: the handshake has not completed`);
    current = { label: `GET ${path}${early ? ' (0-RTT)' : ''}`, stream: o.stream, phases: [] };
    if (requestIndex === 0) {
      // 0-RTT: the TLS bar runs on past the request; its end is set when the handshake completes.
      tlsPhase = { id: 'tls', startUs: connectEndUs, endUs: startUs, protocol: `TLS ${tlsVersion}`, roundTrips: handshakeRoundTrips };
      current.phases.push(...setupPhases(o, connectStartUs, connectEndUs, tlsPhase));
    }
    // Nagle is off: the request leaves as it is written, so "Request sent" takes no time here.
    current.phases.push({ id: 'request', startUs, endUs: startUs });
    timing.push(current);
  };

  const responses = new HttpReader((m) => {
    const phases = current!.phases;
    const requestSent = phases.at(-1)!;
    phases.push({ id: 'wait', startUs: requestSent.endUs, endUs: m.firstByteUs }, { id: 'download', startUs: m.firstByteUs, endUs: net.nowUs });
    net.note('client', `✓ ${ctx.status} received (${m.bodyLength.toLocaleString('en-US')} bytes)`, 'response-complete');
    requestIndex++;
    if (requestIndex < o.paths.length) sendRequest();
    // If the server has not closed by then, the client does (it has all it asked for).
    else net.queue.post(net.nowUs + scenario.clientLingerMs * 1000, closeClient);
  });

  const closeClient = () => {
    if (clientClosing) return;
    clientClosing = true;
    tlsClient.close();
    client.close();
  };

  const readRate = scenario.tcp.clientReadBytesPerSecond;
  let reading = false;
  const pull = (max?: number) => {
    for (const chunk of client.read(max)) {
      if (awaitingServer) {
        awaitingServer = false;
        handshakeRoundTrips++;
      }
      tlsClient.receive(chunk);
    }
  };
  const clientRead = () => {
    if (readRate === undefined) return pull();
    if (reading) return;
    reading = true;
    const tick = () => {
      pull(client.smss);
      if (client.unreadBytes > 0) net.queue.post(net.nowUs + Math.round((client.smss / readRate) * 1e6), tick);
      else reading = false;
    };
    net.queue.post(net.nowUs + Math.round((client.smss / readRate) * 1e6), tick);
  };

  runTlsOverTcp(net, sockets, apps, { client: tlsClient, server: tlsServer }, {
    connected: () => (connectEndUs = net.nowUs),
    helloSent: () => {
      if (tlsClient.canSendEarlyData) sendRequest();
    },
    clientData: clientRead,
    closeClient,
    // A client that closed first (it stopped waiting) gets the server's close a moment later.
    serverPeerClosed: () => net.queue.post(net.nowUs + SERVER_CLOSE_US, closeServer),
    done: o.onDone,
  });
  return { keyLog: () => tlsClient.keyLog() };
}
