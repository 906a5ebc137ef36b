import { createCipheriv } from 'node:crypto';
import type { AesGcmSeal } from './aesGcm';

/** AES-128-GCM by OpenSSL (Node only: never imported by the page). */
export const nodeAesGcm: AesGcmSeal = (key, nonce, aad, plaintext) => {
  const cipher = createCipheriv('aes-128-gcm', key, nonce);
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
