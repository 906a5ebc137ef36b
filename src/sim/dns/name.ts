import { ascii } from '../bytes/hex';
import type { ByteWriter } from '../bytes/writer';
import { DNS_HEADER_BYTES } from './records';

/** RFC 1035 §2.3.4: a label is at most 63 bytes, a whole name at most 255 on the wire. */
const MAX_LABEL = 63;
const MAX_NAME = 255;

/** "example.com" (a trailing dot allowed) → ["example", "com"]; "" or "." is the root. */
export function splitLabels(name: string): string[] {
  const trimmed = name.endsWith('.') ? name.slice(0, -1) : name;
  if (trimmed === '') return [];
  const labels = trimmed.split('.');
  for (const label of labels) {
    if (label.length === 0) throw new Error(`DNS name "${name}": empty label`);
    if (label.length > MAX_LABEL) throw new Error(`DNS name "${name}": label "${label}" is longer than ${MAX_LABEL} bytes`);
    if (!/^[\x21-\x7e]+$/.test(label)) throw new Error(`DNS name "${name}": label "${label}" is not printable ASCII`);
  }
  const wireLength = labels.reduce((n, l) => n + 1 + l.length, 1);
  if (wireLength > MAX_NAME) throw new Error(`DNS name "${name}": ${wireLength} bytes on the wire, more than ${MAX_NAME}`);
  return labels;
}

/** A name as a sequence of labels, each a length byte and its characters (RFC 1035 §3.1). */
export function writeName(w: ByteWriter, name: string): void {
  const labels = splitLabels(name);
  w.group(
    'name',
    (g) => {
      for (const label of labels) {
        g.u8('label length', label.length, String(label.length), 'how many characters the next label has');
        g.bytes('label', ascii(label), label);
      }
      g.u8('end of name', 0, '0 (root)', 'a zero-length label ends every name');
    },
    labels.length ? labels.join('.') : '<Root>',
    'no dots on the wire: each label is a length byte and its characters',
  );
}

/**
 * Reads a name at `offset`, following compression pointers (RFC 1035 §4.1.4).
 * `end` is where the bytes after the name start (after the first pointer, if any).
 */
export function readName(bytes: Uint8Array, offset: number): { name: string; end: number } {
  const labels: string[] = [];
  let pos = offset;
  let end = -1;
  let wireLength = 1;
  for (;;) {
    if (pos >= bytes.length) throw new Error(`DNS: name at byte ${offset} runs past the end of the message`);
    const len = bytes[pos];
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= bytes.length) throw new Error(`DNS: compression pointer at byte ${pos} is cut off`);
      const target = ((len & 0x3f) << 8) | bytes[pos + 1];
      // Pointers must go strictly backwards ("a prior occurrence"): this also rules out loops.
      if (target >= pos) throw new Error(`DNS: compression pointer at byte ${pos} points forward to byte ${target}`);
      if (target < DNS_HEADER_BYTES) throw new Error(`DNS: compression pointer at byte ${pos} points into the header (byte ${target})`);
      if (end < 0) end = pos + 2;
      pos = target;
      continue;
    }
    // 0x40 and 0x80 are reserved label types (RFC 1035 §4.1.4; RFC 6891 §5 retired 0x40).
    if (kind !== 0) throw new Error(`DNS: unknown label type 0x${len.toString(16)} at byte ${pos}`);
    if (len === 0) {
      if (end < 0) end = pos + 1;
      break;
    }
    if (pos + 1 + len > bytes.length) throw new Error(`DNS: label at byte ${pos} runs past the end of the message`);
    wireLength += 1 + len;
    if (wireLength > MAX_NAME) throw new Error(`DNS: name at byte ${offset} is longer than ${MAX_NAME} bytes`);
    labels.push(String.fromCharCode(...bytes.subarray(pos + 1, pos + 1 + len)));
    pos += 1 + len;
  }
  return { name: labels.join('.'), end };
}
