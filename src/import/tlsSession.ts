import { concat } from '../sim/bytes/hex';
import { trafficKeys, type TrafficKeys } from '../sim/tls/keySchedule';
import { CIPHER_SUITE_NAMES, HandshakeReader, type HandshakeMessage, nameOf, parseClientHello, parseRecordAt, parseServerHello, type TlsRecord } from '../sim/tls/parse';
import { openRecord, recordHeader } from '../sim/tls/record';
import { openRecord12 } from '../sim/tls/record12';
import { type KeyLog, secretFor } from './keyLog';
import { OPENABLE12, OPENABLE13, recordKeys12 } from './tlsSuites';

/** One TLS record of a direction, as read, and opened when the key log allows. */
export interface ImportedRecord {
  record: TlsRecord;
  /** The content type inside (TLS 1.3 hides it behind application_data). */
  innerType: number;
  /** Set when the record was decrypted, or was never encrypted. */
  plaintext?: Uint8Array;
  encrypted: boolean;
  /** "server handshake traffic key", for the inspector. */
  key?: string;
  handshake: HandshakeMessage[];
  /** Offset of the plaintext's first byte among the direction's application data (type 23 content). */
  appOffset?: number;
}

export interface TlsDirection {
  records: ImportedRecord[];
  /** Decrypted application data, in order (HTTP/1.1 or HTTP/2 bytes). */
  appData: Uint8Array;
  /** Where each record's plaintext sits in appData. */
  problem?: string;
}

export interface TlsSession {
  version?: number;
  cipherSuite?: number;
  clientRandom?: Uint8Array;
  alpn?: string;
  serverName?: string;
  /** Why records stay encrypted, when they do. */
  decryption: 'decrypted' | 'no key log' | 'no matching keys' | 'unsupported cipher suite' | 'not needed';
  directions: [TlsDirection, TlsDirection];
}

/** Looks like a TLS record header: handshake, version 3.x, a sane length. */
export function looksLikeTls(b: Uint8Array): boolean {
  return b.length >= 5 && b[0] >= 20 && b[0] <= 23 && b[1] === 3 && b[2] <= 4 && ((b[3] << 8) | b[4]) <= 18432;
}

type Opener = (r: TlsRecord, seq: number) => { type: number; content: Uint8Array } | undefined;

/**
 * Records are opened by the simulator's own record layer (src/sim/tls/record*.ts: one path for
 * what we seal and what real peers sent): TLS 1.3's openRecord (RFC 8446 §5.2), TLS 1.2's
 * openRecord12 (RFC 5288 §3, RFC 7905 §2). A record that does not open stays encrypted.
 */
function opener(open: typeof openRecord, keys: TrafficKeys): Opener {
  return (r, seq) => {
    try {
      return open(keys, seq, concat(recordHeader(r.type, r.fragment.length, r.version), r.fragment));
    } catch {
      return undefined;
    }
  };
}

interface Epoch {
  open: Opener;
  key: string;
  seq: number;
}

/**
 * Reads both directions of a TLS connection (direction 0 = client) and opens what the key log
 * allows: TLS 1.3 handshake then application traffic secrets (RFC 8446 §7.1), switching after each
 * side's Finished; TLS 1.2 after each ChangeCipherSpec with the master secret (RFC 5246 §6.3).
 */
export function readTlsSession(streams: [Uint8Array, Uint8Array], keyLog: KeyLog | undefined): TlsSession {
  const session: TlsSession = { decryption: 'no key log', directions: [{ records: [], appData: new Uint8Array() }, { records: [], appData: new Uint8Array() }] };
  const raw: TlsRecord[][] = streams.map((bytes, d) => {
    const out: TlsRecord[] = [];
    let at = 0;
    try {
      for (;;) {
        const r = parseRecordAt(bytes, at);
        if (!r) break;
        out.push(r);
        at += r.length;
      }
    } catch (e) {
      session.directions[d].problem = (e as Error).message;
    }
    return out;
  });
  // Plain handshake first: the hellos give randoms, version and suite (a hello may span records, RFC 5246 §6.2.1).
  let serverRandom: Uint8Array | undefined;
  for (const [d, records] of raw.entries()) {
    const reader = new HandshakeReader();
    for (const r of records) {
      if (r.type !== 22) break;
      for (const m of reader.push(r.fragment)) {
        try {
          if (m.type === 1 && d === 0) {
            const hello = parseClientHello(m.body);
            session.clientRandom = hello.random;
            session.serverName = hello.extensions.serverName;
          }
          if (m.type === 2 && d === 1) {
            const hello = parseServerHello(m.body);
            session.version = hello.version;
            session.cipherSuite = hello.cipherSuite;
            serverRandom = hello.random;
            session.alpn = hello.extensions.alpn?.[0];
          }
        } catch {
          // A hello we cannot parse leaves the session unknown; the records are still listed.
        }
      }
    }
  }
  const tls13 = session.version === 0x0304;
  const epochs: (Epoch[] | undefined)[] = [undefined, undefined];
  if (keyLog && session.clientRandom && session.cipherSuite !== undefined) {
    const cr = session.clientRandom;
    const suite13 = tls13 ? OPENABLE13[session.cipherSuite] : undefined;
    const suite12 = tls13 ? undefined : OPENABLE12[session.cipherSuite];
    if (suite13) {
      const names = [
        ['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'client'],
        ['SERVER_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0', 'server'],
      ] as const;
      names.forEach(([hs, app, who], d) => {
        const h = secretFor(keyLog, hs, cr);
        const a = secretFor(keyLog, app, cr);
        if (h && a) epochs[d] = [{ open: opener(openRecord, trafficKeys(h, suite13)), key: `${who} handshake traffic key`, seq: 0 }, { open: opener(openRecord, trafficKeys(a, suite13)), key: `${who} application traffic key`, seq: 0 }];
      });
    } else if (suite12) {
      const master = secretFor(keyLog, 'CLIENT_RANDOM', cr);
      if (master && serverRandom) {
        const k = recordKeys12(suite12, master, cr, serverRandom);
        epochs[0] = [{ open: opener(openRecord12, k.client), key: 'client write key', seq: 0 }];
        epochs[1] = [{ open: opener(openRecord12, k.server), key: 'server write key', seq: 0 }];
      }
    } else session.decryption = 'unsupported cipher suite';
    if (session.decryption !== 'unsupported cipher suite') session.decryption = epochs[0] || epochs[1] ? 'decrypted' : 'no matching keys';
  }
  raw.forEach((records, d) => {
    const dir = session.directions[d];
    const reader = new HandshakeReader();
    const app: Uint8Array[] = [];
    let appLength = 0;
    let encrypting = false;
    const keys = epochs[d];
    for (const r of records) {
      const item: ImportedRecord = { record: r, innerType: r.type, encrypted: false, handshake: [] };
      // TLS 1.3: everything after the ServerHello but CCS is encrypted; TLS 1.2: after ChangeCipherSpec.
      const encrypted = tls13 ? r.type === 23 || (encrypting && r.type !== 20) : encrypting;
      if (r.type === 20 && !tls13) encrypting = true;
      if (tls13 && r.type === 23) encrypting = true;
      if (encrypted) {
        item.encrypted = true;
        const epoch = keys?.[0];
        const opened = epoch?.open(r, epoch.seq);
        if (epoch && opened) {
          epoch.seq++;
          item.innerType = opened.type;
          item.plaintext = opened.content;
          item.key = epoch.key;
        }
      } else item.plaintext = r.fragment;
      if (item.plaintext && item.innerType === 22) {
        item.handshake = reader.push(item.plaintext);
        // RFC 8446 §4.4.4: after its Finished a side sends with its application traffic key.
        if (tls13 && item.encrypted && keys && keys.length > 1 && item.handshake.some((m) => m.type === 20)) keys.shift();
      }
      if (item.plaintext && item.innerType === 23) {
        item.appOffset = appLength;
        app.push(item.plaintext);
        appLength += item.plaintext.length;
      }
      dir.records.push(item);
    }
    dir.appData = concat(...app);
  });
  if (!raw[0].length && !raw[1].length) session.decryption = 'not needed';
  return session;
}

export const cipherSuiteName = (suite: number): string => nameOf(CIPHER_SUITE_NAMES, suite);
