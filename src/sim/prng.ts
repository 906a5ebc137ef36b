/**
 * Seeded pseudo-random numbers (sfc32, seeded through splitmix32).
 * The simulator draws every "random" value (ISNs, IP ids, TLS randoms) from here,
 * so one seed always gives the same packets.
 */
export interface Prng {
  /** Uniform unsigned 32-bit integer. */
  u32(): number;
  /** `n` uniformly random bytes. */
  bytes(n: number): Uint8Array;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createPrng(seed: number): Prng {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const u32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Discard the first outputs: sfc32 mixes its state over a few rounds.
  for (let i = 0; i < 12; i++) u32();
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => u32() & 0xff);
  return { u32, bytes };
}
