import { concat, toHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import type { Prng } from '../prng';
import { applicationDataWrite, closeNotifyWrite, fatalAlertWrite } from './appData';
import type { TlsClientOptions, TlsIo } from './client';
import { dispatchRecord, receiveRecords } from './dispatchRecord';
import { Inbox, type Inbound, TlsAlertError } from './inbox';
import { ecdhePremaster, ecdhePublicKey, SUITES12, type Session12, serverKeyExchangeSigned, session12, type Suite12 } from './keys12';
import { curlTls12Profile, encodeClientHello12, encodeClientKeyExchange, encodeFinished12 } from './messages12';
import type { ClientHelloProfile } from './hello';
import { NssKeyLog } from './nssKeyLog';
import { parseCertificate, parseNewSessionTicket, parseServerHello, parseServerHelloDone, parseServerKeyExchangeEcdhe, type NewSessionTicket } from './parse/handshake';
import { GROUP_NAMES, nameOf } from './parse/names';
import { finishedVerifyData12 } from './prf12';
import { type Sealer, handshakeLayer, tlsWrite } from './writes';
import { checkServerSignature, trustedLeafKey } from './serverAuth';

type State = 'start' | 'wait-sh' | 'wait-cert' | 'wait-ske' | 'wait-shd' | 'wait-ccs' | 'wait-fin' | 'connected' | 'closed';

/**
 * A TLS 1.2 client (RFC 5246 with ECDHE, RFC 8422) that reacts to what it receives: it offers
 * TLS 1.2 only (as curl with `--tls-max 1.2`), reads the suite and extensions the ServerHello
 * picks, checks the chain to its trusted root and the host name, the ServerKeyExchange signature
 * with the certificate's key, and the server Finished; a failed check ends in the matching alert.
 * Two round trips before the request: hello → key exchange, then ChangeCipherSpec + Finished both ways.
 */
export class TlsClient12 {
  readonly random: Uint8Array;
  private readonly secret: Uint8Array;
  private readonly inbox = new Inbox();
  private readonly transcript: Uint8Array[] = [];
  private readonly keys = new NssKeyLog();
  private state: State = 'start';
  private suite?: Suite12;
  private serverRandom?: Uint8Array;
  private ems = false;
  private ticketAgreed = false;
  private leafKey?: Uint8Array;
  private peerKey?: Uint8Array;
  private session?: Session12;
  private write?: Sealer;
  alpn?: string;
  group?: number;
  /** RFC 5077 tickets the server issued (only when the profile offers session_ticket; curl's does not); kept, never used to resume. */
  readonly tickets: NewSessionTicket[] = [];
  /** This TLS 1.2 endpoint always runs a full handshake: no session resumption, no 0-RTT. */
  readonly resumed = false;
  readonly earlyDataAccepted = false;
  readonly canSendEarlyData = false;

  constructor(
    prng: Prng,
    private readonly o: TlsClientOptions,
    private readonly io: TlsIo,
  ) {
    this.random = prng.bytes(32);
    this.secret = prng.bytes(32);
  }

  get suiteName(): string | undefined {
    return this.suite?.name;
  }

  start(): void {
    const msg = encodeClientHello12(this.profile, { random: this.random, host: this.o.host });
    this.transcript.push(msg.bytes);
    this.state = 'wait-sh';
    this.io.send('client-hello', tlsWrite('ClientHello', [{ kind: 'handshake', messages: [msg], version: 0x0301, title: 'ClientHello', tls12: true }], `Handshake: ClientHello (TLS 1.2 only), SNI ${this.o.host}`));
  }

  receive(bytes: Uint8Array): void {
    if (this.state !== 'closed') receiveRecords(this.inbox, bytes, (item) => this.handle(item), (alert, reason) => this.fail(alert, reason));
  }

  send(http: HttpMessage): void {
    this.io.send('request', applicationDataWrite(this.write!, http));
  }

  close(): void {
    this.io.send('client-close-notify', closeNotifyWrite(this.write!));
  }

  keyLog(): string {
    return this.keys.text();
  }

  private fail(alert: string, reason: string): void {
    // Before our ChangeCipherSpec the alert goes in the clear (RFC 5246 §7.2), as OpenSSL sends it.
    this.io.send('client-alert', fatalAlertWrite(this.write, alert, reason));
    this.state = 'closed';
    this.io.failed?.(alert, reason, true);
  }

  private hash(): Uint8Array {
    return this.suite!.hash(concat(...this.transcript));
  }

  private handle(item: Inbound): void {
    if (item.kind === 'ccs') {
      if (this.state !== 'wait-ccs') throw new TlsAlertError('unexpected_message', `ChangeCipherSpec is not expected now (${this.state})`);
      // RFC 5246 §7.1: the server's records are protected from the next one on.
      this.inbox.readKeys(this.session!.server, true);
      this.state = 'wait-fin';
      return;
    }
    const m = dispatchRecord(item, this.state, this.io, 'server', () => {
      this.state = 'closed';
    });
    if (!m) return;
    switch (`${this.state}:${m.type}`) {
      case 'wait-sh:2': {
        const sh = parseServerHello(m.body);
        if (sh.version !== 0x0303 || sh.extensions.supportedVersions) throw new TlsAlertError('protocol_version', `server chose 0x${sh.version.toString(16)}, this client offered TLS 1.2 only`);
        const suite = SUITES12[sh.cipherSuite];
        if (!suite) throw new TlsAlertError('illegal_parameter', `server chose suite 0x${sh.cipherSuite.toString(16)} this client cannot use`);
        if (sh.compressionMethod !== 0) throw new TlsAlertError('illegal_parameter', 'server chose compression; we offered null only');
        // RFC 5746 §3.4: we sent the signalling suite; a server without renegotiation_info may be open to renegotiation attacks.
        if (!sh.extensions.renegotiationInfo || sh.extensions.renegotiationInfo.length) throw new TlsAlertError('handshake_failure', 'server does not confirm secure renegotiation (RFC 5746)');
        this.suite = suite;
        this.serverRandom = sh.random;
        this.ems = sh.extensions.extendedMasterSecret === true;
        // RFC 5246 §7.4.1.4: an extension the client did not offer ends the handshake.
        if (sh.extensions.sessionTicket !== undefined && !this.profile.sessionTicket) throw new TlsAlertError('unsupported_extension', 'server sent session_ticket, which we did not offer');
        this.ticketAgreed = sh.extensions.sessionTicket !== undefined;
        this.alpn = sh.extensions.alpn?.[0];
        this.transcript.push(m.raw);
        this.state = 'wait-cert';
        return;
      }
      case 'wait-cert:11': {
        const chain = parseCertificate(m.body, false).entries.map((e) => e.certData);
        this.leafKey = trustedLeafKey(chain, this.o);
        this.transcript.push(m.raw);
        this.state = 'wait-ske';
        return;
      }
      case 'wait-ske:12': {
        const ske = parseServerKeyExchangeEcdhe(m.body);
        if (!this.offers(ske.namedGroup)) throw new TlsAlertError('illegal_parameter', `server picked ${nameOf(GROUP_NAMES, ske.namedGroup)}, not one we can use`);
        const signed = serverKeyExchangeSigned(this.random, this.serverRandom!, ske.params);
        checkServerSignature('ServerKeyExchange', ske.algorithm, ske.signature, signed, this.leafKey!);
        this.group = ske.namedGroup;
        this.peerKey = ske.publicKey;
        this.transcript.push(m.raw);
        this.state = 'wait-shd';
        return;
      }
      case 'wait-shd:14': {
        parseServerHelloDone(m.body);
        this.transcript.push(m.raw);
        return this.keyExchange();
      }
      case 'wait-ccs:4': {
        // RFC 5077 §3.3: the ticket comes just before the server's ChangeCipherSpec, and counts in the transcript.
        if (!this.ticketAgreed) throw new TlsAlertError('unexpected_message', 'NewSessionTicket without the session_ticket extension');
        this.tickets.push(parseNewSessionTicket(m.body, false));
        this.transcript.push(m.raw);
        return;
      }
      case 'wait-fin:20': {
        const expected = finishedVerifyData12(this.session!.master, 'server', this.hash(), this.suite!.hash);
        if (toHex(expected) !== toHex(m.body)) throw new TlsAlertError('decrypt_error', 'server Finished does not match the transcript');
        this.transcript.push(m.raw);
        this.state = 'connected';
        this.io.handshakeComplete?.();
        return;
      }
      default:
        throw new TlsAlertError('unexpected_message', `${m.name} is not expected now (${this.state})`);
    }
  }

  /** The ClientHello this client sends, and so what it offered: curl's unless the options name another. */
  private get profile(): ClientHelloProfile {
    return this.o.profile ?? curlTls12Profile;
  }

  private offers(group: number): boolean {
    return this.profile.groups.includes(group) && (group === 0x001d || group === 0x0017);
  }

  /** After ServerHelloDone: our key share, then ChangeCipherSpec and Finished, in one write (OpenSSL flushes them together). */
  private keyExchange(): void {
    const suite = this.suite!;
    const group = this.group!;
    const cke = encodeClientKeyExchange(group, ecdhePublicKey(group, this.secret));
    this.transcript.push(cke.bytes);
    const premaster = ecdhePremaster(group, this.secret, this.peerKey!);
    this.session = session12(suite, premaster, this.random, this.serverRandom!, this.ems ? this.hash() : undefined);
    this.keys.add('CLIENT_RANDOM', this.random, this.session.master);
    const fin = encodeFinished12(finishedVerifyData12(this.session.master, 'client', this.hash(), suite.hash), 'client');
    this.transcript.push(fin.bytes);
    this.write = { keys: this.session.client, seq: 0, name: 'client write key', aead: suite.aead, tls12: true };
    this.io.send('client-key-exchange', tlsWrite('ClientKeyExchange, CCS, Finished', [
      { kind: 'handshake', messages: [cke], title: 'ClientKeyExchange', tls12: true },
      { kind: 'ccs', tls12: true },
      { kind: 'sealed', sealer: this.write, innerType: 22, content: fin.bytes, layers: [handshakeLayer([fin], 'client Finished')], title: 'Finished' },
    ], `ClientKeyExchange (${nameOf(GROUP_NAMES, group)}), ChangeCipherSpec, then client Finished, encrypted`));
    this.state = 'wait-ccs';
  }
}
