import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../sim/prng';
import { FIXTURE_DIR, fixture, KEY_LOGS } from './fixtures';
import { openCapture } from './openCapture';
import { captureToTrace } from './toTrace';

/** Seeded mutations of real captures: the reader and the trace builder may refuse, never throw. */
function mutate(bytes: Uint8Array, rand: () => number): Uint8Array {
  const b = bytes.slice();
  const pick = (n: number) => Math.floor(rand() * n);
  switch (pick(6)) {
    case 0: // flip a few bytes anywhere
      for (let k = 0; k < 1 + pick(8); k++) b[pick(b.length)] ^= 1 + pick(255);
      return b;
    case 1: // cut the file short
      return b.subarray(0, pick(b.length));
    case 2: { // a block or record length (or any u32) set to a hostile value
      const at = pick(b.length - 4) & ~3;
      new DataView(b.buffer).setUint32(at, [0, 1, 12, 0xffffffff, 0x7fffffff, pick(2 ** 32)][pick(6)], rand() < 0.5);
      return b;
    }
    case 3: { // bytes inside a packet: headers of IP, TCP, TLS
      const from = Math.min(b.length - 1, 100 + pick(Math.max(1, b.length - 100)));
      for (let k = 0; k < 16; k++) b[Math.min(b.length - 1, from + k)] = pick(256);
      return b;
    }
    case 4: { // a chunk repeated
      const from = pick(b.length);
      const length = pick(200);
      const out = new Uint8Array(b.length + length);
      out.set(b.subarray(0, from));
      out.set(b.subarray(from, from + length), from);
      out.set(b.subarray(from), from + Math.min(length, b.length - from));
      return out;
    }
    default: // zeroed stretch
      b.fill(0, pick(b.length), pick(b.length));
      return b;
  }
}

const SMALL = ['http-plain.pcap', 'http-plain-ns.pcap', 'http-plain-sll2.pcapng', 'tls12-http1.pcapng', 'h2-ipv6-dsb.pcapng', 'dns-udp.pcapng'] as const;

describe('fuzz: mutated fixtures never throw', () => {
  it.each([...SMALL.map((name) => [name, 500] as const), ['tls13-http1.pcapng', 60] as const])('%s × %i seeded mutations', (name, count) => {
    const original = fixture(name);
    const keyFile = KEY_LOGS[name as keyof typeof KEY_LOGS];
    const keyLog = keyFile ? readFileSync(join(FIXTURE_DIR, keyFile), 'utf8') : undefined;
    const prng = createPrng(0x5eed + name.length * 7919);
    const rand = () => prng.u32() / 2 ** 32;
    let refused = 0;
    for (let n = 0; n < count; n++) {
      const bytes = mutate(original, rand);
      let outcome: string;
      try {
        const opened = openCapture(bytes);
        if (!opened.ok) {
          refused++;
          outcome = opened.error;
        } else {
          const first = opened.value.conversations[0];
          const trace = captureToTrace(opened.value, { keyLog, conversation: first?.id });
          outcome = trace.ok ? 'ok' : trace.error;
        }
      } catch (e) {
        throw new Error(`${name} mutation ${n} threw: ${(e as Error).stack}`);
      }
      expect(outcome.length).toBeGreaterThan(0);
    }
    // The mutations reach the reader's checks, not only the packets' insides.
    expect(refused).toBeGreaterThan(count / 10);
  }, 120_000);
});
