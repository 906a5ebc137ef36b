import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applicationDataWrite } from './appData';
import type { Sealer } from './writes';

const keys = { key: Uint8Array.from({ length: 16 }, (_, i) => i * 7), iv: Uint8Array.from({ length: 12 }, (_, i) => 200 - i) };
const sealer = (tls12 = false): Sealer => ({ keys: tls12 ? { key: keys.key, iv: keys.iv.subarray(0, 4) } : keys, seq: 3, name: 'server application traffic key', aead: 'AES-128-GCM', tls12 });
const RECORDS = 17; // the least that seals lazily is 16
const body = new Uint8Array((RECORDS - 1) * 16384 + 123);
for (let i = 0; i < body.length; i++) body[i] = (i * 31 + (i >> 9)) & 0xff;
const http = { label: 'HTTP/1.1 200 OK', bytes: body, layer: { name: 'HTTP', summary: '200 OK', fields: [] } };

/** RFC 8446 §5.2–5.3, opened by OpenSSL (node:crypto): nonce = iv XOR seq, AAD = the record header. */
function openWithOpenSsl(record: Uint8Array, seq: number): Uint8Array {
  const nonce = Uint8Array.from(keys.iv);
  for (let i = 0; i < 8; i++) nonce[11 - i] ^= Math.floor(seq / 2 ** (8 * i)) & 0xff;
  const d = createDecipheriv('aes-128-gcm', keys.key, nonce);
  d.setAAD(record.subarray(0, 5));
  d.setAuthTag(record.subarray(record.length - 16));
  return new Uint8Array(Buffer.concat([d.update(record.subarray(5, record.length - 16)), d.final()]));
}

// A 75 MB response sealed in one event froze the page: a large write seals each record when TCP sends it.
describe('a large TLS write seals its records when they are sent', () => {
  it('the same bytes as sealing at once, whatever order the stretches are sealed in; each record opens with OpenSSL', { timeout: 120_000 }, () => {
    const eager = sealer();
    const lazy = applicationDataWrite(sealer(), http);
    expect(lazy.seal).toBeDefined();
    // The field map (headers, lengths) is known before any sealing.
    expect(lazy.decrypted).toHaveLength(RECORDS);
    // Stretches as TCP might send them: in order, a retransmission, one far ahead, overlapping.
    for (const [a, b] of [[0, 1460], [1460, 40_000], [0, 1460], [200_000, 201_460], [40_000, 200_100], [199_000, lazy.data.length]]) lazy.seal!(a, b);
    let at = 0;
    for (let i = 0; i < RECORDS; i++) {
      const end = lazy.decrypted[i].end!;
      const plain = openWithOpenSsl(lazy.data.subarray(at, end), 3 + i);
      expect(plain.at(-1)).toBe(23); // inner content type: application_data
      expect(plain.subarray(0, -1)).toEqual(body.subarray(i * 16384, Math.min(body.length, (i + 1) * 16384)));
      at = end;
    }
    // The writer's sequence numbers moved on as if sealed at once; a later write continues from them.
    const once = applicationDataWrite(eager, { ...http, bytes: body.subarray(0, 1000) });
    expect(once.seal).toBeUndefined();
    expect(eager.seq).toBe(4);
  });

  it('TLS 1.2 records too: the header and length are known before, the bytes match sealing a small write record by record', { timeout: 120_000 }, () => {
    const lazy = applicationDataWrite(sealer(true), http);
    const eager = sealer(true);
    lazy.seal!(0, lazy.data.length);
    let at = 0;
    for (let i = 0; i < RECORDS; i++) {
      // One record per write is below the lazy threshold: sealed at once.
      const one = applicationDataWrite(eager, { ...http, bytes: body.subarray(i * 16384, Math.min(body.length, (i + 1) * 16384)) });
      expect(lazy.data.subarray(at, at + one.data.length)).toEqual(one.data);
      at += one.data.length;
    }
    expect(at).toBe(lazy.data.length);
  });
});
