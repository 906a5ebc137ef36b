import { p256 } from '@noble/curves/nist.js';
import { concat, toHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import type { Prng } from '../prng';
import { selectAlpn } from './alpn';
import { applicationDataWrite, closeNotifyWrite, fatalAlertWrite } from './appData';
import { NssKeyLog } from './nssKeyLog';
import type { TlsIo } from './client';
import { DEFAULT_SERVER_GROUPS, KEY_GROUPS, X25519 } from './groups';
import { encodeNewSessionTicket, encodeServerHello } from './hello';
import { encodeHelloRetryRequest, messageHash } from './helloRetry';
import { dispatchRecord, receiveRecords } from './dispatchRecord';
import { Inbox, type Inbound, TlsAlertError } from './inbox';
import { applicationSecrets, finishedVerifyData, handshakeSecrets, resumptionMasterSecret, SUITES13, type Suite13, trafficKeys } from './keySchedule';
import { type Encoded, certificateVerifyInput, encodeCertificate, encodeCertificateVerify, encodeEncryptedExtensions, encodeFinished } from './messages';
import { type ClientHello, parseClientHello } from './parse/handshake';
import { CONTENT_HANDSHAKE } from './record';
import { clientEarlyTrafficSecret } from './psk';
import { acceptTicket, sealTicket } from './ticketState';
import { type RecordPiece, type Sealer, handshakeLayer, tlsWrite } from './writes';

export interface TlsServerOptions {
  /** Leaf first, then intermediates, with the names the inspector shows. */
  chain: { der: Uint8Array; subject: string }[];
  /** The leaf's P-256 private scalar. */
  privateKey: Uint8Array;
  /** Protocols the server speaks, in its order of preference (ALPN, RFC 7301). */
  alpn: string[];
  /** Key exchange groups it accepts, best first (OpenSSL's `groups`/Node's `ecdhCurve`). Default: DEFAULT_SERVER_GROUPS. */
  groups?: number[];
  /** OpenSSL sends two tickets after the client's Finished (SSL_CTX_set_num_tickets default). */
  tickets?: number;
  /** The key tickets are sealed with; several connections to one server share it (absent: drawn from the PRNG). */
  ticketKey?: Uint8Array;
  /** Accept this many bytes of 0-RTT data and say so in tickets (SSL_CTX_set_max_early_data; OpenSSL's default is 0: none). */
  maxEarlyData?: number;
}

/**
 * A TLS 1.3 server as OpenSSL behaves by default: picks the first suite of the client's list it
 * supports, echoes the legacy session id, sends ServerHello, ChangeCipherSpec and the encrypted
 * flight (one record per message) in a single write, checks the client Finished, then sends
 * two NewSessionTickets. It reacts to the ClientHello it parses, so a real client can talk to it:
 * it takes the first client key share in a group it accepts, and when there is none but a group
 * both support, it asks for one with a HelloRetryRequest (RFC 8446 §4.1.4).
 */
export class TlsServer {
  private readonly inbox = new Inbox();
  private readonly random: Uint8Array;
  private readonly secret: Uint8Array;
  readonly ticketKey: Uint8Array;
  private earlyBytesLeft = 0;
  /** The client's ticket was accepted (no certificate sent), and its 0-RTT data too. */
  resumed = false;
  earlyDataAccepted = false;
  private transcript: Uint8Array[] = [];
  private readonly keys = new NssKeyLog();
  private clientRandom?: Uint8Array;
  private suite?: Suite13;
  private hs?: ReturnType<typeof handshakeSecrets>;
  private app?: ReturnType<typeof applicationSecrets>;
  private write?: Sealer;
  private state: 'wait-ch' | 'wait-ch2' | 'wait-eoed' | 'wait-fin' | 'connected' | 'closed' = 'wait-ch';
  /** What the HelloRetryRequest asked for. */
  private retry?: { suite: number; group: number };
  alpn?: string;
  /** The group the key exchange used. */
  keyGroup?: string;

  constructor(
    private readonly prng: Prng,
    private readonly o: TlsServerOptions,
    private readonly io: TlsIo,
  ) {
    this.random = prng.bytes(32);
    this.secret = prng.bytes(32);
    const drawn = prng.bytes(32);
    this.ticketKey = o.ticketKey ?? drawn;
  }

  receive(bytes: Uint8Array): void {
    if (this.state !== 'closed') receiveRecords(this.inbox, bytes, (item) => this.handle(item), (alert, reason) => this.fail(alert, reason));
  }

  private fail(alert: string, reason: string): void {
    // Before ServerHello there are no keys: the alert goes in the clear (RFC 8446 §6; OpenSSL does so too).
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

  private log(label: string, secret: Uint8Array): void {
    this.keys.add(label, this.clientRandom!, secret);
  }

  private hash(...parts: Uint8Array[]): Uint8Array {
    return this.suite!.hash(concat(...parts));
  }

  private handle(item: Inbound): void {
    if (item.kind === 'ccs') {
      if (this.state !== 'wait-fin' && this.state !== 'wait-ch2' && this.state !== 'wait-eoed') throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec outside the handshake');
      return;
    }
    // RFC 8446 §4.2.10: between an accepted ClientHello and EndOfEarlyData, data is 0-RTT data.
    if (item.kind === 'data' && this.state === 'wait-eoed') return this.earlyData(item.bytes);
    const m = dispatchRecord(item, this.state, this.io, 'client', () => {
      this.state = 'closed';
    });
    if (!m) return;
    if (this.state === 'wait-ch' && m.type === 1) return this.clientHello(m.raw, m.body);
    if (this.state === 'wait-ch2' && m.type === 1) return this.secondClientHello(m.raw, m.body);
    if (this.state === 'wait-eoed' && m.type === 5) return this.endOfEarlyData(m.raw);
    if (this.state === 'wait-fin' && m.type === 20) return this.clientFinished(m.raw, m.body);
    throw new TlsAlertError('unexpected_message', `${m.name} is not expected now (${this.state})`);
  }

  private get groups(): number[] {
    return this.o.groups ?? DEFAULT_SERVER_GROUPS;
  }

  private clientHello(raw: Uint8Array, body: Uint8Array): void {
    const ch = parseClientHello(body);
    this.clientRandom = ch.random;
    if (!ch.extensions.supportedVersions?.includes(0x0304)) throw new TlsAlertError('protocol_version', 'the client does not offer TLS 1.3');
    // RFC 8446 §9.2: supported_groups and key_share come together (an empty client_shares is allowed); OpenSSL says missing_extension too.
    const { keyShares, supportedGroups } = ch.extensions;
    if (!keyShares) throw new TlsAlertError('missing_extension', 'the ClientHello has no key_share extension (RFC 8446 §9.2)');
    if (!supportedGroups) throw new TlsAlertError('missing_extension', 'the ClientHello has no supported_groups extension (RFC 8446 §9.2)');
    const ticket = acceptTicket(ch, raw, this.ticketKey);
    const suiteId = ticket?.state.suite.id ?? ch.cipherSuites.find((s) => SUITES13[s]);
    if (suiteId === undefined) throw new TlsAlertError('handshake_failure', 'no TLS 1.3 suite in common');
    const alpn = selectAlpn(ch.extensions.alpn, this.o.alpn);
    this.alpn = alpn;
    this.suite = SUITES13[suiteId];
    // As OpenSSL: the client's first share in a group we accept; else the client's first group we accept, by HelloRetryRequest.
    const share = keyShares.find((k) => this.groups.includes(k.group));
    if (share) {
      this.transcript.push(raw);
      return this.serverHello(ch, raw, suiteId, share, ticket);
    }
    const group = supportedGroups.find((g) => this.groups.includes(g));
    if (group === undefined) throw new TlsAlertError('handshake_failure', `no key exchange group in common: this server takes ${this.groups.map((g) => KEY_GROUPS[g].name).join(', ')}`);
    this.retry = { suite: suiteId, group };
    const hrr = encodeHelloRetryRequest({ sessionId: ch.legacySessionId, suite: suiteId, selectedGroup: group });
    this.transcript = [messageHash(this.suite.hash, raw), hrr.bytes];
    this.state = 'wait-ch2';
    // A retry refuses 0-RTT: the early records that follow the first ClientHello are dropped (RFC 8446 §4.2.10).
    if (ch.extensions.earlyData) this.inbox.skipEarlyData();
    // Middlebox compatibility (RFC 8446 D.4): the server's one CCS follows its first handshake message, here the HelloRetryRequest.
    this.io.send('hello-retry-request', tlsWrite('HelloRetryRequest, CCS', [
      { kind: 'handshake', messages: [hrr], title: 'HelloRetryRequest' },
      { kind: 'ccs' },
    ], `HelloRetryRequest (${this.suite.name}, asks for ${KEY_GROUPS[group].name}), ChangeCipherSpec`));
  }

  /** RFC 8446 §4.1.2: the retry must carry one share, for the group asked for, and keep the suite possible. */
  private secondClientHello(raw: Uint8Array, body: Uint8Array): void {
    const ch = parseClientHello(body);
    const { suite, group } = this.retry!;
    const shares = ch.extensions.keyShares ?? [];
    if (shares.length !== 1 || shares[0].group !== group) throw new TlsAlertError('illegal_parameter', `the second ClientHello must hold one ${KEY_GROUPS[group].name} share, it holds ${shares.map((k) => KEY_GROUPS[k.group]?.name ?? k.group).join(', ') || 'none'}`);
    if (!ch.cipherSuites.includes(suite)) throw new TlsAlertError('illegal_parameter', 'the second ClientHello dropped the suite the HelloRetryRequest chose');
    if (toHex(ch.random) !== toHex(this.clientRandom!)) throw new TlsAlertError('illegal_parameter', 'the second ClientHello has another random');
    this.transcript.push(raw);
    this.serverHello(ch, raw, suite, shares[0]);
  }

  private serverHello(ch: ClientHello, raw: Uint8Array, suiteId: number, share: { group: number; keyExchange: Uint8Array }, ticket?: ReturnType<typeof acceptTicket>): void {
    const suite = this.suite!;
    const alpn = this.alpn;
    this.resumed = ticket !== undefined;
    // RFC 8446 §4.2.10: 0-RTT only with the first identity, a ticket that allowed it, and the same ALPN.
    this.earlyDataAccepted = !!(ticket && ch.extensions.earlyData && (this.o.maxEarlyData ?? 0) > 0 && ticket.state.maxEarlyData > 0 && (ticket.state.alpn ?? '') === (alpn ?? ''));
    if (this.earlyDataAccepted) {
      const early = clientEarlyTrafficSecret(ticket!.psk, raw, suite.hash);
      this.log('CLIENT_EARLY_TRAFFIC_SECRET', early);
      this.earlyBytesLeft = ticket!.state.maxEarlyData;
      this.inbox.readKeys(trafficKeys(early, suite));
    }
    const group = KEY_GROUPS[share.group];
    this.keyGroup = group.name;
    // x25519 uses the 32 bytes drawn at construction; any other group draws its own.
    let mine: { key: Uint8Array; shared: Uint8Array };
    try {
      mine = group.server(share.keyExchange, share.group === X25519 ? this.secret : this.prng.bytes(group.seedBytes), this.prng);
    } catch (e) {
      throw new TlsAlertError('illegal_parameter', `the client's ${group.name} share does not work: ${(e as Error).message}`);
    }
    const sh = encodeServerHello({ random: this.random, sessionId: ch.legacySessionId, suite: suiteId, keyShare: { group: share.group, key: mine.key }, selectedIdentity: ticket ? 0 : undefined });
    this.transcript.push(sh.bytes);
    this.hs = handshakeSecrets(mine.shared, this.hash(...this.transcript), suite.hash, ticket?.psk);
    this.log('SERVER_HANDSHAKE_TRAFFIC_SECRET', this.hs.serverHandshakeTrafficSecret);
    this.log('CLIENT_HANDSHAKE_TRAFFIC_SECRET', this.hs.clientHandshakeTrafficSecret);
    const sealer: Sealer = { keys: trafficKeys(this.hs.serverHandshakeTrafficSecret, suite), seq: 0, name: 'server handshake traffic key', aead: suite.aead };
    const ee = encodeEncryptedExtensions(alpn, this.earlyDataAccepted);
    this.transcript.push(ee.bytes);
    const authentication: Encoded[] = [];
    // A resumed connection is authenticated by the PSK: no Certificate, no CertificateVerify (RFC 8446 §2.2).
    if (!ticket) {
      const cert = encodeCertificate(this.o.chain);
      this.transcript.push(cert.bytes);
      const signature = p256.sign(certificateVerifyInput(this.hash(...this.transcript)), this.o.privateKey, { prehash: true, format: 'der' });
      const cv = encodeCertificateVerify(signature);
      this.transcript.push(cv.bytes);
      authentication.push(cert, cv);
    }
    const fin = encodeFinished(finishedVerifyData(this.hs.serverHandshakeTrafficSecret, this.hash(...this.transcript), suite.hash), 'server');
    this.transcript.push(fin.bytes);
    this.app = applicationSecrets(this.hs.handshakeSecret, this.hash(...this.transcript), suite.hash);
    this.log('SERVER_TRAFFIC_SECRET_0', this.app.serverApplicationTrafficSecret);
    this.log('CLIENT_TRAFFIC_SECRET_0', this.app.clientApplicationTrafficSecret);
    this.log('EXPORTER_SECRET', this.app.exporterMasterSecret);
    const sealed = (msg: typeof ee, title: string): RecordPiece => ({ kind: 'sealed', sealer, innerType: CONTENT_HANDSHAKE, content: msg.bytes, layers: [handshakeLayer([msg], title)], title });
    // After a HelloRetryRequest the server's CCS has gone already (RFC 8446 D.4: one per side).
    const titles = ['Certificate', 'CertificateVerify'];
    this.io.send('server-hello', tlsWrite('ServerHello {EE…Fin}', [
      { kind: 'handshake', messages: [sh], title: 'ServerHello' },
      ...(this.retry ? [] : [{ kind: 'ccs' as const }]),
      sealed(ee, 'EncryptedExtensions'),
      ...authentication.map((m, i) => sealed(m, titles[i])),
      sealed(fin, 'server Finished'),
    ], ticket
      ? `ServerHello (${suite.name}, ${group.name}, PSK accepted), ${this.retry ? '' : 'ChangeCipherSpec, '}then EncryptedExtensions${this.earlyDataAccepted ? ' (early_data)' : ''}, Finished encrypted`
      : `ServerHello (${suite.name}, ${group.name}), ${this.retry ? '' : 'ChangeCipherSpec, '}then EncryptedExtensions, Certificate, CertificateVerify, Finished encrypted`));
    if (!this.earlyDataAccepted) {
      this.inbox.readKeys(trafficKeys(this.hs.clientHandshakeTrafficSecret, suite));
      if (ch.extensions.earlyData) this.inbox.skipEarlyData();
    }
    this.write = { keys: trafficKeys(this.app.serverApplicationTrafficSecret, suite), seq: 0, name: 'server application traffic key', aead: suite.aead };
    this.state = this.earlyDataAccepted ? 'wait-eoed' : 'wait-fin';
  }

  /** 0-RTT data, up to the ticket's max_early_data_size (RFC 8446 §4.2.10). */
  private earlyData(bytes: Uint8Array): void {
    this.earlyBytesLeft -= bytes.length;
    if (this.earlyBytesLeft < 0) throw new TlsAlertError('unexpected_message', 'more early data than max_early_data_size allows');
    this.io.data?.(bytes);
  }

  private endOfEarlyData(raw: Uint8Array): void {
    this.transcript.push(raw);
    this.inbox.readKeys(trafficKeys(this.hs!.clientHandshakeTrafficSecret, this.suite!));
    this.state = 'wait-fin';
  }

  private clientFinished(raw: Uint8Array, body: Uint8Array): void {
    const suite = this.suite!;
    const expected = finishedVerifyData(this.hs!.clientHandshakeTrafficSecret, this.hash(...this.transcript), suite.hash);
    if (toHex(expected) !== toHex(body)) throw new TlsAlertError('decrypt_error', 'client Finished does not match the transcript');
    this.transcript.push(raw);
    this.inbox.readKeys(trafficKeys(this.app!.clientApplicationTrafficSecret, suite));
    this.state = 'connected';
    const resumption = resumptionMasterSecret(this.app!.masterSecret, this.hash(...this.transcript), suite.hash);
    const count = this.o.tickets ?? 2;
    if (count > 0) {
      const pieces: RecordPiece[] = [];
      for (let i = 0; i < count; i++) {
        // OpenSSL numbers its ticket nonces 0, 1, … as 8-byte integers.
        const nonce = new Uint8Array(8);
        nonce[7] = i;
        const iv = this.prng.bytes(12);
        const maxEarlyData = this.o.maxEarlyData ?? 0;
        const ticket = sealTicket(this.ticketKey, iv, { suite, resumptionMasterSecret: resumption, nonce, maxEarlyData, alpn: this.alpn });
        const nst = encodeNewSessionTicket({ lifetimeSeconds: 7200, ageAdd: this.prng.u32(), nonce, ticket, maxEarlyData: maxEarlyData > 0 ? maxEarlyData : undefined });
        pieces.push({ kind: 'sealed', sealer: this.write!, innerType: CONTENT_HANDSHAKE, content: nst.bytes, layers: [handshakeLayer([nst], `NewSessionTicket ${i + 1} of ${count}`)], title: 'NewSessionTicket' });
      }
      this.io.send('server-tickets', tlsWrite(count === 1 ? 'NewSessionTicket' : `${count}× NewSessionTicket`, pieces, `${count} NewSessionTicket${count > 1 ? 's' : ''}, encrypted: tickets to resume with later`));
    }
    this.io.handshakeComplete?.();
  }
}
