import { createCipheriv, createHmac } from 'node:crypto';

/**
 * A TLS 1.3 record sealed with node:crypto, not our record layer, for TLS_AES_128_GCM_SHA256: the key and iv
 * from a key log's traffic secret by HKDF-Expand-Label with an empty context (RFC 8446 §7.1, §7.3; RFC 5869
 * §2.3, one block suffices), the nonce iv XOR the record's sequence number (§5.3), the record header as AAD and
 * the inner content type after the content, no padding (§5.2).
 */
export function sealTls13(keyLog: string, secretName: string, seq: number, innerType: number, content: Uint8Array): Uint8Array {
  const secret = Buffer.from(keyLog.split('\n').find((l) => l.startsWith(`${secretName} `))?.split(' ')[2] ?? '', 'hex');
  const expandLabel = (label: string, n: number) => {
    const full = Buffer.from(`tls13 ${label}`);
    const info = Buffer.concat([Buffer.from([0, n, full.length]), full, Buffer.from([0, 1])]);
    return createHmac('sha256', secret).update(info).digest().subarray(0, n);
  };
  const nonce = Buffer.from(expandLabel('iv', 12));
  for (let i = 0; i < 8; i++) nonce[11 - i] ^= Math.floor(seq / 2 ** (8 * i)) & 0xff;
  const inner = Buffer.concat([content, Buffer.from([innerType])]);
  const header = Buffer.from([23, 3, 3, (inner.length + 16) >> 8, (inner.length + 16) & 0xff]);
  const c = createCipheriv('aes-128-gcm', expandLabel('key', 16), nonce);
  c.setAAD(header);
  return new Uint8Array(Buffer.concat([header, c.update(inner), c.final(), c.getAuthTag()]));
}
