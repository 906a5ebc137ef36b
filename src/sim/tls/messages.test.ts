import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex';
import type { Field } from '../types';
import { encodeClientHello, encodeServerHello } from './messages';
import { rfc8448 as v } from './rfc8448.fixture';

const flatten = (fields: Field[]): Field[] => fields.flatMap((f) => [f, ...flatten(f.children ?? [])]);

describe('TLS message encoders', () => {
  it('encode a ServerHello byte for byte as in RFC 8448 §3', () => {
    const sh = fromHex(v.serverHello);
    const random = sh.slice(6, 38);
    const encoded = encodeServerHello(random, fromHex(v.serverPublicKey));
    expect(toHex(encoded.bytes)).toBe(v.serverHello);
  });

  it('map every field to the bytes that carry it', () => {
    const random = new Uint8Array(32).fill(7);
    const key = new Uint8Array(32).fill(9);
    const ch = encodeClientHello(random, key, 'example.com');
    const fields = flatten(ch.fields);
    const at = (name: string) => fields.find((f) => f.name === name)!;
    expect(ch.bytes.slice(at('random').offset!, at('random').offset! + 32)).toEqual(random);
    expect(ch.bytes.slice(at('public key').offset!, at('public key').offset! + 32)).toEqual(key);
    const host = at('name');
    expect(new TextDecoder().decode(ch.bytes.slice(host.offset!, host.offset! + host.length!))).toBe('example.com');
    expect(ch.bytes[0]).toBe(1);
    expect((ch.bytes[1] << 16) | (ch.bytes[2] << 8) | ch.bytes[3]).toBe(ch.bytes.length - 4);
    for (const f of fields) {
      expect(f.offset! + f.length!).toBeLessThanOrEqual(ch.bytes.length);
      for (const c of f.children ?? []) {
        expect(c.offset!).toBeGreaterThanOrEqual(f.offset!);
        expect(c.offset! + c.length!).toBeLessThanOrEqual(f.offset! + f.length!);
      }
    }
  });
});
