import { x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { ascii, concat, fromHex } from '../bytes/hex';
import { backToBack, clientOptions, http, pair13, request, seed, serverOptions, summaries, type Rewrite } from './backToBack.fixture';
import { TlsClient, type TlsClientOptions, type TlsIo } from './client';
import { SECP256R1, X25519 } from './groups';
import { curlProfile, encodeClientHello } from './hello';
import { SUITES13, trafficKeys } from './keySchedule';
import { RecordReader } from './parse/record';
import { openRecord, plainRecord, sealRecord } from './record';
import { TlsServer, type TlsServerOptions } from './server';

// What our TLS 1.3 server checks of a client and keeps to itself, beyond endpoints13.test.ts.
// Oracles: RFC 8446 (§4.1.2 and §9.2 for what a ClientHello must hold, §4.1.4 for the retry,
// §4.2.10 for 0-RTT, §4.4.4 for the client Finished, §5.1 and §6.2 for the records and alerts),
// and ClientHellos laid out by hand or messages sealed under the client keys of the server's own
// NSS key log (RFC 8446 §7.3).

const u16 = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];

/** A ClientHello handshake message with the extension of `type` taken out and its lengths set again (§4.1.2's layout). */
function withoutExtension(msg: Uint8Array, type: number): Uint8Array {
  let i = 4 + 2 + 32;
  i += 1 + msg[i];
  i += 2 + u16(msg, i);
  i += 1 + msg[i];
  const kept: number[] = [];
  for (let j = i + 2; j < msg.length; j += 4 + u16(msg, j + 2)) if (u16(msg, j) !== type) kept.push(...msg.subarray(j, j + 4 + u16(msg, j + 2)));
  const body = [...msg.subarray(4, i), kept.length >> 8, kept.length & 0xff, ...kept];
  return Uint8Array.from([1, body.length >> 16, (body.length >> 8) & 0xff, body.length & 0xff, ...body]);
}

const key = (group: number) => (group === X25519 ? x25519.getPublicKey(new Uint8Array(32).fill(3)) : p256.getPublicKey(new Uint8Array(32).fill(3), false));
/** curl's ClientHello with hand-picked shares (any group number, a 65-byte key when not x25519). */
const hello = (o: { shares?: number[]; groups?: number[] } = {}) =>
  encodeClientHello(
    { ...curlProfile, groups: o.groups ?? curlProfile.groups },
    { random: new Uint8Array(32).fill(1), sessionId: new Uint8Array(32).fill(2), host: 'example.com', keyShares: (o.shares ?? [X25519]).map((g) => ({ group: g, key: g === X25519 || g === SECP256R1 ? key(g) : new Uint8Array(65).fill(4) })) },
  ).bytes;

/** Our server alone, fed records by hand. */
const lone = (o: Partial<TlsServerOptions> = {}, io: (io: TlsIo) => TlsIo = (x) => x) =>
  backToBack(
    () => ({ start() {}, receive() {} }),
    (x) => new TlsServer(seed(2), serverOptions(o), io(x)),
    { start: false },
  );

/** A secret of the server's NSS key log, as traffic keys for `suite`. */
const keysFromLog = (server: TlsServer, label: string, suite = 0x1302) =>
  trafficKeys(fromHex(server.keyLog().split('\n').find((l) => l.startsWith(`${label} `))!.split(' ')[2]), SUITES13[suite]);

/** Our client and server, the client's writes after its ClientHello not delivered: the server waits for them. */
const serverWaiting = (resume?: TlsClientOptions['resume'], server: Partial<TlsServerOptions> = {}) => {
  const r = backToBack(
    (io) => new TlsClient(seed(3), clientOptions({ resume }), io),
    (io) => new TlsServer(seed(4), serverOptions(server), io),
    { toServer: (b, step) => (step === 'client-hello' ? b : undefined) },
  );
  expect(r.s.sent.map((x) => x.step)).toEqual(['server-hello']);
  return r;
};

const finished = Uint8Array.of(20, 0, 0, 32, ...new Uint8Array(32));
const endOfEarlyData = Uint8Array.of(5, 0, 0, 0);

describe('what a ClientHello must hold (RFC 8446 §4.1.2, §9.2)', () => {
  const refused = (msg: Uint8Array, o: Partial<TlsServerOptions> = {}) => {
    const r = lone(o);
    r.server.receive(plainRecord(22, msg));
    expect(r.s.sent.map((x) => x.step)).toEqual(['server-alert']);
    return r.s.failed;
  };

  it('the hand-made ClientHello is one the server answers with a ServerHello', () => {
    const r = lone();
    r.server.receive(plainRecord(22, withoutExtension(hello(), 0xffff)));
    expect([r.s.failed, r.s.sent.map((x) => x.step)]).toEqual([[], ['server-hello']]);
  });

  it('no supported_versions at all (a TLS 1.2 client): protocol_version', () => {
    expect(refused(withoutExtension(hello(), 43))).toEqual([{ alert: 'protocol_version', reason: 'the client does not offer TLS 1.3', sent: true }]);
  });

  it('supported_groups without key_share: missing_extension, not a HelloRetryRequest (§9.2; OpenSSL too)', () => {
    expect(refused(withoutExtension(hello(), 51))).toEqual([{ alert: 'missing_extension', reason: 'the ClientHello has no key_share extension (RFC 8446 §9.2)', sent: true }]);
  });

  it('key_share without supported_groups: missing_extension, even with a share the server takes (§9.2; OpenSSL too)', () => {
    const reason = 'the ClientHello has no supported_groups extension (RFC 8446 §9.2)';
    expect(refused(withoutExtension(hello(), 10))).toEqual([{ alert: 'missing_extension', reason, sent: true }]);
    expect(refused(withoutExtension(hello(), 10), { groups: [SECP256R1] })).toEqual([{ alert: 'missing_extension', reason, sent: true }]);
  });

  it('ALPN with no protocol in common names every protocol of both sides (RFC 7301 §3.2)', () => {
    const r = pair13({ client: { profile: { ...curlProfile, alpn: ['h3'] } }, server: { alpn: ['h2', 'http/1.1'] } });
    expect(r.s.failed).toEqual([{ alert: 'no_application_protocol', reason: 'the client offers h3, this server speaks h2, http/1.1', sent: true }]);
  });

  it('a server configured with no protocols does not speak ALPN: it ignores the offer and the handshake completes without one (OpenSSL s_server without -alpn)', () => {
    const r = pair13({ server: { alpn: [] } });
    expect([r.s.failed, r.c.failed, r.c.complete, r.server.alpn, r.client.alpn]).toEqual([[], [], 1, undefined, undefined]);
  });

  it('an application that takes no `failed` hook still gets the alert on the wire', () => {
    const r = lone({}, (io) => ({ ...io, failed: undefined }));
    r.server.receive(plainRecord(22, withoutExtension(hello(), 43)));
    expect([...r.s.sent[0].write.data.subarray(0, 7)]).toEqual([21, 3, 3, 0, 2, 2, 70]);
  });

  it('a server that has answered no ClientHello has neither resumed nor taken early data', () => {
    const r = lone();
    expect([r.server.resumed, r.server.earlyDataAccepted]).toEqual([false, false]);
    r.server.receive(plainRecord(22, withoutExtension(hello(), 43)));
    expect([r.server.resumed, r.server.earlyDataAccepted]).toEqual([false, false]);
  });

  it("after the client's fatal alert the server reads nothing more (§6.2)", () => {
    const r = lone();
    r.server.receive(plainRecord(21, Uint8Array.of(2, 40)));
    r.server.receive(plainRecord(22, hello()));
    expect(r.s.failed).toEqual([{ alert: 'handshake_failure', reason: 'the client sent it', sent: false }]);
    expect(r.s.sent).toEqual([]);
  });
});

describe('after a HelloRetryRequest (RFC 8446 §4.1.4)', () => {
  const retried = () => {
    const r = lone({ groups: [SECP256R1] });
    r.server.receive(plainRecord(22, hello()));
    expect(r.s.sent.map((x) => x.step)).toEqual(['hello-retry-request']);
    return r;
  };

  it('a second ClientHello whose one share is for a group no one knows: illegal_parameter naming its number', () => {
    const r = retried();
    r.server.receive(plainRecord(22, hello({ shares: [0x1234] })));
    expect(r.s.failed).toEqual([{ alert: 'illegal_parameter', reason: 'the second ClientHello must hold one secp256r1 share, it holds 4660', sent: true }]);
  });

  it('a Finished instead of the second ClientHello: unexpected_message naming the state', () => {
    const r = retried();
    r.server.receive(plainRecord(22, finished));
    expect(r.s.failed).toEqual([{ alert: 'unexpected_message', reason: 'Finished is not expected now (wait-ch2)', sent: true }]);
  });

  it('no 0-RTT was offered: an application data record before any keys is unexpected_message, not skipped (§5.1, §4.2.10)', () => {
    const r = retried();
    r.server.receive(plainRecord(23, new Uint8Array(40).fill(7)));
    expect(r.s.failed).toEqual([{ alert: 'unexpected_message', reason: 'application data before any keys', sent: true }]);
  });
});

describe('what the server waits for after its ServerHello (RFC 8446 §4.4.4, §4.5)', () => {
  it.each([
    ['a ClientHello', () => hello(), 'ClientHello is not expected now (wait-fin)'],
    ['an EndOfEarlyData after a full handshake', () => endOfEarlyData, 'EndOfEarlyData is not expected now (wait-fin)'],
  ])('%s under the client handshake key: unexpected_message', (_what, message, reason) => {
    const { server, s } = serverWaiting();
    server.receive(sealRecord(keysFromLog(server, 'CLIENT_HANDSHAKE_TRAFFIC_SECRET'), 0, 22, message()));
    expect(s.failed).toEqual([{ alert: 'unexpected_message', reason, sent: true }]);
  });

  it('a client Finished that does not match the transcript, sealed right: decrypt_error under the server application key', () => {
    let server!: TlsServer;
    // The client's last flight is [CCS, Finished]: the Finished opened under the client handshake key, its last byte flipped, sealed again.
    const toServer: Rewrite = (b, step) => {
      if (step !== 'client-finished') return b;
      const keys = keysFromLog(server, 'CLIENT_HANDSHAKE_TRAFFIC_SECRET');
      const [ccs, fin] = new RecordReader().push(b);
      const { content } = openRecord(keys, 0, b.subarray(fin.offset, fin.offset + fin.length));
      const flipped = content.slice();
      flipped[flipped.length - 1] ^= 1;
      return concat(b.subarray(0, ccs.offset + ccs.length), sealRecord(keys, 0, 22, flipped));
    };
    const r = backToBack(
      (io) => new TlsClient(seed(1), clientOptions(), io),
      (io) => (server = new TlsServer(seed(2), serverOptions(), io)),
      { toServer },
    );
    expect(r.s.failed).toEqual([{ alert: 'decrypt_error', reason: 'client Finished does not match the transcript', sent: true }]);
    expect([r.s.complete, r.s.sent.map((x) => x.step)]).toEqual([0, ['server-hello', 'server-alert']]);
    expect(r.s.sent[1].write.decrypted[0].key).toBe('server application traffic key');
    // decrypt_error is alert 51, fatal (RFC 8446 §6).
    expect([...r.s.sent[1].write.decrypted[0].bytes]).toEqual([2, 51]);
  });
});

describe('0-RTT (RFC 8446 §4.2.10)', () => {
  const ticketKey = new Uint8Array(32).fill(5);
  const ticketFrom = (maxEarlyData?: number) => pair13({ server: { ticketKey, maxEarlyData } }).client.sessionTickets()[0];
  type Ticket = NonNullable<TlsClientOptions['resume']>['ticket'];
  /** Our client resumes with `ticket` and sends the request as 0-RTT early data to our server, which allows `maxEarlyData` bytes. */
  const sendEarly = (ticket: Ticket, maxEarlyData: number, client: Partial<TlsClientOptions> = {}) => {
    const r = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ ...client, resume: { ticket, ageMs: 5, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey, maxEarlyData }), io),
      { start: false },
    );
    r.client.start();
    r.client.send(http(request));
    r.run();
    return r;
  };
  const noAlpn = () => ({ profile: { ...curlProfile, alpn: [] } });

  it('a Finished under the client early key, before EndOfEarlyData: unexpected_message', () => {
    const { server, s } = serverWaiting({ ticket: ticketFrom(16384), ageMs: 5, earlyData: true }, { ticketKey, maxEarlyData: 16384 });
    expect(server.earlyDataAccepted).toBe(true);
    server.receive(sealRecord(keysFromLog(server, 'CLIENT_EARLY_TRAFFIC_SECRET'), 0, 22, finished));
    expect(s.failed).toEqual([{ alert: 'unexpected_message', reason: 'Finished is not expected now (wait-eoed)', sent: true }]);
  });

  it('exactly max_early_data_size bytes are accepted: only more is an error', () => {
    const size = ascii(request).length;
    const { client, c, s } = sendEarly(ticketFrom(size), size);
    expect([c.failed, s.failed, client.earlyDataAccepted, s.data]).toEqual([[], [], true, request]);
  });

  it('without ALPN on either connection (RFC 7301 §3.1: no extension), 0-RTT is taken: the ticket and now agree on no protocol', () => {
    const ticket = pair13({ client: noAlpn(), server: { ticketKey, maxEarlyData: 16384 } }).client.sessionTickets()[0];
    const { server, c, s } = sendEarly(ticket, 16384, noAlpn());
    expect([c.failed, s.failed, server.alpn, server.earlyDataAccepted, s.data]).toEqual([[], [], undefined, true, request]);
  });

  it('a ticket issued without early data is no 0-RTT ticket (without ALPN, whose check would refuse it too), though the client sends early data', () => {
    const ticket = { ...pair13({ client: noAlpn(), server: { ticketKey } }).client.sessionTickets()[0], maxEarlyData: 16384 };
    const { server, c, s } = sendEarly(ticket, 16384, noAlpn());
    expect([c.failed, s.failed, server.resumed, server.earlyDataAccepted, s.data, s.complete]).toEqual([[], [], true, false, '', 1]);
  });

  it('a resumed ServerHello without a retry says so, its CCS included; an application with no `data` hook takes early data too', () => {
    const { client, s, run } = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ resume: { ticket: ticketFrom(16384), ageMs: 5, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey, maxEarlyData: 16384 }), { ...io, data: undefined }),
      { start: false },
    );
    client.start();
    client.send(http(request));
    run();
    expect([s.failed, s.complete, client.earlyDataAccepted]).toEqual([[], 1, true]);
    expect(summaries(s)[0]).toEqual([
      'server-hello',
      'ServerHello {EE…Fin}',
      'ServerHello (TLS_AES_256_GCM_SHA384, x25519, PSK accepted), ChangeCipherSpec, then EncryptedExtensions (early_data), Finished encrypted',
    ]);
  });
});
