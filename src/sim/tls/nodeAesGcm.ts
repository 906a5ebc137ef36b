import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { AesGcmSeal } from './aesGcm';

/** AES-128/256-GCM by OpenSSL (Node only: never imported by the page). */
export const nodeAesGcm: AesGcmSeal = (key, nonce, aad, plaintext) => {
  const cipher = createCipheriv(`aes-${key.length * 8}-gcm` as 'aes-128-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  const last = cipher.final();
  const tag = cipher.getAuthTag();
  const out = new Uint8Array(body.length + last.length + tag.length);
  out.set(body, 0);
  out.set(last, body.length);
  out.set(tag, body.length + last.length);
  return out;
};

nodeAesGcm.open = (key, nonce, aad, sealed) => {
  const decipher = createDecipheriv(`aes-${key.length * 8}-gcm` as 'aes-128-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  const body = decipher.update(sealed.subarray(0, sealed.length - 16));
  const last = decipher.final();
  return last.length ? new Uint8Array(Buffer.concat([body, last])) : new Uint8Array(body.buffer, body.byteOffset, body.length);
};
