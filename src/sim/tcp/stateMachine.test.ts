import { describe, expect, it } from 'vitest';
import type { TcpState } from '../types';
import { allowedInputs, nextTcpState, type TcpInput, TcpTransitionError } from './stateMachine';

// RFC 9293 §3.3.2, Figure 5, edge by edge (typed from the figure, not from the code):
// each row is "state --input--> next".
const FIGURE_5: [TcpState, TcpInput, TcpState][] = [
  ['CLOSED', 'passive-open', 'LISTEN'],
  ['CLOSED', 'active-open', 'SYN_SENT'],
  ['LISTEN', 'rcv-syn', 'SYN_RCVD'],
  ['LISTEN', 'close', 'CLOSED'],
  ['SYN_SENT', 'rcv-syn-ack', 'ESTABLISHED'],
  ['SYN_SENT', 'rcv-syn', 'SYN_RCVD'], // simultaneous open
  ['SYN_SENT', 'close', 'CLOSED'],
  ['SYN_RCVD', 'rcv-ack-of-syn', 'ESTABLISHED'],
  ['SYN_RCVD', 'close', 'FIN_WAIT_1'],
  ['ESTABLISHED', 'close', 'FIN_WAIT_1'],
  ['ESTABLISHED', 'rcv-fin', 'CLOSE_WAIT'],
  ['FIN_WAIT_1', 'rcv-ack-of-fin', 'FIN_WAIT_2'],
  ['FIN_WAIT_1', 'rcv-fin', 'CLOSING'], // simultaneous close
  ['FIN_WAIT_2', 'rcv-fin', 'TIME_WAIT'],
  ['CLOSING', 'rcv-ack-of-fin', 'TIME_WAIT'],
  ['CLOSE_WAIT', 'close', 'LAST_ACK'],
  ['LAST_ACK', 'rcv-ack-of-fin', 'CLOSED'],
  ['TIME_WAIT', 'timeout-2msl', 'CLOSED'],
];
const STATES: TcpState[] = ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'CLOSE_WAIT', 'LAST_ACK', 'TIME_WAIT'];
const INPUTS: TcpInput[] = ['passive-open', 'active-open', 'close', 'rcv-syn', 'rcv-syn-ack', 'rcv-ack-of-syn', 'rcv-fin', 'rcv-ack-of-fin', 'timeout-2msl'];

describe('TCP state machine (RFC 9293 Figure 5)', () => {
  it.each(FIGURE_5)('%s --%s--> %s', (from, input, to) => {
    expect(nextTcpState(from, input)).toBe(to);
  });

  it('refuses every other (state, input) pair with an error that names both', () => {
    for (const state of STATES)
      for (const input of INPUTS) {
        if (FIGURE_5.some(([s, i]) => s === state && i === input)) continue;
        expect(() => nextTcpState(state, input)).toThrow(TcpTransitionError);
        expect(() => nextTcpState(state, input)).toThrow(`TCP: "${input}" is not allowed in ${state}`);
      }
  });

  it('lists for each state exactly the inputs of its edges', () => {
    for (const state of STATES)
      expect(allowedInputs(state).sort()).toEqual(
        FIGURE_5.filter(([s]) => s === state)
          .map(([, i]) => i)
          .sort(),
      );
  });
});
