import { describe, expect, it } from 'vitest';
import { concat } from '../sim/bytes/hex';
import { isPcap, readPcap } from './pcap';
import { Bytes, pcapFile, tcpPacket, captureError as error, readCaptureOk as read } from './testCaptures';

// The classic libpcap file (draft-ietf-opsawg-pcap §3-§5): a 24-byte file header (magic, version
// 2.4, reserved, snap length, link type and FCS bits), then records of a 16-byte header (seconds,
// micro- or nanoseconds, captured length, original length) and the captured bytes, not padded.

const packet = tcpPacket('192.0.2.1', '192.0.2.2', 40000, 80, 100, 0, { syn: true });

const header = (o: { magic?: number; major?: number; minor?: number; snap?: number; linkType?: number; little?: boolean } = {}) =>
  new Bytes(o.little ?? true).u32(o.magic ?? 0xa1b2c3d4).u16(o.major ?? 2).u16(o.minor ?? 4).u32(0).u32(0).u32(o.snap ?? 65535).u32(o.linkType ?? 101).done();
const record = (s: number, frac: number, included: number, original: number, data: Uint8Array, little = true) =>
  concat(new Bytes(little).u32(s).u32(frac).u32(included).u32(original).done(), data);

describe('pcap: the magic in either byte order', () => {
  it('a1b2c3d4 and a1b23c4d, big- or little-endian, are pcap; other magics and 3 bytes are not', () => {
    for (const m of [[0xa1, 0xb2, 0xc3, 0xd4], [0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d], [0x4d, 0x3c, 0xb2, 0xa1]]) expect(isPcap(Uint8Array.from(m))).toBe(true);
    expect(isPcap(Uint8Array.of(0xa1, 0xb2, 0xc3))).toBe(false);
    expect(isPcap(Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd5))).toBe(false);
    // Only the 4 magic bytes are looked at: a longer buffer that starts with one is pcap.
    expect(isPcap(concat(Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd4), new Uint8Array(20)))).toBe(true);
  });

  it('a big-endian nanosecond file reads nanoseconds', () => {
    const f = read(concat(header({ magic: 0xa1b23c4d, little: false }), record(3, 999_999_999, packet.length, packet.length, packet, false))).frames[0];
    expect(f.timeUs).toBeCloseTo(3_999_999.999, 3);
  });
});

describe('pcap: each bound of the header and record checks, with the sentence that names it', () => {
  it('a header of 23 bytes is refused by its length; 24 bytes is a capture of no frames', () => {
    expect(error(header().subarray(0, 23))).toBe('pcap: the file is 23 bytes, shorter than the 24-byte file header');
    const empty = read(header({ snap: 262144, linkType: 1 }));
    expect(empty.frames).toEqual([]);
    expect(empty.interfaces).toEqual([{ linkType: 1, snapLength: 262144, unitsPerSecond: 1e6, offsetS: 0 }]);
    expect(empty.format).toBe('pcap');
  });

  it('version 2.4 is read, 1.0 and 3.4 are refused by their numbers', () => {
    expect(read(header()).frames).toEqual([]);
    expect(error(header({ major: 1, minor: 0 }))).toBe('pcap: version 1.0 is not 2.4');
    expect(error(header({ major: 3, minor: 4, little: false }))).toBe('pcap: version 3.4 is not 2.4');
  });

  it('the link type is the low 16 bits; the FCS length and its flag above are not part of it (libpcap LT_LINKTYPE)', () => {
    // FCS length 2 (in 16-bit units) with the "FCS length present" bit 0x04000000, over link type 1:
    // tshark reads the same file as Ethernet with a 4-byte FCS (eth.fcs); the old mask 0x0fffffff kept the flag.
    const c = read(concat(header({ linkType: 0x24000001 }), record(0, 0, 14 + packet.length, 14 + packet.length, concat(new Uint8Array(12), Uint8Array.of(8, 0), packet))));
    expect(c.interfaces[0].linkType).toBe(1);
    expect(c.frames[0].linkType).toBe(1);
  });

  it('a record header cut at 15 bytes is named with its number; a record that ends at the end of the file is read', () => {
    const one = pcapFile([{ s: 1, frac: 0, data: packet }]);
    expect(read(one).frames).toHaveLength(1);
    const cut = concat(one, new Uint8Array(15));
    expect(error(cut)).toBe(`pcap: record 2 at byte ${one.length} is cut off: its header needs 16 bytes, the file has 15 left (truncated file?)`);
    const bytesShort = concat(one, record(2, 0, 10, 10, new Uint8Array(9)));
    expect(error(bytesShort)).toBe(`pcap: record 2 at byte ${one.length} says it holds 10 bytes, the file has 9 left (truncated file?)`);
  });

  it('a sub-second part of 999999 µs is read, 1000000 is refused; nanosecond files allow up to 999999999', () => {
    expect(read(concat(header(), record(1, 999_999, packet.length, packet.length, packet))).frames[0].timeUs).toBe(1_999_999);
    expect(error(concat(header(), record(1, 1_000_000, packet.length, packet.length, packet)))).toBe('pcap: record 1 at byte 24 has a sub-second time of 1,000,000, more than a second (corrupt record header?)');
    expect(read(concat(header({ magic: 0xa1b23c4d }), record(1, 1_000_000, packet.length, packet.length, packet))).frames[0].timeUs).toBe(1_001_000);
    expect(error(concat(header({ magic: 0xa1b23c4d }), record(1, 1_000_000_000, 0, 0, new Uint8Array())))).toBe('pcap: record 1 at byte 24 has a sub-second time of 1,000,000,000, more than a second (corrupt record header?)');
  });

  it('a captured length past both the snap length (or 256 KiB) and the original length is refused; at either bound it is read', () => {
    const big = (included: number, original: number, snap = 65535) => concat(header({ snap }), record(0, 0, included, original, new Uint8Array(included)));
    // 262144 (libpcap's largest snap length) may be held whatever the header says.
    expect(read(big(262_144, 1)).frames[0].data).toHaveLength(262_144);
    expect(error(big(262_145, 1))).toBe('pcap: record 1 at byte 24 says it holds 262,145 bytes, more than the snap length 65,535 (corrupt record header?)');
    // …or up to its own original length (files whose header says a small snap length).
    expect(read(big(262_145, 262_145)).frames[0].originalLength).toBe(262_145);
    // …or up to a snap length above 256 KiB.
    expect(read(big(300_000, 1, 300_000)).frames[0].data).toHaveLength(300_000);
    expect(error(big(300_001, 1, 300_000))).toMatch(/holds 300,001 bytes, more than the snap length 300,000/);
  });

  it('records keep their number, file offset, original length and bytes; records are not padded', () => {
    const odd = packet.subarray(0, 41);
    const c = read(concat(header(), record(1, 5, 41, 1500, odd), record(2, 6, packet.length, packet.length, packet)));
    expect(c.frames.map((f) => [f.number, f.fileOffset, f.originalLength, f.data.length, f.timeUs, f.interfaceId, f.comments.length])).toEqual([
      [1, 24, 1500, 41, 1_000_005, 0, 0],
      [2, 24 + 16 + 41, packet.length, packet.length, 2_000_006, 0, 0],
    ]);
    expect(c.frames[1].data).toEqual(packet);
    expect(c.keyLog).toBe('');
    expect(c.comments).toEqual([]);
    expect(c.skippedBlocks).toEqual({});
  });

  it('readPcap refuses a short file by itself too (not only through readCapture)', () => {
    const r = readPcap(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1));
    expect(r.ok ? '' : r.error).toBe('pcap: the file is 4 bytes, shorter than the 24-byte file header');
  });
});

describe('readCapture: what the file is not', () => {
  it('names the first four bytes in hex, says when the start looks like text, and how to save a capture', () => {
    expect(error(Uint8Array.of(0x0f, 0xa0, 1, 2, 3))).toBe('not a capture: the file starts with 0f a0 01 02, not a pcap or pcapng header. Save the capture as pcap or pcapng (Wireshark: File › Save As)');
    expect(error(new TextEncoder().encode('GET / HTTP/1.1\r\n\tHost: x\n~'))).toBe('not a capture: the file starts with 47 45 54 20 (it looks like text), not a pcap or pcapng header. Save the capture as pcap or pcapng (Wireshark: File › Save As)');
    // a DEL (127) or a byte below the space that is not tab, LF or CR is not text; only the first 64 bytes are looked at.
    expect(error(new TextEncoder().encode('abcd\x7f'))).not.toMatch(/text/);
    expect(error(Uint8Array.of(0x61, 0x62, 0x63, 0x64, 0x1f))).not.toMatch(/text/);
    expect(error(Uint8Array.of(0x61, 0x62, 0x63, 0x64, 0x20, 0x7e))).toMatch(/looks like text/);
    expect(error(concat(new TextEncoder().encode('a'.repeat(64)), Uint8Array.of(0)))).toMatch(/looks like text/);
    expect(error(concat(new TextEncoder().encode('a'.repeat(63)), Uint8Array.of(0)))).not.toMatch(/text/);
  });

  it('an empty file is named as such', () => {
    expect(error(new Uint8Array())).toBe('the file is empty (0 bytes): choose a .pcap or .pcapng capture');
  });
});

describe('openCapture', () => {
  it('passes the reader’s sentence on, and opens what it reads', async () => {
    const { openCapture } = await import('./openCapture');
    const bad = openCapture(new Uint8Array());
    expect(bad).toEqual({ ok: false, error: 'the file is empty (0 bytes): choose a .pcap or .pcapng capture' });
    const good = openCapture(pcapFile([{ s: 1, frac: 0, data: packet }]));
    expect(good.ok && good.value.frames[0].tcp?.flags.syn).toBe(true);
    expect(good.ok && good.value.conversations.map((c) => c.id)).toEqual(['tcp 0']);
  });
});

