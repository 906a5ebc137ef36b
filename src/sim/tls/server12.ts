import { p256 } from '@noble/curves/nist.js';
import { concat, toHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import type { Prng } from '../prng';
import { selectAlpn } from './alpn';
import { applicationDataWrite, closeNotifyWrite, fatalAlertWrite } from './appData';
import type { TlsIo } from './client';
import { dispatchRecord, receiveRecords } from './dispatchRecord';
import { Inbox, type Inbound, TlsAlertError } from './inbox';
import { ecdhParams, ecdhePremaster, ecdhePublicKey, SECP256R1, SUITES12, type Session12, serverKeyExchangeSigned, session12, type Suite12, X25519 } from './keys12';
import { encodeCertificate12, encodeFinished12, encodeServerHello12, encodeServerHelloDone, encodeServerKeyExchange } from './messages12';
import { NssKeyLog } from './nssKeyLog';
import { parseClientHello, parseClientKeyExchange } from './parse/handshake';
import { GROUP_NAMES, nameOf } from './parse/names';
import { finishedVerifyData12 } from './prf12';
import type { TlsServerOptions } from './server';
import { type Sealer, handshakeLayer, tlsWrite } from './writes';

export interface TlsServer12Options extends TlsServerOptions {
  /** The suites this server is configured with, in its order of preference (it prefers its own order, like `ssl_prefer_server_ciphers on`). */
  suites?: number[];
}

const ECDSA_P256_SHA256 = 0x0403;
const RENEGOTIATION_SCSV = 0x00ff;

/**
 * A TLS 1.2 server (RFC 5246, ECDHE-ECDSA per RFC 8422) configured as a TLS 1.2-only nginx would
 * be on OpenSSL: it picks its preferred suite and the client's first curve it supports, sends
 * ServerHello, Certificate, ServerKeyExchange (its ephemeral key, signed) and ServerHelloDone in
 * one write (a record each, as OpenSSL writes them), reads the client's key, ChangeCipherSpec and
 * Finished, and answers with its own ChangeCipherSpec and Finished. It keeps no session cache and
 * issues no tickets, so the session id stays empty and no NewSessionTicket is sent.
 */
export class TlsServer12 {
  private readonly inbox = new Inbox();
  private readonly random: Uint8Array;
  private readonly secret: Uint8Array;
  private readonly transcript: Uint8Array[] = [];
  private readonly keys = new NssKeyLog();
  private state: 'wait-ch' | 'wait-cke' | 'wait-ccs' | 'wait-fin' | 'connected' | 'closed' = 'wait-ch';
  private clientRandom?: Uint8Array;
  private suite?: Suite12;
  private group?: number;
  private ems = false;
  private session?: Session12;
  private write?: Sealer;
  alpn?: string;
  /** This TLS 1.2 endpoint always runs a full handshake: no session resumption, no 0-RTT. */
  readonly resumed = false;
  readonly earlyDataAccepted = false;

  constructor(
    prng: Prng,
    private readonly o: TlsServer12Options,
    private readonly io: TlsIo,
  ) {
    this.random = prng.bytes(32);
    this.secret = prng.bytes(32);
  }

  get suiteName(): string | undefined {
    return this.suite?.name;
  }

  receive(bytes: Uint8Array): void {
    if (this.state !== 'closed') receiveRecords(this.inbox, bytes, (item) => this.handle(item), (alert, reason) => this.fail(alert, reason));
  }

  private fail(alert: string, reason: string): void {
    // Before our ChangeCipherSpec the alert goes in the clear (RFC 5246 §7.2), as OpenSSL sends it.
    this.io.send('server-alert', fatalAlertWrite(this.write, alert, reason));
    this.state = 'closed';
    this.io.failed?.(alert, reason, true);
  }

  send(http: HttpMessage): void {
    this.io.send('response', applicationDataWrite(this.write!, http));
  }

  close(): void {
    this.io.send('server-close-notify', closeNotifyWrite(this.write!));
  }

  keyLog(): string {
    return this.keys.text();
  }

  private hash(): Uint8Array {
    return this.suite!.hash(concat(...this.transcript));
  }

  private handle(item: Inbound): void {
    if (item.kind === 'ccs') {
      if (this.state !== 'wait-ccs') throw new TlsAlertError('unexpected_message', `ChangeCipherSpec is not expected now (${this.state})`);
      this.inbox.readKeys(this.session!.client, true);
      this.state = 'wait-fin';
      return;
    }
    const m = dispatchRecord(item, this.state, this.io, 'client', () => {
      this.state = 'closed';
    });
    if (!m) return;
    if (this.state === 'wait-ch' && m.type === 1) return this.clientHello(m.raw, m.body);
    if (this.state === 'wait-cke' && m.type === 16) return this.clientKeyExchange(m.raw, m.body);
    if (this.state === 'wait-fin' && m.type === 20) return this.clientFinished(m.raw, m.body);
    throw new TlsAlertError('unexpected_message', `${m.name} is not expected now (${this.state})`);
  }

  private clientHello(raw: Uint8Array, body: Uint8Array): void {
    const ch = parseClientHello(body);
    this.clientRandom = ch.random;
    const versions = ch.extensions.supportedVersions;
    if (versions ? !versions.includes(0x0303) : ch.legacyVersion < 0x0303) throw new TlsAlertError('protocol_version', 'the client does not offer TLS 1.2, the only version this server speaks');
    const suiteId = (this.o.suites ?? [0xc02b, 0xc02c]).find((s) => SUITES12[s] && ch.cipherSuites.includes(s));
    if (suiteId === undefined) throw new TlsAlertError('handshake_failure', 'no ECDHE-ECDSA AES-GCM suite in common');
    // RFC 8422 §4: a client that sends no supported_groups accepts secp256r1 (and its other NIST curves).
    const groups = ch.extensions.supportedGroups ?? [SECP256R1];
    // Of the groups the server is configured with, those TLS 1.2 ECDHE here speaks; the client's order decides, as OpenSSL's does by default.
    const accepted: number[] = (this.o.groups ?? [X25519, SECP256R1]).filter((g) => g === X25519 || g === SECP256R1);
    const group = groups.find((g) => accepted.includes(g));
    if (group === undefined) throw new TlsAlertError('handshake_failure', 'no curve in common (this server speaks x25519 and secp256r1)');
    // RFC 5246 §7.4.1.4.1: without signature_algorithms the client accepts SHA-1 only, which we do not sign with.
    if (!ch.extensions.signatureAlgorithms?.includes(ECDSA_P256_SHA256)) throw new TlsAlertError('handshake_failure', 'the client cannot check ecdsa_secp256r1_sha256 signatures');
    const alpn = selectAlpn(ch.extensions.alpn, this.o.alpn);
    this.alpn = alpn;
    this.ems = ch.extensions.extendedMasterSecret === true;
    const suite = (this.suite = SUITES12[suiteId]);
    this.group = group;
    this.transcript.push(raw);
    const sh = encodeServerHello12({
      random: this.random,
      suite: suiteId,
      alpn,
      extendedMasterSecret: this.ems,
      secureRenegotiation: ch.cipherSuites.includes(RENEGOTIATION_SCSV) || ch.extensions.renegotiationInfo !== undefined,
      ecPointFormats: ch.extensions.ecPointFormats !== undefined,
    });
    const cert = encodeCertificate12(this.o.chain);
    const publicKey = ecdhePublicKey(group, this.secret);
    const signature = p256.sign(serverKeyExchangeSigned(ch.random, this.random, ecdhParams(group, publicKey)), this.o.privateKey, { prehash: true, format: 'der' });
    const ske = encodeServerKeyExchange({ group, publicKey, algorithm: ECDSA_P256_SHA256, signature });
    const done = encodeServerHelloDone();
    this.transcript.push(sh.bytes, cert.bytes, ske.bytes, done.bytes);
    const record = (msg: typeof sh, title: string) => ({ kind: 'handshake' as const, messages: [msg], title, tls12: true });
    this.io.send('server-hello', tlsWrite('ServerHello … Done', [record(sh, 'ServerHello'), record(cert, 'Certificate'), record(ske, 'ServerKeyExchange'), record(done, 'ServerHelloDone')],
      `ServerHello (${suite.name}), Certificate, ServerKeyExchange (${nameOf(GROUP_NAMES, group)}, signed), ServerHelloDone: all in the clear`));
    this.state = 'wait-cke';
  }

  private clientKeyExchange(raw: Uint8Array, body: Uint8Array): void {
    const { publicKey } = parseClientKeyExchange(body, 'ecdhe');
    this.transcript.push(raw);
    const premaster = ecdhePremaster(this.group!, this.secret, publicKey!);
    this.session = session12(this.suite!, premaster, this.clientRandom!, this.random, this.ems ? this.hash() : undefined);
    this.keys.add('CLIENT_RANDOM', this.clientRandom!, this.session.master);
    this.state = 'wait-ccs';
  }

  private clientFinished(raw: Uint8Array, body: Uint8Array): void {
    const suite = this.suite!;
    const expected = finishedVerifyData12(this.session!.master, 'client', this.hash(), suite.hash);
    if (toHex(expected) !== toHex(body)) throw new TlsAlertError('decrypt_error', 'client Finished does not match the transcript');
    this.transcript.push(raw);
    const fin = encodeFinished12(finishedVerifyData12(this.session!.master, 'server', this.hash(), suite.hash), 'server');
    this.transcript.push(fin.bytes);
    this.write = { keys: this.session!.server, seq: 0, name: 'server write key', aead: suite.aead, tls12: true };
    this.io.send('server-finished', tlsWrite('CCS, Finished', [
      { kind: 'ccs', tls12: true },
      { kind: 'sealed', sealer: this.write, innerType: 22, content: fin.bytes, layers: [handshakeLayer([fin], 'server Finished')], title: 'Finished' },
    ], 'ChangeCipherSpec, then server Finished, encrypted'));
    this.state = 'connected';
    this.io.handshakeComplete?.();
  }
}
