import type { TcpState } from '../sim/types';
import type { TcpHeader } from './decode';

/**
 * A side's connection state inferred from what it sends and receives (RFC 9293 §3.3.2 figure 5):
 * what the capture shows, not what the host's stack knew. Returns the new state (never the one it was given), or undefined.
 */
export function stateAfter(state: TcpState, event: 'send' | 'arrive', t: TcpHeader, ackCoversOurFin: boolean): TcpState | undefined {
  const f = t.flags;
  if (f.rst) return state === 'CLOSED' ? undefined : 'CLOSED';
  if (event === 'send') {
    if (f.syn && !f.ack && state === 'CLOSED') return 'SYN_SENT';
    if (f.fin && (state === 'ESTABLISHED' || state === 'SYN_RCVD')) return 'FIN_WAIT_1';
    if (f.fin && state === 'CLOSE_WAIT') return 'LAST_ACK';
    return undefined;
  }
  // LISTEN, or SYN-SENT in a simultaneous open (figure 8), answers a SYN from SYN-RECEIVED.
  if (f.syn && !f.ack && (state === 'LISTEN' || state === 'SYN_SENT')) return 'SYN_RCVD';
  if (f.syn && f.ack && state === 'SYN_SENT') return 'ESTABLISHED';
  // Past the handshake a SYN is answered by a challenge ACK and dropped (§3.10.7.4): no transition.
  if (f.syn && state !== 'SYN_RCVD') return undefined;
  if (f.fin) {
    if (state === 'ESTABLISHED' || state === 'SYN_RCVD') return 'CLOSE_WAIT';
    if (state === 'FIN_WAIT_1') return ackCoversOurFin ? 'TIME_WAIT' : 'CLOSING';
    if (state === 'FIN_WAIT_2') return 'TIME_WAIT';
    return undefined;
  }
  if (f.ack && state === 'SYN_RCVD') return 'ESTABLISHED';
  if (f.ack && ackCoversOurFin) {
    if (state === 'FIN_WAIT_1') return 'FIN_WAIT_2';
    if (state === 'CLOSING') return 'TIME_WAIT';
    if (state === 'LAST_ACK') return 'CLOSED';
  }
  return undefined;
}
