import { describe, expect, it } from 'vitest';
import { createPrng } from '../prng';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import { aesGcmSeal, useAesGcm } from './aesGcm';
import { nodeAesGcm } from './nodeAesGcm';

describe('AES-GCM: @noble and OpenSSL agree', () => {
  it('seal the same bytes for random keys, nonces, headers and lengths', () => {
    const prng = createPrng(7);
    for (const length of [0, 1, 15, 16, 17, 1000, 16401]) {
      const [key, nonce, aad, plaintext] = [prng.bytes(16), prng.bytes(12), prng.bytes(5), prng.bytes(length)];
      useAesGcm(undefined);
      const noble = aesGcmSeal(key, nonce, aad, plaintext);
      expect(Buffer.from(nodeAesGcm(key, nonce, aad, plaintext)).equals(Buffer.from(noble))).toBe(true);
    }
  });

  it('give a scenario byte-identical packets either way', () => {
    const scenario = findScenario('lost-segment')!;
    const bytesOf = () => simulate(scenario).packets.map((p) => Buffer.from(p.bytes).toString('hex')).join('');
    useAesGcm(undefined);
    const withNoble = bytesOf();
    useAesGcm(nodeAesGcm);
    const withOpenSsl = bytesOf();
    useAesGcm(undefined);
    expect(withOpenSsl).toBe(withNoble);
  });
});
