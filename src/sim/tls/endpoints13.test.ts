import { x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { concat } from '../bytes/hex';
import { realBytes } from '../bytes/lateBytes';
import { backToBack, clearHandshakeNames, clientOptions, expectNoEmptyText, type Heard, http, pair13 as pair, reply, request, resealServerRecord, seed, serverHello, serverOptions, startedClient, summaries } from './backToBack.fixture';
import { TlsClient, type TlsClientOptions, type TlsIo } from './client';
import { SUITES13 } from './keySchedule';
import { encodeEncryptedExtensions } from './messages';
import { SECP256R1, X25519 } from './groups';
import { curlProfile, encodeClientHello } from './hello';
import { HELLO_RETRY_REQUEST_RANDOM, HandshakeReader, parseClientHello } from './parse/handshake';
import { RecordReader } from './parse/record';
import { plainRecord } from './record';
import { TlsServer, type TlsServerOptions } from './server';

// Our TLS 1.3 client and server back to back, in memory: what each sends, says and refuses.
// Oracles: RFC 8446 (the message order of §2, the alerts of §4.1.2–§4.1.4, §4.2.10, §5.1, §6.2),
// and for the ServerHellos a client must refuse, bytes laid out by hand from §4.1.3, not by our
// encoder. (interop/*.test.ts runs the same endpoints against OpenSSL.)

const decryptedTitles = (h: Heard) => h.sent.map((x) => x.write.decrypted.map((d) => `${d.title} / ${d.key}`));

const allText = (h: Heard) => {
  for (const { step, write } of h.sent) {
    expect(write.label, step).not.toBe('');
    expectNoEmptyText(write.layers, step);
    for (const d of write.decrypted) {
      expect(d.title, step).not.toBe('');
      expectNoEmptyText(d.layers, `${step} ${d.title}`);
    }
  }
};

describe('a full TLS 1.3 handshake between our client and our server (RFC 8446 §2)', () => {
  it('flights, captions, keys, the request and the response, close_notify both ways', () => {
    const { client, server, c, s, run } = pair();
    expect([c.complete, s.complete]).toEqual([1, 1]);
    expect(summaries(c)).toEqual([
      ['client-hello', 'ClientHello', 'Handshake: ClientHello, SNI example.com, x25519 key share'],
      ['client-finished', 'CCS, Finished', 'ChangeCipherSpec, then client Finished, encrypted'],
    ]);
    expect(summaries(s)).toEqual([
      ['server-hello', 'ServerHello {EE…Fin}', 'ServerHello (TLS_AES_256_GCM_SHA384, x25519), ChangeCipherSpec, then EncryptedExtensions, Certificate, CertificateVerify, Finished encrypted'],
      ['server-tickets', '2× NewSessionTicket', '2 NewSessionTickets, encrypted: tickets to resume with later'],
    ]);
    expect(decryptedTitles(s)).toEqual([
      [
        'EncryptedExtensions / server handshake traffic key',
        'Certificate / server handshake traffic key',
        'CertificateVerify / server handshake traffic key',
        'server Finished / server handshake traffic key',
      ],
      ['NewSessionTicket / server application traffic key', 'NewSessionTicket / server application traffic key'],
    ]);
    expect(decryptedTitles(c)).toEqual([[], ['Finished / client handshake traffic key']]);
    // The ClientHello's record says TLS 1.0 (§5.1); the ServerHello's TLS 1.2.
    expect([...realBytes(c.sent[0].write.data).subarray(0, 3)]).toEqual([22, 3, 1]);
    expect([...realBytes(s.sent[0].write.data).subarray(0, 3)]).toEqual([22, 3, 3]);
    expect(clearHandshakeNames(s)).toEqual(['ServerHello']);
    expect(client.suiteName).toBe('TLS_AES_256_GCM_SHA384');
    expect([client.keyGroup, server.keyGroup]).toEqual(['x25519', 'x25519']);
    expect([client.alpn, server.alpn]).toEqual(['http/1.1', 'http/1.1']);
    expect([client.resumed, server.resumed, client.earlyDataAccepted, server.earlyDataAccepted]).toEqual([false, false, false, false]);
    expect(client.tickets).toHaveLength(2);
    expect(c.tickets).toBe(2);
    expect(client.tickets.map((t) => t.nonce)).toEqual([new Uint8Array(8), Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1)]);
    expect(client.tickets.map((t) => t.lifetimeSeconds)).toEqual([7200, 7200]);
    // Both ends log the same five secrets under the client random (the NSS key log format).
    const lines = client.keyLog().trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_TRAFFIC_SECRET_0', 'CLIENT_TRAFFIC_SECRET_0', 'EXPORTER_SECRET']);
    expect(server.keyLog()).toBe(client.keyLog());
    expect(client.sessionTickets().map((t) => [t.host, t.alpn, t.suite.name])).toEqual([
      ['example.com', 'http/1.1', 'TLS_AES_256_GCM_SHA384'],
      ['example.com', 'http/1.1', 'TLS_AES_256_GCM_SHA384'],
    ]);
    expect(client.canSendEarlyData).toBe(false);

    client.send(http(request));
    run();
    expect(s.data).toBe(request);
    server.send(http(reply));
    run();
    expect(c.data).toBe(reply);
    expect(summaries(c).at(-1)).toEqual(['request', 'GET / HTTP/1.1', 'Application data record: GET / HTTP/1.1, encrypted']);
    expect(summaries(s).at(-1)).toEqual(['response', 'HTTP/1.1 200 OK', 'Application data record: HTTP/1.1 200 OK, encrypted']);
    client.close();
    server.close();
    run();
    expect([c.closeNotify, s.closeNotify]).toEqual([1, 1]);
    expect(summaries(c).at(-1)).toEqual(['client-close-notify', 'close_notify', 'Application data record: alert, encrypted']);
    expect(summaries(s).at(-1)!.slice(0, 2)).toEqual(['server-close-notify', 'close_notify']);
    expect([c.failed, s.failed]).toEqual([[], []]);
    allText(c);
    allText(s);
  });

  it('a server set to one ticket sends one, and to none sends none', () => {
    const one = pair({ server: { tickets: 1 } });
    expect(summaries(one.s).at(-1)).toEqual(['server-tickets', 'NewSessionTicket', '1 NewSessionTicket, encrypted: tickets to resume with later']);
    expect(one.client.tickets).toHaveLength(1);
    const none = pair({ server: { tickets: 0 } });
    expect(none.s.sent.map((x) => x.step)).toEqual(['server-hello']);
    expect([none.c.complete, none.s.complete]).toEqual([1, 1]);
  });

  it('a HelloRetryRequest when the server takes only secp256r1: CCS before the second ClientHello, one CCS from the server (RFC 8446 §4.1.4, D.4)', () => {
    const { client, server, c, s, run } = pair({ server: { groups: [SECP256R1] } });
    expect([c.complete, s.complete]).toEqual([1, 1]);
    expect(summaries(s)[0]).toEqual(['hello-retry-request', 'HelloRetryRequest, CCS', 'HelloRetryRequest (TLS_AES_256_GCM_SHA384, asks for secp256r1), ChangeCipherSpec']);
    expect(summaries(s)[1]).toEqual([
      'server-hello',
      'ServerHello {EE…Fin}',
      'ServerHello (TLS_AES_256_GCM_SHA384, secp256r1), then EncryptedExtensions, Certificate, CertificateVerify, Finished encrypted',
    ]);
    expect(summaries(c).slice(0, 3)).toEqual([
      ['client-hello', 'ClientHello', 'Handshake: ClientHello, SNI example.com, x25519 key share'],
      ['client-hello-retry', 'CCS, ClientHello', 'ChangeCipherSpec, then a second ClientHello with a secp256r1 key share'],
      ['client-finished', 'Finished', 'client Finished, encrypted'],
    ]);
    const types = (h: Heard, i: number) => new RecordReader().push(realBytes(h.sent[i].write.data)).map((r) => r.type);
    expect(types(s, 0)).toEqual([22, 20]);
    expect(types(s, 1)).toEqual([22, 23, 23, 23, 23]);
    expect(types(c, 1)).toEqual([20, 22]);
    const second = parseClientHello(new HandshakeReader().push(new RecordReader().push(realBytes(c.sent[1].write.data))[1].fragment)[0].body);
    expect(second.extensions.keyShares!.map((k) => k.group)).toEqual([SECP256R1]);
    expect(second.random).toEqual(client.random);
    expect([client.keyGroup, server.keyGroup]).toEqual(['secp256r1', 'secp256r1']);
    client.send(http(request));
    run();
    expect(s.data).toBe(request);
    allText(s);
  });

  it('resumes with a ticket: PSK accepted, no Certificate; with 0-RTT the request goes before the handshake ends (RFC 8446 §2.2, §2.3)', () => {
    const ticketKey = new Uint8Array(32).fill(5);
    const first = pair({ server: { ticketKey, maxEarlyData: 16384 } });
    const ticket = first.client.sessionTickets()[0];
    expect(ticket.maxEarlyData).toBe(16384);

    const plain = pair({ client: { resume: { ticket, ageMs: 1000 } }, server: { ticketKey, maxEarlyData: 16384 } });
    expect([plain.client.resumed, plain.server.resumed, plain.server.earlyDataAccepted]).toEqual([true, true, false]);
    expect(summaries(plain.c)[0][2]).toBe('Handshake: ClientHello, SNI example.com, resumes with a ticket, x25519 key share');
    expect(summaries(plain.s)[0][2]).toBe('ServerHello (TLS_AES_256_GCM_SHA384, x25519, PSK accepted), ChangeCipherSpec, then EncryptedExtensions, Finished encrypted');
    expect(decryptedTitles(plain.s)[0]).toEqual(['EncryptedExtensions / server handshake traffic key', 'server Finished / server handshake traffic key']);

    const queueFirst = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ resume: { ticket, ageMs: 1000, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey, maxEarlyData: 16384 }), io),
      { start: false },
    );
    const { client, server, c, s, run } = queueFirst;
    expect(client.canSendEarlyData).toBe(false);
    client.start();
    expect(client.canSendEarlyData).toBe(true);
    client.send(http(request));
    run();
    expect(s.data).toBe(request);
    expect([client.earlyDataAccepted, server.earlyDataAccepted, client.resumed]).toEqual([true, true, true]);
    expect(summaries(c)).toEqual([
      ['client-hello', 'ClientHello', 'Handshake: ClientHello, SNI example.com, resumes with a ticket, early data follows, x25519 key share'],
      ['early-data', 'GET / HTTP/1.1', 'ChangeCipherSpec, then 0-RTT early data record: GET / HTTP/1.1, encrypted'],
      ['client-finished', 'EndOfEarlyData, Finished', 'EndOfEarlyData (early key), then client Finished, encrypted'],
    ]);
    expect(summaries(s)[0][2]).toBe('ServerHello (TLS_AES_256_GCM_SHA384, x25519, PSK accepted), ChangeCipherSpec, then EncryptedExtensions (early_data), Finished encrypted');
    expect(decryptedTitles(c)[2]).toEqual(['EndOfEarlyData / client early traffic key', 'Finished / client handshake traffic key']);
    expect(client.keyLog().split('\n')[0].split(' ')[0]).toBe('CLIENT_EARLY_TRAFFIC_SECRET');
    expect(server.keyLog()).toBe(client.keyLog());
    expect(client.canSendEarlyData).toBe(false);
    server.send(http(reply));
    run();
    expect(c.data).toBe(reply);
    allText(c);
    allText(s);
  });

  it('0-RTT is refused when the server allows none now: the early request is dropped, the handshake completes', () => {
    const ticketKey = new Uint8Array(32).fill(5);
    const ticket = pair({ server: { ticketKey, maxEarlyData: 16384 } }).client.sessionTickets()[0];
    const { client, server, c, s, run } = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ resume: { ticket, ageMs: 10, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey }), io),
      { start: false },
    );
    client.start();
    client.send(http(request));
    run();
    expect([c.complete, s.complete, client.resumed, client.earlyDataAccepted, server.earlyDataAccepted]).toEqual([1, 1, true, false, false]);
    expect(s.data).toBe('');
    expect(summaries(c)[2]).toEqual(['client-finished', 'Finished', 'client Finished, encrypted']);
  });

  it('more early data than the ticket allows is unexpected_message (RFC 8446 §4.2.10)', () => {
    const ticketKey = new Uint8Array(32).fill(5);
    const ticket = pair({ server: { ticketKey, maxEarlyData: 20 } }).client.sessionTickets()[0];
    const { client, c, s, run } = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ resume: { ticket, ageMs: 10, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey, maxEarlyData: 20 }), io),
      { start: false },
    );
    client.start();
    client.send(http(request));
    run();
    expect(s.failed).toEqual([{ alert: 'unexpected_message', reason: 'more early data than max_early_data_size allows', sent: true }]);
    expect(c.failed).toEqual([{ alert: 'unexpected_message', reason: 'the server sent it', sent: false }]);
  });

  it('a client with nothing to send early cannot send before the handshake completes', () => {
    const { client } = backToBack(
      (io) => new TlsClient(seed(1), clientOptions(), io),
      (io) => new TlsServer(seed(2), serverOptions(), io),
      { start: false },
    );
    client.start();
    expect(() => client.send(http(request))).toThrow('nothing can be sent before the handshake completes');
  });
});

describe('what our server refuses (RFC 8446 §4.1.1, §4.2, §6.2)', () => {
  const refused = (client: Partial<TlsClientOptions>, server: Partial<TlsServerOptions> = {}) => {
    const r = pair({ client, server });
    // Before its ServerHello the server has no keys: its alert goes in the clear (RFC 8446 §6.2, §5.1), as
    // OpenSSL's does: type alert (21), legacy version 0x0303, length 2, level fatal (2), then the code.
    expect(r.s.sent.map((w) => w.step)).toEqual(['server-alert']);
    expect(Buffer.from(r.s.sent[0].write.data.subarray(0, 6)).toString('hex')).toBe('150303000202');
    expect(r.s.failed).toHaveLength(1);
    return r.s.failed[0];
  };
  it('no TLS 1.3 in supported_versions: protocol_version', () => {
    expect(refused({ profile: { ...curlProfile, versions: [0x0303] } })).toEqual({ alert: 'protocol_version', reason: 'the client does not offer TLS 1.3', sent: true });
  });
  it('no TLS 1.3 suite: handshake_failure', () => {
    expect(refused({ profile: { ...curlProfile, cipherSuites: [0xc02f, 0x1304] } })).toEqual({ alert: 'handshake_failure', reason: 'no TLS 1.3 suite in common', sent: true });
  });
  it('ALPN with no protocol in common: no_application_protocol (RFC 7301 §3.2)', () => {
    expect(refused({ profile: { ...curlProfile, alpn: ['h3', 'spdy/3'] } })).toEqual({
      alert: 'no_application_protocol',
      reason: 'the client offers h3, spdy/3, this server speaks http/1.1',
      sent: true,
    });
  });
  it('the server takes its first protocol the client offers, in its own order', () => {
    const { client } = pair({ server: { alpn: ['h2', 'http/1.1'] } });
    expect(client.alpn).toBe('h2');
  });
  it('no key exchange group in common: handshake_failure naming what the server takes', () => {
    expect(refused({ profile: { ...curlProfile, groups: [X25519], keyShares: [X25519] } }, { groups: [SECP256R1, 0x0018] })).toEqual({
      alert: 'handshake_failure',
      reason: 'no key exchange group in common: this server takes secp256r1, secp384r1',
      sent: true,
    });
  });
  it('the suite is the client’s first TLS 1.3 one', () => {
    expect(pair({ client: { profile: { ...curlProfile, cipherSuites: [0xc02f, 0x1301, 0x1302] } } }).client.suiteName).toBe('TLS_AES_128_GCM_SHA256');
  });
  it('a client Finished that does not match: decrypt_error, sent under the server’s keys, read by the client', () => {
    const { c, s } = pair({ toServer: (b, step) => (step === 'client-finished' ? ((b[b.length - 1] ^= 1), b) : b) });
    // The altered byte is in the record's tag: the record does not open.
    expect(s.failed).toEqual([{ alert: 'bad_record_mac', reason: 'record 0 does not open with the current key', sent: true }]);
    expect(s.sent.at(-1)!.step).toBe('server-alert');
    expect(c.failed).toEqual([{ alert: 'bad_record_mac', reason: 'the server sent it', sent: false }]);
  });
  it('a ChangeCipherSpec after the handshake: unexpected_message both ways (RFC 8446 §5)', () => {
    const ccs = plainRecord(20, Uint8Array.of(1));
    const a = pair();
    a.server.receive(ccs);
    expect(a.s.failed).toEqual([{ alert: 'unexpected_message', reason: 'ChangeCipherSpec outside the handshake', sent: true }]);
    const b = pair();
    b.client.receive(ccs);
    expect(b.c.failed).toEqual([{ alert: 'unexpected_message', reason: 'ChangeCipherSpec outside the handshake', sent: true }]);
    expect(b.c.sent.at(-1)!.step).toBe('client-alert');
    // Once closed, an endpoint reads nothing more.
    b.client.receive(ccs);
    expect(b.c.failed).toHaveLength(1);
  });
  it('a ChangeCipherSpec before any ClientHello: unexpected_message', () => {
    const { server, s } = backToBack(
      (io) => new TlsClient(seed(1), clientOptions(), io),
      (io) => new TlsServer(seed(2), serverOptions(), io),
      { start: false },
    );
    server.receive(plainRecord(20, Uint8Array.of(1)));
    expect(s.failed.map((f) => f.alert)).toEqual(['unexpected_message']);
  });
  it('a second ClientHello after the handshake is unexpected_message naming the state', () => {
    const first = pair();
    const again = pair();
    again.server.receive(realBytes(first.c.sent[0].write.data));
    expect(again.s.failed[0]).toMatchObject({ alert: 'unexpected_message' });
    const fresh = backToBack(
      (io) => new TlsClient(seed(1), clientOptions(), io),
      (io) => new TlsServer(seed(2), serverOptions(), io),
      { start: false },
    );
    // A Finished before a ClientHello.
    fresh.server.receive(plainRecord(22, Uint8Array.of(20, 0, 0, 1, 0)));
    expect(fresh.s.failed[0]).toEqual({ alert: 'unexpected_message', reason: 'Finished is not expected now (wait-ch)', sent: true });
  });
});

describe('what our client refuses in a ServerHello or HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4)', () => {
  const serverKey = x25519.getPublicKey(new Uint8Array(32).fill(9));
  const started = () => startedClient();
  const refusal = (make: (sessionId: Uint8Array) => Uint8Array | Uint8Array[]) => {
    const r = started();
    for (const m of [make(r.sessionId)].flat()) r.client.receive(m);
    return r.c.failed;
  };
  const hrr = (sessionId: Uint8Array, o: { suite?: number; selectedGroup?: number; version?: number } = {}) =>
    serverHello({ random: HELLO_RETRY_REQUEST_RANDOM, sessionId, selectedGroup: SECP256R1, ...o });

  it('the hand-made ServerHello is one the client takes (x25519, its session id echoed)', () => {
    const r = started();
    r.client.receive(serverHello({ sessionId: r.sessionId, group: X25519, key: serverKey }));
    expect(r.c.failed).toEqual([]);
    expect(r.client.keyGroup).toBe('x25519');
    expect(r.client.suiteName).toBe('TLS_AES_128_GCM_SHA256');
  });
  it.each([
    ['TLS 1.2 chosen', { version: 0x0303 }, 'protocol_version', 'server chose 303, this client speaks TLS 1.3 only'],
    ['a suite it cannot use', { suite: 0x1304 }, 'illegal_parameter', 'server chose suite 0x1304 we cannot use'],
    ['a PSK it never offered', { selectedIdentity: 0 }, 'illegal_parameter', 'server selected PSK identity 0, we offered none'],
    ['a share for a group it sent none for', { group: SECP256R1, key: new Uint8Array(65).fill(4) }, 'illegal_parameter', 'server key share is not for x25519'],
    ['no key share', { group: undefined }, 'illegal_parameter', 'server key share is not for x25519'],
    ['an x25519 share of low order', { key: new Uint8Array(32) }, 'illegal_parameter', 'server x25519 share does not work: invalid private or public key received'],
  ])('%s', (_what, o, alert, reason) => {
    expect(refusal((sessionId) => serverHello({ sessionId, group: X25519, key: serverKey, ...o }))).toEqual([{ alert, reason, sent: true }]);
  });
  it('a session id echo that differs', () => {
    expect(refusal(() => serverHello({ sessionId: new Uint8Array(32), group: X25519, key: serverKey }))).toEqual([
      { alert: 'illegal_parameter', reason: 'legacy_session_id_echo differs from what we sent', sent: true },
    ]);
  });
  it('a HelloRetryRequest is answered; a second one is unexpected_message', () => {
    const r = started();
    r.client.receive(hrr(r.sessionId));
    expect(r.c.failed).toEqual([]);
    expect(r.c.sent.map((x) => x.step)).toEqual(['client-hello', 'client-hello-retry']);
    r.client.receive(hrr(r.sessionId));
    expect(r.c.failed).toEqual([{ alert: 'unexpected_message', reason: 'a second HelloRetryRequest', sent: true }]);
  });
  it.each([
    ['without TLS 1.3', { version: 0x0303 }, 'HelloRetryRequest without TLS 1.3 in supported_versions'],
    ['with a suite it cannot use', { suite: 0x00ff }, 'HelloRetryRequest chose suite 0xff we cannot use'],
    ['for the group whose share it sent', { selectedGroup: X25519 }, 'HelloRetryRequest asks for x25519, whose share we already sent'],
    ['for a group it never offered', { selectedGroup: 0x11ec }, 'HelloRetryRequest asks for group 4588 we did not offer'],
    ['for a group it offered but cannot compute (ffdhe2048)', { selectedGroup: 0x0100 }, 'HelloRetryRequest asks for group 256 we did not offer'],
  ])('a HelloRetryRequest %s: illegal_parameter', (_what, o, reason) => {
    expect(refusal((sessionId) => hrr(sessionId, o))).toEqual([{ alert: 'illegal_parameter', reason, sent: true }]);
  });
  it('a HelloRetryRequest with another session id echo', () => {
    expect(refusal(() => hrr(new Uint8Array(32)))).toEqual([{ alert: 'illegal_parameter', reason: 'legacy_session_id_echo differs from what we sent', sent: true }]);
  });
  it('after a HelloRetryRequest, a ServerHello with another suite', () => {
    const key = new Uint8Array(65).fill(4);
    expect(refusal((sessionId) => [hrr(sessionId), serverHello({ sessionId, suite: 0x1302, group: SECP256R1, key })])).toEqual([
      { alert: 'illegal_parameter', reason: 'ServerHello suite differs from the HelloRetryRequest one', sent: true },
    ]);
  });
  it('a message out of order, application data before keys, an alert from the server', () => {
    expect(refusal(() => plainRecord(22, Uint8Array.of(20, 0, 0, 1, 0)))).toEqual([{ alert: 'unexpected_message', reason: 'Finished is not expected now (wait-sh)', sent: true }]);
    expect(refusal(() => plainRecord(23, Uint8Array.of(1, 2, 3)))).toEqual([{ alert: 'unexpected_message', reason: 'application data before any keys', sent: true }]);
    expect(refusal(() => plainRecord(21, Uint8Array.of(2, 40)))).toEqual([{ alert: 'handshake_failure', reason: 'the server sent it', sent: false }]);
    // close_notify is passed on, not a failure.
    const r = started();
    r.client.receive(plainRecord(21, Uint8Array.of(1, 0)));
    expect([r.c.failed, r.c.closeNotify]).toEqual([[], 1]);
  });
  it('the record layer’s rules (RFC 8446 §5, §5.1): a ChangeCipherSpec other than 0x01, a message spanning the key change, a clear handshake record after the keys', () => {
    expect(refusal(() => plainRecord(20, Uint8Array.of(2)))).toEqual([{ alert: 'unexpected_message', reason: 'a ChangeCipherSpec other than 0x01', sent: true }]);
    expect(refusal(() => plainRecord(20, Uint8Array.of(1, 1)))).toEqual([{ alert: 'unexpected_message', reason: 'a ChangeCipherSpec other than 0x01', sent: true }]);
    expect(
      refusal((sessionId) => {
        const sh = serverHello({ sessionId, group: X25519, key: serverKey });
        return plainRecord(22, concat(sh.subarray(5), Uint8Array.of(8, 0, 0, 10, 0)));
      }),
    ).toEqual([{ alert: 'unexpected_message', reason: 'a handshake message spans a key change', sent: true }]);
    expect(refusal((sessionId) => [serverHello({ sessionId, group: X25519, key: serverKey }), plainRecord(22, Uint8Array.of(8, 0, 0, 2, 0, 0))])).toEqual([
      { alert: 'unexpected_message', reason: 'a handshake record in the clear after keys were set', sent: true },
    ]);
  });
  it('a record that is not TLS: decode_error', () => {
    expect(refusal(() => new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\n\r\n'))[0].alert).toBe('decode_error');
  });
  it('the bytes a failed client sent: before keys, its alert in the clear (RFC 8446 §6.2, §5.1, as OpenSSL does)', () => {
    const r = started();
    r.client.receive(serverHello({ sessionId: r.sessionId, version: 0x0303 }));
    expect(r.c.sent.map((x) => x.step)).toEqual(['client-hello', 'client-alert']);
    // type alert (21), legacy version 0x0303, length 2, fatal (2), protocol_version (70)
    expect(r.c.failed[0].alert).toBe('protocol_version');
    expect(Buffer.from(r.c.sent[1].write.data).toString('hex')).toBe('15030300020246');
    r.client.receive(serverHello({ sessionId: r.sessionId, group: X25519, key: serverKey }));
    expect(r.c.failed).toHaveLength(1);
  });
});

describe('resuming: what each side checks of the other (RFC 8446 §4.2.10, §4.2.11, §4.1.4)', () => {
  const ticketKey = new Uint8Array(32).fill(5);
  const firstTicket = () => pair({ server: { ticketKey, maxEarlyData: 16384 } }).client.sessionTickets()[0];
  const resuming = (earlyData: boolean) => {
    const ticket = firstTicket();
    return { ...startedClient({ resume: { ticket, ageMs: 5, earlyData } }), ticket };
  };
  const serverKey = x25519.getPublicKey(new Uint8Array(32).fill(9));

  it('a PSK identity other than the one offered, or a suite with another hash than the ticket’s: illegal_parameter', () => {
    const a = resuming(false);
    a.client.receive(serverHello({ sessionId: a.sessionId, group: X25519, key: serverKey, suite: 0x1302, selectedIdentity: 1 }));
    expect(a.c.failed).toEqual([{ alert: 'illegal_parameter', reason: 'server selected PSK identity 1, we offered one', sent: true }]);
    const b = resuming(false);
    b.client.receive(serverHello({ sessionId: b.sessionId, group: X25519, key: serverKey, suite: 0x1301, selectedIdentity: 0 }));
    expect(b.c.failed).toEqual([{ alert: 'illegal_parameter', reason: 'server chose TLS_AES_128_GCM_SHA256 with a PSK from TLS_AES_256_GCM_SHA384', sent: true }]);
    const c = resuming(false);
    c.client.receive(serverHello({ sessionId: c.sessionId, group: X25519, key: serverKey, suite: 0x1302, selectedIdentity: 0 }));
    expect([c.c.failed, c.client.resumed]).toEqual([[], true]);
    // A server that ignores the offer: a full handshake.
    const d = resuming(false);
    d.client.receive(serverHello({ sessionId: d.sessionId, group: X25519, key: serverKey, suite: 0x1302 }));
    expect([d.c.failed, d.client.resumed]).toEqual([[], false]);
  });

  it('a HelloRetryRequest refuses 0-RTT: no early data after it, and the CCS already sent with the early data is not sent again', () => {
    const r = resuming(true);
    expect(r.client.canSendEarlyData).toBe(true);
    r.client.send(http(request));
    r.client.receive(serverHello({ random: HELLO_RETRY_REQUEST_RANDOM, sessionId: r.sessionId, selectedGroup: SECP256R1, suite: 0x1302 }));
    expect(r.c.failed).toEqual([]);
    expect(r.client.canSendEarlyData).toBe(false);
    expect(summaries(r.c).map((x) => x.slice(0, 2))).toEqual([
      ['client-hello', 'ClientHello'],
      ['early-data', 'GET / HTTP/1.1'],
      ['client-hello-retry', 'ClientHello'],
    ]);
    expect(summaries(r.c)[2][2]).toBe('a second ClientHello with a secp256r1 key share');
    const second = parseClientHello(new HandshakeReader().push(new RecordReader().push(realBytes(r.c.sent[2].write.data))[0].fragment)[0].body);
    expect([second.extensions.preSharedKey, second.extensions.earlyData]).toEqual([undefined, undefined]);
  });

  it('with a HelloRetryRequest our server drops the early records and completes the handshake without the ticket', () => {
    const ticket = firstTicket();
    const { client, server, c, s, run } = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ resume: { ticket, ageMs: 10, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey, maxEarlyData: 16384, groups: [SECP256R1] }), io),
      { start: false },
    );
    client.start();
    client.send(http(request));
    run();
    expect([c.failed, s.failed, c.complete, s.complete]).toEqual([[], [], 1, 1]);
    expect([client.resumed, server.resumed, server.earlyDataAccepted, server.keyGroup]).toEqual([false, false, false, 'secp256r1']);
    expect(s.data).toBe('');
    expect(s.sent.map((x) => x.step)).toEqual(['hello-retry-request', 'server-hello', 'server-tickets']);
  });

  it('0-RTT only with the ALPN the ticket was made with: another protocol now, and the early data is refused', () => {
    const ticket = firstTicket();
    const { client, server, c, s, run } = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ resume: { ticket, ageMs: 10, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey, maxEarlyData: 16384, alpn: ['h2'] }), io),
      { start: false },
    );
    client.start();
    client.send(http(request));
    run();
    expect([c.complete, s.complete, server.resumed, server.earlyDataAccepted, client.earlyDataAccepted, server.alpn]).toEqual([1, 1, true, false, false, 'h2']);
    expect(s.data).toBe('');
  });
});

describe('what our server refuses in a second ClientHello (RFC 8446 §4.1.2)', () => {
  const key = (group: number) => (group === X25519 ? x25519.getPublicKey(new Uint8Array(32).fill(3)) : p256.getPublicKey(new Uint8Array(32).fill(3), false));
  const hello = (o: { random?: Uint8Array; shares?: number[]; suites?: number[] }) =>
    plainRecord(
      22,
      encodeClientHello(
        { ...curlProfile, cipherSuites: o.suites ?? curlProfile.cipherSuites },
        { random: o.random ?? new Uint8Array(32).fill(1), sessionId: new Uint8Array(32).fill(2), host: 'example.com', keyShares: (o.shares ?? [X25519]).map((g) => ({ group: g, key: key(g) })) },
      ).bytes,
    );
  const retried = (second: Parameters<typeof hello>[0]) => {
    const r = backToBack(
      () => ({ start() {}, receive() {} }),
      (io) => new TlsServer(seed(2), serverOptions({ groups: [SECP256R1] }), io),
      { start: false },
    );
    r.server.receive(hello({}));
    expect(r.s.sent.map((x) => x.step)).toEqual(['hello-retry-request']);
    r.server.receive(plainRecord(20, Uint8Array.of(1)));
    r.server.receive(hello(second));
    return r.s;
  };
  it('the share asked for, the same random and the suite still offered: ServerHello', () => {
    const s = retried({ shares: [SECP256R1] });
    expect([s.failed, s.sent.map((x) => x.step)]).toEqual([[], ['hello-retry-request', 'server-hello']]);
  });
  it.each([
    ['no share', [], 'the second ClientHello must hold one secp256r1 share, it holds none'],
    ['another group’s share', [X25519], 'the second ClientHello must hold one secp256r1 share, it holds x25519'],
    ['two shares', [SECP256R1, X25519], 'the second ClientHello must hold one secp256r1 share, it holds secp256r1, x25519'],
  ])('%s: illegal_parameter', (_what, shares, reason) => {
    expect(retried({ shares }).failed).toEqual([{ alert: 'illegal_parameter', reason, sent: true }]);
  });
  it('the suite the HelloRetryRequest chose dropped, or another random: illegal_parameter', () => {
    expect(retried({ shares: [SECP256R1], suites: [0x1301] }).failed).toEqual([
      { alert: 'illegal_parameter', reason: 'the second ClientHello dropped the suite the HelloRetryRequest chose', sent: true },
    ]);
    expect(retried({ shares: [SECP256R1], random: new Uint8Array(32).fill(9) }).failed).toEqual([{ alert: 'illegal_parameter', reason: 'the second ClientHello has another random', sent: true }]);
  });
  it('a client share that is no point on the curve: illegal_parameter', () => {
    const r = backToBack(
      () => ({ start() {}, receive() {} }),
      (io) => new TlsServer(seed(2), serverOptions(), io),
      { start: false },
    );
    const bad = encodeClientHello(curlProfile, {
      random: new Uint8Array(32).fill(1),
      sessionId: new Uint8Array(32).fill(2),
      host: 'example.com',
      keyShares: [{ group: SECP256R1, key: new Uint8Array(65).fill(4) }],
    });
    r.server.receive(plainRecord(22, bad.bytes));
    expect(r.s.failed).toHaveLength(1);
    expect(r.s.failed[0].alert).toBe('illegal_parameter');
    expect(r.s.failed[0].reason).toMatch(/^the client's secp256r1 share does not work: /);
  });
});

describe('an EncryptedExtensions that accepts early data the client did not send (RFC 8446 §4.2.10)', () => {
  /** Our server's flight with its EncryptedExtensions replaced by one saying early_data, sealed under the server's handshake key from its key log. */
  const withEarlyData = (client: (io: TlsIo) => TlsClient, ticketKey?: Uint8Array) => {
    let server!: TlsServer;
    const earlyDataEe = resealServerRecord(() => server.keyLog(), SUITES13[0x1302], 2, () => encodeEncryptedExtensions('http/1.1', true).bytes);
    return backToBack(client, (io) => (server = new TlsServer(seed(2), serverOptions({ ticketKey }), io)), { toClient: earlyDataEe }).c.failed;
  };
  it('a full handshake: unsupported_extension', () => {
    expect(withEarlyData((io) => new TlsClient(seed(1), clientOptions(), io))).toEqual([{ alert: 'unsupported_extension', reason: 'early_data accepted, but we sent none', sent: true }]);
  });
  it('early data sent with a ticket the server did not take (a full handshake): unsupported_extension too', () => {
    const ticket = pair({ server: { ticketKey: new Uint8Array(32).fill(5), maxEarlyData: 100 } }).client.sessionTickets()[0];
    const failed = withEarlyData((io) => new TlsClient(seed(1), clientOptions({ resume: { ticket, ageMs: 1, earlyData: true } }), io), new Uint8Array(32).fill(6));
    expect(failed).toEqual([{ alert: 'unsupported_extension', reason: 'early_data accepted, but we sent none', sent: true }]);
  });
});

describe('our client against a server that alters its flight (RFC 8446 §4.4)', () => {
  it('a CertificateVerify or Finished altered under the handshake keys does not open: bad_record_mac, and the client says so under its own keys', () => {
    const { c } = pair({ toClient: (b, step) => (step === 'server-hello' ? ((b[b.length - 20] ^= 1), b) : b) });
    expect(c.failed).toEqual([{ alert: 'bad_record_mac', reason: 'record 3 does not open with the current key', sent: true }]);
    const alert = c.sent.at(-1)!;
    expect(alert.step).toBe('client-alert');
    expect(alert.write.decrypted[0].key).toBe('client handshake traffic key');
    expect(concat(alert.write.decrypted[0].bytes)).toEqual(Uint8Array.of(2, 20));
  });
  it('a server for another host: bad_certificate; an untrusted root: unknown_ca; a later clock: certificate_expired', () => {
    expect(pair({ client: { host: 'example.org' } }).c.failed[0]).toMatchObject({ alert: 'bad_certificate', reason: 'the certificate is for example.com, www.example.com, not example.org' });
    expect(pair({ client: { nowSeconds: 4102444800 } }).c.failed[0]).toMatchObject({ alert: 'certificate_expired' });
  });
});
