import { concat } from '../bytes/hex';
import { realBytes } from '../bytes/lateBytes';
import type { TrafficKeys } from './keySchedule';
import { type Alert, parseAlert } from './parse/alert';
import { TlsParseError } from './parse/cursor';
import { type HandshakeMessage, HandshakeReader } from './parse/handshake';
import { ownUnsealedRecord } from './lateSeal';
import { RecordReader } from './parse/record';
import { CONTENT_ALERT, CONTENT_APPLICATION_DATA, CONTENT_CHANGE_CIPHER_SPEC, CONTENT_HANDSHAKE, openRecord, recordHeader } from './record';
import { openRecord12 } from './record12';

export type Inbound =
  | { kind: 'handshake'; message: HandshakeMessage }
  | { kind: 'ccs' }
  | { kind: 'alert'; alert: Alert }
  | { kind: 'data'; bytes: Uint8Array };

/** A failure that ends the connection with this alert (RFC 8446 §6.2). */
export class TlsAlertError extends Error {
  constructor(
    readonly alert: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What one endpoint receives: records out of the byte stream, opened with the current read
 * keys, handshake messages framed across them. Items are handed over one at a time, so a
 * handler that installs new read keys (after ServerHello, after Finished) does so before the
 * next record is opened, which may have arrived in the same TCP segment.
 */
export class Inbox {
  private records = new RecordReader();
  private handshake = new HandshakeReader();
  private keys: TrafficKeys | undefined;
  private seq = 0;
  private tls12 = false;
  private skipping = false;

  /** `tls12`: after ChangeCipherSpec every record is protected, its header showing the real type (RFC 5246 §6.2.3.3). */
  readKeys(keys: TrafficKeys, tls12 = false): void {
    // RFC 8446 §5.1: handshake messages must not span a key change.
    if (this.handshake.pending) throw new TlsAlertError('unexpected_message', 'a handshake message spans a key change');
    this.keys = keys;
    this.seq = 0;
    this.tls12 = tls12;
  }

  /**
   * RFC 8446 §4.2.10: a server that refuses 0-RTT drops the records that do not open with its
   * handshake keys (the client's early data) until one does.
   */
  skipEarlyData(): void {
    this.skipping = true;
  }

  push(bytes: Uint8Array, handle: (item: Inbound) => void): void {
    let records;
    try {
      records = this.records.push(bytes);
    } catch (e) {
      throw e instanceof TlsParseError ? new TlsAlertError('decode_error', e.message) : e;
    }
    for (const r of records) {
      let type = r.type;
      let content = r.fragment;
      if (type === CONTENT_APPLICATION_DATA || (this.tls12 && type !== CONTENT_CHANGE_CIPHER_SPEC)) {
        if (!this.keys) {
          if (this.skipping) continue;
          throw new TlsAlertError('unexpected_message', 'application data before any keys');
        }
        try {
          ({ type, content } =
            ownUnsealedRecord(r, r.fragment, this.keys, this.seq, this.tls12) ??
            (this.tls12 ? openRecord12 : openRecord)(this.keys, this.seq, concat(recordHeader(r.type, r.fragment.length, r.version), realBytes(r.fragment))));
          this.seq++;
          this.skipping = false;
        } catch {
          if (this.skipping) continue;
          throw new TlsAlertError('bad_record_mac', `record ${this.seq} does not open with the current key`);
        }
      } else if (this.keys && type === CONTENT_HANDSHAKE) throw new TlsAlertError('unexpected_message', 'a handshake record in the clear after keys were set');
      if (type === CONTENT_CHANGE_CIPHER_SPEC) {
        if (content.length !== 1 || content[0] !== 1) throw new TlsAlertError('unexpected_message', 'a ChangeCipherSpec other than 0x01');
        handle({ kind: 'ccs' });
      } else if (type === CONTENT_ALERT) handle({ kind: 'alert', alert: parseAlert(content) });
      else if (type === CONTENT_HANDSHAKE) for (const message of this.handshake.push(content)) handle({ kind: 'handshake', message });
      else handle({ kind: 'data', bytes: content });
    }
  }
}
