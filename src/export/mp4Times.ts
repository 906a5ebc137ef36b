/**
 * Sets the creation and modification times in an MP4's mvhd, tkhd and mdhd boxes to 0
 * (1904-01-01): muxers stamp the wall clock there, which would make every file different.
 * ISO/IEC 14496-12 places mvhd in moov, tkhd in trak and mdhd in mdia (§8.2.2, §8.3.2, §8.4.2),
 * so only those three containers are walked into; every other box (mdat first) is left untouched.
 */
const CONTAINERS = new Set(['moov', 'trak', 'mdia']);
const TIMED = new Set(['mvhd', 'tkhd', 'mdhd']);

export function zeroMp4Times(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = start;
  while (at + 8 <= end) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = end - at;
    if (size < header || at + size > end) break;
    if (CONTAINERS.has(type)) zeroMp4Times(bytes, at + header, at + size);
    if (TIMED.has(type)) {
      // Version/flags (4 bytes), then creation and modification times: 64-bit in version 1.
      const field = bytes[at + header] === 1 ? 8 : 4;
      bytes.fill(0, at + header + 4, Math.min(at + size, at + header + 4 + 2 * field));
    }
    at += size;
  }
  return bytes;
}
