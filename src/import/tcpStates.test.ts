import { describe, expect, it } from 'vitest';
import type { TcpState } from '../sim/types';
import type { TcpHeader } from './decode';
import { stateAfter } from './tcpStates';

// The edges of RFC 9293 §3.3.2 figure 5 (and §3.10.7.4: a FIN that also acknowledges our FIN takes
// FIN-WAIT-1 straight to TIME-WAIT; a RST closes any state but CLOSED; a SYN past the handshake is
// answered by a challenge ACK and dropped), written out one by one as the figure draws them. Every
// other (state, event, segment) makes no transition.

const STATES: TcpState[] = ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'];
const SEGMENTS = { SYN: ['syn'], 'SYN,ACK': ['syn', 'ack'], ACK: ['ack'], 'PSH,ACK': ['psh', 'ack'], FIN: ['fin'], 'FIN,ACK': ['fin', 'ack'], RST: ['rst'], 'RST,ACK': ['rst', 'ack'], none: [] } as const;
type Segment = keyof typeof SEGMENTS;

/** [state, event, segment, does its ACK cover our FIN, next state] */
const EDGES: [TcpState, 'send' | 'arrive', Segment[], boolean | 'any', TcpState][] = [
  ['CLOSED', 'send', ['SYN'], 'any', 'SYN_SENT'], // active OPEN, snd SYN
  ['LISTEN', 'arrive', ['SYN'], 'any', 'SYN_RCVD'], // rcv SYN, snd SYN,ACK
  ['SYN_SENT', 'arrive', ['SYN,ACK'], 'any', 'ESTABLISHED'], // rcv SYN,ACK, snd ACK
  ['SYN_SENT', 'arrive', ['SYN'], 'any', 'SYN_RCVD'], // simultaneous open: rcv SYN, snd ACK
  ['SYN_RCVD', 'arrive', ['ACK', 'PSH,ACK', 'SYN,ACK'], 'any', 'ESTABLISHED'], // rcv ACK of SYN
  ['SYN_RCVD', 'send', ['FIN', 'FIN,ACK'], 'any', 'FIN_WAIT_1'], // CLOSE, snd FIN
  ['SYN_RCVD', 'arrive', ['FIN', 'FIN,ACK'], 'any', 'CLOSE_WAIT'], // §3.10.7.4 eighth step
  ['ESTABLISHED', 'send', ['FIN', 'FIN,ACK'], 'any', 'FIN_WAIT_1'], // CLOSE, snd FIN
  ['ESTABLISHED', 'arrive', ['FIN', 'FIN,ACK'], 'any', 'CLOSE_WAIT'], // rcv FIN, snd ACK
  ['CLOSE_WAIT', 'send', ['FIN', 'FIN,ACK'], 'any', 'LAST_ACK'], // CLOSE, snd FIN
  ['FIN_WAIT_1', 'arrive', ['ACK', 'PSH,ACK'], true, 'FIN_WAIT_2'], // rcv ACK of FIN
  ['FIN_WAIT_1', 'arrive', ['FIN', 'FIN,ACK'], false, 'CLOSING'], // rcv FIN, snd ACK
  ['FIN_WAIT_1', 'arrive', ['FIN', 'FIN,ACK'], true, 'TIME_WAIT'], // rcv FIN + ACK of our FIN
  ['FIN_WAIT_2', 'arrive', ['FIN', 'FIN,ACK'], 'any', 'TIME_WAIT'], // rcv FIN, snd ACK
  ['CLOSING', 'arrive', ['ACK', 'PSH,ACK'], true, 'TIME_WAIT'], // rcv ACK of FIN
  ['LAST_ACK', 'arrive', ['ACK', 'PSH,ACK'], true, 'CLOSED'], // rcv ACK of FIN
];

function expected(state: TcpState, event: 'send' | 'arrive', segment: Segment, covers: boolean): TcpState | undefined {
  if (SEGMENTS[segment].includes('rst' as never)) return state === 'CLOSED' ? undefined : 'CLOSED';
  const edge = EDGES.find(([s, e, segs, c]) => s === state && e === event && segs.includes(segment) && (c === 'any' || c === covers));
  return edge?.[4];
}

const header = (segment: Segment): TcpHeader => {
  const on = SEGMENTS[segment] as readonly string[];
  const flags = Object.fromEntries(['syn', 'ack', 'fin', 'rst', 'psh', 'urg', 'ece', 'cwr'].map((k) => [k, on.includes(k)])) as unknown as TcpHeader['flags'];
  return { srcPort: 1, dstPort: 2, seq: 0, ack: 0, flags, window: 0, headerLength: 20, payload: new Uint8Array() };
};

describe('TCP states from what a side sends and receives (RFC 9293 figure 5)', () => {
  for (const state of STATES) {
    it(`${state}: every segment sent or received, with and without an ACK of our FIN`, () => {
      for (const event of ['send', 'arrive'] as const) {
        for (const segment of Object.keys(SEGMENTS) as Segment[]) {
          for (const covers of [false, true]) {
            expect(stateAfter(state, event, header(segment), covers), `${state} ${event} ${segment}${covers ? ' (acks our FIN)' : ''}`).toBe(expected(state, event, segment, covers));
          }
        }
      }
    });
  }
});
