import { x25519 } from '@noble/curves/ed25519.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { describe, expect, it } from 'vitest';
import { concat, fromBase64, toHex } from '../bytes/hex';
import { createPrng } from '../prng';
import { p256PrivateKey } from '../apps/serverTls';
import { TlsClient } from './client';
import { chromeProfile, GREASE_VALUES } from './chromeHello';
import { KEY_GROUPS, SECP256R1, X25519, X25519MLKEM768 } from './groups';
import { HandshakeReader, parseClientHello, parseServerHello } from './parse/handshake';
import { RecordReader } from './parse/record';
import { TlsServer } from './server';
import { leafPrivateKeyPkcs8Der } from './testCertificates';
import { testDer } from './testCertificates.node';
import { CAPTURE_EPOCH_S } from '../../export/pcapng';

/** RFC 8701 §2's sixteen reserved values, as the RFC lists them: the oracle, not our GREASE_VALUES. */
const RFC8701 = [0x0a0a, 0x1a1a, 0x2a2a, 0x3a3a, 0x4a4a, 0x5a5a, 0x6a6a, 0x7a7a, 0x8a8a, 0x9a9a, 0xaaaa, 0xbaba, 0xcaca, 0xdada, 0xeaea, 0xfafa];
const isGrease = (v: number) => RFC8701.includes(v);

/** The extension types of the ClientHello our Chrome-profile client sends with this seed. */
function extensionTypes(seed: number): number[] {
  let hello!: Uint8Array;
  new TlsClient(createPrng(seed), { host: 'example.com', profile: chromeProfile, trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, { send: (_s, w) => (hello = w.data) }).start();
  return parseClientHello(new HandshakeReader().push(new RecordReader().push(hello)[0].fragment)[0].body).extensions.list.map((e) => e.type);
}

/** Our Chrome-profile client and our server wired back to back; returns the clear handshake messages each sent. */
function handshake(groups?: number[]) {
  const toServer: Uint8Array[] = [];
  const toClient: Uint8Array[] = [];
  let done = false;
  // Deliveries wait in a queue, so neither endpoint is re-entered while it handles a record.
  const queue: (() => void)[] = [];
  const server: TlsServer = new TlsServer(createPrng(2), {
    chain: [{ der: testDer.leaf, subject: 'CN=example.com' }, { der: testDer.intermediate, subject: 'CN=CA' }],
    privateKey: p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)),
    alpn: ['h2', 'http/1.1'],
    groups,
  }, { send: (_s, w) => { toClient.push(w.data); queue.push(() => client.receive(w.data)); } });
  const client: TlsClient = new TlsClient(createPrng(1), { host: 'example.com', profile: chromeProfile, trustedRoot: testDer.root, nowSeconds: CAPTURE_EPOCH_S }, {
    send: (_s, w) => { toServer.push(w.data); queue.push(() => server.receive(w.data)); },
    handshakeComplete: () => (done = true),
    failed: (alert, reason) => { throw new Error(`${alert}: ${reason}`); },
  });
  client.start();
  while (queue.length) queue.shift()!();
  const clear = (chunks: Uint8Array[]) => new RecordReader().push(concat(...chunks)).filter((r) => r.type === 22).flatMap((r) => new HandshakeReader().push(r.fragment));
  return { done, client, server, toServer: clear(toServer), toClient: clear(toClient) };
}

describe('X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §3)', () => {
  it('client share = ML-KEM-768 key ‖ X25519 key, server share = ciphertext ‖ X25519 key, secret = ML-KEM secret ‖ X25519 secret', () => {
    const group = KEY_GROUPS[X25519MLKEM768];
    const seed = new Uint8Array(64).fill(7);
    const client = group.client(new Uint8Array(32).fill(1), { u32: () => 0, bytes: () => seed });
    const kem = ml_kem768.keygen(seed);
    expect(client.key.length).toBe(1184 + 32);
    expect(toHex(client.key.subarray(0, 1184))).toBe(toHex(kem.publicKey));
    expect(toHex(client.key.subarray(1184))).toBe(toHex(x25519.getPublicKey(new Uint8Array(32).fill(1))));
    const server = group.server(client.key, new Uint8Array(32).fill(2), createPrng(3));
    expect(server.key.length).toBe(1088 + 32);
    expect(server.shared.length).toBe(64);
    // Each half, computed by the primitives alone, in the draft's order.
    expect(toHex(server.shared.subarray(0, 32))).toBe(toHex(ml_kem768.decapsulate(server.key.subarray(0, 1088), kem.secretKey)));
    expect(toHex(server.shared.subarray(32))).toBe(toHex(x25519.getSharedSecret(new Uint8Array(32).fill(1), server.key.subarray(1088))));
    expect(toHex(client.agree(server.key))).toBe(toHex(server.shared));
  });
});

describe('the chrome ClientHello profile', () => {
  it('GREASE in suites, groups, versions, key shares and a first and last extension; X25519MLKEM768 and x25519 shares; about 1.8 kB', () => {
    const { toServer } = handshake();
    const raw = toServer[0].raw;
    expect(raw.length).toBeGreaterThan(1700);
    expect(raw.length).toBeLessThan(1900);
    const ch = parseClientHello(toServer[0].body);
    expect(isGrease(ch.cipherSuites[0])).toBe(true);
    expect(isGrease(ch.extensions.supportedGroups![0])).toBe(true);
    expect(ch.extensions.supportedGroups!.slice(1)).toEqual([X25519MLKEM768, X25519, SECP256R1, 0x0018]);
    expect(isGrease(ch.extensions.supportedVersions![0])).toBe(true);
    expect(ch.extensions.keyShares!.map((k) => [isGrease(k.group), k.keyExchange.length])).toEqual([[true, 1], [false, 1216], [false, 32]]);
    const types = ch.extensions.list.map((e) => e.type);
    expect(isGrease(types[0]) && isGrease(types.at(-1)!)).toBe(true);
    expect(types[0]).not.toBe(types.at(-1));
    expect(ch.extensions.alpn).toEqual(['h2', 'http/1.1']);
    expect(GREASE_VALUES).toEqual(RFC8701);
  });

  it('the two GREASE extensions differ on every connection, also when the PRNG draws the same value twice (BoringSSL re-draws; we flip a nibble)', () => {
    // One seed in 16 draws the same value for both; 64 seeds meet that case several times.
    for (let seed = 1; seed <= 64; seed++) {
      const types = extensionTypes(seed);
      expect([isGrease(types[0]), isGrease(types.at(-1)!), types.filter(isGrease).length]).toEqual([true, true, 2]);
      expect(types[0], `seed ${seed}`).not.toBe(types.at(-1));
    }
  });

  it('extensions shuffled per connection (Chrome 110+): two seeds, two orders, the same set', () => {
    const order = (seed: number) => extensionTypes(seed).filter((t) => !isGrease(t));
    expect(order(1)).not.toEqual(order(2));
    expect([...order(1)].sort()).toEqual([...order(2)].sort());
  });

  it('our server that speaks the hybrid takes it: a 1120-byte share back, and both ends agree', () => {
    const { done, client, server, toClient } = handshake();
    expect(done).toBe(true);
    expect(client.keyGroup).toBe('X25519MLKEM768');
    expect(server.keyGroup).toBe('X25519MLKEM768');
    const sh = parseServerHello(toClient[0].body);
    expect(sh.extensions.keyShares![0]).toMatchObject({ group: X25519MLKEM768 });
    expect(sh.extensions.keyShares![0].keyExchange.length).toBe(1120);
  });

  it('a server without ML-KEM picks the x25519 share; one that takes only P-256 asks again, and the retry keeps its GREASE but drops the GREASE share', () => {
    const plain = handshake([X25519, SECP256R1]);
    expect(plain.done).toBe(true);
    expect(plain.client.keyGroup).toBe('x25519');
    const retry = handshake([SECP256R1]);
    expect(retry.done).toBe(true);
    expect(retry.client.keyGroup).toBe('secp256r1');
    const [ch1, ch2] = retry.toServer.map((m) => parseClientHello(m.body));
    expect(ch2.extensions.keyShares!.map((k) => k.group)).toEqual([SECP256R1]);
    expect(ch2.cipherSuites[0]).toBe(ch1.cipherSuites[0]);
    expect(ch2.extensions.list.map((e) => e.type)).toEqual(ch1.extensions.list.map((e) => e.type));
  });
});
