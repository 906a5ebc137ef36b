import { p256 } from '@noble/curves/nist.js';
import { toHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import type { Prng } from '../prng';
import { alertWrite, applicationDataWrite, closeNotifyWrite } from './appData';
import { NssKeyLog } from './nssKeyLog';
import { type ClientKeyShare, KEY_GROUPS, X25519 } from './groups';
import { type ClientHelloProfile, curlProfile, encodeClientHello } from './hello';
import { messageHash } from './helloRetry';
import { Inbox, type Inbound, TlsAlertError } from './inbox';
import { applicationSecrets, finishedVerifyData, handshakeSecrets, resumptionMasterSecret, SUITES13, type Suite13, trafficKeys } from './keySchedule';
import { certificateVerifyInput, encodeFinished } from './messages';
import { parseCertificate, parseCertificateVerify, parseEncryptedExtensions, parseNewSessionTicket, parseServerHello, type NewSessionTicket } from './parse/handshake';
import { type Sealer, type TlsWrite, handshakeLayer, tlsWrite } from './writes';
import { parseX509, verifyChain } from './x509';
import { concat } from '../bytes/hex';

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

  start(): void {
    this.shares = this.profile.keyShares.map((g) => this.share(g));
    const msg = encodeClientHello(this.profile, { random: this.random, sessionId: this.sessionId, host: this.o.host, keyShares: this.shares });
    this.transcript.push(msg.bytes);
    this.state = 'wait-sh';
    const names = this.shares.map((k) => KEY_GROUPS[k.group].name).join(' + ');
    // RFC 8446 §5.1: the first ClientHello's record says TLS 1.0 for old servers' sake.
    this.io.send('client-hello', tlsWrite('ClientHello', [{ kind: 'handshake', messages: [msg], version: 0x0301, title: 'ClientHello' }], `Handshake: ClientHello, SNI ${this.o.host}, ${names} key share`));
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
    this.suite = suite;
    this.transcript = [messageHash(suite.hash, this.transcript[0]), raw];
    this.shares = [this.share(group)];
    const msg = encodeClientHello(this.profile, { random: this.random, sessionId: this.sessionId, host: this.o.host, keyShares: this.shares, cookie: sh.extensions.cookie });
    this.transcript.push(msg.bytes);
    // Middlebox compatibility (RFC 8446 D.4): the client's one CCS goes just before its second ClientHello.
    this.io.send('client-hello-retry', tlsWrite('CCS, ClientHello', [
      { kind: 'ccs' },
      { kind: 'handshake', messages: [msg], title: 'ClientHello (after HelloRetryRequest)' },
    ], `ChangeCipherSpec, then a second ClientHello with a ${KEY_GROUPS[group].name} key share`));
  }

  receive(bytes: Uint8Array): void {
    if (this.state === 'closed') return;
    try {
      this.inbox.push(bytes, (item) => this.handle(item));
    } catch (e) {
      if (!(e instanceof TlsAlertError)) throw e;
      this.fail(e.alert, e.message);
    }
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

  private log(label: string, secret: Uint8Array): void {
    this.keys.add(label, this.random, secret);
  }

  private fail(alert: string, reason: string): void {
    if (this.write) this.io.send('client-alert', alertWrite(this.write, alert, reason));
    // Before ServerHello there are no keys: the alert would go in the clear; we just stop.
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
    if (item.kind === 'alert') {
      if (item.alert.name === 'close_notify') {
        this.io.closeNotify?.();
        return;
      }
      this.state = 'closed';
      this.io.failed?.(item.alert.name, 'the server sent it', false);
      return;
    }
    if (item.kind === 'data') {
      if (this.state !== 'connected') throw new TlsAlertError('unexpected_message', 'application data before the handshake ended');
      this.io.data?.(item.bytes);
      return;
    }
    const m = item.message;
    switch (`${this.state}:${m.type}`) {
      case 'wait-sh:2': {
        const sh = parseServerHello(m.body);
        if (sh.helloRetryRequest) return this.helloRetryRequest(m.raw, sh);
        if (sh.version !== 0x0304) throw new TlsAlertError('protocol_version', `server chose ${sh.version.toString(16)}, this client speaks TLS 1.3 only`);
        const suite = SUITES13[sh.cipherSuite];
        if (!suite) throw new TlsAlertError('illegal_parameter', `server chose suite 0x${sh.cipherSuite.toString(16)} we cannot use`);
        if (toHex(sh.legacySessionIdEcho) !== toHex(this.sessionId)) throw new TlsAlertError('illegal_parameter', 'legacy_session_id_echo differs from what we sent');
        if (this.retry && sh.cipherSuite !== this.retry.suite) throw new TlsAlertError('illegal_parameter', 'ServerHello suite differs from the HelloRetryRequest one');
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
        this.hs = handshakeSecrets(shared, this.hash(...this.transcript), suite.hash);
        this.log('SERVER_HANDSHAKE_TRAFFIC_SECRET', this.hs.serverHandshakeTrafficSecret);
        this.log('CLIENT_HANDSHAKE_TRAFFIC_SECRET', this.hs.clientHandshakeTrafficSecret);
        this.inbox.readKeys(trafficKeys(this.hs.serverHandshakeTrafficSecret, suite));
        this.write = { keys: trafficKeys(this.hs.clientHandshakeTrafficSecret, suite), seq: 0, name: 'client handshake traffic key', aead: suite.aead };
        this.state = 'wait-ee';
        return;
      }
      case 'wait-ee:8': {
        this.alpn = parseEncryptedExtensions(m.body).alpn?.[0];
        this.transcript.push(m.raw);
        this.state = 'wait-cert';
        return;
      }
      case 'wait-cert:11': {
        const chain = parseCertificate(m.body, true).entries.map((e) => e.certData);
        const verdict = verifyChain(chain, this.o.trustedRoot, this.o.host, this.o.nowSeconds);
        if (!verdict.ok) throw new TlsAlertError(verdict.alert, verdict.reason);
        this.leafKey = parseX509(chain[0]).publicKey;
        this.transcript.push(m.raw);
        this.state = 'wait-cv';
        return;
      }
      case 'wait-cv:15': {
        const cv = parseCertificateVerify(m.body);
        if (cv.algorithm !== 0x0403) throw new TlsAlertError('illegal_parameter', `CertificateVerify with algorithm 0x${cv.algorithm.toString(16)}, not ecdsa_secp256r1_sha256`);
        const signed = certificateVerifyInput(this.hash(...this.transcript));
        if (!p256.verify(cv.signature, signed, this.leafKey!, { prehash: true, format: 'der', lowS: false })) throw new TlsAlertError('decrypt_error', 'CertificateVerify signature does not verify with the certificate key');
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
        const fin = encodeFinished(finishedVerifyData(this.hs!.clientHandshakeTrafficSecret, this.hash(...this.transcript), suite.hash), 'client');
        this.transcript.push(fin.bytes);
        this.resumptionSecret = resumptionMasterSecret(app.masterSecret, this.hash(...this.transcript), suite.hash);
        // Middlebox compatibility (RFC 8446 D.4): the client's CCS goes just before its second flight,
        // unless it went before a second ClientHello already.
        const finished = { kind: 'sealed' as const, sealer: this.write!, innerType: 22, content: fin.bytes, layers: [handshakeLayer([fin], 'client Finished')], title: 'Finished' };
        this.io.send('client-finished', this.retry
          ? tlsWrite('Finished', [finished], 'client Finished, encrypted')
          : tlsWrite('CCS, Finished', [{ kind: 'ccs' }, finished], 'ChangeCipherSpec, then client Finished, encrypted'));
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
