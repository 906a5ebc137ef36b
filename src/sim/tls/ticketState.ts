import { ascii, concat } from '../bytes/hex';
import { aesGcmOpen, aesGcmSeal } from './aesGcm';
import { TlsAlertError } from './inbox';
import { SUITES13, type Suite13, ticketPsk } from './keySchedule';
import { binderMatches } from './psk';

/**
 * What our server keeps in a ticket (RFC 8446 §4.6.1: the ticket is opaque to the client):
 * suite, resumption_master_secret and nonce, plus the 0-RTT limit and ALPN when the ticket
 * allows early data; sealed with AES-256-GCM under the server's ticket key, a fresh IV first.
 */
export interface TicketState {
  suite: Suite13;
  resumptionMasterSecret: Uint8Array;
  nonce: Uint8Array;
  maxEarlyData: number;
  alpn?: string;
}

const NONCE_BYTES = 8;

export function sealTicket(key: Uint8Array, iv: Uint8Array, s: TicketState): Uint8Array {
  const parts = [Uint8Array.of(s.suite.id >> 8, s.suite.id & 0xff), s.resumptionMasterSecret, s.nonce];
  // Tickets without 0-RTT keep the short form.
  if (s.maxEarlyData > 0) parts.push(Uint8Array.of(s.maxEarlyData >>> 24, (s.maxEarlyData >>> 16) & 0xff, (s.maxEarlyData >>> 8) & 0xff, s.maxEarlyData & 0xff), ascii(s.alpn ?? ''));
  return concat(iv, aesGcmSeal(key, iv, new Uint8Array(0), concat(...parts)));
}

/** The state, or undefined for a ticket this key did not seal (another server's, or altered): the server then does a full handshake. */
export function openTicket(key: Uint8Array, ticket: Uint8Array): TicketState | undefined {
  let state: Uint8Array;
  try {
    state = aesGcmOpen(key, ticket.subarray(0, 12), new Uint8Array(0), ticket.subarray(12));
  } catch {
    return undefined;
  }
  const suite = SUITES13[(state[0] << 8) | state[1]];
  if (!suite) return undefined;
  const secretEnd = 2 + suite.hash.outputLen;
  const nonceEnd = secretEnd + NONCE_BYTES;
  if (state.length < nonceEnd) return undefined;
  const rest = state.subarray(nonceEnd);
  const maxEarlyData = rest.length >= 4 ? ((rest[0] << 24) | (rest[1] << 16) | (rest[2] << 8) | rest[3]) >>> 0 : 0;
  const alpn = rest.length > 4 ? new TextDecoder().decode(rest.subarray(4)) : undefined;
  return { suite, resumptionMasterSecret: state.slice(2, secretEnd), nonce: state.slice(secretEnd, nonceEnd), maxEarlyData, alpn };
}

/**
 * The server's side of a PSK offer (RFC 8446 §4.2.11): the first identity, if it is one of our
 * tickets, the client allows psk_dhe_ke and offers the ticket's suite. Then the binder must
 * verify, or the handshake ends with decrypt_error. Undefined: a full handshake instead.
 */
export function acceptTicket(
  ch: { cipherSuites: number[]; extensions: { preSharedKey?: { identities: { identity: Uint8Array }[]; binders: Uint8Array[]; bindersLength: number }; pskKeyExchangeModes?: number[] } },
  raw: Uint8Array,
  ticketKey: Uint8Array,
): { state: TicketState; psk: Uint8Array } | undefined {
  const offer = ch.extensions.preSharedKey;
  // psk_dhe_ke (1) only: psk_ke would give up forward secrecy.
  if (!offer || !ch.extensions.pskKeyExchangeModes?.includes(1) || offer.identities.length === 0) return undefined;
  if (offer.binders.length !== offer.identities.length) throw new TlsAlertError('illegal_parameter', `${offer.identities.length} PSK identities but ${offer.binders.length} binders`);
  const state = openTicket(ticketKey, offer.identities[0].identity);
  if (!state || !ch.cipherSuites.includes(state.suite.id)) return undefined;
  const psk = ticketPsk(state.resumptionMasterSecret, state.nonce, state.suite.hash);
  if (!binderMatches(psk, raw, offer.bindersLength, offer.binders[0], state.suite.hash)) throw new TlsAlertError('decrypt_error', 'the PSK binder does not match the ClientHello');
  return { state, psk };
}
