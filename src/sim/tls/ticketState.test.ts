import { createCipheriv } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { concat, toHex } from '../bytes/hex';
import { TlsAlertError } from './inbox';
import { SUITES13, ticketPsk } from './keySchedule';
import { pskBinder } from './psk';
import { acceptTicket, openTicket, sealTicket, type TicketState } from './ticketState';

// The server's tickets (RFC 8446 §4.6.1: opaque to the client). The sealing is checked against
// OpenSSL's AES-256-GCM (node:crypto) on the layout the file documents: IV, then
// suite ‖ resumption_master_secret ‖ nonce [‖ max_early_data (u32) ‖ ALPN], then the tag.

const key = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const iv = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
const state = (o: Partial<TicketState> = {}): TicketState => ({
  suite: SUITES13[0x1301], resumptionMasterSecret: new Uint8Array(32).fill(7), nonce: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1), maxEarlyData: 0, ...o,
});
const openssl = (plain: Uint8Array) => {
  const c = createCipheriv('aes-256-gcm', key, iv);
  return new Uint8Array(Buffer.concat([iv, c.update(plain), c.final(), c.getAuthTag()]));
};

describe('ticket state sealed for the server itself', () => {
  it('the short form (no 0-RTT) and the long form (0-RTT limit and ALPN), byte for byte as OpenSSL seals them', () => {
    const short = state();
    expect(toHex(sealTicket(key, iv, short))).toBe(toHex(openssl(concat(Uint8Array.of(0x13, 0x01), short.resumptionMasterSecret, short.nonce))));
    const long = state({ suite: SUITES13[0x1302], resumptionMasterSecret: new Uint8Array(48).fill(9), maxEarlyData: 0x01020304, alpn: 'h2' });
    const sealed = sealTicket(key, iv, long);
    expect(toHex(sealed)).toBe(toHex(openssl(concat(Uint8Array.of(0x13, 0x02), long.resumptionMasterSecret, long.nonce, Uint8Array.of(1, 2, 3, 4), Uint8Array.of(0x68, 0x32)))));
    expect(openTicket(key, sealed)).toEqual(long);
    expect(openTicket(key, sealTicket(key, iv, short))).toEqual({ ...short, alpn: undefined });
    // A 0-RTT ticket without ALPN keeps the limit; the top bit of the limit is not a sign.
    expect(openTicket(key, sealTicket(key, iv, state({ maxEarlyData: 0xffffffff })))).toMatchObject({ maxEarlyData: 0xffffffff, alpn: undefined });
  });

  it('what it does not take: another key, an altered byte, a short ticket, an unknown suite, a state cut short', () => {
    const t = sealTicket(key, iv, state());
    const other = key.slice();
    other[0] ^= 1;
    expect(openTicket(other, t)).toBeUndefined();
    const altered = t.slice();
    altered[20] ^= 1;
    expect(openTicket(key, altered)).toBeUndefined();
    // Shorter than IV + tag + a suite: nothing opens (the AEAD refuses a short nonce or tag, or the state has no suite).
    for (let n = 0; n < 30; n++) expect(openTicket(key, t.subarray(0, n)), `${n} bytes`).toBeUndefined();
    // The shortest ticket that can hold a state: IV 12 + tag 16 + 2 bytes of suite.
    expect(openTicket(key, openssl(Uint8Array.of(0x13, 0x01)))).toBeUndefined();
    expect(openTicket(key, openssl(concat(Uint8Array.of(0x13, 0x04), new Uint8Array(40))))).toBeUndefined();
    expect(openTicket(key, openssl(concat(Uint8Array.of(0x13, 0x01), new Uint8Array(32 + 7))))).toBeUndefined();
    expect(openTicket(key, openssl(concat(Uint8Array.of(0x13, 0x01), new Uint8Array(32 + 8))))).toMatchObject({ maxEarlyData: 0 });
  });
});

describe('the server’s side of a PSK offer (RFC 8446 §4.2.11)', () => {
  // Made in beforeEach, not here: Stryker switches a mutant on after the tests are collected.
  const s = state();
  let ticket: Uint8Array;
  let psk: Uint8Array;
  beforeEach(() => {
    ticket = sealTicket(key, iv, s);
    psk = ticketPsk(s.resumptionMasterSecret, s.nonce, s.suite.hash);
  });
  /** A ClientHello whose last bytes are the binders list (length 2 + entry length 1 + binder). */
  const hello = (binder: Uint8Array) => concat(Uint8Array.of(1, 0, 0, 40), new Uint8Array(40).fill(3), Uint8Array.of(0, binder.length + 1, binder.length), binder);
  const bindersLength = 2 + 1 + 32;
  const goodRaw = () => {
    const raw = hello(new Uint8Array(32));
    raw.set(pskBinder(psk, raw.subarray(0, raw.length - bindersLength), s.suite.hash), raw.length - 32);
    return raw;
  };
  const offer = (o: { identities?: Uint8Array[]; binders?: Uint8Array[]; modes?: number[]; suites?: number[] } = {}, raw = goodRaw()) => ({
    ch: {
      cipherSuites: o.suites ?? [0x1302, 0x1301],
      extensions: { preSharedKey: { identities: (o.identities ?? [ticket]).map((identity) => ({ identity })), binders: o.binders ?? [raw.subarray(raw.length - 32)], bindersLength }, pskKeyExchangeModes: o.modes ?? [1] },
    },
    raw,
  });

  it('a ticket of ours with its binder: the state and the PSK', () => {
    const { ch, raw } = offer();
    const got = acceptTicket(ch, raw, key)!;
    expect(got.state).toEqual({ ...s, alpn: undefined });
    expect(toHex(got.psk)).toBe(toHex(psk));
  });
  it('a full handshake instead: no offer, psk_ke only, no identity, another server’s ticket, a suite the client no longer offers', () => {
    const { ch, raw } = offer();
    expect(acceptTicket({ ...ch, extensions: {} }, raw, key)).toBeUndefined();
    expect(acceptTicket(offer({ modes: [0] }).ch, raw, key)).toBeUndefined();
    expect(acceptTicket({ ...ch, extensions: { ...ch.extensions, pskKeyExchangeModes: undefined } }, raw, key)).toBeUndefined();
    expect(acceptTicket(offer({ identities: [], binders: [] }).ch, raw, key)).toBeUndefined();
    expect(acceptTicket(offer({ identities: [new Uint8Array(60)] }).ch, raw, key)).toBeUndefined();
    expect(acceptTicket(offer({ suites: [0x1302] }).ch, raw, key)).toBeUndefined();
  });
  it('identities and binders that do not pair up: illegal_parameter; a binder that does not match: decrypt_error', () => {
    const raw = goodRaw();
    const twoBinders = () => acceptTicket(offer({ binders: [raw.subarray(raw.length - 32), raw.subarray(raw.length - 32)] }, raw).ch, raw, key);
    expect(twoBinders).toThrow(TlsAlertError);
    expect(twoBinders).toThrow('1 PSK identities but 2 binders');
    try {
      twoBinders();
    } catch (e) {
      expect((e as TlsAlertError).alert).toBe('illegal_parameter');
    }
    const bad = hello(new Uint8Array(32).fill(1));
    const mismatch = () => acceptTicket(offer({}, bad).ch, bad, key);
    expect(mismatch).toThrow('the PSK binder does not match the ClientHello');
    try {
      mismatch();
    } catch (e) {
      expect((e as TlsAlertError).alert).toBe('decrypt_error');
    }
  });
});
