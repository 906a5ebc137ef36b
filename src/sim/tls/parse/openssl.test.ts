import { gcm } from '@noble/ciphers/aes.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { ascii, concat, fromHex, toHex } from '../../bytes/hex';
import { opensslSession } from '../interop/openssl';
import { trafficKeys } from '../keySchedule';
import { aeadKeys12, prf12 } from '../prf12';
import { openRecord } from '../record';
import { testDer } from '../testCertificates.node';
import { parseAlert } from './alert';
import { HandshakeReader, type HandshakeMessage, parseCertificate, parseCertificateVerify, parseClientHello, parseClientKeyExchange, parseEncryptedExtensions, parseNewSessionTicket, parseServerHello, parseServerKeyExchangeEcdhe } from './handshake';
import { RecordReader, type TlsRecord } from './record';

// Oracle: bytes written by OpenSSL (Node's tls on both ends), and OpenSSL's own key log and
// exported keying material. Our parsers must read them, and our derivations must open them.
const records = (chunks: Uint8Array[]): TlsRecord[] => {
  const r = new RecordReader();
  const out = chunks.flatMap((c) => r.push(c));
  expect(r.buffered).toBe(0);
  return out;
};
const secret = (log: string[], label: string) => fromHex(log.find((l) => l.startsWith(`${label} `))!.split(' ')[2]);

describe('parsers and derivations on real OpenSSL traffic', () => {
  it('TLS 1.2 ECDHE-ECDSA-AES128-GCM-SHA256: hellos, certificate, signed key exchange, key block and exporter', async () => {
    const s = await opensslSession({ version: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256', request: 'ping', response: 'pong', exportLabel: 'EXPORTER-wirescene' });
    const up = records(s.toServer);
    const down = records(s.toClient);
    expect(up.map((r) => r.type)).toEqual([22, 22, 20, 22, 23, 21]);
    // OpenSSL writes each TLS 1.2 handshake message as a record of its own.
    expect(down.map((r) => r.type)).toEqual([22, 22, 22, 22, 22, 20, 22, 23, 21]);
    const hsUp = new HandshakeReader();
    const [chMsg] = hsUp.push(up[0].fragment);
    const ch = parseClientHello(chMsg.body);
    expect(ch.extensions.serverName).toBe('example.com');
    expect(ch.cipherSuites).toContain(0xc02b);
    const hsDown = down.slice(0, 5).flatMap((r) => new HandshakeReader().push(r.fragment));
    expect(hsDown.map((m) => m.name)).toEqual(['ServerHello', 'Certificate', 'ServerKeyExchange', 'ServerHelloDone', 'NewSessionTicket']);
    expect(parseNewSessionTicket(hsDown[4].body, false).lifetimeSeconds).toBe(7200);
    const sh = parseServerHello(hsDown[0].body);
    expect(sh).toMatchObject({ version: 0x0303, cipherSuite: 0xc02b, helloRetryRequest: false });
    expect(sh.extensions.extendedMasterSecret).toBe(true);
    const cert = parseCertificate(hsDown[1].body, false);
    expect(cert.entries.map((e) => toHex(e.certData))).toEqual([toHex(testDer.leaf), toHex(testDer.intermediate)]);
    const ske = parseServerKeyExchangeEcdhe(hsDown[2].body);
    expect(ske.algorithm).toBe(0x0403);
    const leafKey = p256.Point.fromBytes(testDer.leaf.subarray(findSpki(testDer.leaf), findSpki(testDer.leaf) + 65)).toBytes();
    expect(p256.verify(ske.signature, sha256(concat(ch.random, sh.random, ske.params)), leafKey, { prehash: false, format: 'der', lowS: false })).toBe(true);
    const cke = parseClientKeyExchange(hsUp.push(up[1].fragment)[0].body, 'ecdhe');
    expect(cke.publicKey!.length).toBe(ske.publicKey.length);

    const master = secret(s.keyLog, 'CLIENT_RANDOM');
    expect(toHex(prf12(master, 'EXPORTER-wirescene', concat(ch.random, sh.random), 32))).toBe(toHex(s.exported));
    // The server's first application record (after its Finished, sequence 0): nonce = salt ‖ explicit 8 bytes (RFC 5288 §3).
    const k = aeadKeys12(master, ch.random, sh.random);
    const app = down.find((r) => r.type === 23)!;
    const explicit = app.fragment.subarray(0, 8);
    const aad = concat(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1, 23, 3, 3]), Uint8Array.of(0, app.fragment.length - 24));
    const plain = gcm(k.serverWriteKey, concat(k.serverWriteIv, explicit), aad).decrypt(app.fragment.subarray(8));
    expect(new TextDecoder().decode(plain)).toBe('pong');
  }, 20_000);

  it('TLS 1.3: ClientHello, ServerHello, the encrypted flight and two NewSessionTickets', async () => {
    const s = await opensslSession({ version: 'TLSv1.3', ciphers: 'TLS_AES_128_GCM_SHA256', request: 'ping', response: 'pong', exportLabel: 'EXPORTER-wirescene' });
    const up = records(s.toServer);
    const down = records(s.toClient);
    const ch = parseClientHello(new HandshakeReader().push(up[0].fragment)[0].body);
    expect(ch.legacySessionId.length).toBe(32); // middlebox compatibility mode
    expect(ch.extensions.supportedVersions).toContain(0x0304);
    expect(ch.extensions.keyShares![0].group).toBe(0x001d);
    const sh = parseServerHello(new HandshakeReader().push(down[0].fragment)[0].body);
    expect(sh.version).toBe(0x0304);
    expect(toHex(sh.legacySessionIdEcho)).toBe(toHex(ch.legacySessionId));
    expect(down[1].type).toBe(20);
    function* open(label: string, recs: TlsRecord[]) {
      const keys = trafficKeys(secret(s.keyLog, label));
      for (const [i, r] of recs.entries()) yield openRecord(keys, i, concat(Uint8Array.of(r.type, r.version >> 8, r.version & 0xff, (r.length - 5) >> 8, (r.length - 5) & 0xff), r.fragment));
    }
    const encrypted = down.filter((r) => r.type === 23);
    const hs = new HandshakeReader();
    const flight: HandshakeMessage[] = [];
    // OpenSSL puts the flight in one record or several; take records until the Finished.
    let used = 0;
    for (const rec of open('SERVER_HANDSHAKE_TRAFFIC_SECRET', encrypted)) {
      used++;
      flight.push(...hs.push(rec.content));
      if (flight.at(-1)?.type === 20) break;
    }
    expect(flight.map((m) => m.name)).toEqual(['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    expect(parseEncryptedExtensions(flight[0].body).list).toBeDefined();
    expect(toHex(parseCertificate(flight[1].body, true).entries[0].certData)).toBe(toHex(testDer.leaf));
    expect(parseCertificateVerify(flight[2].body).algorithm).toBe(0x0403);
    const after = [...open('SERVER_TRAFFIC_SECRET_0', encrypted.slice(used))];
    const tickets = after.filter((r) => r.type === 22).flatMap((r) => new HandshakeReader().push(r.content));
    expect(tickets.map((m) => m.name)).toEqual(['NewSessionTicket', 'NewSessionTicket']);
    const nst = parseNewSessionTicket(tickets[0].body, true);
    expect(nst.lifetimeSeconds).toBe(7200);
    expect(nst.nonce!.length).toBeGreaterThan(0);
    expect(after.find((r) => r.type === 23)!.content).toEqual(ascii('pong'));
    expect(parseAlert(after.find((r) => r.type === 21)!.content)).toMatchObject({ level: 1, name: 'close_notify' });
  }, 20_000);
});

/** Offset of the uncompressed P-256 point in a certificate's SubjectPublicKeyInfo (the `03 42 00 04` BIT STRING). */
function findSpki(der: Uint8Array): number {
  for (let i = 0; i + 4 < der.length; i++) if (der[i] === 0x03 && der[i + 1] === 0x42 && der[i + 2] === 0 && der[i + 3] === 4) return i + 3;
  throw new Error('no P-256 key in certificate');
}
