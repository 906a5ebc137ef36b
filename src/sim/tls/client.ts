import { toHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import type { Prng } from '../prng';
import { applicationDataWrite, closeNotifyWrite, fatalAlertWrite } from './appData';
import { NssKeyLog } from './nssKeyLog';
import { type ClientKeyShare, KEY_GROUPS, X25519 } from './groups';
import { bindClientHello, clientEarlyTrafficSecret, encodeEndOfEarlyData, obfuscatedTicketAge, type SessionTicket, sessionTicketFrom } from './psk';
import { type ClientHelloInputs, type ClientHelloProfile, curlProfile, encodeClientHello } from './hello';
import { messageHash } from './helloRetry';
import { dispatchRecord, receiveRecords } from './dispatchRecord';
import { Inbox, type Inbound, TlsAlertError } from './inbox';
import { applicationSecrets, finishedVerifyData, handshakeSecrets, resumptionMasterSecret, SUITES13, type Suite13, trafficKeys } from './keySchedule';
import { certificateVerifyInput, type Encoded, encodeFinished } from './messages';
import { parseCertificate, parseCertificateVerify, parseEncryptedExtensions, parseNewSessionTicket, parseServerHello, type NewSessionTicket } from './parse/handshake';
import { type RecordPiece, type Sealer, type TlsWrite, handshakeLayer, tlsWrite } from './writes';
import { concat } from '../bytes/hex';
import { checkServerSignature, trustedLeafKey } from './serverAuth';

/** What an endpoint tells its application. `step` names the write for captions. */
export interface TlsIo {
  send(step: string, write: TlsWrite): void;
  handshakeComplete?(): void;
  data?(bytes: Uint8Array): void;
  closeNotify?(): void;
  /** A fatal alert, sent (we found the fault) or received (the peer did). */
  failed?(alert: string, reason: string, sent: boolean): void;
  ticket?(t: NewSessionTicket): void;
}

export interface TlsClientOptions {
  host: string;
  profile?: ClientHelloProfile;
  /** DER of the one root the client trusts. */
  trustedRoot: Uint8Array;
  /** Unix seconds at which certificates must be valid. */
  nowSeconds: number;
  /**
   * Resume with a ticket from an earlier connection (RFC 8446 §2.2): offer its PSK with a fresh
   * x25519 share (psk_dhe_ke), and with `earlyData`, if the ticket allows it, open 0-RTT so
   * `send` works before the handshake completes.
   */
  resume?: ResumeOption;
}

export interface ResumeOption {
  ticket: SessionTicket;
  /** Milliseconds since the ticket arrived. */
  ageMs: number;
  earlyData?: boolean;
}

/**
 * A TLS 1.3 client (RFC 8446) that reacts to what it receives: it reads the ServerHello's
 * suite, key share and session id echo, checks the certificate chain to its trusted root and
 * the host name, the CertificateVerify signature and the server Finished, and answers a failed
 * check with the matching alert. A HelloRetryRequest (RFC 8446 §4.1.4) gets a second ClientHello
 * with a share for the group it names. Its randomness comes from the seeded PRNG.
 */
export class TlsClient {
  readonly random: Uint8Array;
  private readonly sessionId: Uint8Array;
  private readonly secret: Uint8Array;
  private readonly inbox = new Inbox();
  private transcript: Uint8Array[] = [];
  private readonly keys = new NssKeyLog();
  private suite?: Suite13;
  private hs?: ReturnType<typeof handshakeSecrets>;
  private write?: Sealer;
  private state: 'start' | 'wait-sh' | 'wait-ee' | 'wait-cert' | 'wait-cv' | 'wait-fin' | 'connected' | 'closed' = 'start';
  private leafKey?: Uint8Array;
  private shares: ClientKeyShare[] = [];
  /** Set by a HelloRetryRequest: the suite it chose (the ServerHello must repeat it). */
  private retry?: { suite: number; group: number };
  /** Early data keys, from the ClientHello until EndOfEarlyData. */
  private early?: Sealer;
  private ccsSent = false;
  /** The server accepted our ticket: no Certificate or CertificateVerify follows. */
  resumed = false;
  /** The server's EncryptedExtensions said early_data: it took what we sent under the early keys. */
  earlyDataAccepted = false;
  resumptionSecret?: Uint8Array;
  alpn?: string;
  /** The group the key exchange used, once the ServerHello has said. */
  keyGroup?: string;
  readonly tickets: NewSessionTicket[] = [];

  constructor(
    private readonly prng: Prng,
    private readonly o: TlsClientOptions,
    private readonly io: TlsIo,
  ) {
    this.random = prng.bytes(32);
    this.sessionId = prng.bytes(32);
    this.secret = prng.bytes(32);
  }

  get suiteName(): string | undefined {
    return this.suite?.name;
  }

  private get profile(): ClientHelloProfile {
    return this.o.profile ?? curlProfile;
  }

  /** x25519 uses the 32 bytes drawn at construction; any other group draws its own. */
  private share(group: number): ClientKeyShare {
    const g = KEY_GROUPS[group];
    return g.client(group === X25519 ? this.secret : this.prng.bytes(g.seedBytes), this.prng);
  }

  private encodeHello?: (o: ClientHelloInputs) => Encoded;

  start(): void {
    const profile = this.profile;
    this.encodeHello = profile.layout ? profile.layout(this.prng) : (o) => encodeClientHello(profile, o);
    const resume = this.o.resume;
    const ticket = resume?.ticket;
    const earlyData = !!(resume?.earlyData && ticket && ticket.maxEarlyData > 0);
    this.shares = profile.keyShares.map((g) => this.share(g));
    let msg = this.encodeHello({
      random: this.random,
      sessionId: this.sessionId,
      host: this.o.host,
      keyShares: this.shares,
      earlyData,
      psk: ticket && { identity: ticket.identity, obfuscatedTicketAge: obfuscatedTicketAge(resume.ageMs, ticket.ageAdd), binderLength: ticket.suite.hash.outputLen },
    });
    if (ticket) msg = bindClientHello(msg, ticket.psk, ticket.suite.hash);
    this.transcript.push(msg.bytes);
    this.state = 'wait-sh';
    if (earlyData) {
      const secret = clientEarlyTrafficSecret(ticket!.psk, msg.bytes, ticket!.suite.hash);
      this.log('CLIENT_EARLY_TRAFFIC_SECRET', secret);
      this.early = { keys: trafficKeys(secret, ticket!.suite), seq: 0, name: 'client early traffic key', aead: ticket!.suite.aead };
    }
    const names = this.shares.map((k) => KEY_GROUPS[k.group].name).join(' + ');
    const what = ticket ? `resumes with a ticket${earlyData ? ', early data follows' : ''}, ${names} key share` : `${names} key share`;
    // RFC 8446 §5.1: the first ClientHello's record says TLS 1.0 for old servers' sake.
    this.io.send('client-hello', tlsWrite('ClientHello', [{ kind: 'handshake', messages: [msg], version: 0x0301, title: 'ClientHello' }], `Handshake: ClientHello, SNI ${this.o.host}, ${what}`));
  }

  /** RFC 8446 §4.1.4: one retry, for a group we offered in supported_groups but sent no share for. */
  private helloRetryRequest(raw: Uint8Array, sh: ReturnType<typeof parseServerHello>): void {
    if (this.retry) throw new TlsAlertError('unexpected_message', 'a second HelloRetryRequest');
    if (sh.version !== 0x0304) throw new TlsAlertError('illegal_parameter', 'HelloRetryRequest without TLS 1.3 in supported_versions');
    const suite = SUITES13[sh.cipherSuite];
    if (!suite) throw new TlsAlertError('illegal_parameter', `HelloRetryRequest chose suite 0x${sh.cipherSuite.toString(16)} we cannot use`);
    if (toHex(sh.legacySessionIdEcho) !== toHex(this.sessionId)) throw new TlsAlertError('illegal_parameter', 'legacy_session_id_echo differs from what we sent');
    const group = sh.extensions.selectedGroup;
    if (group === undefined || !this.profile.groups.includes(group) || !KEY_GROUPS[group]) throw new TlsAlertError('illegal_parameter', `HelloRetryRequest asks for group ${group} we did not offer`);
    if (this.shares.some((k) => k.group === group)) throw new TlsAlertError('illegal_parameter', `HelloRetryRequest asks for ${KEY_GROUPS[group].name}, whose share we already sent`);
    this.retry = { suite: sh.cipherSuite, group };
    // A retry refuses 0-RTT (RFC 8446 §4.1.2); we also drop the ticket from the second ClientHello rather than rebind it.
    this.early = undefined;
    const ccs = !this.ccsSent;
    this.ccsSent = true;
    this.suite = suite;
    this.transcript = [messageHash(suite.hash, this.transcript[0]), raw];
    this.shares = [this.share(group)];
    const msg = this.encodeHello!({ random: this.random, sessionId: this.sessionId, host: this.o.host, keyShares: this.shares, cookie: sh.extensions.cookie, retry: true });
    this.transcript.push(msg.bytes);
    // Middlebox compatibility (RFC 8446 D.4): the client's one CCS goes just before its second ClientHello.
    const hello = { kind: 'handshake' as const, messages: [msg], title: 'ClientHello (after HelloRetryRequest)' };
    const retryWith = `a second ClientHello with a ${KEY_GROUPS[group].name} key share`;
    this.io.send('client-hello-retry', ccs ? tlsWrite('CCS, ClientHello', [{ kind: 'ccs' }, hello], `ChangeCipherSpec, then ${retryWith}`) : tlsWrite('ClientHello', [hello], retryWith));
  }

  /**
   * True between the ClientHello and the handshake's end when a request can go as 0-RTT early data:
   * the early keys go with a HelloRetryRequest (§4.1.2) or the server Finished (EndOfEarlyData, §4.5),
   * and a connection closed by an alert sends nothing more (§6.2).
   */
  get canSendEarlyData(): boolean {
    return this.early !== undefined && this.state !== 'closed';
  }

  /** The tickets received so far, each ready to resume with (its PSK derived, RFC 8446 §4.6.1). */
  sessionTickets(): SessionTicket[] {
    return this.tickets.map((t) => sessionTicketFrom(t, this.resumptionSecret!, this.suite!, this.o.host, this.alpn));
  }

  receive(bytes: Uint8Array): void {
    if (this.state !== 'closed') receiveRecords(this.inbox, bytes, (item) => this.handle(item), (alert, reason) => this.fail(alert, reason));
  }

  send(http: HttpMessage): void {
    if (this.state === 'connected') return this.io.send('request', applicationDataWrite(this.write!, http));
    if (!this.canSendEarlyData) throw new Error('TLS client: nothing can be sent before the handshake completes without 0-RTT keys');
    // Middlebox compatibility (RFC 8446 D.4): with early data, the CCS goes right after the ClientHello.
    const write = applicationDataWrite(this.early!, http, this.ccsSent ? [] : [{ kind: 'ccs' }], '0-RTT early data');
    this.ccsSent = true;
    this.io.send('early-data', write);
  }

  close(): void {
    this.io.send('client-close-notify', closeNotifyWrite(this.write!));
  }

  keyLog(): string {
    return this.keys.text();
  }

  private log(label: string, secret: Uint8Array): void {
    this.keys.add(label, this.random, secret);
  }

  private fail(alert: string, reason: string): void {
    // Before ServerHello there are no keys: the alert goes in the clear (RFC 8446 §6; OpenSSL does so too).
    this.io.send('client-alert', fatalAlertWrite(this.write, alert, reason));
    this.state = 'closed';
    this.io.failed?.(alert, reason, true);
  }

  private hash(...parts: Uint8Array[]): Uint8Array {
    return this.suite!.hash(concat(...parts));
  }

  private handle(item: Inbound): void {
    if (item.kind === 'ccs') {
      // RFC 8446 §5: a CCS is dropped, but only during the handshake.
      if (this.state === 'connected') throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec outside the handshake');
      return;
    }
    const m = dispatchRecord(item, this.state, this.io, 'server', () => {
      this.state = 'closed';
    });
    if (!m) return;
    switch (`${this.state}:${m.type}`) {
      case 'wait-sh:2': {
        const sh = parseServerHello(m.body);
        if (sh.helloRetryRequest) return this.helloRetryRequest(m.raw, sh);
        if (sh.version !== 0x0304) throw new TlsAlertError('protocol_version', `server chose ${sh.version.toString(16)}, this client speaks TLS 1.3 only`);
        const suite = SUITES13[sh.cipherSuite];
        if (!suite) throw new TlsAlertError('illegal_parameter', `server chose suite 0x${sh.cipherSuite.toString(16)} we cannot use`);
        if (toHex(sh.legacySessionIdEcho) !== toHex(this.sessionId)) throw new TlsAlertError('illegal_parameter', 'legacy_session_id_echo differs from what we sent');
        if (this.retry && sh.cipherSuite !== this.retry.suite) throw new TlsAlertError('illegal_parameter', 'ServerHello suite differs from the HelloRetryRequest one');
        const resume = this.o.resume;
        if (sh.extensions.selectedIdentity !== undefined) {
          if (!resume || sh.extensions.selectedIdentity !== 0) throw new TlsAlertError('illegal_parameter', `server selected PSK identity ${sh.extensions.selectedIdentity}, we offered ${resume ? 'one' : 'none'}`);
          // RFC 8446 §4.2.11: the suite must share the PSK's hash.
          if (resume.ticket.suite.hash !== suite.hash) throw new TlsAlertError('illegal_parameter', `server chose ${suite.name} with a PSK from ${resume.ticket.suite.name}`);
          this.resumed = true;
        }
        const share = sh.extensions.keyShares?.[0];
        const mine = this.shares.find((k) => k.group === share?.group);
        if (!share || !mine) throw new TlsAlertError('illegal_parameter', `server key share is not for ${this.shares.map((k) => KEY_GROUPS[k.group].name).join(' or ')}`);
        this.suite = suite;
        this.keyGroup = KEY_GROUPS[share.group].name;
        this.transcript.push(m.raw);
        let shared: Uint8Array;
        try {
          shared = mine.agree(share.keyExchange);
        } catch (e) {
          throw new TlsAlertError('illegal_parameter', `server ${this.keyGroup} share does not work: ${(e as Error).message}`);
        }
        this.hs = handshakeSecrets(shared, this.hash(...this.transcript), suite.hash, this.resumed ? resume!.ticket.psk : undefined);
        this.log('SERVER_HANDSHAKE_TRAFFIC_SECRET', this.hs.serverHandshakeTrafficSecret);
        this.log('CLIENT_HANDSHAKE_TRAFFIC_SECRET', this.hs.clientHandshakeTrafficSecret);
        this.inbox.readKeys(trafficKeys(this.hs.serverHandshakeTrafficSecret, suite));
        this.write = { keys: trafficKeys(this.hs.clientHandshakeTrafficSecret, suite), seq: 0, name: 'client handshake traffic key', aead: suite.aead };
        this.state = 'wait-ee';
        return;
      }
      case 'wait-ee:8': {
        const ee = parseEncryptedExtensions(m.body);
        this.alpn = ee.alpn?.[0];
        if (ee.earlyData) {
          if (!this.early || !this.resumed) throw new TlsAlertError('unsupported_extension', 'early_data accepted, but we sent none');
          this.earlyDataAccepted = true;
        }
        this.transcript.push(m.raw);
        // A PSK authenticates the server: no certificate on a resumed connection (RFC 8446 §2.2).
        this.state = this.resumed ? 'wait-fin' : 'wait-cert';
        return;
      }
      case 'wait-cert:11': {
        const chain = parseCertificate(m.body, true).entries.map((e) => e.certData);
        this.leafKey = trustedLeafKey(chain, this.o);
        this.transcript.push(m.raw);
        this.state = 'wait-cv';
        return;
      }
      case 'wait-cv:15': {
        const cv = parseCertificateVerify(m.body);
        const signed = certificateVerifyInput(this.hash(...this.transcript));
        checkServerSignature('CertificateVerify', cv.algorithm, cv.signature, signed, this.leafKey!);
        this.transcript.push(m.raw);
        this.state = 'wait-fin';
        return;
      }
      case 'wait-fin:20': {
        const suite = this.suite!;
        const expected = finishedVerifyData(this.hs!.serverHandshakeTrafficSecret, this.hash(...this.transcript), suite.hash);
        if (toHex(expected) !== toHex(m.body)) throw new TlsAlertError('decrypt_error', 'server Finished does not match the transcript');
        this.transcript.push(m.raw);
        const app = applicationSecrets(this.hs!.handshakeSecret, this.hash(...this.transcript), suite.hash);
        this.log('SERVER_TRAFFIC_SECRET_0', app.serverApplicationTrafficSecret);
        this.log('CLIENT_TRAFFIC_SECRET_0', app.clientApplicationTrafficSecret);
        this.log('EXPORTER_SECRET', app.exporterMasterSecret);
        this.inbox.readKeys(trafficKeys(app.serverApplicationTrafficSecret, suite));
        const pieces: RecordPiece[] = [];
        // Middlebox compatibility (RFC 8446 D.4): the client's CCS goes just before its second flight.
        if (!this.ccsSent) pieces.push({ kind: 'ccs' });
        if (this.earlyDataAccepted) {
          // RFC 8446 §4.5: the last record under the early keys; it enters the transcript before our Finished.
          const eoed = encodeEndOfEarlyData();
          this.transcript.push(eoed.bytes);
          pieces.push({ kind: 'sealed', sealer: this.early!, innerType: 22, content: eoed.bytes, layers: [handshakeLayer([eoed], 'EndOfEarlyData')], title: 'EndOfEarlyData' });
        }
        this.early = undefined;
        const fin = encodeFinished(finishedVerifyData(this.hs!.clientHandshakeTrafficSecret, this.hash(...this.transcript), suite.hash), 'client');
        this.transcript.push(fin.bytes);
        this.resumptionSecret = resumptionMasterSecret(app.masterSecret, this.hash(...this.transcript), suite.hash);
        pieces.push({ kind: 'sealed', sealer: this.write!, innerType: 22, content: fin.bytes, layers: [handshakeLayer([fin], 'client Finished')], title: 'Finished' });
        const said = [pieces[0].kind === 'ccs' ? 'ChangeCipherSpec' : '', this.earlyDataAccepted ? 'EndOfEarlyData (early key)' : '', 'client Finished'].filter(Boolean).join(', then ');
        this.io.send('client-finished', tlsWrite(this.earlyDataAccepted ? 'EndOfEarlyData, Finished' : pieces[0].kind === 'ccs' ? 'CCS, Finished' : 'Finished', pieces, `${said}, encrypted`));
        this.write = { keys: trafficKeys(app.clientApplicationTrafficSecret, suite), seq: 0, name: 'client application traffic key', aead: suite.aead };
        this.state = 'connected';
        this.io.handshakeComplete?.();
        return;
      }
      case 'connected:4': {
        const t = parseNewSessionTicket(m.body, true);
        this.tickets.push(t);
        this.io.ticket?.(t);
        return;
      }
      default:
        throw new TlsAlertError('unexpected_message', `${m.name} is not expected now (${this.state})`);
    }
  }
}
