import { createDecipheriv } from 'node:crypto';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { ascii, concat, fromHex, toHex } from '../bytes/hex';
import { opensslSession, type OpensslSession } from './interop/openssl';
import { CHACHA20_POLY1305_SHA256, deriveSecret, finishedVerifyData, hkdfExpandLabel, SUITES13, type Suite13, trafficKeys } from './keySchedule';
import { aeadKeys12, finishedVerifyData12 } from './prf12';
import { openRecord, sealRecord } from './record';
import { openRecord12, sealRecord12 } from './record12';
import { HandshakeReader, type HandshakeMessage } from './parse/handshake';
import { parseAlert } from './parse/alert';
import { RecordReader, type TlsRecord } from './parse/record';

// Oracle: OpenSSL on both ends (Node's tls over in-memory streams) with the suites our other
// vectors do not reach: SHA-384 (TLS_AES_256_GCM_SHA384, ECDHE-ECDSA-AES256-GCM-SHA384) and
// ChaCha20-Poly1305 (RFC 8446 §B.4, RFC 7905). OpenSSL's key log gives the secrets; our key
// schedule, record openers and Finished computations must agree with every byte OpenSSL wrote.
const records = (chunks: Uint8Array[]): TlsRecord[] => {
  const r = new RecordReader();
  return chunks.flatMap((c) => r.push(c));
};
const secret = (s: OpensslSession, label: string) => fromHex(s.keyLog.find((l) => l.startsWith(`${label} `))!.split(' ')[2]);
const wire = (r: TlsRecord) => concat(Uint8Array.of(r.type, r.version >> 8, r.version & 0xff, (r.length - 5) >> 8, (r.length - 5) & 0xff), r.fragment);
const session = (version: 'TLSv1.2' | 'TLSv1.3', ciphers: string) => opensslSession({ version, ciphers, request: 'ping', response: 'pong', exportLabel: 'EXPORTER-wirescene' });

async function tls13(suite: Suite13, ciphers: string) {
  const s = await session('TLSv1.3', ciphers);
  const up = records(s.toServer);
  const down = records(s.toClient);
  const ch = new HandshakeReader().push(up[0].fragment)[0];
  const sh = new HandshakeReader().push(down[0].fragment)[0];
  const shts = secret(s, 'SERVER_HANDSHAKE_TRAFFIC_SECRET');
  const chts = secret(s, 'CLIENT_HANDSHAKE_TRAFFIC_SECRET');
  const serverKeys = trafficKeys(shts, suite);
  const encrypted = down.filter((r) => r.type === 23);
  const hs = new HandshakeReader();
  const flight: HandshakeMessage[] = [];
  let used = 0;
  while (flight.at(-1)?.type !== 20) flight.push(...hs.push(openRecord(serverKeys, used, wire(encrypted[used++])).content));
  const upEncrypted = up.filter((r) => r.type === 23);
  const clientFinished = openRecord(trafficKeys(chts, suite), 0, wire(upEncrypted[0]));
  const clientApp = openRecord(trafficKeys(secret(s, 'CLIENT_TRAFFIC_SECRET_0'), suite), 0, wire(upEncrypted[1]));
  const serverApp = encrypted.slice(used).map((r, i) => openRecord(trafficKeys(secret(s, 'SERVER_TRAFFIC_SECRET_0'), suite), i, wire(r)));
  return { s, ch, sh, flight, shts, chts, clientFinished, clientApp, serverApp, serverKeys, encrypted, used };
}

describe('TLS 1.3 suites beyond AES-128-GCM, against OpenSSL', () => {
  it('TLS_AES_256_GCM_SHA384: 32-byte keys, SHA-384 Finished on both sides, application data and the exporter', async () => {
    const suite = SUITES13[0x1302];
    expect(suite).toMatchObject({ id: 0x1302, name: 'TLS_AES_256_GCM_SHA384', keyLength: 32, aead: 'AES-256-GCM' });
    const t = await tls13(suite, 'TLS_AES_256_GCM_SHA384');
    expect(t.shts.length).toBe(48);
    expect(t.serverKeys.key.length).toBe(32);
    expect(t.serverKeys.iv.length).toBe(12);
    expect(t.serverKeys.chacha20).toBeUndefined();
    expect(t.flight.map((m) => m.name)).toEqual(['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    const serverFinishedHash = sha384(concat(t.ch.raw, t.sh.raw, ...t.flight.slice(0, 3).map((m) => m.raw)));
    expect(toHex(finishedVerifyData(t.shts, serverFinishedHash, sha384))).toBe(toHex(t.flight[3].body));
    expect(t.clientFinished.type).toBe(22);
    const clientFinishedHash = sha384(concat(t.ch.raw, t.sh.raw, ...t.flight.map((m) => m.raw)));
    expect(toHex(concat(Uint8Array.of(20, 0, 0, 48), finishedVerifyData(t.chts, clientFinishedHash, sha384)))).toBe(toHex(t.clientFinished.content));
    expect(t.clientApp).toEqual({ type: 23, content: ascii('ping') });
    expect(t.serverApp.find((r) => r.type === 23)!.content).toEqual(ascii('pong'));
    // TLS-Exporter (RFC 8446 §7.5) with no context: HKDF-Expand-Label(Derive-Secret(exporter secret, label, ""), "exporter", Hash(""), 32).
    const empty = new Uint8Array(0);
    const exporterSecret = deriveSecret(secret(t.s, 'EXPORTER_SECRET'), 'EXPORTER-wirescene', sha384(empty), sha384);
    expect(toHex(hkdfExpandLabel(exporterSecret, 'exporter', sha384(empty), 32, sha384))).toBe(toHex(t.s.exported));
  }, 20_000);

  it('TLS_CHACHA20_POLY1305_SHA256: the keys say ChaCha20, and every record opens with it', async () => {
    expect(CHACHA20_POLY1305_SHA256).toMatchObject({ id: 0x1303, keyLength: 32 });
    const t = await tls13(CHACHA20_POLY1305_SHA256, 'TLS_CHACHA20_POLY1305_SHA256');
    expect(t.serverKeys.chacha20).toBe(true);
    expect(t.serverKeys.key.length).toBe(32);
    expect(t.flight.map((m) => m.name)).toEqual(['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    const hash = sha256(concat(t.ch.raw, t.sh.raw, ...t.flight.slice(0, 3).map((m) => m.raw)));
    expect(toHex(finishedVerifyData(t.shts, hash))).toBe(toHex(t.flight[3].body));
    expect(t.clientApp).toEqual({ type: 23, content: ascii('ping') });
    expect(parseAlert(t.serverApp.at(-1)!.content)).toMatchObject({ level: 1, name: 'close_notify' });
    // The same secret read as AES-GCM keys does not open the record.
    const { chacha20: _, ...asGcm } = t.serverKeys;
    expect(() => openRecord({ ...asGcm, key: asGcm.key }, 0, wire(records(t.s.toClient).filter((r) => r.type === 23)[0]))).toThrow();
  }, 20_000);
});

async function tls12(ciphers: string, keyLength: number, ivLength: number, hash: typeof sha256 | typeof sha384, chacha20?: boolean) {
  const s = await session('TLSv1.2', ciphers);
  const up = records(s.toServer);
  const down = records(s.toClient);
  const master = secret(s, 'CLIENT_RANDOM');
  const plainUp = up.slice(0, up.findIndex((r) => r.type === 20)).flatMap((r) => new HandshakeReader().push(r.fragment));
  const plainDown = down.slice(0, down.findIndex((r) => r.type === 20)).flatMap((r) => new HandshakeReader().push(r.fragment));
  const [ch] = plainUp;
  const [sh] = plainDown;
  const random = (m: HandshakeMessage) => m.body.subarray(2, 34);
  const k = aeadKeys12(master, random(ch), random(sh), keyLength, ivLength, hash);
  const client = { key: k.clientWriteKey, iv: k.clientWriteIv, ...(chacha20 ? { chacha20 } : {}) };
  const server = { key: k.serverWriteKey, iv: k.serverWriteIv, ...(chacha20 ? { chacha20 } : {}) };
  const upOpened = up.slice(up.findIndex((r) => r.type === 20) + 1).map((r, i) => openRecord12(client, i, wire(r)));
  const downOpened = down.slice(down.findIndex((r) => r.type === 20) + 1).map((r, i) => openRecord12(server, i, wire(r)));
  // RFC 5246 §7.4.9: the client's Finished covers every handshake message before it; the
  // server's adds the client Finished (and OpenSSL's NewSessionTicket sits before its CCS).
  const clientHash = hash(concat(...plainUp.map((m) => m.raw).slice(0, 1), ...plainDown.map((m) => m.raw).filter((_, i) => plainDown[i].type !== 4), ...plainUp.slice(1).map((m) => m.raw)));
  const serverHash = hash(concat(ch.raw, ...plainDown.filter((m) => m.type !== 4).map((m) => m.raw), ...plainUp.slice(1).map((m) => m.raw), upOpened[0].content, ...plainDown.filter((m) => m.type === 4).map((m) => m.raw)));
  return { master, k, upOpened, downOpened, clientHash, serverHash, down, up, client, server };
}

describe('TLS 1.2 suites beyond AES-128-GCM-SHA256, against OpenSSL', () => {
  it('ECDHE-ECDSA-AES256-GCM-SHA384: a 32-byte key block split, SHA-384 PRF for both Finished, every record opens', async () => {
    const t = await tls12('ECDHE-ECDSA-AES256-GCM-SHA384', 32, 4, sha384);
    expect([t.k.clientWriteKey.length, t.k.serverWriteKey.length, t.k.clientWriteIv.length, t.k.serverWriteIv.length]).toEqual([32, 32, 4, 4]);
    expect(t.upOpened.map((r) => r.type)).toEqual([22, 23, 21]);
    expect(t.downOpened.map((r) => r.type)).toEqual([22, 23, 21]);
    expect(toHex(t.upOpened[0].content)).toBe(toHex(concat(Uint8Array.of(20, 0, 0, 12), finishedVerifyData12(t.master, 'client', t.clientHash, sha384))));
    expect(toHex(t.downOpened[0].content)).toBe(toHex(concat(Uint8Array.of(20, 0, 0, 12), finishedVerifyData12(t.master, 'server', t.serverHash, sha384))));
    expect(t.upOpened[1].content).toEqual(ascii('ping'));
    expect(t.downOpened[1].content).toEqual(ascii('pong'));
    expect(parseAlert(t.downOpened[2].content)).toMatchObject({ level: 1, name: 'close_notify' });
  }, 20_000);

  it('ECDHE-ECDSA-CHACHA20-POLY1305 (RFC 7905): 12-byte IVs XORed with the sequence number, no explicit nonce', async () => {
    const t = await tls12('ECDHE-ECDSA-CHACHA20-POLY1305', 32, 12, sha256, true);
    expect(t.upOpened.map((r) => r.type)).toEqual([22, 23, 21]);
    expect(t.downOpened.map((r) => [r.type, r.content.length])).toEqual([[22, 16], [23, 4], [21, 2]]);
    expect(toHex(t.downOpened[0].content)).toBe(toHex(concat(Uint8Array.of(20, 0, 0, 12), finishedVerifyData12(t.master, 'server', t.serverHash))));
    expect(t.downOpened[1].content).toEqual(ascii('pong'));
    // A record shorter than its tag is refused by name, before any AEAD runs.
    const short = concat(Uint8Array.of(23, 3, 3, 0, 15), new Uint8Array(15));
    expect(() => openRecord12({ key: t.k.serverWriteKey, iv: t.k.serverWriteIv, chacha20: true }, 0, short)).toThrow('TLS 1.2: record shorter than its tag');
    expect(() => openRecord12({ key: t.k.serverWriteKey, iv: t.k.serverWriteIv, chacha20: true }, 0, concat(Uint8Array.of(23, 3, 3, 0, 16), new Uint8Array(16)))).toThrow(/tag|invalid/i);
  }, 20_000);
});

describe('the suites as the inspector names them', () => {
  it("names and AEADs of our TLS 1.3 suites, as IANA (and tshark) name the suites", () => {
    expect(CHACHA20_POLY1305_SHA256).toMatchObject({ id: 0x1303, name: 'TLS_CHACHA20_POLY1305_SHA256', keyLength: 32, aead: 'ChaCha20-Poly1305' });
    expect(SUITES13[0x1301]).toMatchObject({ id: 0x1301, name: 'TLS_AES_128_GCM_SHA256', keyLength: 16, aead: 'AES-128-GCM' });
    expect(SUITES13[0x1302]).toMatchObject({ id: 0x1302, name: 'TLS_AES_256_GCM_SHA384', keyLength: 32, aead: 'AES-256-GCM' });
  });
});

describe('our sealing gives the very bytes OpenSSL put on the wire', () => {
  it('TLS 1.3 (AES-256-GCM-SHA384): every server record re-sealed from its plaintext at its sequence number', async () => {
    const t = await tls13(SUITES13[0x1302], 'TLS_AES_256_GCM_SHA384');
    const app = trafficKeys(secret(t.s, 'SERVER_TRAFFIC_SECRET_0'), SUITES13[0x1302]);
    t.encrypted.slice(t.used).forEach((r, i) => {
      const { type, content } = openRecord(app, i, wire(r));
      expect(toHex(sealRecord(app, i, type, content))).toBe(toHex(wire(r)));
    });
  }, 20_000);

  it('TLS 1.2 (AES-256-GCM-SHA384): each record re-sealed has the header OpenSSL wrote, the sequence number as explicit nonce (RFC 5288 §3), and opens with OpenSSL under AAD seq ‖ type ‖ version ‖ length', async () => {
    const t = await tls12('ECDHE-ECDSA-AES256-GCM-SHA384', 32, 4, sha384);
    const after = (rs: TlsRecord[]) => rs.slice(rs.findIndex((r) => r.type === 20) + 1);
    for (const [records, opened, keys] of [[after(t.down), t.downOpened, t.server], [after(t.up), t.upOpened, t.client]] as const) {
      records.forEach((r, i) => {
        const ours = sealRecord12(keys, i, r.type, opened[i].content);
        expect(toHex(ours.subarray(0, 5))).toBe(toHex(wire(r).subarray(0, 5)));
        expect(toHex(ours.subarray(5, 13))).toBe(i.toString(16).padStart(16, '0'));
        const d = createDecipheriv('aes-256-gcm', keys.key, concat(keys.iv, ours.subarray(5, 13)));
        d.setAAD(concat(fromHex(i.toString(16).padStart(16, '0')), Uint8Array.of(r.type, 3, 3, 0, opened[i].content.length)));
        d.setAuthTag(ours.subarray(ours.length - 16));
        expect(toHex(concat(d.update(ours.subarray(13, ours.length - 16)), d.final()))).toBe(toHex(opened[i].content));
      });
    }
  }, 20_000);

  it('TLS 1.2 records too short for their nonce and tag are refused by name; exactly nonce and tag is a record with no content', () => {
    const keys = { key: new Uint8Array(16), iv: new Uint8Array(4) };
    const rec = (n: number) => concat(Uint8Array.of(23, 3, 3, 0, n), new Uint8Array(n));
    expect(() => openRecord12(keys, 0, rec(23))).toThrow('TLS 1.2: record shorter than nonce and tag');
    expect(() => openRecord12(keys, 0, rec(24))).toThrow('aes-gcm: invalid tag');
    const sealed = sealRecord12(keys, 7, 23, new Uint8Array(0));
    expect(toHex(sealed.subarray(0, 13))).toBe('1703030018' + '0000000000000007');
    expect(openRecord12(keys, 7, sealed)).toEqual({ type: 23, content: new Uint8Array(0) });
    const chacha = { key: new Uint8Array(32), iv: new Uint8Array(12), chacha20: true };
    expect(() => openRecord12(chacha, 0, rec(16))).toThrow('invalid tag');
    expect(() => openRecord12(chacha, 0, rec(16))).not.toThrow('shorter');
  });
});
