import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import type { Packet, Simulation } from '../sim/types';
import { capturedPackets, writePcapng } from './pcapng';

/**
 * The options of each block, read as draft-ietf-opsawg-pcapng §3.5 lays them out (code u16, length
 * u16, value padded to 4, ended by opt_endofopt), and the order of the packet blocks. The block walk
 * itself is in pcapng.test.ts; here the bytes inside the blocks.
 */
const le = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
function blocks(file: Uint8Array) {
  const out: { type: number; body: Uint8Array }[] = [];
  for (let at = 0; at < file.length; ) {
    const length = le(file).getUint32(at + 4, true);
    out.push({ type: le(file).getUint32(at, true), body: file.subarray(at + 8, at + length - 4) });
    at += length;
  }
  return out;
}
/** The options from `at` to the end of the body: [code, value] pairs, opt_endofopt last, nothing after it. */
function options(body: Uint8Array, at: number): [number, Uint8Array][] {
  const out: [number, Uint8Array][] = [];
  for (;;) {
    const code = le(body).getUint16(at, true);
    const length = le(body).getUint16(at + 2, true);
    out.push([code, body.subarray(at + 4, at + 4 + length)]);
    const padded = at + 4 + length + ((4 - (length % 4)) % 4);
    expect(body.subarray(at + 4 + length, padded).every((x) => x === 0)).toBe(true);
    at = padded;
    if (code === 0) break;
  }
  expect(at, 'opt_endofopt ends the block').toBe(body.length);
  return out;
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('pcapng writer: the options and header fields inside each block', () => {
  const sim = simulate(findScenario('https')!);
  const [shb, idb, , ...epbs] = blocks(writePcapng(sim));

  it('the section header is version 1.0, section length unknown, with shb_userappl "wirescene"', () => {
    const v = le(shb.body);
    expect([v.getUint16(4, true), v.getUint16(6, true)]).toEqual([1, 0]);
    expect([v.getUint32(8, true), v.getUint32(12, true)]).toEqual([0xffffffff, 0xffffffff]);
    expect(options(shb.body, 16).map(([c, b]) => [c, text(b)])).toEqual([
      [4, 'wirescene'],
      [0, ''],
    ]);
  });

  it('the interface is raw IPv4 (LINKTYPE_RAW 101), no snap length, named, with microsecond timestamps (if_tsresol 6)', () => {
    const v = le(idb.body);
    expect([v.getUint16(0, true), v.getUint16(2, true), v.getUint32(4, true)]).toEqual([101, 0, 0]);
    expect(options(idb.body, 8).map(([c, b]) => [c, c === 9 ? [...b] : text(b)])).toEqual([
      [2, 'wirescene link'],
      [9, [6]],
      [0, ''],
    ]);
  });

  it('each packet block ends with an opt_comment naming the packet, and "(retransmission)" exactly on retransmissions', () => {
    const packets = capturedPackets(sim);
    expect(packets.some((p) => p.retransmission)).toBe(false); // the plain https story has none…
    epbs.forEach((b, i) => {
      const p = packets[i];
      const captured = le(b.body).getUint32(12, true);
      const opts = options(b.body, 20 + captured + ((4 - (captured % 4)) % 4));
      expect(opts.map(([c, v]) => [c, text(v)])).toEqual([
        [1, `${p.from} → ${p.to}: ${p.label}`],
        [0, ''],
      ]);
    });
    // …the lossy one does, and says so in the comment.
    const lossy = simulate(findScenario('lost-segment')!);
    const lossyPackets = capturedPackets(lossy);
    const comments = blocks(writePcapng(lossy))
      .slice(3)
      .map((b) => {
        const captured = le(b.body).getUint32(12, true);
        return text(options(b.body, 20 + captured + ((4 - (captured % 4)) % 4))[0][1]);
      });
    expect(lossyPackets.some((p) => p.retransmission)).toBe(true);
    comments.forEach((c, i) => expect(c.endsWith(' (retransmission)'), c).toBe(lossyPackets[i].retransmission !== undefined));
  });
});

describe('capturedPackets', () => {
  const packet = (id: number, captureUs: number | undefined) => ({ id, captureUs }) as unknown as Packet;
  const sim = (packets: Packet[]) => ({ packets }) as Simulation;

  it('keeps the packets the capture point saw, ordered by the time it saw them, ties in sending order', () => {
    const ps = [packet(0, 30), packet(1, undefined), packet(2, 10), packet(3, 30), packet(4, 20), packet(5, 10)];
    expect(capturedPackets(sim(ps)).map((p) => p.id)).toEqual([2, 5, 4, 0, 3]);
  });

  it('writes packets in that order, a lost one from the far side left out', () => {
    const ps = [packet(0, 30), packet(1, undefined), packet(2, 10)].map((p, i) => ({ ...p, from: 'client', to: 'server', label: `P${i}`, bytes: Uint8Array.of(0x45, i) }) as Packet);
    const file = writePcapng({ ...sim(ps), keyLog: '' } as Simulation);
    const epbs = blocks(file).filter((b) => b.type === 6);
    expect(epbs.map((b) => [...b.body.subarray(20, 22)])).toEqual([
      [0x45, 2],
      [0x45, 0],
    ]);
  });
});
