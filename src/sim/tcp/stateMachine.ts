import type { TcpState } from '../types';

/** What can happen to a connection, in the words of RFC 9293's state diagram (§3.3.2, Figure 5). */
export type TcpInput =
  | 'passive-open'
  | 'active-open'
  | 'close'
  | 'rcv-syn'
  | 'rcv-syn-ack'
  | 'rcv-ack-of-syn'
  | 'rcv-fin'
  | 'rcv-ack-of-fin'
  | 'timeout-2msl';

const transitions: Record<TcpState, Partial<Record<TcpInput, TcpState>>> = {
  CLOSED: { 'passive-open': 'LISTEN', 'active-open': 'SYN_SENT' },
  LISTEN: { 'rcv-syn': 'SYN_RCVD', close: 'CLOSED' },
  SYN_SENT: { 'rcv-syn-ack': 'ESTABLISHED', 'rcv-syn': 'SYN_RCVD', close: 'CLOSED' },
  SYN_RCVD: { 'rcv-ack-of-syn': 'ESTABLISHED', close: 'FIN_WAIT_1' },
  ESTABLISHED: { close: 'FIN_WAIT_1', 'rcv-fin': 'CLOSE_WAIT' },
  FIN_WAIT_1: { 'rcv-ack-of-fin': 'FIN_WAIT_2', 'rcv-fin': 'CLOSING' },
  FIN_WAIT_2: { 'rcv-fin': 'TIME_WAIT' },
  CLOSING: { 'rcv-ack-of-fin': 'TIME_WAIT' },
  CLOSE_WAIT: { close: 'LAST_ACK' },
  LAST_ACK: { 'rcv-ack-of-fin': 'CLOSED' },
  TIME_WAIT: { 'timeout-2msl': 'CLOSED' },
};

export class TcpTransitionError extends Error {}

/** The next state, or an error: an input the diagram does not allow is a bug in the caller. */
export function nextTcpState(state: TcpState, input: TcpInput): TcpState {
  const next = transitions[state][input];
  if (!next) throw new TcpTransitionError(`TCP: "${input}" is not allowed in ${state}`);
  return next;
}

export function allowedInputs(state: TcpState): TcpInput[] {
  return Object.keys(transitions[state]) as TcpInput[];
}
