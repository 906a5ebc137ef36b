/**
 * TcpSocket driven by hand, without the network, packets or bytes: one socket whose peer the test
 * plays segment by segment (`solo`), or two sockets on a wire of fixed one-way delay that drops the
 * segments a rule names (`pair`). A test here runs in milliseconds, so the socket's mutation run can
 * use it (the scenario tests cost 6–25 s a mutant).
 */
import { EventQueue } from '../../src/sim/core/eventQueue';
import type { IncomingSegment, OutSegment, TcpConfig, TcpHooks } from '../../src/sim/tcp/socket';
import { TcpSocket } from '../../src/sim/tcp/socket';
import type { StreamWrite } from '../../src/sim/tcp/sendStream';
import type { TcpFlags, TcpState, TimerKind } from '../../src/sim/types';

/** MSS 1012: 1000 payload bytes a segment once the 12 bytes of timestamps are taken (RFC 7323 §3). */
export const CONFIG: TcpConfig = { mss: 1012, receiveBuffer: 65535, windowScale: 0, initialWindowSegments: 10, minRtoUs: 200_000, delayedAck: false, sack: true, timeWaitUs: 1_000_000, synRetries: 6 };
export const SMSS = 1000;
const NONE = { syn: false, ack: false, fin: false, psh: false, rst: false };

export interface TimerSpan {
  kind: TimerKind;
  startUs: number;
  dueUs: number;
  endUs: number;
  fired: boolean;
}

export interface Endpoint {
  socket: TcpSocket;
  /** Segments the socket emitted, each with the time it left; a segment's packet id is its index + 1. */
  sent: (OutSegment & { atUs: number })[];
  transitions: [TcpState, TcpState, number | undefined][];
  timers: TimerSpan[];
  notes: string[];
  /** established, data, peer-closed, closed: the application's callbacks, in order. */
  app: string[];
  /** The states it went through. */
  states(): TcpState[];
}

export function endpoint(queue: EventQueue, config: Partial<TcpConfig>, iss: number, initial: 'CLOSED' | 'LISTEN', onEmit?: (seg: OutSegment) => void): Endpoint {
  const ep = { sent: [], transitions: [], timers: [], notes: [], app: [] } as unknown as Endpoint;
  const hooks: TcpHooks = {
    emit: (seg) => {
      ep.sent.push({ ...seg, atUs: queue.nowUs });
      onEmit?.(seg);
      return ep.sent.length;
    },
    transition: (from, to, id) => ep.transitions.push([from, to, id]),
    timer: (kind, { startUs, dueUs, endUs, fired }) => ep.timers.push({ kind, startUs, dueUs, endUs, fired }),
    note: (text) => ep.notes.push(text),
    onEstablished: () => ep.app.push('established'),
    onData: () => ep.app.push('data'),
    onPeerClosed: () => ep.app.push('peer-closed'),
    onClosed: () => ep.app.push('closed'),
  };
  ep.socket = new TcpSocket(queue, { ...CONFIG, ...config }, iss, initial, hooks);
  ep.states = () => ep.transitions.map(([, to]) => to);
  return ep;
}

/** A segment as the peer receives it. */
export function incoming(seg: OutSegment): IncomingSegment {
  return { seq: seg.seq, ack: seg.ack, flags: seg.flags, window: seg.window, payload: seg.payload?.bytes ?? new Uint8Array(0), sack: seg.sack, synOptions: seg.synOptions };
}

/** An application write of `n` bytes, byte i of the stream being `(from + i) & 0xff`. */
export function write(label: string, n: number, from = 0): StreamWrite {
  return { label, phase: 'http', topLayer: 'tcp', data: Uint8Array.from({ length: n }, (_, i) => (from + i) & 0xff), layers: [], decrypted: [], caption: () => label };
}

/** Runs the queue until `atUs` (events due then included). */
export function runUntil(queue: EventQueue, atUs: number): void {
  let reached = false;
  queue.post(atUs, () => (reached = true));
  while (!reached) queue.runSome(1);
}

/** One socket; the test is its peer. */
export function solo(config: Partial<TcpConfig> = {}, initial: 'CLOSED' | 'LISTEN' = 'CLOSED', iss = 1000) {
  const queue = new EventQueue();
  const ep = endpoint(queue, config, iss, initial);
  let packetId = 1000;
  return {
    queue,
    ep,
    socket: ep.socket,
    /** Delivers a segment from the peer now. */
    from(seg: Omit<Partial<IncomingSegment>, 'flags'> & { seq: number; flags?: Partial<TcpFlags> }): number {
      ep.socket.receive({ ack: 0, window: 65535, payload: new Uint8Array(0), ...seg, flags: { ...NONE, ...seg.flags } }, ++packetId);
      return packetId;
    },
    after(us: number): void {
      runUntil(queue, queue.nowUs + us);
    },
  };
}

export interface PairOptions {
  client?: Partial<TcpConfig>;
  server?: Partial<TcpConfig>;
  /** One-way delay, µs. */
  delayUs?: number;
  clientIss?: number;
  serverIss?: number;
  /** Drops a segment when it returns true; `n` counts that side's segments from 1. */
  drop?: (seg: OutSegment, side: 'client' | 'server', n: number) => boolean;
}

export interface WireEntry {
  side: 'client' | 'server';
  atUs: number;
  seg: OutSegment;
  dropped: boolean;
}

/** A client (CLOSED) and a server (LISTEN) on a wire. */
export function pair(options: PairOptions = {}) {
  const queue = new EventQueue();
  const delayUs = options.delayUs ?? 10_000;
  const wire: WireEntry[] = [];
  const counts = { client: 0, server: 0 };
  const sides = {} as { client: Endpoint; server: Endpoint };
  const carry = (side: 'client' | 'server') => (seg: OutSegment) => {
    const n = ++counts[side];
    const dropped = options.drop?.(seg, side, n) ?? false;
    wire.push({ side, atUs: queue.nowUs, seg, dropped });
    if (dropped) return;
    const to = side === 'client' ? sides.server : sides.client;
    const id = wire.length;
    queue.post(queue.nowUs + delayUs, () => {
      if (to.socket.closed && to.socket.state !== 'LISTEN') return;
      to.socket.receive(incoming(seg), id);
    });
  };
  sides.client = endpoint(queue, options.client ?? {}, options.clientIss ?? 1000, 'CLOSED', carry('client'));
  sides.server = endpoint(queue, options.server ?? {}, options.serverIss ?? 5000, 'LISTEN', carry('server'));
  return { queue, wire, client: sides.client, server: sides.server };
}
