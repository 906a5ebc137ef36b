/**
 * The few DER rules (X.690 §8.1) our certificates and keys need: a tag, a definite length in
 * short or long form, the content; the children of a constructed element; an OBJECT IDENTIFIER
 * in dotted form (X.690 §8.19).
 */
export interface Der {
  tag: number;
  /** The whole element, header included (what a signature covers for the TBSCertificate). */
  raw: Uint8Array;
  content: Uint8Array;
}

export function readDer(bytes: Uint8Array, at: number): Der & { next: number } {
  const tag = bytes[at];
  let len = bytes[at + 1];
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[at + 2 + i];
    head += n;
  }
  if (at + head + len > bytes.length) throw new Error('DER: an element runs past its end');
  return { tag, raw: bytes.subarray(at, at + head + len), content: bytes.subarray(at + head, at + head + len), next: at + head + len };
}

export function children(content: Uint8Array): Der[] {
  const out: Der[] = [];
  for (let at = 0; at < content.length; ) {
    const d = readDer(content, at);
    out.push(d);
    at = d.next;
  }
  return out;
}

export const oid = (d: Der): string => {
  const b = d.content;
  const parts = [Math.floor(b[0] / 40), b[0] % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i] & 0x7f);
    if (!(b[i] & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
};
