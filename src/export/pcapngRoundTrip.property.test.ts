import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../import/readCapture';
import type { Packet, Simulation } from '../sim/types';
import { CAPTURE_EPOCH_S, writePcapng } from './pcapng';

// Our writer and our reader were written to two different readings of the same spec
// (draft-ietf-opsawg-pcapng): for any packets and any key log, what one writes the other
// reads back whole: every captured packet's bytes in capture order, its time to the
// microsecond, its comment, and the secrets block's text. Lengths of 0 to 3 bytes past a
// multiple of 4 exercise the padding; packets never captured (lost before the capture
// point) must not appear.

const packetArb = fc.record({
  bytes: fc.uint8Array({ minLength: 0, maxLength: 90 }),
  captureUs: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: undefined }),
  label: fc.string({ maxLength: 12 }),
  retransmission: fc.constantFrom(undefined, 'timeout' as const, 'fast' as const),
});

const keyLogArb = fc.array(fc.stringMatching(/^[A-Z_]{5,30} [0-9a-f]{64} [0-9a-f]{64,96}$/), { maxLength: 4 }).map((lines) => lines.map((l) => `${l}\n`).join(''));

type Captured = { bytes: Uint8Array; captureUs: number | undefined; label: string; retransmission: Packet['retransmission'] };

function simOf(packets: Captured[], keyLog: string): Simulation {
  return {
    keyLog,
    packets: packets.map((p, id) => ({ ...p, id, from: 'client', to: 'server' }) as unknown as Packet),
  } as unknown as Simulation;
}

describe('pcapng: what writePcapng writes, readCapture reads back whole', () => {
  it('any packets and key log survive write → read', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 12 }), keyLogArb, (packets, keyLog) => {
        const read = readCapture(writePcapng(simOf(packets, keyLog)));
        if (!read.ok) throw new Error(read.error);
        const captured = packets
          .map((p, i) => ({ p, i }))
          .filter(({ p }) => p.captureUs !== undefined)
          .sort((a, b) => a.p.captureUs! - b.p.captureUs! || a.i - b.i)
          .map(({ p }) => p);
        expect(read.value.format).toBe('pcapng');
        expect(read.value.frames.map((f) => Array.from(f.data))).toEqual(captured.map((p) => Array.from(p.bytes)));
        expect(read.value.frames.map((f) => f.originalLength)).toEqual(captured.map((p) => p.bytes.length));
        expect(read.value.frames.map((f) => f.timeUs - CAPTURE_EPOCH_S * 1e6)).toEqual(captured.map((p) => p.captureUs));
        read.value.frames.forEach((f, k) => {
          expect(f.comments).toHaveLength(1);
          expect(f.comments[0].endsWith(`${captured[k].label}${captured[k].retransmission ? ' (retransmission)' : ''}`)).toBe(true);
        });
        expect(read.value.keyLog).toBe(keyLog);
      }),
      { numRuns: 400, seed: 6 },
    );
  });

  it('without embedded secrets the file holds no secrets block and the frames are unchanged', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 6 }), keyLogArb, (packets, keyLog) => {
        const sim = simOf(packets, keyLog);
        const withSecrets = readCapture(writePcapng(sim));
        const without = readCapture(writePcapng(sim, { embedSecrets: false }));
        if (!withSecrets.ok || !without.ok) throw new Error('unreadable');
        expect(without.value.keyLog).toBe('');
        expect(without.value.frames.map((f) => Array.from(f.data))).toEqual(withSecrets.value.frames.map((f) => Array.from(f.data)));
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
