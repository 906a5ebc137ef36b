import { at, type Capture, type CaptureInterface, fail, ok, type Result } from './capture';

/** pcapng (draft-ietf-opsawg-pcapng): blocks of type, length, body, length again. */
export const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_OPB = 0x00000002; // obsolete Packet Block, still written by old tools
const BLOCK_SPB = 0x00000003;
const BLOCK_NRB = 0x00000004;
const BLOCK_ISB = 0x00000005;
const BLOCK_EPB = 0x00000006;
const BLOCK_DSB = 0x0000000a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const SECRETS_TLS_KEY_LOG = 0x544c534b;
const OPT_COMMENT = 1;

const MIN_BODY: Record<number, number> = { [BLOCK_SHB]: 16, [BLOCK_IDB]: 8, [BLOCK_EPB]: 20, [BLOCK_SPB]: 4, [BLOCK_OPB]: 20, [BLOCK_DSB]: 8 };
const BLOCK_NAMES: Record<number, string> = { [BLOCK_SHB]: 'Section Header', [BLOCK_IDB]: 'Interface Description', [BLOCK_EPB]: 'Enhanced Packet', [BLOCK_SPB]: 'Simple Packet', [BLOCK_OPB]: 'Packet', [BLOCK_DSB]: 'Decryption Secrets', [BLOCK_NRB]: 'Name Resolution', [BLOCK_ISB]: 'Interface Statistics' };

export function isPcapng(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a;
}

interface Option {
  code: number;
  value: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const pad4 = (n: number) => (n + 3) & ~3;

/** Options run to opt_endofopt or the end of the body; a cut-off option ends them (tolerated, as Wireshark does). */
function readOptions(view: DataView, from: number, to: number, little: boolean): Option[] {
  const options: Option[] = [];
  let pos = from;
  while (pos + 4 <= to) {
    const code = view.getUint16(pos, little);
    const length = view.getUint16(pos + 2, little);
    if (code === 0 || pos + 4 + length > to) break;
    options.push({ code, value: new Uint8Array(view.buffer, view.byteOffset + pos + 4, length) });
    pos += 4 + pad4(length);
  }
  return options;
}

const comments = (options: Option[]) => options.filter((o) => o.code === OPT_COMMENT).map((o) => utf8.decode(o.value));

/** if_tsresol (option 9): 10^-n, or 2^-n when the top bit is set. */
function unitsPerSecond(options: Option[]): number {
  const v = options.find((o) => o.code === 9)?.value[0];
  if (v === undefined) return 1e6;
  return v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
}

function interfaceFrom(view: DataView, body: number, end: number, little: boolean): CaptureInterface {
  const options = readOptions(view, body + 8, end, little);
  const text = (code: number) => {
    const o = options.find((x) => x.code === code);
    return o ? utf8.decode(o.value) : undefined;
  };
  const offset = options.find((o) => o.code === 14 && o.value.length === 8);
  const offsetS = offset ? Number(new DataView(offset.value.buffer, offset.value.byteOffset, 8).getBigInt64(0, little)) : 0;
  return { linkType: view.getUint16(body, little), snapLength: view.getUint32(body + 4, little), name: text(2), description: text(3), unitsPerSecond: unitsPerSecond(options), offsetS };
}

function timeUs(high: number, low: number, iface: CaptureInterface): number {
  const ticks = (BigInt(high) << 32n) | BigInt(low);
  const units = BigInt(Math.round(iface.unitsPerSecond));
  const seconds = ticks / units;
  const rest = ticks % units;
  return (Number(seconds) + iface.offsetS) * 1e6 + (Number(rest) * 1e6) / iface.unitsPerSecond;
}

export function readPcapng(bytes: Uint8Array): Result<Capture> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const capture: Capture = { format: 'pcapng', interfaces: [], frames: [], keyLog: '', comments: [], skippedBlocks: {} };
  // Interfaces are numbered per section; the capture lists all of them.
  let sectionInterfaces: number[] = [];
  let little = true;
  let pos = 0;
  while (pos < bytes.length) {
    const left = bytes.length - pos;
    if (left < 12) return fail(`pcapng: block at byte ${at(pos)} is cut off: ${left} bytes left, a block needs at least 12 (truncated file?)`);
    const type0 = view.getUint32(pos, true);
    if (type0 === BLOCK_SHB) {
      const magic = view.getUint32(pos + 8, true);
      if (magic === BYTE_ORDER_MAGIC) little = true;
      else if (view.getUint32(pos + 8, false) === BYTE_ORDER_MAGIC) little = false;
      else return fail(`pcapng: Section Header at byte ${at(pos)} has byte-order magic 0x${magic.toString(16)}, not 0x1a2b3c4d (corrupt file?)`);
    } else if (pos === 0) return fail('pcapng: the file does not start with a Section Header Block');
    const type = view.getUint32(pos, little);
    const length = view.getUint32(pos + 4, little);
    const name = BLOCK_NAMES[type] ? `${BLOCK_NAMES[type]} block` : `block of type 0x${type.toString(16)}`;
    if (length < 12) return fail(`pcapng: block at byte ${at(pos)} has length ${at(length)}, shorter than its header`);
    if (length % 4) return fail(`pcapng: block at byte ${at(pos)} has length ${at(length)}, not a multiple of 4 (corrupt block length?)`);
    if (length > left) return fail(`pcapng: ${name} at byte ${at(pos)} says it is ${at(length)} bytes long, the file has ${at(left)} left (truncated file?)`);
    const trailer = view.getUint32(pos + length - 4, little);
    if (trailer !== length) return fail(`pcapng: ${name} at byte ${at(pos)} has length ${at(length)} at its start and ${at(trailer)} at its end (corrupt block length?)`);
    const body = pos + 8;
    const end = pos + length - 4;
    if (end - body < (MIN_BODY[type] ?? 0)) return fail(`pcapng: ${name} at byte ${at(pos)} has length ${at(length)}, shorter than its fixed fields`);
    switch (type) {
      case BLOCK_SHB: {
        const major = view.getUint16(body + 4, little);
        if (major !== 1) return fail(`pcapng: Section Header at byte ${at(pos)} has version ${major}, this reader knows version 1`);
        sectionInterfaces = [];
        const options = readOptions(view, body + 16, end, little);
        capture.comments.push(...comments(options));
        for (const code of [2, 3, 4]) {
          const o = options.find((x) => x.code === code);
          if (o) capture.comments.push(`${['hardware', 'OS', 'application'][code - 2]}: ${utf8.decode(o.value)}`);
        }
        break;
      }
      case BLOCK_IDB:
        sectionInterfaces.push(capture.interfaces.length);
        capture.interfaces.push(interfaceFrom(view, body, end, little));
        break;
      case BLOCK_EPB:
      case BLOCK_OPB: {
        const id = type === BLOCK_EPB ? view.getUint32(body, little) : view.getUint16(body, little);
        const iface = capture.interfaces[sectionInterfaces[id] ?? -1];
        if (!iface) return fail(`pcapng: ${name} at byte ${at(pos)} names interface ${id}, but the section describes ${sectionInterfaces.length}`);
        const captured = view.getUint32(body + 12, little);
        if (body + 20 + captured > end) return fail(`pcapng: ${name} at byte ${at(pos)} says it holds ${at(captured)} bytes of packet, its block has room for ${at(Math.max(0, end - body - 20))}`);
        capture.frames.push({
          number: capture.frames.length + 1,
          interfaceId: sectionInterfaces[id],
          linkType: iface.linkType,
          timeUs: timeUs(view.getUint32(body + 4, little), view.getUint32(body + 8, little), iface),
          originalLength: view.getUint32(body + 16, little),
          data: bytes.subarray(body + 20, body + 20 + captured),
          comments: comments(readOptions(view, body + 20 + pad4(captured), end, little)),
          fileOffset: pos,
        });
        break;
      }
      case BLOCK_SPB: {
        const iface = capture.interfaces[sectionInterfaces[0] ?? -1];
        if (!iface) return fail(`pcapng: Simple Packet block at byte ${at(pos)} comes before any Interface Description`);
        const original = view.getUint32(body, little);
        // An SPB has no captured length: the smaller of the original length and the snap length (§4.4).
        const captured = Math.min(original, iface.snapLength || original, end - body - 4);
        const previous = capture.frames.at(-1);
        capture.frames.push({ number: capture.frames.length + 1, interfaceId: sectionInterfaces[0], linkType: iface.linkType, timeUs: previous?.timeUs ?? 0, originalLength: original, data: bytes.subarray(body + 4, body + 4 + captured), comments: [], fileOffset: pos });
        break;
      }
      case BLOCK_DSB: {
        const secretsType = view.getUint32(body, little);
        const secretsLength = view.getUint32(body + 4, little);
        if (body + 8 + secretsLength > end) return fail(`pcapng: Decryption Secrets block at byte ${at(pos)} says it holds ${at(secretsLength)} bytes of secrets, its block has room for ${at(end - body - 8)}`);
        if (secretsType === SECRETS_TLS_KEY_LOG) {
          const text = utf8.decode(bytes.subarray(body + 8, body + 8 + secretsLength));
          capture.keyLog += text.endsWith('\n') || !text ? text : `${text}\n`;
        } else capture.skippedBlocks[`secrets 0x${secretsType.toString(16)}`] = (capture.skippedBlocks[`secrets 0x${secretsType.toString(16)}`] ?? 0) + 1;
        break;
      }
      default: {
        const key = BLOCK_NAMES[type] ?? `0x${type.toString(16)}`;
        capture.skippedBlocks[key] = (capture.skippedBlocks[key] ?? 0) + 1;
      }
    }
    pos += length;
  }
  return ok(capture);
}
