import type { TcpFlags, TcpSegmentInfo, TcpState } from '../types';
import { nextTcpState, type TcpInput } from './stateMachine';

/**
 * One side of a TCP connection: its state and its send/receive sequence variables
 * (RFC 9293 §3.3.1). Sequence arithmetic is modulo 2^32.
 */
export interface TcpEndpoint {
  state: TcpState;
  port: number;
  iss: number;
  /** SND.NXT: the next sequence number to send. */
  sndNxt: number;
  /** SND.UNA: the oldest unacknowledged sequence number. */
  sndUna: number;
  /** RCV.NXT: the next sequence number expected from the peer. */
  rcvNxt: number;
  /** Sequence number of our FIN, once sent. */
  finSeq?: number;
  window: number;
}

export const seqAdd = (a: number, b: number): number => (a + b) >>> 0;

export function createEndpoint(port: number, iss: number, window: number, state: TcpState): TcpEndpoint {
  return { state, port, iss: iss >>> 0, sndNxt: iss >>> 0, sndUna: iss >>> 0, rcvNxt: 0, window };
}

const noFlags: TcpFlags = { syn: false, ack: false, fin: false, psh: false, rst: false };

export interface Transition {
  from: TcpState;
  to: TcpState;
  input: TcpInput;
}

function apply(ep: TcpEndpoint, input: TcpInput): Transition {
  const from = ep.state;
  ep.state = nextTcpState(from, input);
  return { from, to: ep.state, input };
}

/** Sequence space a segment occupies: SYN and FIN count one each (RFC 9293 §3.4). */
export function segmentLength(seg: Pick<TcpSegmentInfo, 'flags' | 'payloadLength'>): number {
  return seg.payloadLength + (seg.flags.syn ? 1 : 0) + (seg.flags.fin ? 1 : 0);
}

/**
 * Builds the next segment this endpoint sends and advances SND.NXT.
 * The ACK flag is set on everything after the first SYN, as real stacks do.
 */
export function sendSegment(
  ep: TcpEndpoint,
  dstPort: number,
  flags: Partial<TcpFlags>,
  payloadLength = 0,
): { segment: TcpSegmentInfo; transition?: Transition } {
  const withAck = ep.state !== 'CLOSED' && ep.state !== 'LISTEN';
  const f: TcpFlags = { ...noFlags, ack: withAck, psh: payloadLength > 0, ...flags };
  const segment: TcpSegmentInfo = {
    srcPort: ep.port,
    dstPort,
    seq: ep.sndNxt,
    ack: f.ack ? ep.rcvNxt : 0,
    flags: f,
    window: ep.window,
    payloadLength,
  };
  let transition: Transition | undefined;
  if (f.syn && !f.ack) transition = apply(ep, 'active-open');
  if (f.fin) {
    ep.finSeq = ep.sndNxt + payloadLength;
    transition = apply(ep, 'close');
  }
  ep.sndNxt = seqAdd(ep.sndNxt, segmentLength(segment));
  return { segment, transition };
}

/**
 * Takes in a segment from the peer: checks it is the next one in order, advances
 * RCV.NXT and SND.UNA, and returns the state changes it causes (zero, one or two).
 */
export function receiveSegment(ep: TcpEndpoint, seg: TcpSegmentInfo): Transition[] {
  const changes: Transition[] = [];
  if (seg.flags.syn) {
    ep.rcvNxt = seg.seq;
  } else if (seg.seq !== ep.rcvNxt) {
    throw new Error(`TCP: out-of-order segment seq=${seg.seq}, expected ${ep.rcvNxt}`);
  }
  ep.rcvNxt = seqAdd(ep.rcvNxt, segmentLength(seg));

  if (seg.flags.ack) {
    const acked = seg.ack;
    const ackOfSyn = acked === seqAdd(ep.iss, 1);
    const ackOfFin = ep.finSeq !== undefined && acked === seqAdd(ep.finSeq, 1);
    ep.sndUna = acked;
    if (seg.flags.syn && ep.state === 'SYN_SENT') {
      if (!ackOfSyn) throw new Error(`TCP: SYN-ACK acknowledges ${acked}, expected ${seqAdd(ep.iss, 1)}`);
      changes.push(apply(ep, 'rcv-syn-ack'));
      return changes;
    }
    if (ep.state === 'SYN_RCVD' && ackOfSyn) changes.push(apply(ep, 'rcv-ack-of-syn'));
    if (ackOfFin && (ep.state === 'FIN_WAIT_1' || ep.state === 'CLOSING' || ep.state === 'LAST_ACK')) {
      changes.push(apply(ep, 'rcv-ack-of-fin'));
    }
  }
  if (seg.flags.syn && !seg.flags.ack) changes.push(apply(ep, 'rcv-syn'));
  if (seg.flags.fin) changes.push(apply(ep, 'rcv-fin'));
  return changes;
}

export function expire2Msl(ep: TcpEndpoint): Transition {
  return apply(ep, 'timeout-2msl');
}
