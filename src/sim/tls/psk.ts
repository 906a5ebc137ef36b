import { toHex } from '../bytes/hex';
import type { Field } from '../types';
import { deriveSecret, earlySecret, finishedVerifyData, type Hash, type Suite13, ticketPsk } from './keySchedule';
import { type Encoded, handshakeMessage } from './messages';
import type { NewSessionTicket } from './parse/handshake';

/**
 * Resumption with a pre-shared key from a ticket (RFC 8446 §2.2, §4.2.11, §4.6.1): what the
 * client keeps from a NewSessionTicket, the binder that proves it holds the PSK, and the
 * early secret's 0-RTT traffic secret. Used by both endpoints.
 */
export interface SessionTicket {
  host: string;
  /** The suite of the connection that issued it: a resumption must use one with the same hash. */
  suite: Suite13;
  /** HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length). */
  psk: Uint8Array;
  /** The opaque ticket, sent back as the PSK identity. */
  identity: Uint8Array;
  ageAdd: number;
  lifetimeSeconds: number;
  /** From the ticket's early_data extension; 0: no 0-RTT with this ticket. */
  maxEarlyData: number;
  alpn?: string;
}

export function sessionTicketFrom(nst: NewSessionTicket, resumptionMasterSecret: Uint8Array, suite: Suite13, host: string, alpn?: string): SessionTicket {
  return {
    host,
    suite,
    psk: ticketPsk(resumptionMasterSecret, nst.nonce ?? new Uint8Array(0), suite.hash),
    identity: nst.ticket,
    ageAdd: nst.ageAdd ?? 0,
    lifetimeSeconds: nst.lifetimeSeconds,
    maxEarlyData: nst.extensions?.earlyData?.maxEarlyDataSize ?? 0,
    alpn,
  };
}

const empty = new Uint8Array(0);

/** binder_key = Derive-Secret(early_secret, "res binder", "") (RFC 8446 §7.1). */
export const resumptionBinderKey = (psk: Uint8Array, hash: Hash): Uint8Array => deriveSecret(earlySecret(psk, hash), 'res binder', hash(empty), hash);

/** The binder: a Finished computed with binder_key over the ClientHello truncated before the binders list (§4.2.11.2). */
export const pskBinder = (psk: Uint8Array, truncatedClientHello: Uint8Array, hash: Hash): Uint8Array =>
  finishedVerifyData(resumptionBinderKey(psk, hash), hash(truncatedClientHello), hash);

/** client_early_traffic_secret = Derive-Secret(early_secret, "c e traffic", ClientHello). */
export const clientEarlyTrafficSecret = (psk: Uint8Array, clientHello: Uint8Array, hash: Hash): Uint8Array =>
  deriveSecret(earlySecret(psk, hash), 'c e traffic', hash(clientHello), hash);

/** obfuscated_ticket_age = (age in ms + ticket_age_add) mod 2^32 (§4.2.11.1): an observer cannot link the ticket's uses. */
export const obfuscatedTicketAge = (ageMs: number, ageAdd: number): number => (Math.round(ageMs) + ageAdd) >>> 0;

/** The bytes of one binder entry at the end of a ClientHello whose last extension is pre_shared_key with one identity. */
const binderTail = (hash: Hash) => 2 + 1 + hash.outputLen;

/**
 * The ClientHello with its single binder written for real: encoded with zeros in the binder's
 * place (so every length is final), then the binder computed over everything before the binders
 * list and put in.
 */
export function bindClientHello(hello: Encoded, psk: Uint8Array, hash: Hash): Encoded {
  const truncated = hello.bytes.subarray(0, hello.bytes.length - binderTail(hash));
  const binder = pskBinder(psk, truncated, hash);
  const bytes = hello.bytes.slice();
  bytes.set(binder, bytes.length - binder.length);
  const at = bytes.length - binder.length;
  const patch = (fields: Field[]): Field[] =>
    fields.map((f) => (f.offset === at && f.length === binder.length && f.name === 'binder' ? { ...f, value: `${toHex(binder).slice(0, 16)}…` } : f.children ? { ...f, children: patch(f.children) } : f));
  return { bytes, fields: patch(hello.fields) };
}

/** The server's check (§4.2.11.2): it recomputes the binder over the hello it received, up to the binders list. */
export function binderMatches(psk: Uint8Array, clientHelloRaw: Uint8Array, bindersLength: number, binder: Uint8Array, hash: Hash): boolean {
  const expected = pskBinder(psk, clientHelloRaw.subarray(0, clientHelloRaw.length - bindersLength), hash);
  return toHex(expected) === toHex(binder);
}

/** EndOfEarlyData (RFC 8446 §4.5): empty; the client's last message under the early keys. */
export const encodeEndOfEarlyData = (): Encoded =>
  handshakeMessage(5, () => {}, 'EndOfEarlyData: no more 0-RTT data, handshake keys from here');
