import type { SenderView, TcpFlags, TcpState, TimerKind } from '../types';
import type { StreamSlice } from './sendStream';

// What a TcpSocket is given (its configuration, its host's hooks) and what crosses the wire to and from it.

export interface TcpConfig {
  /** The MSS option we announce and the largest segment we send: payload = mss − 12 (timestamps). */
  mss: number;
  receiveBuffer: number;
  windowScale: number;
  /** RFC 6928. */
  initialWindowSegments: number;
  minRtoUs: number;
  delayedAck: boolean;
  sack: boolean;
  timeWaitUs: number;
  /** Linux's tcp_syn_retries: 6. */
  synRetries: number;
}

/** Why a segment is sent: the caption and the sprite label follow from it. */
export type SegmentReason = 'syn' | 'syn-ack' | 'ack-of-syn' | 'ack' | 'dup-ack' | 'window-update' | 'probe' | 'data' | 'fin' | 'rst';

export interface OutSegment {
  seq: number;
  ack: number;
  flags: TcpFlags;
  /** Window offered, in bytes (the encoder writes it scaled). */
  window: number;
  payload?: StreamSlice;
  reason: SegmentReason;
  retransmission?: 'timeout' | 'fast' | 'recovery';
  sack?: [number, number][];
  sender?: SenderView;
  /** Only on SYNs. */
  synOptions?: { mss: number; windowScale: number; sackPermitted: boolean };
  /** The socket's state after this segment left (ACK of a FIN in TIME_WAIT, …). */
  stateAfter: TcpState;
}

export interface IncomingSegment {
  seq: number;
  ack: number;
  flags: TcpFlags;
  window: number;
  payload: Uint8Array;
  sack?: [number, number][];
  synOptions?: { mss: number; windowScale: number; sackPermitted: boolean };
}

/** What the socket tells its host and its application. */
export interface TcpHooks {
  /** Puts a segment on the wire; returns the packet id (state changes name it as their cause). */
  emit(seg: OutSegment): number;
  transition(from: TcpState, to: TcpState, packetId?: number): void;
  timer(kind: TimerKind, span: { startUs: number; dueUs: number; endUs: number; fired: boolean }): void;
  note(text: string, packetId?: number): void;
  onEstablished?(): void;
  /** New bytes can be read. */
  onData?(): void;
  /** The peer sent its FIN (end of its stream). */
  onPeerClosed?(): void;
  /** The connection is over (CLOSED after a close, a reset or giving up). */
  onClosed?(): void;
}
