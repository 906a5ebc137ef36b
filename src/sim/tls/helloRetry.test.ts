import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../bytes/hex';
import { encodeHelloRetryRequest, messageHash } from './helloRetry';
import { handshakeSecrets } from './keySchedule';
import { parseClientHello, parseServerHello } from './parse/handshake';
import { rfc8448Hrr as v } from './rfc8448hrr.fixture';

describe('HelloRetryRequest (RFC 8448 §5 vector)', () => {
  it('message_hash in place of ClientHello1 gives the RFC transcript hash, and from it the RFC handshake secrets', () => {
    const hash = sha256(concat(messageHash(sha256, fromHex(v.clientHello1)), fromHex(v.helloRetryRequest), fromHex(v.clientHello2), fromHex(v.serverHello)));
    expect(toHex(hash)).toBe(v.helloHash);
    // Without the substitution the hash differs: the rule is what the vector checks.
    expect(toHex(sha256(concat(fromHex(v.clientHello1), fromHex(v.helloRetryRequest), fromHex(v.clientHello2), fromHex(v.serverHello))))).not.toBe(v.helloHash);
    const s = handshakeSecrets(fromHex(v.sharedSecret), hash);
    expect(toHex(s.handshakeSecret)).toBe(v.handshakeSecret);
    expect(toHex(s.clientHandshakeTrafficSecret)).toBe(v.clientHandshakeTrafficSecret);
    expect(toHex(s.serverHandshakeTrafficSecret)).toBe(v.serverHandshakeTrafficSecret);
  });

  it('our HelloRetryRequest carries what the RFC one carries: the special random, suite, selected group and cookie', () => {
    const rfc = parseServerHello(fromHex(v.helloRetryRequest).subarray(4));
    expect(rfc.helloRetryRequest).toBe(true);
    const ours = encodeHelloRetryRequest({ sessionId: rfc.legacySessionIdEcho, suite: rfc.cipherSuite, selectedGroup: rfc.extensions.selectedGroup!, cookie: rfc.extensions.cookie });
    const back = parseServerHello(ours.bytes.subarray(4));
    expect(back).toMatchObject({ helloRetryRequest: true, version: 0x0304, cipherSuite: 0x1301, random: rfc.random });
    expect(back.extensions.selectedGroup).toBe(0x0017);
    expect(toHex(back.extensions.cookie!)).toBe(toHex(rfc.extensions.cookie!));
    // Same length as the RFC's: only the extension order differs (NSS writes key_share first, OpenSSL supported_versions).
    expect(ours.bytes.length).toBe(fromHex(v.helloRetryRequest).length);
    // The RFC's second ClientHello echoes that cookie and sends one secp256r1 share.
    const ch2 = parseClientHello(fromHex(v.clientHello2).subarray(4));
    expect(toHex(ch2.extensions.cookie!)).toBe(toHex(rfc.extensions.cookie!));
    expect(ch2.extensions.keyShares!.map((k) => k.group)).toEqual([0x0017]);
  });
});
