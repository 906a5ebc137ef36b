import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { realBytes } from '../bytes/lateBytes';
import { backToBack, clientOptions, http, pair13, request, resealServerRecord, seed, serverHello, serverOptions, startedClient } from './backToBack.fixture';
import { chromeProfile } from './chromeHello';
import { TlsClient } from './client';
import { SECP256R1, X25519, X25519MLKEM768 } from './groups';
import { SUITES13 } from './keySchedule';
import { HELLO_RETRY_REQUEST_RANDOM } from './parse/handshake';
import { RecordReader } from './parse/record';
import { plainRecord } from './record';
import { TlsServer } from './server';

// What our TLS 1.3 client checks of a server and keeps to itself, beyond endpoints13.test.ts.
// Oracles: RFC 8446 (§4.1.4 and §4.2.8 for the key shares, §4.4.3 and §4.4.4 for the server's
// proofs, §6.2 for fatal alerts, D.4 for the one CCS), and our server, whose flight a test alters
// one message of, sealed again under the key the server's NSS key log gives (RFC 8446 §7.3).

/** Our client against our server whose flight has one record, counted from the ServerHello, changed by `edit`. */
function againstAlteredFlight(index: number, edit: (message: Uint8Array) => Uint8Array) {
  let server!: TlsServer;
  const toClient = resealServerRecord(() => server.keyLog(), SUITES13[0x1302], index, edit);
  return backToBack(
    (io) => new TlsClient(seed(1), clientOptions(), io),
    (io) => (server = new TlsServer(seed(2), serverOptions(), io)),
    { toClient },
  );
}

/** The message with its last byte flipped: a Finished's verify_data, a CertificateVerify's ECDSA s. */
const lastByteFlipped = (m: Uint8Array) => {
  const out = m.slice();
  out[out.length - 1] ^= 1;
  return out;
};

describe("the server's proofs (RFC 8446 §4.4.3, §4.4.4)", () => {
  it('the flight resealed unchanged is one the client takes: the alteration is all the next tests change', () => {
    const { c, s } = againstAlteredFlight(5, (m) => m);
    expect([c.failed, c.complete, s.complete]).toEqual([[], 1, 1]);
  });

  it('a server Finished that does not match the transcript: decrypt_error under the client handshake key, no client Finished, never connected', () => {
    // [ServerHello, CCS, EncryptedExtensions, Certificate, CertificateVerify, Finished]
    const { client, c, s } = againstAlteredFlight(5, lastByteFlipped);
    expect(c.failed).toEqual([{ alert: 'decrypt_error', reason: 'server Finished does not match the transcript', sent: true }]);
    expect(c.complete).toBe(0);
    expect(c.sent.map((x) => x.step)).toEqual(['client-hello', 'client-alert']);
    expect(c.sent[1].write.decrypted[0].key).toBe('client handshake traffic key');
    // decrypt_error is alert 51, fatal (RFC 8446 §6).
    expect([...c.sent[1].write.decrypted[0].bytes]).toEqual([2, 51]);
    expect(s.failed).toEqual([{ alert: 'decrypt_error', reason: 'the client sent it', sent: false }]);
    expect(() => client.send(http(request))).toThrow('nothing can be sent');
  });

  it('a CertificateVerify whose signature does not verify with the leaf key: decrypt_error naming the CertificateVerify', () => {
    const { c } = againstAlteredFlight(4, lastByteFlipped);
    expect(c.failed).toEqual([{ alert: 'decrypt_error', reason: 'CertificateVerify signature does not verify with the certificate key', sent: true }]);
    expect(c.complete).toBe(0);
  });
});

describe('a client with two key shares, as Chrome sends them (RFC 8446 §4.1.4, §4.2.8)', () => {
  const chrome = () => startedClient({ profile: chromeProfile });
  const hrr = (sessionId: Uint8Array, selectedGroup: number) => serverHello({ random: HELLO_RETRY_REQUEST_RANDOM, sessionId, selectedGroup, suite: 0x1301 });

  it.each([
    ['X25519MLKEM768', X25519MLKEM768],
    ['x25519', X25519],
  ])('a HelloRetryRequest for %s, whose share it sent: illegal_parameter', (name, group) => {
    const r = chrome();
    r.client.receive(hrr(r.sessionId, group));
    expect(r.c.failed).toEqual([{ alert: 'illegal_parameter', reason: `HelloRetryRequest asks for ${name}, whose share we already sent`, sent: true }]);
  });

  it('a HelloRetryRequest for secp256r1, offered without a share: a second ClientHello', () => {
    const r = chrome();
    r.client.receive(hrr(r.sessionId, SECP256R1));
    expect(r.c.failed).toEqual([]);
    expect(r.c.sent.map((x) => x.step)).toEqual(['client-hello', 'client-hello-retry']);
  });

  it('a ServerHello share for a group it sent none for: illegal_parameter naming both shares', () => {
    const r = chrome();
    r.client.receive(serverHello({ sessionId: r.sessionId, group: SECP256R1, key: p256.getPublicKey(new Uint8Array(32).fill(3), false) }));
    expect(r.c.failed).toEqual([{ alert: 'illegal_parameter', reason: 'server key share is not for X25519MLKEM768 or x25519', sent: true }]);
  });
});

describe('the client before, after and without its handshake', () => {
  it('before start: no suite, no early data, and a ServerHello before its ClientHello is unexpected_message', () => {
    const { client, c } = backToBack(
      (io) => new TlsClient(seed(1), clientOptions(), io),
      () => ({ receive() {} }),
      { start: false },
    );
    expect([client.suiteName, client.canSendEarlyData]).toEqual([undefined, false]);
    client.receive(serverHello({ sessionId: new Uint8Array(32), group: X25519, key: new Uint8Array(32).fill(9) }));
    expect(c.failed).toEqual([{ alert: 'unexpected_message', reason: 'ServerHello is not expected now (start)', sent: true }]);
  });

  it('an application that takes no handshakeComplete hook still gets a connection', () => {
    const { c, s, client, run } = backToBack(
      (io) => new TlsClient(seed(1), clientOptions(), { ...io, handshakeComplete: undefined }),
      (io) => new TlsServer(seed(2), serverOptions(), io),
    );
    expect([c.failed, c.complete, s.complete]).toEqual([[], 0, 1]);
    client.send(http(request));
    run();
    expect(s.data).toBe(request);
  });
});

describe('0-RTT early data (RFC 8446 §2.3, §6.2, D.4)', () => {
  const ticketKey = new Uint8Array(32).fill(5);
  const resuming = () => {
    const ticket = pair13({ server: { ticketKey, maxEarlyData: 16384 } }).client.sessionTickets()[0];
    return startedClient({ resume: { ticket, ageMs: 5, earlyData: true } });
  };

  it('two early writes: the CCS goes once, right after the ClientHello; the server reads both requests', () => {
    const ticket = pair13({ server: { ticketKey, maxEarlyData: 16384 } }).client.sessionTickets()[0];
    const { client, c, s, run } = backToBack(
      (io) => new TlsClient(seed(3), clientOptions({ resume: { ticket, ageMs: 5, earlyData: true } }), io),
      (io) => new TlsServer(seed(4), serverOptions({ ticketKey, maxEarlyData: 16384 }), io),
      { start: false },
    );
    client.start();
    client.send(http(request));
    client.send(http(request));
    const types = (i: number) => new RecordReader().push(realBytes(c.sent[i].write.data)).map((r) => r.type);
    expect(c.sent.map((x) => x.step)).toEqual(['client-hello', 'early-data', 'early-data']);
    expect([types(1), types(2)]).toEqual([[20, 23], [23]]);
    run();
    expect([c.failed, s.failed, client.earlyDataAccepted]).toEqual([[], [], true]);
    expect(s.data).toBe(request + request);
  });

  it('a fatal alert from the server closes the connection: no early data after it, and what follows is not read', () => {
    const r = resuming();
    expect(r.client.canSendEarlyData).toBe(true);
    r.client.receive(plainRecord(21, Uint8Array.of(2, 40)));
    expect(r.c.failed).toEqual([{ alert: 'handshake_failure', reason: 'the server sent it', sent: false }]);
    expect(r.client.canSendEarlyData).toBe(false);
    expect(() => r.client.send(http(request))).toThrow('nothing can be sent');
    r.client.receive(serverHello({ sessionId: r.sessionId, group: X25519, key: new Uint8Array(32).fill(9) }));
    expect([r.c.failed.length, r.client.keyGroup]).toEqual([1, undefined]);
  });

  it('a ServerHello the client refuses closes it too: no early data after its own alert', () => {
    const r = resuming();
    r.client.receive(serverHello({ sessionId: r.sessionId, version: 0x0303 }));
    expect(r.c.failed.map((f) => f.alert)).toEqual(['protocol_version']);
    expect(r.client.canSendEarlyData).toBe(false);
  });
});
