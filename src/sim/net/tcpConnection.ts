import { parseSynOptions } from '../bytes/tcp';
import { describeControl } from '../captions';
import type { EventQueue } from '../core/eventQueue';
import { TcpSocket, type TcpConfig, type TcpHooks } from '../tcp/socket';
import type { NodeId, Packet } from '../types';
import type { Network, TcpRoute } from './network';

export interface TcpPeer {
  node: NodeId;
  port: number;
  iss: number;
}

/** The application's callbacks on one socket (set after the socket exists). */
export type AppHooks = Pick<TcpHooks, 'onEstablished' | 'onData' | 'onPeerClosed' | 'onClosed'>;

/** A socket on a host: packets to its ports reach it, what it sends goes on the network. */
function attach(net: Network, queue: EventQueue, stream: number, local: TcpPeer, remote: TcpPeer, config: TcpConfig, initial: 'CLOSED' | 'LISTEN', app: AppHooks): TcpSocket {
  let socket: TcpSocket;
  const route: TcpRoute = {
    from: local.node,
    to: remote.node,
    stream,
    srcPort: local.port,
    dstPort: remote.port,
    windowScale: config.windowScale,
    get phase() {
      return socket.phase;
    },
    describe: (seg, info) => describeControl(local.node, seg, info),
  };
  const hooks: TcpHooks = {
    emit: (seg) => net.sendTcp(route, seg),
    transition: (from, to, packetId) => net.transition(local.node, from, to, packetId),
    timer: (kind, span) => net.timer(local.node, stream, kind, span),
    note: (text, packetId) => net.note(local.node, text, undefined, packetId),
    onEstablished: () => app.onEstablished?.(),
    onData: () => app.onData?.(),
    onPeerClosed: () => app.onPeerClosed?.(),
    onClosed: () => app.onClosed?.(),
  };
  socket = new TcpSocket(queue, config, local.iss, initial, hooks);
  net.listen(local.node, local.port, (packet, payload) => deliver(net, route, socket, packet, payload), remote.port);
  return socket;
}

function deliver(net: Network, route: TcpRoute, socket: TcpSocket, packet: Packet, payload: Uint8Array): void {
  const tcp = packet.tcp!;
  if (socket.closed && socket.state !== 'LISTEN') {
    // RFC 9293 §3.10.7.1: a segment for a closed connection is answered with a reset.
    if (!tcp.flags.rst) {
      net.sendTcp(route, {
        seq: tcp.flags.ack ? tcp.ack : 0,
        ack: (tcp.seq + tcp.payloadLength + (tcp.flags.syn ? 1 : 0) + (tcp.flags.fin ? 1 : 0)) >>> 0,
        flags: { syn: false, fin: false, psh: false, rst: true, ack: !tcp.flags.ack },
        window: 0,
        reason: 'rst',
        stateAfter: 'CLOSED',
      });
    }
    return;
  }
  // A SYN's options are read from its bytes, as a real stack reads them.
  const synOptions = tcp.flags.syn ? parseSynOptions(packet.bytes.subarray((packet.bytes[0] & 0x0f) * 4)) : undefined;
  socket.receive({ seq: tcp.seq, ack: tcp.ack, flags: tcp.flags, window: tcp.window, payload, sack: tcp.sack, synOptions }, packet.id);
}

/** A client socket (CLOSED, about to connect) and the server's listening socket for it. */
export function openTcpPair(net: Network, stream: number, client: TcpPeer, server: TcpPeer, config: TcpConfig, apps: { client: AppHooks; server: AppHooks }) {
  return {
    client: attach(net, net.queue, stream, client, server, config, 'CLOSED', apps.client),
    server: attach(net, net.queue, stream, server, client, config, 'LISTEN', apps.server),
  };
}
