import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { CAPTURE_EPOCH_S, capturedPackets, writePcapng } from './pcapng';

/**
 * A reader written from the pcapng spec (draft-ietf-opsawg-pcapng §3–4), not from our writer:
 * every block is type, total length, body, total length again; lengths are multiples of 4.
 */
function walk(file: Uint8Array) {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const blocks: { type: number; length: number; body: Uint8Array }[] = [];
  let at = 0;
  while (at < file.length) {
    const type = view.getUint32(at, true);
    const length = view.getUint32(at + 4, true);
    expect(length % 4, `block at ${at}`).toBe(0);
    expect(length).toBeGreaterThanOrEqual(12);
    expect(view.getUint32(at + length - 4, true), `trailing length of the block at ${at}`).toBe(length);
    blocks.push({ type, length, body: file.subarray(at + 8, at + length - 4) });
    at += length;
  }
  expect(at).toBe(file.length);
  return blocks;
}

const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(at, true);
const ascii = (b: Uint8Array) => new TextDecoder().decode(b);

describe('pcapng writer (no tshark)', () => {
  const sim = simulate(findScenario('https')!);
  const file = writePcapng(sim);
  const blocks = walk(file);

  it('is a section header, one interface, the secrets, then one packet block per captured packet', () => {
    expect(blocks.map((b) => b.type).slice(0, 3)).toEqual([0x0a0d0d0a, 0x00000001, 0x0000000a]);
    expect(u32(blocks[0].body, 0)).toBe(0x1a2b3c4d); // byte-order magic, little-endian
    expect(blocks.slice(3).every((b) => b.type === 0x00000006)).toBe(true);
    expect(blocks.length - 3).toBe(capturedPackets(sim).length);
    expect(new DataView(blocks[1].body.buffer, blocks[1].body.byteOffset).getUint16(0, true)).toBe(101); // LINKTYPE_RAW
  });

  it('the Decryption Secrets Block is type 0x0A with secrets type "TLSK" (0x544c534b) and the key log, zero-padded', () => {
    const dsb = blocks[2].body;
    expect(u32(dsb, 0)).toBe(0x544c534b);
    const length = u32(dsb, 4);
    expect(length).toBe(new TextEncoder().encode(sim.keyLog).length);
    expect(ascii(dsb.subarray(8, 8 + length))).toBe(sim.keyLog);
    expect(ascii(dsb.subarray(8, 8 + length))).toMatch(/^CLIENT_HANDSHAKE_TRAFFIC_SECRET [0-9a-f]{64} [0-9a-f]+$/m);
    expect(dsb.length).toBe(8 + length + ((4 - (length % 4)) % 4));
    expect([...dsb.subarray(8 + length)].every((b) => b === 0)).toBe(true);
  });

  it('each packet block carries the packet bytes exactly, padded only when the length is not a multiple of 4, at its capture time', () => {
    const packets = capturedPackets(sim);
    const lengths = new Set(packets.map((p) => p.bytes.length % 4));
    expect(lengths.has(0)).toBe(true); // both cases occur in this capture
    expect(lengths.size).toBeGreaterThan(1);
    blocks.slice(3).forEach((b, i) => {
      const p = packets[i];
      const captured = u32(b.body, 12);
      expect([u32(b.body, 0), captured, u32(b.body, 16)]).toEqual([0, p.bytes.length, p.bytes.length]);
      expect(Buffer.from(b.body.subarray(20, 20 + captured)).equals(Buffer.from(p.bytes))).toBe(true);
      const padded = 20 + captured + ((4 - (captured % 4)) % 4);
      expect(b.body.subarray(20 + captured, padded).every((x) => x === 0)).toBe(true);
      // Then the options: a comment (code 1) naming the packet.
      expect(new DataView(b.body.buffer, b.body.byteOffset).getUint16(padded, true)).toBe(1);
      const us = (BigInt(u32(b.body, 4)) << 32n) | BigInt(u32(b.body, 8));
      expect(us).toBe(BigInt(CAPTURE_EPOCH_S) * 1_000_000n + BigInt(p.captureUs!));
    });
  });

  it('leaves the secrets out when asked', () => {
    expect(walk(writePcapng(sim, { embedSecrets: false })).map((b) => b.type).includes(0x0a)).toBe(false);
  });
});
