import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex';
import type { Field } from '../types';
import { curlClientHelloRecord } from './curlClientHello.fixture';
import { curlProfile, encodeClientHello } from './hello';
import { parseClientHello, parseHandshakeMessages } from './parse/handshake';
import { parseRecords } from './parse/record';

const flatten = (fields: Field[]): Field[] => fields.flatMap((f) => [f, ...flatten(f.children ?? [])]);

describe('TLS message encoders', () => {
  // Oracle: the record real curl 7.88.1 + OpenSSL 3.0.19 sent (curlClientHello.fixture.ts).
  it('write the curl ClientHello byte for byte as curl does, given its random, session id and key share', () => {
    const record = parseRecords(fromHex(curlClientHelloRecord)).records[0];
    const [m] = parseHandshakeMessages(record.fragment);
    const real = parseClientHello(m.body);
    const ours = encodeClientHello(curlProfile, { random: real.random, sessionId: real.legacySessionId, host: 'example.com', keyShares: real.extensions.keyShares!.map((k) => ({ group: k.group, key: k.keyExchange })) });
    expect(toHex(ours.bytes)).toBe(toHex(m.raw));
    expect(record.version).toBe(0x0301);
  });

  it('map every field to the bytes that carry it, and explain every extension', () => {
    const random = new Uint8Array(32).fill(7);
    const key = new Uint8Array(32).fill(9);
    const ch = encodeClientHello(curlProfile, { random, sessionId: new Uint8Array(32).fill(3), host: 'example.com', keyShares: [{ group: 0x1d, key }] });
    const fields = flatten(ch.fields);
    const at = (name: string) => fields.find((f) => f.name === name)!;
    expect(ch.bytes.slice(at('random').offset!, at('random').offset! + 32)).toEqual(random);
    expect(ch.bytes.slice(at('public key').offset!, at('public key').offset! + 32)).toEqual(key);
    const host = at('name');
    expect(new TextDecoder().decode(ch.bytes.slice(host.offset!, host.offset! + host.length!))).toBe('example.com');
    expect(ch.bytes.length).toBe(512);
    const extensions = fields.find((f) => f.name === 'extensions')!.children!.filter((f) => f.children?.[0]?.name === 'extension type');
    expect(extensions).toHaveLength(12);
    for (const e of extensions) expect(e.note, e.name).toBeTruthy();
    for (const f of fields) {
      expect(f.offset! + f.length!).toBeLessThanOrEqual(ch.bytes.length);
      for (const c of f.children ?? []) {
        expect(c.offset!).toBeGreaterThanOrEqual(f.offset!);
        expect(c.offset! + c.length!).toBeLessThanOrEqual(f.offset! + f.length!);
      }
    }
  });
});
