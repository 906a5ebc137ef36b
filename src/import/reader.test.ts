import { describe, expect, it } from 'vitest';
import { concat } from '../sim/bytes/hex';
import { block, epb, idb, pcapFile, shb, tcpPacket, captureError as error, readCaptureOk as read } from './testCaptures';

const packet = tcpPacket('192.0.2.1', '192.0.2.2', 40000, 80, 100, 0, { syn: true });


describe('pcap', () => {
  for (const little of [true, false]) {
    for (const nanoseconds of [false, true]) {
      it(`${little ? 'little' : 'big'}-endian, ${nanoseconds ? 'nano' : 'micro'}seconds: time, lengths, bytes`, () => {
        const c = read(pcapFile([{ s: 1_700_000_000, frac: nanoseconds ? 123_456_789 : 123_456, data: packet }, { s: 1_700_000_001, frac: 0, data: packet }], { little, nanoseconds }));
        expect(c.format).toBe('pcap');
        expect(c.frames).toHaveLength(2);
        expect(c.frames[0].timeUs).toBeCloseTo(1_700_000_000_123_456 + (nanoseconds ? 0.789 : 0), 0);
        expect(c.frames[1].timeUs - c.frames[0].timeUs).toBeCloseTo(nanoseconds ? 876_543.211 : 876_544, 0);
        expect(c.frames[0].data).toEqual(packet);
        expect(c.frames[1].number).toBe(2);
        expect(c.interfaces[0].linkType).toBe(101);
      });
    }
  }

  it('says which record is cut off in a truncated file', () => {
    const whole = pcapFile([{ s: 1, frac: 0, data: packet }, { s: 2, frac: 0, data: packet }]);
    expect(error(whole.subarray(0, whole.length - 5))).toBe(`pcap: record 2 at byte ${24 + 16 + packet.length} says it holds ${packet.length} bytes, the file has ${packet.length - 5} left (truncated file?)`);
    expect(error(whole.subarray(0, 30))).toMatch(/record 1 at byte 24 is cut off: its header needs 16 bytes, the file has 6 left/);
    expect(error(whole.subarray(0, 10))).toMatch(/not a capture|shorter than the 24-byte file header/);
  });
});

describe('pcapng blocks', () => {
  it('Section Header, two interfaces with their own time resolution, Enhanced Packets with comments', () => {
    const file = concat(
      shb(true, (w) => w.option(1, 'made by hand').option(4, 'wirescene test').u32(0)),
      idb(101, true, (w) => w.option(2, 'lo').option(9, Uint8Array.of(9)).u32(0)),
      idb(1, true, (w) => w.option(9, Uint8Array.of(0x80 | 10)).u32(0)),
      epb(0, 1_700_000_000_000_000_500n, packet, true, (w) => w.option(1, 'first').u32(0)),
      epb(1, 1_700_000_000n * 1024n + 512n, concat(new Uint8Array(12), Uint8Array.of(0x08, 0x00), packet)),
    );
    const c = read(file);
    expect(c.interfaces.map((i) => [i.linkType, i.unitsPerSecond, i.name])).toEqual([[101, 1e9, 'lo'], [1, 1024, undefined]]);
    expect(c.comments).toEqual(['made by hand', 'application: wirescene test']);
    expect(c.frames[0].timeUs).toBeCloseTo(1_700_000_000_000_000.5, 1);
    expect(c.frames[0].comments).toEqual(['first']);
    expect(c.frames[1].timeUs).toBe(1_700_000_000_500_000);
    expect(c.frames[1].linkType).toBe(1);
  });

  it('big-endian sections, Simple Packet Blocks, Decryption Secrets, skipped statistics', () => {
    const keyLog = 'CLIENT_RANDOM 00 11\n';
    const file = concat(
      shb(false),
      idb(101, false),
      block(3, (w) => w.u32(packet.length).raw(packet), false),
      block(0x0a, (w) => w.u32(0x544c534b).u32(keyLog.length).raw(new TextEncoder().encode(keyLog)), false),
      block(5, (w) => w.u32(0).u32(0).u32(0), false),
    );
    const c = read(file);
    expect(c.frames).toHaveLength(1);
    expect(c.frames[0].data).toEqual(packet);
    expect(c.keyLog).toBe(keyLog);
    expect(c.skippedBlocks).toEqual({ 'Interface Statistics': 1 });
  });

  it('a second section starts its own interface numbering', () => {
    const c = read(concat(shb(), idb(101), epb(0, 0n, packet), shb(), idb(1), idb(101), epb(1, 0n, packet)));
    expect(c.interfaces).toHaveLength(3);
    expect(c.frames.map((f) => f.interfaceId)).toEqual([0, 2]);
  });

  it('every malformed block gets a sentence that names it and where it is', () => {
    const good = concat(shb(), idb(101), epb(0, 0n, packet));
    const at = shb().length + idb(101).length;
    const corrupt = (offset: number, value: number) => {
      const b = good.slice();
      new DataView(b.buffer).setUint32(offset, value, true);
      return b;
    };
    expect(error(corrupt(at + 4, 12 - 4))).toBe(`pcapng: block at byte ${at} has length 8, shorter than its header`);
    expect(error(corrupt(at + 4, 1_000_000))).toBe(`pcapng: Enhanced Packet block at byte ${at} says it is 1,000,000 bytes long, the file has ${good.length - at} left (truncated file?)`);
    expect(error(corrupt(at + 4, 70))).toMatch(/not a multiple of 4/);
    expect(error(corrupt(good.length - 4, 8888))).toMatch(/has length \d+ at its start and 8,888 at its end/);
    expect(error(corrupt(at + 8, 3))).toBe(`pcapng: Enhanced Packet block at byte ${at} names interface 3, but the section describes 1`);
    expect(error(corrupt(at + 20, 5000))).toMatch(/says it holds 5,000 bytes of packet, its block has room for/);
    expect(error(good.subarray(0, good.length - 3))).toMatch(/truncated file/);
    expect(error(concat(idb(101)))).toMatch(/not a capture/);
    expect(error(corrupt(8, 0x01020304))).toMatch(/byte-order magic/);
  });

  it('0 bytes, text, and random bytes are named, not thrown', () => {
    expect(error(new Uint8Array())).toMatch(/empty \(0 bytes\)/);
    expect(error(new TextEncoder().encode('hello, this is not a capture\n'))).toMatch(/looks like text/);
    expect(error(Uint8Array.of(1, 2, 3, 4, 5))).toMatch(/starts with 01 02 03 04/);
  });
});

describe('link types', () => {
  const payloads = (linkType: number, frame: Uint8Array) => {
    const c = read(concat(shb(), idb(linkType), epb(0, 0n, frame)));
    return c.frames[0];
  };
  it.each([
    ['Ethernet', 1, concat(new Uint8Array(12), Uint8Array.of(0x08, 0x00))],
    ['Ethernet with a VLAN tag', 1, concat(new Uint8Array(12), Uint8Array.of(0x81, 0x00, 0, 5, 0x08, 0x00))],
    ['raw IP', 101, new Uint8Array()],
    ['raw IPv4', 228, new Uint8Array()],
    ['Linux SLL', 113, concat(new Uint8Array(14), Uint8Array.of(0x08, 0x00))],
    ['Linux SLL2', 276, concat(Uint8Array.of(0x08, 0x00), new Uint8Array(18))],
    ['BSD loopback (little-endian family 2)', 0, Uint8Array.of(2, 0, 0, 0)],
    ['BSD loopback (big-endian family 2)', 0, Uint8Array.of(0, 0, 0, 2)],
    ['OpenBSD loopback', 108, Uint8Array.of(0, 0, 0, 2)],
  ])('%s: the IPv4 packet inside is found', async (_name, linkType, header) => {
    const { decodeFrame } = await import('./decode');
    const d = decodeFrame(payloads(linkType, concat(header, packet)));
    expect(d.problem).toBeUndefined();
    expect(d.ip?.src).toBe('192.0.2.1');
    expect(d.tcp?.flags.syn).toBe(true);
    expect(d.tcp?.mss).toBe(1460);
    expect(d.ipBytes).toEqual(packet);
  });

  it('an unknown link type or a bad IPv4 header length is a problem of that frame, not of the file', async () => {
    const { decodeFrame } = await import('./decode');
    expect(decodeFrame(payloads(147, packet)).problem).toMatch(/link type 147 is not one this reader knows/);
    const bad = packet.slice();
    bad[0] = 0x43;
    expect(decodeFrame(payloads(101, bad)).problem).toBe('IPv4 header length field says 12 bytes, less than the minimum 20 (RFC 791)');
  });
});
