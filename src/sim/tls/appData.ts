import { clipLayers } from '../bytes/clip';
import type { HttpMessage } from '../http/messages';
import type { Layer } from '../types';
import { CONTENT_ALERT, CONTENT_APPLICATION_DATA } from './record';
import { ALERT_CODES, plainAlertWrite } from './recordLayer12';
import { type RecordPiece, type Sealer, type TlsWrite, tlsWrite } from './writes';

/** RFC 8446 §5.1: a record carries at most 2^14 bytes of plaintext. */
export const MAX_RECORD_PLAINTEXT = 16384;

/** An HTTP message in as many records as it needs, in one write (after `before`: a 0-RTT request's ChangeCipherSpec). */
export function applicationDataWrite(sealer: Sealer, http: HttpMessage, before: RecordPiece[] = [], kind = 'Application data'): TlsWrite {
  const count = Math.max(1, Math.ceil(http.bytes.length / MAX_RECORD_PLAINTEXT));
  const pieces: RecordPiece[] = [...before];
  for (let i = 0; i < count; i++) {
    const start = i * MAX_RECORD_PLAINTEXT;
    const end = Math.min(http.bytes.length, start + MAX_RECORD_PLAINTEXT);
    const title = count === 1 ? http.label : `${http.label} (record ${i + 1} of ${count})`;
    const layers = count === 1 ? [http.layer] : clipLayers([http.layer], start, end, `(bytes ${start}–${end})`);
    pieces.push({ kind: 'sealed', sealer, innerType: CONTENT_APPLICATION_DATA, content: http.bytes.subarray(start, end), layers, title });
  }
  const lead = before.length ? 'ChangeCipherSpec, then ' : '';
  const summary = lead + (count === 1 ? `${kind} record: ${http.label}, encrypted` : `${kind}: ${http.label} in ${count} encrypted records`);
  return tlsWrite(http.label, pieces, summary, 'http');
}

/** close_notify (RFC 8446 §6.1): either side's last record before its FIN. */
export const closeNotifyWrite = (sealer: Sealer): TlsWrite => alertWrite(sealer, 'close_notify', 'no more data from this side: a truncation attack would lack it');

/** An alert, sealed under the current write keys (RFC 8446 §6): close_notify is a warning, the rest fatal. */
export function alertWrite(sealer: Sealer, name: string, why: string): TlsWrite {
  const code = ALERT_CODES[name];
  if (code === undefined) throw new Error(`unknown alert ${name}`);
  const level = name === 'close_notify' ? 1 : 2;
  const layer: Layer = {
    name: 'TLS',
    summary: `Alert: ${name}`,
    fields: [
      { name: 'level', value: level === 1 ? '1 (warning)' : '2 (fatal)', offset: 0, length: 1 },
      { name: 'description', value: `${code} (${name})`, offset: 1, length: 1, note: why },
    ],
  };
  return tlsWrite(name, [{ kind: 'sealed', sealer, innerType: CONTENT_ALERT, content: Uint8Array.of(level, code), layers: [layer], title: name }], `Application data record: alert, encrypted`);
}

/** A fatal alert from an endpoint that fails: sealed once it has write keys, in the clear before (RFC 8446 §6.2, §5.1; OpenSSL does so). */
export const fatalAlertWrite = (sealer: Sealer | undefined, name: string, why: string): TlsWrite => (sealer ? alertWrite(sealer, name, why) : plainAlertWrite(name, why));
