import { x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { concat, toHex } from '../bytes/hex';
import type { HttpMessage } from '../http/messages';
import type { Prng } from '../prng';
import { alertWrite, applicationDataWrite, closeNotifyWrite } from './appData';
import { NssKeyLog } from './nssKeyLog';
import type { TlsIo } from './client';
import { encodeNewSessionTicket, encodeServerHello } from './hello';
import { Inbox, type Inbound, TlsAlertError } from './inbox';
import { applicationSecrets, finishedVerifyData, handshakeSecrets, resumptionMasterSecret, SUITES13, type Suite13, trafficKeys } from './keySchedule';
import { certificateVerifyInput, encodeCertificate, encodeCertificateVerify, encodeEncryptedExtensions, encodeFinished } from './messages';
import { parseClientHello } from './parse/handshake';
import { CONTENT_HANDSHAKE } from './record';
import { aesGcmSeal } from './aesGcm';
import { type RecordPiece, type Sealer, handshakeLayer, tlsWrite } from './writes';

const X25519 = 0x001d;

export interface TlsServerOptions {
  /** Leaf first, then intermediates, with the names the inspector shows. */
  chain: { der: Uint8Array; subject: string }[];
  /** The leaf's P-256 private scalar. */
  privateKey: Uint8Array;
  /** Protocols the server speaks, in its order of preference (ALPN, RFC 7301). */
  alpn: string[];
  /** OpenSSL sends two tickets after the client's Finished (SSL_CTX_set_num_tickets default). */
  tickets?: number;
}

/**
 * A TLS 1.3 server as OpenSSL behaves by default: picks the first suite of the client's list it
 * supports, echoes the legacy session id, sends ServerHello, ChangeCipherSpec and the encrypted
 * flight (one record per message) in a single write, checks the client Finished, then sends
 * two NewSessionTickets. It reacts to the ClientHello it parses, so a real client can talk to it.
 */
export class TlsServer {
  private readonly inbox = new Inbox();
  private readonly random: Uint8Array;
  private readonly secret: Uint8Array;
  private readonly ticketKey: Uint8Array;
  private transcript: Uint8Array[] = [];
  private readonly keys = new NssKeyLog();
  private clientRandom?: Uint8Array;
  private suite?: Suite13;
  private hs?: ReturnType<typeof handshakeSecrets>;
  private app?: ReturnType<typeof applicationSecrets>;
  private write?: Sealer;
  private state: 'wait-ch' | 'wait-fin' | 'connected' | 'closed' = 'wait-ch';
  alpn?: string;

  constructor(
    private readonly prng: Prng,
    private readonly o: TlsServerOptions,
    private readonly io: TlsIo,
  ) {
    this.random = prng.bytes(32);
    this.secret = prng.bytes(32);
    this.ticketKey = prng.bytes(32);
  }

  receive(bytes: Uint8Array): void {
    if (this.state === 'closed') return;
    try {
      this.inbox.push(bytes, (item) => this.handle(item));
    } catch (e) {
      if (!(e instanceof TlsAlertError)) throw e;
      if (this.write) this.io.send('server-alert', alertWrite(this.write, e.alert, e.message));
      this.state = 'closed';
      this.io.failed?.(e.alert, e.message, true);
    }
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
      if (this.state !== 'wait-fin') throw new TlsAlertError('unexpected_message', 'ChangeCipherSpec outside the handshake');
      return;
    }
    if (item.kind === 'alert') {
      if (item.alert.name === 'close_notify') this.io.closeNotify?.();
      else {
        this.state = 'closed';
        this.io.failed?.(item.alert.name, 'the client sent it', false);
      }
      return;
    }
    if (item.kind === 'data') {
      if (this.state !== 'connected') throw new TlsAlertError('unexpected_message', 'application data before the handshake ended');
      this.io.data?.(item.bytes);
      return;
    }
    const m = item.message;
    if (this.state === 'wait-ch' && m.type === 1) return this.clientHello(m.raw, m.body);
    if (this.state === 'wait-fin' && m.type === 20) return this.clientFinished(m.raw, m.body);
    throw new TlsAlertError('unexpected_message', `${m.name} is not expected now (${this.state})`);
  }

  private clientHello(raw: Uint8Array, body: Uint8Array): void {
    const ch = parseClientHello(body);
    this.clientRandom = ch.random;
    if (!ch.extensions.supportedVersions?.includes(0x0304)) throw new TlsAlertError('protocol_version', 'the client does not offer TLS 1.3');
    const suiteId = ch.cipherSuites.find((s) => SUITES13[s]);
    if (suiteId === undefined) throw new TlsAlertError('handshake_failure', 'no TLS 1.3 suite in common');
    const share = ch.extensions.keyShares?.find((k) => k.group === X25519);
    if (!share) throw new TlsAlertError('handshake_failure', 'no x25519 key share offered');
    const alpn = this.o.alpn.find((p) => ch.extensions.alpn?.includes(p));
    if (ch.extensions.alpn && !alpn) throw new TlsAlertError('no_application_protocol', `the client offers ${ch.extensions.alpn.join(', ')}, this server speaks ${this.o.alpn.join(', ')}`);
    this.alpn = alpn;
    const suite = (this.suite = SUITES13[suiteId]);
    this.transcript.push(raw);
    const sh = encodeServerHello({ random: this.random, sessionId: ch.legacySessionId, suite: suiteId, keyShare: { group: X25519, key: x25519.getPublicKey(this.secret) } });
    this.transcript.push(sh.bytes);
    this.hs = handshakeSecrets(x25519.getSharedSecret(this.secret, share.keyExchange), this.hash(...this.transcript), suite.hash);
    this.log('SERVER_HANDSHAKE_TRAFFIC_SECRET', this.hs.serverHandshakeTrafficSecret);
    this.log('CLIENT_HANDSHAKE_TRAFFIC_SECRET', this.hs.clientHandshakeTrafficSecret);
    const sealer: Sealer = { keys: trafficKeys(this.hs.serverHandshakeTrafficSecret, suite), seq: 0, name: 'server handshake traffic key', aead: suite.aead };
    const ee = encodeEncryptedExtensions(alpn);
    const cert = encodeCertificate(this.o.chain);
    this.transcript.push(ee.bytes, cert.bytes);
    const signature = p256.sign(certificateVerifyInput(this.hash(...this.transcript)), this.o.privateKey, { prehash: true, format: 'der' });
    const cv = encodeCertificateVerify(signature);
    this.transcript.push(cv.bytes);
    const fin = encodeFinished(finishedVerifyData(this.hs.serverHandshakeTrafficSecret, this.hash(...this.transcript), suite.hash), 'server');
    this.transcript.push(fin.bytes);
    this.app = applicationSecrets(this.hs.handshakeSecret, this.hash(...this.transcript), suite.hash);
    this.log('SERVER_TRAFFIC_SECRET_0', this.app.serverApplicationTrafficSecret);
    this.log('CLIENT_TRAFFIC_SECRET_0', this.app.clientApplicationTrafficSecret);
    this.log('EXPORTER_SECRET', this.app.exporterMasterSecret);
    const sealed = (msg: typeof ee, title: string): RecordPiece => ({ kind: 'sealed', sealer, innerType: CONTENT_HANDSHAKE, content: msg.bytes, layers: [handshakeLayer([msg], title)], title });
    this.io.send('server-hello', tlsWrite('ServerHello {EE…Fin}', [
      { kind: 'handshake', messages: [sh], title: 'ServerHello' },
      { kind: 'ccs' },
      sealed(ee, 'EncryptedExtensions'),
      sealed(cert, 'Certificate'),
      sealed(cv, 'CertificateVerify'),
      sealed(fin, 'server Finished'),
    ], `ServerHello (${suite.name}, x25519), ChangeCipherSpec, then EncryptedExtensions, Certificate, CertificateVerify, Finished encrypted`));
    this.inbox.readKeys(trafficKeys(this.hs.clientHandshakeTrafficSecret, suite));
    this.write = { keys: trafficKeys(this.app.serverApplicationTrafficSecret, suite), seq: 0, name: 'server application traffic key', aead: suite.aead };
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
        const state = concat(Uint8Array.of(suite.id >> 8, suite.id & 0xff), resumption, nonce);
        // The ticket is the server's own state, sealed under its ticket key (RFC 8446 §4.6.1: opaque to the client).
        const ticket = concat(iv, aesGcmSeal(this.ticketKey, iv, new Uint8Array(0), state));
        const nst = encodeNewSessionTicket({ lifetimeSeconds: 7200, ageAdd: this.prng.u32(), nonce, ticket });
        pieces.push({ kind: 'sealed', sealer: this.write!, innerType: CONTENT_HANDSHAKE, content: nst.bytes, layers: [handshakeLayer([nst], `NewSessionTicket ${i + 1} of ${count}`)], title: 'NewSessionTicket' });
      }
      this.io.send('server-tickets', tlsWrite(count === 1 ? 'NewSessionTicket' : `${count}× NewSessionTicket`, pieces, `${count} NewSessionTicket${count > 1 ? 's' : ''}, encrypted: tickets to resume with later`));
    }
    this.io.handshakeComplete?.();
  }
}
