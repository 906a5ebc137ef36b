/**
 * Bytes a writer fills in only when something reads them. A 75 MB HTTPS response is 4,600 TLS
 * records; sealing them all when the trace is made froze the page for seconds, and most are
 * never looked at: tls/lateSeal registers a write's buffer here with the function that seals a
 * stretch of it, and whoever reads or copies such bytes calls `realBytes` first (the packet
 * encoder, a TCP segment spanning two writes, the TLS record reader joining chunks). Views are
 * passed along unread (TCP send stream → link → TCP receiver → TLS inbox) without filling.
 */
interface Late {
  data: Uint8Array;
  /** Fills data[start, end) (offsets from data's start); filling twice is harmless. */
  fill: (start: number, end: number) => void;
}

const late = new WeakMap<ArrayBufferLike, Late>();

/** Declares that `data` (the whole of its buffer, or a part) is filled in by `fill` when read. */
export function fillWhenRead(data: Uint8Array, fill: Late['fill']): void {
  if (late.has(data.buffer)) throw new Error('lateBytes: a buffer has one filler');
  late.set(data.buffer, { data, fill });
}

/** The view, with every late byte in it filled in: call before reading or copying bytes that may be late. */
export function realBytes(view: Uint8Array): Uint8Array {
  const l = late.get(view.buffer);
  if (l) {
    const start = Math.max(0, view.byteOffset - l.data.byteOffset);
    const end = Math.min(l.data.length, view.byteOffset + view.length - l.data.byteOffset);
    if (end > start) l.fill(start, end);
  }
  return view;
}

/** Whether `view` lies in a buffer that is filled in late (its bytes may not be real yet). */
export function mayBeLate(view: Uint8Array): boolean {
  return late.has(view.buffer);
}
