import type { TlsIo } from './client';
import { type Inbound, type Inbox, TlsAlertError } from './inbox';
import { TlsParseError } from './parse/cursor';
import type { HandshakeMessage } from './parse/handshake';

/**
 * Alerts and application data, read alike by all four endpoints (TLS 1.2 and 1.3, client and
 * server); a handshake message is handed back for the endpoint's own state machine, and a
 * ChangeCipherSpec, which each version treats its own way, stays with the caller.
 * - close_notify is passed on; the app decides when to close its side (RFC 8446 §6.1).
 * - Any other alert from the peer is fatal: `close` runs before the app hears of it (§6.2).
 * - Application data before the handshake ends is an unexpected_message (RFC 8446 §5.1, RFC 5246 §6.2.1).
 */
export function dispatchRecord(item: Exclude<Inbound, { kind: 'ccs' }>, state: string, io: TlsIo, peer: 'client' | 'server', close: () => void): HandshakeMessage | undefined {
  if (item.kind === 'handshake') return item.message;
  if (item.kind === 'alert') {
    if (item.alert.name === 'close_notify') {
      io.closeNotify?.();
      return;
    }
    close();
    io.failed?.(item.alert.name, `the ${peer} sent it`, false);
    return;
  }
  if (state !== 'connected') throw new TlsAlertError('unexpected_message', 'application data before the handshake ended');
  io.data?.(item.bytes);
}

/**
 * Hands what TCP delivered to the endpoint's inbox. A fault found on the way (a TlsAlertError,
 * from parsing, a record that does not open, or the endpoint's own checks; a TlsParseError from
 * reading a handshake message's body) ends the connection
 * with that alert through `fail` (RFC 8446 §6.2); any other error is a bug and propagates.
 */
export function receiveRecords(inbox: Inbox, bytes: Uint8Array, handle: (item: Inbound) => void, fail: (alert: string, reason: string) => void): void {
  try {
    inbox.push(bytes, handle);
  } catch (e) {
    // A handshake message that does not parse (a field out of range, a length that lies) is decode_error (RFC 8446 §6.2).
    if (e instanceof TlsParseError) return fail('decode_error', e.message);
    if (!(e instanceof TlsAlertError)) throw e;
    fail(e.alert, e.message);
  }
}
