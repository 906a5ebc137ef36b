import type { Network } from '../net/network';
import type { AppHooks } from '../net/tcpConnection';
import type { TcpSocket } from '../tcp/socket';
import type { RequestTiming } from '../types';
import type { HttpsConnectionOptions } from './https';

interface TlsEnd {
  receive(bytes: Uint8Array): void;
}

/**
 * The TCP side of one HTTPS connection, alike for HTTP/1.1 and HTTP/2. When the client's
 * connection is up its TLS endpoint starts; what the server's socket reads goes to its TLS
 * endpoint; the client closes when the server has, and then the run may go on (a next connection
 * starts during TIME_WAIT, as browsers do); the server closes as `serverPeerClosed` decides; a
 * note marks the moment both sides are closed. Sends the client's SYN.
 */
export function runTlsOverTcp(
  net: Network,
  sockets: { client: TcpSocket; server: TcpSocket },
  apps: { client: AppHooks; server: AppHooks },
  tls: { client: TlsEnd & { start(): void }; server: TlsEnd },
  on: {
    /** The client's connection is up; its ClientHello goes next. */
    connected(): void;
    /** The ClientHello is written: 0-RTT data may follow it. */
    helloSent?(): void;
    /** Reading the client's socket; by default all of it at once. */
    clientData?(): void;
    closeClient(): void;
    serverPeerClosed(): void;
    /** The client has closed after the server: the connection is done. */
    done(): void;
  },
): void {
  const { client, server } = sockets;
  let closedSides = 0;
  const bothClosed = () => {
    if (++closedSides === 2) net.note('client', '✓ Connection closed', 'closed');
  };
  Object.assign(apps.client, {
    onEstablished: () => {
      on.connected();
      tls.client.start();
      on.helloSent?.();
    },
    onData:
      on.clientData ??
      (() => {
        for (const chunk of client.read()) tls.client.receive(chunk);
      }),
    onPeerClosed: () => {
      on.closeClient();
      on.done();
    },
    onClosed: bothClosed,
  });
  Object.assign(apps.server, {
    onEstablished: () => net.note('server', '✓ Connection ESTABLISHED', 'established'),
    onData: () => {
      for (const chunk of server.read()) tls.server.receive(chunk);
    },
    onPeerClosed: () => on.serverPeerClosed(),
    onClosed: bothClosed,
  });
  client.connect();
}

type TimingPhase = RequestTiming['phases'][number];

/** A connection's first request: DNS (when it looked the name up), TCP connect, then TLS, as a browser's timing shows them. */
export function setupPhases(o: HttpsConnectionOptions, connectStartUs: number, connectEndUs: number, tls: TimingPhase): TimingPhase[] {
  const dns: TimingPhase[] = o.dns ? [{ id: 'dns', startUs: o.dns.startUs, endUs: o.dns.endUs }] : [];
  return [...dns, { id: 'connect', startUs: connectStartUs, endUs: connectEndUs }, tls];
}

/** A failed handshake ends the story before any request: the first request's timing shows how far it got. */
export function requestNotSent(o: HttpsConnectionOptions, alert: string, connectStartUs: number, connectEndUs: number, nowUs: number): RequestTiming {
  const phases = setupPhases(o, connectStartUs, connectEndUs, { id: 'tls', startUs: connectEndUs, endUs: nowUs });
  return { label: `GET ${o.paths[0]} (not sent: ${alert})`, stream: o.stream, phases };
}
