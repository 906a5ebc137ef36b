import { at, type Capture, fail, ok, type Result } from './capture';

/** Classic libpcap file (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html). */
const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

export function isPcap(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const v = new DataView(bytes.buffer, bytes.byteOffset, 4);
  return [MAGIC_US, MAGIC_NS].includes(v.getUint32(0, false)) || [MAGIC_US, MAGIC_NS].includes(v.getUint32(0, true));
}

export function readPcap(bytes: Uint8Array): Result<Capture> {
  if (bytes.length < FILE_HEADER_BYTES) return fail(`pcap: the file is ${bytes.length} bytes, shorter than the 24-byte file header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const big = view.getUint32(0, false);
  const little = big === MAGIC_US || big === MAGIC_NS ? false : true;
  const magic = view.getUint32(0, little);
  const unitsPerSecond = magic === MAGIC_NS ? 1e9 : 1e6;
  const major = view.getUint16(4, little);
  if (major !== 2) return fail(`pcap: version ${major}.${view.getUint16(6, little)} is not 2.4`);
  const snapLength = view.getUint32(16, little);
  // The link type is the low 16 bits; above it are reserved bits, the "FCS length present" flag
  // (0x04000000) and the FCS length (draft-ietf-opsawg-pcap §4; libpcap's LT_LINKTYPE).
  const linkType = view.getUint32(20, little) & 0xffff;
  const capture: Capture = { format: 'pcap', interfaces: [{ linkType, snapLength, unitsPerSecond, offsetS: 0 }], frames: [], keyLog: '', comments: [], skippedBlocks: {} };
  let pos = FILE_HEADER_BYTES;
  while (pos < bytes.length) {
    const number = capture.frames.length + 1;
    if (bytes.length - pos < RECORD_HEADER_BYTES) return fail(`pcap: record ${at(number)} at byte ${at(pos)} is cut off: its header needs 16 bytes, the file has ${bytes.length - pos} left (truncated file?)`);
    const seconds = view.getUint32(pos, little);
    const fraction = view.getUint32(pos + 4, little);
    const included = view.getUint32(pos + 8, little);
    const original = view.getUint32(pos + 12, little);
    if (fraction >= unitsPerSecond) return fail(`pcap: record ${at(number)} at byte ${at(pos)} has a sub-second time of ${at(fraction)}, more than a second (corrupt record header?)`);
    if (included > Math.max(snapLength, 262_144) && included > original) return fail(`pcap: record ${at(number)} at byte ${at(pos)} says it holds ${at(included)} bytes, more than the snap length ${at(snapLength)} (corrupt record header?)`);
    if (pos + RECORD_HEADER_BYTES + included > bytes.length) return fail(`pcap: record ${at(number)} at byte ${at(pos)} says it holds ${at(included)} bytes, the file has ${at(bytes.length - pos - RECORD_HEADER_BYTES)} left (truncated file?)`);
    capture.frames.push({
      number,
      interfaceId: 0,
      linkType,
      timeUs: seconds * 1e6 + (fraction * 1e6) / unitsPerSecond,
      originalLength: original,
      data: bytes.subarray(pos + RECORD_HEADER_BYTES, pos + RECORD_HEADER_BYTES + included),
      comments: [],
      fileOffset: pos,
    });
    pos += RECORD_HEADER_BYTES + included;
  }
  return ok(capture);
}
