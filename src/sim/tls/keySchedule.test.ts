import { x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../bytes/hex';
import { applicationSecrets, finishedKey, finishedVerifyData, handshakeSecrets, trafficKeys, transcriptHash } from './keySchedule';
import { CONTENT_HANDSHAKE, openRecord, sealRecord } from './record';
import { rfc8448 as v } from './rfc8448.fixture';

const h = fromHex;

describe('TLS 1.3 key schedule against RFC 8448 §3 (Simple 1-RTT Handshake)', () => {
  const shared = x25519.getSharedSecret(h(v.clientPrivateKey), h(v.serverPublicKey));
  const helloHash = transcriptHash(h(v.clientHello), h(v.serverHello));
  const hs = handshakeSecrets(shared, helloHash);
  const serverFlight = [v.encryptedExtensions, v.certificate, v.certificateVerify, v.serverFinished].map(h);
  const handshakeHash = transcriptHash(h(v.clientHello), h(v.serverHello), ...serverFlight);
  const app = applicationSecrets(hs.handshakeSecret, handshakeHash);

  it('derives the X25519 shared secret from both sides', () => {
    expect(toHex(x25519.getPublicKey(h(v.clientPrivateKey)))).toBe(v.clientPublicKey);
    expect(toHex(shared)).toBe(v.sharedSecret);
    expect(toHex(x25519.getSharedSecret(h(v.serverPrivateKey), h(v.clientPublicKey)))).toBe(v.sharedSecret);
  });

  it('derives the early, handshake and master secrets', () => {
    expect(toHex(hs.earlySecret)).toBe(v.earlySecret);
    expect(toHex(hs.handshakeSecret)).toBe(v.handshakeSecret);
    expect(toHex(app.masterSecret)).toBe(v.masterSecret);
  });

  it('derives the traffic secrets, keys and IVs', () => {
    expect(toHex(hs.clientHandshakeTrafficSecret)).toBe(v.clientHandshakeTrafficSecret);
    expect(toHex(hs.serverHandshakeTrafficSecret)).toBe(v.serverHandshakeTrafficSecret);
    const sk = trafficKeys(hs.serverHandshakeTrafficSecret);
    const ck = trafficKeys(hs.clientHandshakeTrafficSecret);
    expect([toHex(sk.key), toHex(sk.iv)]).toEqual([v.serverHandshakeKey, v.serverHandshakeIv]);
    expect([toHex(ck.key), toHex(ck.iv)]).toEqual([v.clientHandshakeKey, v.clientHandshakeIv]);
    expect(toHex(app.clientApplicationTrafficSecret)).toBe(v.clientApplicationTrafficSecret);
    expect(toHex(app.serverApplicationTrafficSecret)).toBe(v.serverApplicationTrafficSecret);
    expect(toHex(app.exporterMasterSecret)).toBe(v.exporterMasterSecret);
    const sa = trafficKeys(app.serverApplicationTrafficSecret);
    const ca = trafficKeys(app.clientApplicationTrafficSecret);
    expect([toHex(sa.key), toHex(sa.iv)]).toEqual([v.serverApplicationKey, v.serverApplicationIv]);
    expect([toHex(ca.key), toHex(ca.iv)]).toEqual([v.clientApplicationKey, v.clientApplicationIv]);
  });

  it('computes both Finished messages', () => {
    expect(toHex(finishedKey(hs.serverHandshakeTrafficSecret))).toBe(v.serverFinishedKey);
    const beforeServerFinished = transcriptHash(h(v.clientHello), h(v.serverHello), ...serverFlight.slice(0, 3));
    expect('14000020' + toHex(finishedVerifyData(hs.serverHandshakeTrafficSecret, beforeServerFinished))).toBe(v.serverFinished);
    expect(toHex(finishedKey(hs.clientHandshakeTrafficSecret))).toBe(v.clientFinishedKey);
    expect('14000020' + toHex(finishedVerifyData(hs.clientHandshakeTrafficSecret, handshakeHash))).toBe(v.clientFinished);
  });

  it('seals the server flight into exactly the record on the wire, and opens it back', () => {
    const keys = trafficKeys(hs.serverHandshakeTrafficSecret);
    const record = sealRecord(keys, 0, CONTENT_HANDSHAKE, concat(...serverFlight));
    expect(toHex(record)).toBe(v.serverEncryptedRecord);
    const opened = openRecord(keys, 0, h(v.serverEncryptedRecord));
    expect(opened.type).toBe(CONTENT_HANDSHAKE);
    expect(toHex(opened.content)).toBe(serverFlight.map(toHex).join(''));
  });

  it('refuses a record that was tampered with', () => {
    const keys = trafficKeys(hs.serverHandshakeTrafficSecret);
    const bad = h(v.serverEncryptedRecord);
    bad[40] ^= 1;
    expect(() => openRecord(keys, 0, bad)).toThrow();
    expect(() => openRecord(keys, 1, h(v.serverEncryptedRecord))).toThrow();
  });
});
