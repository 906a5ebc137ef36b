import { describe, expect, it } from 'vitest';
import { concat } from '../sim/bytes/hex';
import { isPcapng, readPcapng } from './pcapng';
import { block, epb, idb, shb, tcpPacket, captureError as error, readCaptureOk as read } from './testCaptures';

// Block layouts of draft-ietf-opsawg-pcapng (§3.1 the general block: type, total length, body padded
// to 32 bits, total length again; §4.1 SHB, §4.2 IDB, §4.3 EPB, §4.4 SPB, §4.7 DSB, §3.5 options).
// Every file here is built byte by byte; the numbers tshark reads from the same bytes are noted
// where a test relies on them (tshark 4.x, `tshark -r file -T fields -e frame.time_epoch …`).

const packet = tcpPacket('192.0.2.1', '192.0.2.2', 40000, 80, 100, 0, { syn: true });
const te = new TextEncoder();

/** A block whose two length fields say `length` whatever its body holds (for the length checks). */
function rawBlock(type: number, length: number, body: Uint8Array, trailer = length): Uint8Array {
  const b = new Uint8Array(8 + body.length + 4);
  const v = new DataView(b.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, length, true);
  b.set(body, 8);
  v.setUint32(8 + body.length, trailer, true);
  return b;
}
const head = concat(shb(), idb(101));

describe('pcapng: the magic', () => {
  it('four bytes 0a 0d 0d 0a are a pcapng file (then cut off), three are not', () => {
    expect(isPcapng(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))).toBe(true);
    expect(isPcapng(Uint8Array.of(0x0a, 0x0d, 0x0d))).toBe(false);
    for (let i = 0; i < 4; i++) {
      const b = Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a);
      b[i] ^= 0xff;
      expect(isPcapng(b)).toBe(false);
    }
    expect(error(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))).toBe('pcapng: block at byte 0 is cut off: 4 bytes left, a block needs at least 12 (truncated file?)');
  });
});

describe('pcapng: each bound of the block checks, with the sentence that names it', () => {
  it('11 bytes left after a block are cut off; 12 are a block (an empty Name Resolution block)', () => {
    expect(error(concat(head, new Uint8Array(11)))).toBe(`pcapng: block at byte ${head.length} is cut off: 11 bytes left, a block needs at least 12 (truncated file?)`);
    const c = read(concat(head, rawBlock(4, 12, new Uint8Array())));
    expect(c.skippedBlocks).toEqual({ 'Name Resolution': 1 });
  });

  it('the first block must be a Section Header', () => {
    expect(readPcapng(concat(idb(101), shb())).ok).toBe(false);
    const r = readPcapng(concat(idb(101), shb()));
    expect(!r.ok && r.error).toBe('pcapng: the file does not start with a Section Header Block');
  });

  it('a total length of 8 is shorter than the header, 12 is not; 14 is not a multiple of 4', () => {
    expect(error(concat(head, rawBlock(4, 8, new Uint8Array(4))))).toBe(`pcapng: block at byte ${head.length} has length 8, shorter than its header`);
    expect(error(concat(head, rawBlock(4, 14, new Uint8Array(4))))).toBe(`pcapng: block at byte ${head.length} has length 14, not a multiple of 4 (corrupt block length?)`);
    expect(error(concat(head, rawBlock(0x0bad, 1_000_012, new Uint8Array(4))))).toBe(`pcapng: block of type 0xbad at byte ${head.length} says it is 1,000,012 bytes long, the file has 16 left (truncated file?)`);
  });

  it('a block that ends exactly at the end of the file is read; four bytes more is cut off', () => {
    const last = epb(0, 0n, packet);
    expect(read(concat(head, last)).frames).toHaveLength(1);
    const longer = last.slice();
    new DataView(longer.buffer).setUint32(4, last.length + 4, true);
    expect(error(concat(head, longer))).toBe(`pcapng: Enhanced Packet block at byte ${head.length} says it is ${last.length + 4} bytes long, the file has ${last.length} left (truncated file?)`);
  });

  it('the trailing length must equal the leading one', () => {
    expect(error(concat(head, rawBlock(4, 16, new Uint8Array(4), 20)))).toBe(`pcapng: Name Resolution block at byte ${head.length} has length 16 at its start and 20 at its end (corrupt block length?)`);
  });

  it('fixed fields: an Enhanced Packet body of 20 bytes is read, 16 is too short; each block type by its name', () => {
    // An EPB with no packet bytes: interface, time (2 words), captured length, original length.
    const empty = block(6, (w) => w.u32(0).u32(0).u32(0).u32(0).u32(0));
    expect(read(concat(head, empty)).frames[0].data).toHaveLength(0);
    const short = (type: number, body: number) => error(concat(head, rawBlock(type, 12 + body - 4, new Uint8Array(body - 4))));
    expect(short(6, 20)).toBe(`pcapng: Enhanced Packet block at byte ${head.length} has length 28, shorter than its fixed fields`);
    expect(short(1, 8)).toBe(`pcapng: Interface Description block at byte ${head.length} has length 16, shorter than its fixed fields`);
    expect(short(3, 4)).toBe(`pcapng: Simple Packet block at byte ${head.length} has length 12, shorter than its fixed fields`);
    expect(short(2, 20)).toBe(`pcapng: Packet block at byte ${head.length} has length 28, shorter than its fixed fields`);
    expect(short(0x0a, 8)).toBe(`pcapng: Decryption Secrets block at byte ${head.length} has length 16, shorter than its fixed fields`);
    // A Section Header needs magic, version and section length: 16 bytes of body.
    const shortShb = rawBlock(0x0a0d0d0a, 24, Uint8Array.of(0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff));
    expect(error(concat(head, shortShb))).toBe(`pcapng: Section Header block at byte ${head.length} has length 24, shorter than its fixed fields`);
    // Blocks with no fixed fields here (Name Resolution, Interface Statistics, custom) may be empty.
    expect(read(concat(head, rawBlock(5, 12, new Uint8Array()), rawBlock(0xbad, 12, new Uint8Array()))).skippedBlocks).toEqual({ 'Interface Statistics': 1, '0xbad': 1 });
  });

  it('an EPB whose captured length fills its block is read; one byte more is refused with the room it has', () => {
    const fits = epb(0, 0n, packet);
    const c = read(concat(head, fits));
    expect(c.frames[0].data).toEqual(packet);
    expect(c.frames[0].fileOffset).toBe(head.length);
    const room = Math.ceil(packet.length / 4) * 4;
    const over = fits.slice();
    new DataView(over.buffer).setUint32(8 + 12, room + 1, true);
    expect(error(concat(head, over))).toBe(`pcapng: Enhanced Packet block at byte ${head.length} says it holds ${room + 1} bytes of packet, its block has room for ${room}`);
    new DataView(over.buffer).setUint32(8 + 12, room, true);
    expect(read(concat(head, over)).frames[0].data).toHaveLength(room);
  });

  it('an EPB names an interface of its own section: 0 of 1 is read, 1 of 1 is refused; a frame with no interface yet too', () => {
    expect(error(concat(head, epb(1, 0n, packet)))).toBe(`pcapng: Enhanced Packet block at byte ${head.length} names interface 1, but the section describes 1`);
    expect(error(concat(shb(), epb(0, 0n, packet)))).toBe(`pcapng: Enhanced Packet block at byte ${shb().length} names interface 0, but the section describes 0`);
    expect(error(concat(shb(), block(3, (w) => w.u32(packet.length).raw(packet))))).toBe(`pcapng: Simple Packet block at byte ${shb().length} comes before any Interface Description`);
  });

  it('a Section Header of version 2 is refused by name; a byte-order magic of neither order too', () => {
    const v2 = shb().slice();
    new DataView(v2.buffer).setUint16(12, 2, true);
    expect(error(v2)).toBe('pcapng: Section Header at byte 0 has version 2, this reader knows version 1');
    const bad = shb().slice();
    new DataView(bad.buffer).setUint32(8, 0x4d3c2b1b, true);
    expect(error(bad)).toBe('pcapng: Section Header at byte 0 has byte-order magic 0x4d3c2b1b, not 0x1a2b3c4d (corrupt file?)');
  });
});

describe('pcapng: options (§3.5): code, length, value padded to 32 bits, opt_endofopt', () => {
  it('a comment of each length 0-5 is read whole, and the option after it is found after its padding', () => {
    for (let n = 0; n <= 5; n++) {
      const text = 'abcde'.slice(0, n);
      const c = read(concat(shb(true, (w) => w.option(1, text).option(4, 'app').u32(0)), idb(101), epb(0, 0n, packet, true, (w) => w.option(1, text).option(1, 'next').u32(0))));
      expect(c.comments).toEqual([text, 'application: app']);
      expect(c.frames[0].comments).toEqual([text, 'next']);
    }
  });

  it('hardware, OS and application of the Section Header are named; options after opt_endofopt are not read', () => {
    const c = read(concat(shb(true, (w) => w.option(2, 'x86_64').option(3, 'Linux 6.1').option(4, 'Dumpcap 4.2').u32(0).option(1, 'after the end')), idb(101)));
    expect(c.comments).toEqual(['hardware: x86_64', 'OS: Linux 6.1', 'application: Dumpcap 4.2']);
  });

  it('an option longer than what is left of the body ends the options (as Wireshark tolerates), the ones before it kept', () => {
    // comment "ok", then an option whose length says 200: the block's body ends before that.
    const c = read(concat(shb(true, (w) => w.option(1, 'ok').u16(1).u16(200).u32(0)), idb(101)));
    expect(c.comments).toEqual(['ok']);
    // an option that fills the body to its last byte is read.
    const full = read(concat(shb(true, (w) => w.option(1, 'abcd')), idb(101)));
    expect(full.comments).toEqual(['abcd']);
  });

  it('if_name, if_description, if_tsresol in powers of 10 and of 2, if_tsoffset', () => {
    // tshark reads the EPB below at 1700000000.250000 (if_tsresol 2^-2, if_tsoffset 1e9 s):
    // 1e9 + 2.8e9 ticks / 4 = 1.7e9 s, plus 1 tick of 0.25 s.
    const offset = new Uint8Array(8);
    new DataView(offset.buffer).setBigInt64(0, 1_000_000_000n, true);
    const c = read(concat(
      shb(),
      idb(1, true, (w) => w.option(2, 'eth0').option(3, 'the wire').option(9, Uint8Array.of(0x82)).option(14, offset).u32(0)),
      idb(101, true, (w) => w.option(9, Uint8Array.of(3)).u32(0)),
      idb(101),
      epb(0, 2_800_000_000n + 1n, concat(new Uint8Array(12), Uint8Array.of(8, 0), packet)),
      epb(1, 1_700_000_000_123n, packet),
      epb(2, 1_700_000_000_123_456n, packet),
    ));
    expect(c.interfaces.map((i) => [i.name, i.description, i.unitsPerSecond, i.offsetS])).toEqual([['eth0', 'the wire', 4, 1e9], [undefined, undefined, 1000, 0], [undefined, undefined, 1e6, 0]]);
    expect(c.frames.map((f) => f.timeUs)).toEqual([1_700_000_000_250_000, 1_700_000_000_123_000, 1_700_000_000_123_456]);
    expect(c.frames.map((f) => f.interfaceId)).toEqual([0, 1, 2]);
  });

  it('an if_tsoffset that is not 8 bytes is ignored; big-endian sections read it in their order', () => {
    const c = read(concat(shb(), idb(101, true, (w) => w.option(14, Uint8Array.of(1, 0, 0, 0)).u32(0)), epb(0, 5n, packet)));
    expect(c.interfaces[0].offsetS).toBe(0);
    expect(c.frames[0].timeUs).toBe(5);
    const be = new Uint8Array(8);
    new DataView(be.buffer).setBigInt64(0, 7n, false);
    const big = read(concat(shb(false), idb(101, false, (w) => w.option(2, 'lo').option(14, be).u32(0)), epb(0, 3_000_001n, packet, false)));
    expect(big.interfaces[0].offsetS).toBe(7);
    expect(big.interfaces[0].name).toBe('lo');
    expect(big.frames[0].timeUs).toBe(10_000_001);
  });

  it('a time past 2^32 ticks keeps its high word; original and captured lengths are kept apart', () => {
    const ticks = (5n << 32n) + 7n;
    const cut = block(6, (w) => w.u32(0).u32(Number(ticks >> 32n)).u32(Number(ticks & 0xffffffffn)).u32(packet.length).u32(1500).raw(packet));
    const f = read(concat(head, cut)).frames[0];
    expect(f.timeUs).toBe(Number(ticks));
    expect(f.originalLength).toBe(1500);
    expect(f.data).toHaveLength(packet.length);
    expect(f.linkType).toBe(101);
  });
});

describe('pcapng: Simple Packet, obsolete Packet and Decryption Secrets blocks', () => {
  it('an SPB holds the smaller of its original length and the interface snap length (§4.4), at the time of the frame before', () => {
    const snapped = concat(shb(), block(1, (w) => w.u16(101).u16(0).u32(20)), epb(0, 9n, packet), block(3, (w) => w.u32(packet.length).raw(packet)));
    const c = read(snapped);
    expect(c.frames[1].data).toEqual(packet.subarray(0, 20));
    expect(c.frames[1].originalLength).toBe(packet.length);
    expect(c.frames[1].timeUs).toBe(9);
    expect(c.frames[1].number).toBe(2);
    // snap length 0 means no limit; the original length is then all of it, and the first SPB is at time 0.
    const whole = read(concat(head, block(3, (w) => w.u32(packet.length).raw(packet))));
    expect(whole.frames[0].data).toEqual(packet);
    expect(whole.frames[0].timeUs).toBe(0);
    expect(whole.frames[0].fileOffset).toBe(head.length);
    // an original length larger than the block: the block's bytes, no more.
    const longer = read(concat(head, block(3, (w) => w.u32(9000).raw(packet))));
    expect(longer.frames[0].data).toHaveLength(Math.ceil(packet.length / 4) * 4);
  });

  it('an obsolete Packet Block (type 2) names its interface in 16 bits, then drops count, time and lengths', () => {
    const opb = block(2, (w) => w.u16(0).u16(7).u32(0).u32(42).u32(packet.length).u32(packet.length + 10).raw(packet));
    const f = read(concat(head, opb)).frames[0];
    expect(f.data).toEqual(packet);
    expect(f.timeUs).toBe(42);
    expect(f.originalLength).toBe(packet.length + 10);
  });

  it('a Decryption Secrets Block of type TLSK (0x544c534b) adds its key log, a line end added when missing; others are counted', () => {
    const dsb = (type: number, text: string) => block(0x0a, (w) => w.u32(type).u32(te.encode(text).length).raw(te.encode(text)));
    const c = read(concat(head, dsb(0x544c534b, 'CLIENT_RANDOM 01 02'), dsb(0x544c534b, 'CLIENT_RANDOM 03 04\n'), dsb(0x544c534b, ''), dsb(0x57474b4c, 'wireguard'), dsb(0x544c534b, 'CLIENT_RANDOM 05 06'), dsb(0x57474b4c, 'wireguard')));
    expect(c.keyLog).toBe('CLIENT_RANDOM 01 02\nCLIENT_RANDOM 03 04\nCLIENT_RANDOM 05 06\n');
    expect(c.skippedBlocks).toEqual({ 'secrets 0x57474b4c': 2 });
  });

  it('a secrets length that fills the block is read; one more is refused with the room it has', () => {
    const text = te.encode('CLIENT_RANDOM 01 02\n');
    const full = block(0x0a, (w) => w.u32(0x544c534b).u32(text.length).raw(text));
    expect(read(concat(head, full)).keyLog).toBe('CLIENT_RANDOM 01 02\n');
    const over = full.slice();
    new DataView(over.buffer).setUint32(8 + 4, text.length + 1, true);
    expect(error(concat(head, over))).toBe(`pcapng: Decryption Secrets block at byte ${head.length} says it holds ${text.length + 1} bytes of secrets, its block has room for ${text.length}`);
  });
});

describe('pcapng: interfaces across sections, byte orders and text', () => {
  it('a big-endian EPB names its interface in 32 bits: interface 1 of 2 is the second', () => {
    const c = read(concat(shb(false), idb(1, false), idb(101, false), epb(1, 0n, packet, false)));
    expect(c.frames[0].interfaceId).toBe(1);
    expect(c.frames[0].linkType).toBe(101);
    expect(c.keyLog).toBe('');
    expect(c.format).toBe('pcapng');
  });

  it('a section with no interface of its own refuses packets, whatever earlier sections described', () => {
    const first = concat(shb(), idb(101), idb(101));
    const at = first.length + shb().length;
    expect(error(concat(first, shb(), epb(0, 0n, packet)))).toBe(`pcapng: Enhanced Packet block at byte ${at} names interface 0, but the section describes 0`);
    expect(error(concat(first, shb(), block(3, (w) => w.u32(packet.length).raw(packet))))).toBe(`pcapng: Simple Packet block at byte ${at} comes before any Interface Description`);
  });

  it('a Simple Packet in a later section is on that section’s first interface, with no comments', () => {
    const c = read(concat(shb(), idb(101), idb(101), shb(), idb(1), block(3, (w) => w.u32(packet.length + 14).raw(concat(new Uint8Array(12), Uint8Array.of(8, 0), packet)))));
    expect(c.frames[0].interfaceId).toBe(2);
    expect(c.frames[0].linkType).toBe(1);
    expect(c.frames[0].comments).toEqual([]);
  });

  it('an empty option at the very end of the body (no opt_endofopt) is read; one whose value runs into the trailer is not', () => {
    expect(read(concat(shb(true, (w) => w.option(1, 'a').u16(1).u16(0)), idb(101))).comments).toEqual(['a', '']);
    // an option header as the last 4 bytes of the body, its length 4: the value would be the trailing length
    expect(read(concat(shb(true, (w) => w.option(1, 'ok').u16(1).u16(4)), idb(101))).comments).toEqual(['ok']);
  });

  it('comments that are not valid UTF-8 are read with U+FFFD, not refused', () => {
    const c = read(concat(shb(true, (w) => w.option(1, Uint8Array.of(0x61, 0xff, 0x62)).u32(0)), idb(101)));
    expect(c.comments).toEqual(['a\ufffdb']);
  });
});

