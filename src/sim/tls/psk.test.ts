import { x25519 } from '@noble/curves/ed25519.js';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../bytes/hex';
import type { Field } from '../types';
import { applicationSecrets, earlySecret, SUITES13, finishedVerifyData, handshakeSecrets, resumptionMasterSecret, ticketPsk, trafficKeys, transcriptHash } from './keySchedule';
import { parseClientHello, parseNewSessionTicket, parseServerHello } from './parse/handshake';
import { binderMatches, bindClientHello, clientEarlyTrafficSecret, encodeEndOfEarlyData, obfuscatedTicketAge, pskBinder, resumptionBinderKey, sessionTicketFrom } from './psk';
import { CONTENT_APPLICATION_DATA, CONTENT_HANDSHAKE, sealRecord } from './record';
import { rfc8448 } from './rfc8448.fixture';
import { rfc8448Resumed as v } from './rfc8448resumed.fixture';
import { sha256 } from '@noble/hashes/sha2.js';

const h = fromHex;
const hello = h(v.clientHello);
// One identity, one 32-byte binder: the binders list is 2 + 1 + 32 bytes at the end.
const truncated = hello.subarray(0, hello.length - 35);

describe('resumption and 0-RTT against RFC 8448 §4 (Resumed 0-RTT Handshake)', () => {
  it('derives the PSK from §3\'s resumption_master_secret and the ticket nonce', () => {
    expect(toHex(ticketPsk(h(rfc8448.resumptionMasterSecret), h(v.ticketNonce)))).toBe(v.psk);
    expect(toHex(earlySecret(h(v.psk)))).toBe(v.earlySecret);
    expect(toHex(resumptionBinderKey(h(v.psk), sha256))).toBe(v.binderKey);
  });

  it('computes the binder over the truncated ClientHello and writes it where the RFC has it', () => {
    expect(toHex(sha256(truncated))).toBe(v.truncatedHelloHash);
    expect(toHex(pskBinder(h(v.psk), truncated, sha256))).toBe(v.binder);
    const zeroed = hello.slice();
    zeroed.fill(0, hello.length - 32);
    expect(toHex(bindClientHello({ bytes: zeroed, fields: [] }, h(v.psk), sha256).bytes)).toBe(v.clientHello);
  });

  it('the server side: parses the offer, finds the binder list length and accepts the binder; one flipped bit fails', () => {
    const ch = parseClientHello(hello.subarray(4));
    const offer = ch.extensions.preSharedKey!;
    expect(offer.bindersLength).toBe(35);
    expect(ch.extensions.earlyData).toEqual({});
    expect(ch.extensions.pskKeyExchangeModes).toEqual([1]);
    expect(binderMatches(h(v.psk), hello, offer.bindersLength, offer.binders[0], sha256)).toBe(true);
    const bad = hello.slice();
    bad[40] ^= 1;
    expect(binderMatches(h(v.psk), bad, offer.bindersLength, offer.binders[0], sha256)).toBe(false);
  });

  it('derives client_early_traffic_secret over the whole ClientHello and seals the 0-RTT data as the RFC does', () => {
    expect(toHex(sha256(hello))).toBe(v.clientHelloHash);
    const secret = clientEarlyTrafficSecret(h(v.psk), hello, sha256);
    expect(toHex(secret)).toBe(v.clientEarlyTrafficSecret);
    const keys = trafficKeys(secret);
    expect([toHex(keys.key), toHex(keys.iv)]).toEqual([v.earlyKey, v.earlyIv]);
    expect(toHex(sealRecord(keys, 0, CONTENT_APPLICATION_DATA, h(v.earlyData)))).toBe(v.earlyDataRecord);
    // EndOfEarlyData is the second record under the same keys.
    expect(toHex(encodeEndOfEarlyData().bytes)).toBe(v.endOfEarlyData);
    expect(toHex(sealRecord(keys, 1, CONTENT_HANDSHAKE, h(v.endOfEarlyData)))).toBe(v.endOfEarlyDataRecord);
  });

  it('mixes the PSK with the x25519 secret (psk_dhe_ke), and EndOfEarlyData enters the transcript before the client Finished', () => {
    const sh = parseServerHello(h(v.serverHello).subarray(4));
    expect(sh.extensions.selectedIdentity).toBe(0);
    expect(toHex(x25519.getSharedSecret(h(v.clientPrivateKey), sh.extensions.keyShares![0].keyExchange))).toBe(v.sharedSecret);
    const hs = handshakeSecrets(h(v.sharedSecret), transcriptHash(hello, h(v.serverHello)), sha256, h(v.psk));
    expect(toHex(hs.handshakeSecret)).toBe(v.handshakeSecret);
    expect(toHex(hs.clientHandshakeTrafficSecret)).toBe(v.clientHandshakeTrafficSecret);
    expect(toHex(hs.serverHandshakeTrafficSecret)).toBe(v.serverHandshakeTrafficSecret);
    const throughServerFinished = [hello, h(v.serverHello), h(v.encryptedExtensions)];
    expect(toHex(finishedVerifyData(hs.serverHandshakeTrafficSecret, transcriptHash(...throughServerFinished)))).toBe(v.serverFinished.slice(8));
    throughServerFinished.push(h(v.serverFinished));
    const withEoed = [...throughServerFinished, h(v.endOfEarlyData)];
    expect(toHex(finishedVerifyData(hs.clientHandshakeTrafficSecret, transcriptHash(...withEoed)))).toBe(v.clientFinished.slice(8));
    const app = applicationSecrets(hs.handshakeSecret, transcriptHash(...throughServerFinished));
    expect(toHex(resumptionMasterSecret(app.masterSecret, transcriptHash(...withEoed, h(v.clientFinished))))).toBe(v.resumptionMasterSecret);
  });
});

describe("the client's ticket from RFC 8448 §3's NewSessionTicket, and what §4 sends back", () => {
  const ch = parseClientHello(hello.subarray(4));
  const [offered] = ch.extensions.preSharedKey!.identities;
  // §3, {server} construct a NewSessionTicket: lifetime 30 s, age_add fad6aac5, nonce 0000, the ticket
  // §4 offers as its identity, and early_data with max_early_data_size 1024.
  const nst = concat(fromHex('0000001efad6aac502000000b2'), offered.identity, fromHex('0008002a000400000400'));

  it('sessionTicketFrom: the PSK of §4 from the ticket nonce, the identity, age_add, lifetime and 0-RTT allowance', () => {
    const t = sessionTicketFrom(parseNewSessionTicket(nst, true), h(rfc8448.resumptionMasterSecret), SUITES13[0x1301], 'server', 'h2');
    expect(toHex(t.psk)).toBe(v.psk);
    expect(toHex(t.identity)).toBe(toHex(offered.identity));
    expect(t).toMatchObject({ host: 'server', suite: SUITES13[0x1301], ageAdd: 0xfad6aac5, lifetimeSeconds: 30, maxEarlyData: 1024, alpn: 'h2' });
    const bare = sessionTicketFrom({ lifetimeSeconds: 7200, ticket: Uint8Array.of(1) }, h(rfc8448.resumptionMasterSecret), SUITES13[0x1301], 'h');
    expect(bare).toMatchObject({ ageAdd: 0, maxEarlyData: 0, alpn: undefined });
    expect(toHex(bare.psk)).toBe(toHex(ticketPsk(h(rfc8448.resumptionMasterSecret), new Uint8Array(0))));
  });

  it('obfuscated_ticket_age = age in ms + age_add, mod 2^32 (§4.2.11.1): the §4 hello is sent a few ms after the ticket', () => {
    const ageMs = (offered.obfuscatedTicketAge - 0xfad6aac5 + 2 ** 32) % 2 ** 32;
    expect(ageMs).toBeLessThan(30_000);
    expect(obfuscatedTicketAge(ageMs, 0xfad6aac5)).toBe(offered.obfuscatedTicketAge);
    expect(obfuscatedTicketAge(ageMs + 0.4, 0xfad6aac5)).toBe(offered.obfuscatedTicketAge);
    expect(obfuscatedTicketAge(1000, 0xffffffff)).toBe(999);
  });

  it('bindClientHello shows the binder it wrote in the binder field, and leaves every other field alone', () => {
    const zeroed = hello.slice();
    zeroed.fill(0, hello.length - 32);
    const at = hello.length - 32;
    const fields: Field[] = [
      { name: 'random', value: 'r', offset: 6, length: 32 },
      { name: 'pre_shared_key', value: 'x', offset: at - 3, length: 35, children: [{ name: 'binder', value: '00…', offset: at, length: 32 }, { name: 'binder', value: 'elsewhere', offset: at - 1, length: 32 }, { name: 'binders', value: 'list', offset: at, length: 32 }] },
    ];
    const bound = bindClientHello({ bytes: zeroed, fields }, h(v.psk), sha256);
    expect(bound.fields[0]).toEqual(fields[0]);
    expect(bound.fields[1].children!.map((f) => f.value)).toEqual([`${v.binder.slice(0, 16)}…`, 'elsewhere', 'list']);
    expect(toHex(zeroed.subarray(at))).toBe('00'.repeat(32));
  });

  it('EndOfEarlyData is an empty handshake message of type 5, explained', () => {
    const eoed = encodeEndOfEarlyData();
    expect(toHex(eoed.bytes)).toBe('05000000');
    expect(JSON.stringify(eoed.fields)).toContain('EndOfEarlyData: no more 0-RTT data');
  });
});

describe('tickets and binders at their edges', () => {
  it('a ticket whose extensions hold no early_data (as OpenSSL sends them) allows no 0-RTT', () => {
    const t = sessionTicketFrom({ lifetimeSeconds: 7200, ageAdd: 5, nonce: Uint8Array.of(0), ticket: Uint8Array.of(1), extensions: { list: [] } }, h(rfc8448.resumptionMasterSecret), SUITES13[0x1301], 'h');
    expect(t.maxEarlyData).toBe(0);
  });

  it('only the field that is exactly the binder (offset, length and name) is rewritten', () => {
    const zeroed = hello.slice();
    zeroed.fill(0, hello.length - 32);
    const at = hello.length - 32;
    const fields: Field[] = [{ name: 'binder', value: 'longer', offset: at, length: 33 }, { name: 'binder', value: 'it', offset: at, length: 32 }];
    expect(bindClientHello({ bytes: zeroed, fields }, h(v.psk), sha256).fields.map((f) => f.value)).toEqual(['longer', `${v.binder.slice(0, 16)}…`]);
  });
});
