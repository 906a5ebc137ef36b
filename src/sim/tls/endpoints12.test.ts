import { describe, expect, it } from 'vitest';
import { concat, fromHex } from '../bytes/hex';
import { realBytes } from '../bytes/lateBytes';
import { backToBack, clientOptions, expectNoEmptyText, type Heard, http, reply, request, type Rewrite, seed, serverOptions, summaries } from './backToBack.fixture';
import { TlsClient, type TlsClientOptions } from './client';
import { TlsClient12 } from './client12';
import { curlProfile } from './hello';
import { curlTls12Profile, opensslTls12Profile } from './messages12';
import { parseServerHello } from './parse/handshake';
import { RecordReader } from './parse/record';
import { aeadKeys12 } from './prf12';
import { plainRecord } from './record';
import { openRecord12, sealRecord12 } from './record12';
import { TlsServer12, type TlsServer12Options } from './server12';

// Our TLS 1.2 client and server back to back, in memory. Oracles: RFC 5246 §7.3's two round trips,
// the alerts of RFC 5246 §7.2 and RFC 8422/5746/7301 for what either side refuses, sent in the clear
// before ChangeCipherSpec. (interop/interop12.test.ts runs the same endpoints against OpenSSL.)

function pair(o: { client?: Partial<TlsClientOptions>; server?: Partial<TlsServer12Options>; toServer?: Rewrite; toClient?: Rewrite } = {}) {
  return backToBack(
    (io) => new TlsClient12(seed(1), clientOptions(o.client), io),
    (io) => new TlsServer12(seed(2), serverOptions(o.server), io),
    { toServer: o.toServer, toClient: o.toClient },
  );
}
/** The one alert record a side sent in the clear: level, description. */
const plainAlert = (h: Heard) => {
  const last = h.sent.at(-1)!;
  const [r] = new RecordReader().push(realBytes(last.write.data));
  return [last.step, r.type, r.version, ...r.fragment];
};
/** Rewrites the `index`th record of the server's first flight. */
const inServerFlight =
  (index: number, edit: (fragment: Uint8Array) => void): Rewrite =>
  (b, step) => {
    if (step !== 'server-hello') return b;
    const r = new RecordReader().push(b)[index];
    edit(b.subarray(r.offset + 5, r.offset + r.length));
    return b;
  };

describe('a full TLS 1.2 handshake between our client and our server (RFC 5246 §7.3)', () => {
  it('two round trips, captions, the same master secret, request, response, close_notify', () => {
    const { client, server, c, s, run } = pair();
    expect([c.complete, s.complete, c.failed, s.failed]).toEqual([1, 1, [], []]);
    expect(summaries(c)).toEqual([
      ['client-hello', 'ClientHello', 'Handshake: ClientHello (TLS 1.2 only), SNI example.com'],
      ['client-key-exchange', 'ClientKeyExchange, CCS, Finished', 'ClientKeyExchange (x25519), ChangeCipherSpec, then client Finished, encrypted'],
    ]);
    expect(summaries(s)).toEqual([
      ['server-hello', 'ServerHello … Done', 'ServerHello (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Certificate, ServerKeyExchange (x25519, signed), ServerHelloDone: all in the clear'],
      ['server-finished', 'CCS, Finished', 'ChangeCipherSpec, then server Finished, encrypted'],
    ]);
    expect(new RecordReader().push(realBytes(c.sent[1].write.data)).map((r) => r.type)).toEqual([22, 20, 22]);
    expect([...realBytes(c.sent[0].write.data).subarray(0, 3)]).toEqual([22, 3, 1]);
    expect(c.sent[1].write.decrypted.map((d) => `${d.title} / ${d.key}`)).toEqual(['Finished / client write key']);
    expect(s.sent[1].write.decrypted.map((d) => `${d.title} / ${d.key}`)).toEqual(['Finished / server write key']);
    expect([client.suiteName, server.suiteName, client.group, client.alpn, server.alpn]).toEqual([
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      0x1d,
      'http/1.1',
      'http/1.1',
    ]);
    expect([client.resumed, client.earlyDataAccepted, client.canSendEarlyData, server.resumed, server.earlyDataAccepted]).toEqual([false, false, false, false, false]);
    expect(client.keyLog()).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$/);
    expect(server.keyLog()).toBe(client.keyLog());
    client.send(http(request));
    run();
    expect(s.data).toBe(request);
    server.send(http(reply));
    run();
    expect(c.data).toBe(reply);
    client.close();
    server.close();
    run();
    expect([c.closeNotify, s.closeNotify]).toEqual([1, 1]);
    expect(
      summaries(c)
        .slice(2)
        .map((x) => x[0]),
    ).toEqual(['request', 'client-close-notify']);
    expect(
      summaries(s)
        .slice(2)
        .map((x) => x[0]),
    ).toEqual(['response', 'server-close-notify']);
    for (const h of [c, s])
      for (const { step, write } of h.sent) {
        expectNoEmptyText(write.layers, step);
        for (const d of write.decrypted) expectNoEmptyText(d.layers, step);
      }
  });

  it('the server’s suite preference and curve choice: AES-256 when configured first, secp256r1 when it takes only that', () => {
    const { client, c, s } = pair({ server: { suites: [0xc02c, 0xc02b], groups: [0x0017] } });
    expect([c.complete, s.complete]).toEqual([1, 1]);
    expect(client.suiteName).toBe('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384');
    expect(client.group).toBe(0x17);
    expect(summaries(s)[0][2]).toBe('ServerHello (TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384), Certificate, ServerKeyExchange (secp256r1, signed), ServerHelloDone: all in the clear');
    expect(summaries(c)[1][2]).toBe('ClientKeyExchange (secp256r1), ChangeCipherSpec, then client Finished, encrypted');
    // A configured suite it cannot run is passed over; a group it cannot use in TLS 1.2 too.
    expect(pair({ server: { suites: [0xc02f, 0xc02c] } }).client.suiteName).toBe('TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384');
    expect(pair({ server: { groups: [0x11ec, 0x0017] } }).client.group).toBe(0x17);
    // The client's order decides between the curves both take (RFC 8422 §5.1.1, as OpenSSL).
    expect(pair({ client: { profile: { ...curlTls12Profile, groups: [0x0017, 0x001d] } } }).client.group).toBe(0x17);
  });
});

describe('what our TLS 1.2 server refuses: a plain alert before ChangeCipherSpec (RFC 5246 §7.2)', () => {
  const refused = (client: Partial<TlsClientOptions>, server: Partial<TlsServer12Options> = {}) => {
    const r = pair({ client, server });
    expect(r.s.failed).toHaveLength(1);
    return { ...r.s.failed[0], record: plainAlert(r.s) };
  };
  it.each([
    ['no ECDHE-ECDSA AES-GCM suite', { cipherSuites: [0xc02f, 0x00ff] }, 'handshake_failure', 40, 'no ECDHE-ECDSA AES-GCM suite in common'],
    ['no curve it speaks', { groups: [0x0018, 0x0019] }, 'handshake_failure', 40, 'no curve in common (this server speaks x25519 and secp256r1)'],
    ['no ecdsa_secp256r1_sha256', { signatureAlgorithms: [0x0804, 0x0401] }, 'handshake_failure', 40, 'the client cannot check ecdsa_secp256r1_sha256 signatures'],
    ['no protocol in common', { alpn: ['h3'] }, 'no_application_protocol', 120, 'the client offers h3, this server speaks http/1.1'],
    ['no protocol in common, several offered', { alpn: ['h3', 'spdy/3'] }, 'no_application_protocol', 120, 'the client offers h3, spdy/3, this server speaks http/1.1'],
  ])('%s', (_what, profile, alert, code, reason) => {
    expect(refused({ profile: { ...curlTls12Profile, ...profile } })).toEqual({ alert, reason, sent: true, record: ['server-alert', 21, 0x0303, 2, code] });
  });
  it('configured with no protocols it does not speak ALPN: the offer is ignored, the handshake completes without one (OpenSSL s_server without -alpn)', () => {
    const r = pair({ server: { alpn: [] } });
    expect([r.s.failed, r.c.failed, r.c.complete, r.server.alpn, r.client.alpn]).toEqual([[], [], 1, undefined, undefined]);
  });
  it('a TLS 1.3-only client: protocol_version', () => {
    const r = backToBack(
      (io) => new TlsClient(seed(1), clientOptions({ profile: { ...curlProfile, versions: [0x0304] } }), io),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
    );
    expect(r.s.failed).toEqual([{ alert: 'protocol_version', reason: 'the client does not offer TLS 1.2, the only version this server speaks', sent: true }]);
    expect(r.c.failed).toEqual([{ alert: 'protocol_version', reason: 'the server sent it', sent: false }]);
  });
  it('a TLS 1.3 client that also offers TLS 1.2 gets a TLS 1.2 ServerHello, and refuses it (it speaks TLS 1.3 only)', () => {
    const r = backToBack(
      (io) => new TlsClient(seed(1), clientOptions(), io),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
    );
    expect(r.c.failed).toEqual([{ alert: 'protocol_version', reason: 'server chose 303, this client speaks TLS 1.3 only', sent: true }]);
  });
  it('a ChangeCipherSpec or a Finished before the ClientHello: unexpected_message naming the state', () => {
    const a = backToBack(
      (io) => new TlsClient12(seed(1), clientOptions(), io),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
      { start: false },
    );
    a.server.receive(plainRecord(20, Uint8Array.of(1)));
    expect(a.s.failed).toEqual([{ alert: 'unexpected_message', reason: 'ChangeCipherSpec is not expected now (wait-ch)', sent: true }]);
    const b = backToBack(
      (io) => new TlsClient12(seed(1), clientOptions(), io),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
      { start: false },
    );
    b.server.receive(plainRecord(22, Uint8Array.of(20, 0, 0, 1, 0)));
    expect(b.s.failed).toEqual([{ alert: 'unexpected_message', reason: 'Finished is not expected now (wait-ch)', sent: true }]);
    expect(plainAlert(b.s)).toEqual(['server-alert', 21, 0x0303, 2, 10]);
  });
  it('a client Finished that does not open: bad_record_mac, then the server has no write keys yet: a plain alert', () => {
    const { s, c } = pair({ toServer: (b, step) => (step === 'client-key-exchange' ? ((b[b.length - 1] ^= 1), b) : b) });
    expect(s.failed).toEqual([{ alert: 'bad_record_mac', reason: 'record 0 does not open with the current key', sent: true }]);
    expect(plainAlert(s)).toEqual(['server-alert', 21, 0x0303, 2, 20]);
    expect(c.failed).toEqual([{ alert: 'bad_record_mac', reason: 'the server sent it', sent: false }]);
  });
  it('after the handshake, an alert goes sealed under the write key', () => {
    const { client, server, s, c, run } = pair();
    server.receive(plainRecord(20, Uint8Array.of(1)));
    run();
    expect(s.failed).toEqual([{ alert: 'unexpected_message', reason: 'ChangeCipherSpec is not expected now (connected)', sent: true }]);
    expect(s.sent.at(-1)!.write.decrypted.map((d) => [d.key, ...d.bytes])).toEqual([['server write key', 2, 10]]);
    expect(c.failed).toEqual([{ alert: 'unexpected_message', reason: 'the server sent it', sent: false }]);
    client.receive(plainRecord(20, Uint8Array.of(1)));
    expect(c.failed).toHaveLength(1);
  });
});

describe('what our TLS 1.2 client refuses in the server’s flight (RFC 5246 §7.4, RFC 8422, RFC 5746)', () => {
  const refusal = (o: Parameters<typeof pair>[0]) => {
    const r = pair(o);
    expect(r.c.failed).toHaveLength(1);
    return { ...r.c.failed[0], step: r.c.sent.at(-1)!.step };
  };
  // ServerHello body: version 2, random 32, session id length 1 (0: empty), suite 2, compression 1.
  it.each([
    ['a suite it cannot use', (f: Uint8Array) => f.set([0xc0, 0x2f], 4 + 35), 'illegal_parameter', 'server chose suite 0xc02f this client cannot use'],
    ['compression', (f: Uint8Array) => (f[4 + 37] = 1), 'illegal_parameter', 'server chose compression; we offered null only'],
    ['TLS 1.1', (f: Uint8Array) => (f[5] = 2), 'protocol_version', 'server chose 0x302, this client offered TLS 1.2 only'],
  ])('a ServerHello with %s', (_what, edit, alert, reason) => {
    expect(refusal({ toClient: inServerFlight(0, edit) })).toEqual({ alert, reason, sent: true, step: 'client-alert' });
  });
  it('a ServerHello without renegotiation_info when the client sent the signalling suite: handshake_failure (RFC 5746 §3.4)', () => {
    // A client without the SCSV gets no renegotiation_info back; ours then still asks for it.
    const profile = { ...curlTls12Profile, cipherSuites: curlTls12Profile.cipherSuites.filter((s) => s !== 0x00ff) };
    expect(refusal({ client: { profile } })).toMatchObject({ alert: 'handshake_failure', reason: 'server does not confirm secure renegotiation (RFC 5746)' });
  });
  it('a ServerHello with session_ticket, which it did not offer (curl does not): unsupported_extension (RFC 5246 §7.4.1.4)', () => {
    // The ServerHello rebuilt with an empty extension 35 at the end: handshake and extensions lengths + 4.
    const withTicket: Rewrite = (b, step) => {
      if (step !== 'server-hello') return b;
      const [sh] = new RecordReader().push(b);
      const body = Uint8Array.from([...sh.fragment.subarray(4), 0, 35, 0, 0]);
      body.set([body.length - 40 >> 8, (body.length - 40) & 0xff], 38);
      return concat(plainRecord(22, Uint8Array.from([2, 0, body.length >> 8, body.length & 0xff, ...body])), b.subarray(sh.offset + sh.length));
    };
    expect(refusal({ toClient: withTicket })).toEqual({ alert: 'unsupported_extension', reason: 'server sent session_ticket, which we did not offer', sent: true, step: 'client-alert' });
    // Offered (as openssl s_client does), our server, which issues no tickets, answers without it (RFC 5077 §3.2).
    const offered = pair({ client: { profile: opensslTls12Profile } });
    expect([offered.c.complete, offered.c.failed, offered.client.tickets]).toEqual([1, [], []]);
    expect(parseServerHelloExtensions(new RecordReader().push(realBytes(offered.s.sent[0].write.data))[0].fragment)).not.toContain(35);
  });
  it('a ServerKeyExchange for a curve it did not offer, signed with another scheme, or with a signature that does not verify', () => {
    // ServerKeyExchange body: curve_type 1, named curve 2, key length 1, key 32, algorithm 2, signature length 2, signature.
    expect(refusal({ toClient: inServerFlight(2, (f) => f.set([0, 0x18], 5)) })).toMatchObject({ alert: 'illegal_parameter', reason: 'server picked secp384r1, not one we can use' });
    expect(refusal({ client: { profile: { ...curlTls12Profile, groups: [0x17] } }, server: { groups: [0x17] }, toClient: inServerFlight(2, (f) => f.set([0, 0x1d], 5)) })).toMatchObject({
      alert: 'illegal_parameter',
      reason: 'server picked x25519, not one we can use',
    });
    expect(refusal({ toClient: inServerFlight(2, (f) => f.set([8, 4], 4 + 4 + 32)) })).toMatchObject({
      alert: 'illegal_parameter',
      reason: 'ServerKeyExchange signed with 0x804, not ecdsa_secp256r1_sha256',
    });
    expect(refusal({ toClient: inServerFlight(2, (f) => (f[20] ^= 1)) })).toMatchObject({ alert: 'decrypt_error', reason: 'ServerKeyExchange signature does not verify with the certificate key' });
  });
  it('a certificate for another host: bad_certificate, in the clear', () => {
    const r = pair({ client: { host: 'example.org' } });
    expect(r.c.failed[0]).toMatchObject({ alert: 'bad_certificate' });
    expect(plainAlert(r.c)).toEqual(['client-alert', 21, 0x0303, 2, 42]);
  });
  it('a server Finished that does not open: bad_record_mac, sent under the client’s write key', () => {
    const r = pair({ toClient: (b, step) => (step === 'server-finished' ? ((b[b.length - 1] ^= 1), b) : b) });
    expect(r.c.failed).toEqual([{ alert: 'bad_record_mac', reason: 'record 0 does not open with the current key', sent: true }]);
    expect(r.c.sent.at(-1)!.write.decrypted.map((d) => [d.key, ...d.bytes])).toEqual([['client write key', 2, 20]]);
  });
  it('out of order: a ChangeCipherSpec before ServerHello, a NewSessionTicket it did not agree to, a Finished first', () => {
    const started = () => {
      const r = backToBack(
        (io) => new TlsClient12(seed(1), clientOptions(), io),
        () => ({ receive() {} }),
        { start: false },
      );
      r.client.start();
      return r;
    };
    const a = started();
    a.client.receive(plainRecord(20, Uint8Array.of(1)));
    expect(a.c.failed).toEqual([{ alert: 'unexpected_message', reason: 'ChangeCipherSpec is not expected now (wait-sh)', sent: true }]);
    const b = started();
    b.client.receive(plainRecord(22, Uint8Array.of(20, 0, 0, 12, ...new Uint8Array(12))));
    expect(b.c.failed).toEqual([{ alert: 'unexpected_message', reason: 'Finished is not expected now (wait-sh)', sent: true }]);
    // A ticket just before the server's ChangeCipherSpec (RFC 5077 §3.3), without the session_ticket extension agreed.
    const ticket = plainRecord(22, Uint8Array.of(4, 0, 0, 8, 0, 0, 0x1c, 0x20, 0, 2, 7, 7));
    const withTicket = pair({ toClient: (bytes, step) => (step === 'server-finished' ? Uint8Array.from([...ticket, ...bytes]) : bytes) });
    expect(withTicket.c.failed).toEqual([{ alert: 'unexpected_message', reason: 'NewSessionTicket without the session_ticket extension', sent: true }]);
  });
});

describe('our TLS 1.2 server after its flight', () => {
  it('an alert from the client ends it (no answer), and a closed server reads nothing more; a second ClientHello is unexpected', () => {
    const a = backToBack(
      (io) => new TlsClient12(seed(1), clientOptions(), io),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
      { start: false },
    );
    a.client.start();
    a.server.receive(realBytes(a.c.sent[0].write.data));
    a.server.receive(plainRecord(21, Uint8Array.of(2, 40)));
    expect(a.s.failed).toEqual([{ alert: 'handshake_failure', reason: 'the client sent it', sent: false }]);
    a.server.receive(plainRecord(20, Uint8Array.of(1)));
    expect(a.s.failed).toHaveLength(1);
    const b = backToBack(
      (io) => new TlsClient12(seed(1), clientOptions(), io),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
      { start: false },
    );
    b.client.start();
    b.server.receive(realBytes(b.c.sent[0].write.data));
    b.server.receive(realBytes(b.c.sent[0].write.data));
    expect(b.s.failed).toEqual([{ alert: 'unexpected_message', reason: 'ClientHello is not expected now (wait-cke)', sent: true }]);
    expect(pair().client.tickets).toEqual([]);
  });
  it('curves it is configured with but cannot use in TLS 1.2 are passed over, even when the client lists them first', () => {
    expect(pair({ client: { profile: { ...curlTls12Profile, groups: [0x0018, 0x0017] } }, server: { groups: [0x0018, 0x0017] } }).client.group).toBe(0x17);
  });
  it('no protocol in common with a server of several: both lists in the reason', () => {
    const r = pair({ client: { profile: { ...curlTls12Profile, alpn: ['h3'] } }, server: { alpn: ['h2', 'http/1.1'] } });
    expect(r.s.failed[0].reason).toBe('the client offers h3, this server speaks h2, http/1.1');
  });
});

describe('our TLS 1.2 server reads the ClientHello it is given (RFC 5246 §7.4.1.2, RFC 8422 §4, RFC 5746 §3.6)', () => {
  /** A ClientHello laid out by hand: legacy version, one suite, null compression, the given extensions (type, body hex). */
  const hello = (version: number, suites: number[], exts: [number, string][]) => {
    const hex = (h: string) => (h.match(/../g) ?? []).map((b) => Number.parseInt(b, 16));
    const u16 = (v: number) => [v >> 8, v & 0xff];
    const e = exts.flatMap(([t, b]) => [...u16(t), ...u16(hex(b).length), ...hex(b)]);
    const body = [...u16(version), ...new Array(32).fill(7), 0, ...u16(2 * suites.length), ...suites.flatMap(u16), 1, 0, ...u16(e.length), ...e];
    return plainRecord(22, Uint8Array.from([1, 0, body.length >> 8, body.length & 0xff, ...body]));
  };
  const sigalgs: [number, string] = [13, '00020403'];
  const serve = (ch: Uint8Array) => {
    const r = backToBack(
      () => ({ start() {}, receive() {} }),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
      { start: false },
    );
    r.server.receive(ch);
    const flight = r.s.sent.find((x) => x.step === 'server-hello');
    const sh = flight && new RecordReader().push(realBytes(flight.write.data))[0];
    return { failed: r.s.failed, summary: flight?.write.layers[0].summary, extensions: sh && parseServerHelloExtensions(sh.fragment) };
  };
  it('no supported_groups: secp256r1 (RFC 8422 §4); no ec_point_formats, no SCSV, no ALPN, no EMS: none answered', () => {
    const got = serve(hello(0x0303, [0xc02b], [sigalgs]));
    expect(got.failed).toEqual([]);
    expect(got.summary).toBe('ServerHello (TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Certificate, ServerKeyExchange (secp256r1, signed), ServerHelloDone: all in the clear');
    expect(got.extensions).toEqual([]);
  });
  it('renegotiation_info without the SCSV, ec_point_formats and extended_master_secret are answered', () => {
    expect(serve(hello(0x0303, [0xc02b], [sigalgs, [0xff01, '00'], [11, '0100'], [23, '']])).extensions).toEqual([0xff01, 11, 23]);
    expect(serve(hello(0x0303, [0xc02b, 0x00ff], [sigalgs])).extensions).toEqual([0xff01]);
  });
  it('a TLS 1.1 client (legacy_version 0x0302, no supported_versions): protocol_version', () => {
    expect(serve(hello(0x0302, [0xc02b], [sigalgs])).failed).toEqual([{ alert: 'protocol_version', reason: 'the client does not offer TLS 1.2, the only version this server speaks', sent: true }]);
    // supported_versions decides over legacy_version when present.
    expect(serve(hello(0x0301, [0xc02b], [sigalgs, [43, '020303']])).failed).toEqual([]);
    expect(serve(hello(0x0303, [0xc02b], [sigalgs, [43, '020304']])).failed.map((f) => f.alert)).toEqual(['protocol_version']);
  });
  it('a ClientHello that does not parse: decode_error (RFC 8446 §6.2), not an exception out of receive()', () => {
    // supported_versions says 4 bytes of versions and holds 2.
    expect(serve(hello(0x0303, [0xc02b], [sigalgs, [43, '040303']])).failed).toEqual([{ alert: 'decode_error', reason: 'TLS parse: versions needs 4 bytes, 2 left', sent: true }]);
  });
  it('no signature_algorithms: SHA-1 only (RFC 5246 §7.4.1.4.1), refused', () => {
    expect(serve(hello(0x0303, [0xc02b], [])).failed).toEqual([{ alert: 'handshake_failure', reason: 'the client cannot check ecdsa_secp256r1_sha256 signatures', sent: true }]);
  });
});

/** The extension types of a ServerHello record's message. */
function parseServerHelloExtensions(fragment: Uint8Array): number[] {
  return parseServerHello(fragment.subarray(4)).extensions.list.map((x) => x.type);
}

describe('a Finished that opens under the right key but does not match the transcript: decrypt_error (RFC 5246 §7.4.9, §7.2.2)', () => {
  /**
   * Our client and server back to back, `who`'s Finished opened on its way with that side's write key
   * (from the key log's master secret and both randoms, RFC 5246 §6.3), its first verify_data byte
   * changed, and sealed again under the same key and sequence number (0): a peer that computed it otherwise.
   */
  const wrongFinished = (who: 'client' | 'server') => {
    let client: TlsClient12 | undefined;
    let serverRandom = new Uint8Array();
    const reseal: Rewrite = (b, step) => {
      // The server's first record is its ServerHello: record header 5, handshake header 4, version 2, random 32.
      if (step === 'server-hello') serverRandom = b.slice(11, 43);
      if (step !== (who === 'client' ? 'client-key-exchange' : 'server-finished')) return b;
      const master = fromHex(client!.keyLog().trim().split(' ')[2]);
      const k = aeadKeys12(master, client!.random, serverRandom);
      const keys = who === 'client' ? { key: k.clientWriteKey, iv: k.clientWriteIv } : { key: k.serverWriteKey, iv: k.serverWriteIv };
      const { offset, length } = new RecordReader().push(b).at(-1)!;
      const { type, content } = openRecord12(keys, 0, b.subarray(offset, offset + length));
      content[4] ^= 1;
      return concat(b.subarray(0, offset), sealRecord12(keys, 0, type, content));
    };
    return backToBack(
      (io) => (client = new TlsClient12(seed(1), clientOptions(), io)),
      (io) => new TlsServer12(seed(2), serverOptions(), io),
      { toServer: reseal, toClient: reseal },
    );
  };

  it('the client’s: the server refuses it', () => {
    const { c, s } = wrongFinished('client');
    expect(s.failed).toEqual([{ alert: 'decrypt_error', reason: 'client Finished does not match the transcript', sent: true }]);
    expect([c.complete, s.complete]).toEqual([0, 0]);
  });

  it('the server’s: the client refuses it', () => {
    const { c, s } = wrongFinished('server');
    expect(c.failed).toEqual([{ alert: 'decrypt_error', reason: 'server Finished does not match the transcript', sent: true }]);
    expect([c.complete, s.complete]).toEqual([0, 1]);
  });
});

describe('the inspector’s tree of a TLS 1.2 handshake', () => {
  // RFC 5246 §7.4: HandshakeType values; §6.2.1: the record header's fields are type, version, length.
  const handshakeNames: Record<number, string> = { 1: 'ClientHello', 2: 'ServerHello', 11: 'Certificate', 12: 'ServerKeyExchange', 14: 'ServerHelloDone', 16: 'ClientKeyExchange' };
  /** Each record of a write as its bytes say (boundaries, clear handshake type or CCS; sealed: the Finished our sides send), beside the tree's record fields. */
  const both = (h: Heard) =>
    h.sent.map(({ write }) => {
      const fromBytes = new RecordReader().push(realBytes(write.data)).map((r, i, all) => {
        const name = r.type === 20 ? 'ChangeCipherSpec' : i === all.length - 1 && all.some((x) => x.type === 20) ? 'Finished (encrypted)' : handshakeNames[r.fragment[0]];
        return [`TLS record: ${name}`, r.offset, r.length, 'version'];
      });
      const tree = write.layers[0].fields.map((f) => [f.name, f.offset, f.length, f.children?.[1].name]);
      return { fromBytes, tree };
    });

  it('names each record by what it carries, with RFC 5246’s header fields; each Finished by its sender’s label (§7.4.9)', () => {
    const { c, s } = pair();
    for (const { fromBytes, tree } of [...both(c), ...both(s)]) expect(tree).toEqual(fromBytes);
    expect(both(c).flatMap((w) => w.tree.map((f) => f[0]))).toEqual(['TLS record: ClientHello', 'TLS record: ClientKeyExchange', 'TLS record: ChangeCipherSpec', 'TLS record: Finished (encrypted)']);
    expect(both(s).flatMap((w) => w.tree.map((f) => f[0]))).toEqual(['TLS record: ServerHello', 'TLS record: Certificate', 'TLS record: ServerKeyExchange', 'TLS record: ServerHelloDone', 'TLS record: ChangeCipherSpec', 'TLS record: Finished (encrypted)']);
    const finished = (h: Heard) => h.sent.flatMap((x) => x.write.decrypted).map((d) => [d.layers[0].summary, d.layers[0].fields[0].children?.at(-1)?.note]);
    expect(finished(c)).toEqual([['client Finished', expect.stringContaining('PRF(master_secret, "client finished"')]]);
    expect(finished(s)).toEqual([['server Finished', expect.stringContaining('PRF(master_secret, "server finished"')]]);
  });
});

describe('a host that gives only send (TlsIo’s other callbacks are optional)', () => {
  it('no suite before the hello; the handshake runs and a refusal still sends its alert', () => {
    const steps: string[] = [];
    const queue: (() => void)[] = [];
    const client: TlsClient12 = new TlsClient12(seed(1), clientOptions(), { send: (step, w) => (steps.push(step), queue.push(() => server.receive(realBytes(w.data)))) });
    const server: TlsServer12 = new TlsServer12(seed(2), serverOptions(), { send: (step, w) => (steps.push(step), queue.push(() => client.receive(realBytes(w.data)))) });
    expect([client.suiteName, server.suiteName]).toEqual([undefined, undefined]);
    client.start();
    while (queue.length) queue.shift()!();
    expect(steps).toEqual(['client-hello', 'server-hello', 'client-key-exchange', 'server-finished']);
    expect(client.suiteName).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    const alone = new TlsClient12(seed(3), clientOptions(), { send: (step) => steps.push(step) });
    alone.start();
    alone.receive(plainRecord(20, Uint8Array.of(1)));
    const lone = new TlsServer12(seed(4), serverOptions(), { send: (step) => steps.push(step) });
    lone.receive(plainRecord(20, Uint8Array.of(1)));
    expect(steps.slice(4)).toEqual(['client-hello', 'client-alert', 'server-alert']);
  });
});

describe('extended_master_secret declined (RFC 7627 §5.2, §5.3)', () => {
  it('a server that never saw it offered: both sides keep the RFC 5246 master secret, and only the transcripts differ', () => {
    // The ClientHello's extended_master_secret (type 23, length 0) made a GREASE type (RFC 8701 §2, 0x0a0a) on the way: the
    // server ignores it and answers without the extension; the client then derives the same master secret as the server,
    // and the server refuses its Finished over a ClientHello it did not see.
    const r = pair({
      toServer: (b, step) => {
        if (step !== 'client-hello') return b;
        const at = b.findIndex((_, i) => b[i] === 0 && b[i + 1] === 23 && b[i + 2] === 0 && b[i + 3] === 0);
        expect(b.findIndex((_, i) => i > at && b[i] === 0 && b[i + 1] === 23 && b[i + 2] === 0 && b[i + 3] === 0)).toBe(-1);
        b.set([0x0a, 0x0a], at);
        return b;
      },
    });
    expect(r.client.keyLog()).toBe(r.server.keyLog());
    expect(r.s.failed).toEqual([{ alert: 'decrypt_error', reason: 'client Finished does not match the transcript', sent: true }]);
  });
});
