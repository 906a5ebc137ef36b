import { clipLayers } from '../bytes/clip';
import { realBytes } from '../bytes/lateBytes';
import { shiftFields } from '../bytes/writer';
import type { DecryptedRecord, Layer, Phase, TcpSegmentInfo, TopLayer } from '../types';

/** One application write: its bytes and what they mean (the field map the inspector shows). */
export interface StreamWrite {
  label: string;
  phase: Phase;
  topLayer: TopLayer;
  data: Uint8Array;
  /** Field offsets from the start of `data`. */
  layers: Layer[];
  /** Records inside the write, decrypted; `end` is where each ends in `data` (default: the end). */
  decrypted: (DecryptedRecord & { end?: number })[];
  /** The sentence under the picture for a segment carrying (part of) this write. */
  caption: (segment: TcpSegmentInfo, part?: { index: number; count: number }) => string;
}

interface Placed extends StreamWrite {
  start: number;
}

/** What a stretch of the byte stream carries, for the segment that carries it. */
export interface StreamSlice {
  label: string;
  phase: Phase;
  topLayer: TopLayer;
  bytes: Uint8Array;
  /** Field offsets from the start of the slice; built on demand. */
  layers: () => Layer[];
  decrypted: DecryptedRecord[];
  caption: (segment: TcpSegmentInfo) => string;
  /** Which part of its first write the slice carries, when it carries only part of it. */
  part?: { index: number; count: number };
}

/**
 * The bytes an application has written to a TCP socket, kept with their meaning. TCP cuts
 * the stream where it likes (MSS, windows, retransmissions); a slice tells which writes a
 * segment carries, which part of each, and which records complete inside it.
 */
export class SendStream {
  private writes: Placed[] = [];
  length = 0;

  constructor(private readonly maxSegmentPayload: number) {}

  append(write: StreamWrite): void {
    this.writes.push({ ...write, start: this.length });
    this.length += write.data.length;
  }

  /** Forgets writes wholly before `offset` (acknowledged data leaves the send buffer). */
  release(offset: number): void {
    let n = 0;
    while (n < this.writes.length - 1 && this.writes[n].start < offset && this.writes[n].start + this.writes[n].data.length <= offset) n++;
    if (n) this.writes.splice(0, n);
  }

  slice(start: number, end: number): StreamSlice {
    const parts = this.overlapping(start, end);
    const bytes = parts.length === 1 ? parts[0].data.subarray(start - parts[0].start, end - parts[0].start) : new Uint8Array(end - start);
    const decrypted: DecryptedRecord[] = [];
    const labels: string[] = [];
    for (const w of parts) {
      const from = Math.max(start, w.start);
      const to = Math.min(end, w.start + w.data.length);
      // A copy must be of real bytes; a view may stay late (bytes/lateBytes) until someone reads it.
      if (parts.length > 1) bytes.set(realBytes(w.data.subarray(from - w.start, to - w.start)), from - start);
      const whole = from === w.start && to === w.start + w.data.length;
      const part = whole ? undefined : this.partOf(w, from);
      labels.push(part ? `${w.label} ${part.index}/${part.count}` : w.label);
      for (let i = firstEndingAfter(w, start); i < w.decrypted.length; i++) {
        const d = w.decrypted[i];
        const recordEnd = w.start + (d.end ?? w.data.length);
        if (recordEnd > end) break;
        decrypted.push({ title: d.title, key: d.key, bytes: d.bytes, layers: d.layers });
      }
    }
    const layers = (): Layer[] => {
      const out: Layer[] = [];
      for (const w of parts) {
        const from = Math.max(start, w.start);
        const to = Math.min(end, w.start + w.data.length);
        const whole = from === w.start && to === w.start + w.data.length;
        const part = this.partOf(w, from);
        const clipped = whole ? w.layers : clipLayers(w.layers, from - w.start, to - w.start, `(part ${part.index} of ${part.count})`);
        for (const l of clipped) mergeLayer(out, { ...l, fields: shiftFields(l.fields, from - start) });
      }
      return out;
    };
    const first = parts[0];
    const firstPart = first && !(start <= first.start && end >= first.start + first.data.length) ? this.partOf(first, Math.max(start, first.start)) : undefined;
    return {
      label: labels.join(' + '),
      phase: first.phase,
      topLayer: parts.some((w) => w.topLayer === 'http') ? 'http' : first.topLayer,
      bytes,
      layers,
      decrypted,
      caption: (segment) => first.caption(segment, firstPart) + (parts.length > 1 ? ` (+ ${parts.slice(1).map((w) => w.label).join(', ')})` : ''),
      ...(firstPart ? { part: firstPart } : {}),
    };
  }

  private overlapping(start: number, end: number): Placed[] {
    let lo = 0;
    let hi = this.writes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.writes[mid].start < start) lo = mid;
      else hi = mid - 1;
    }
    const out: Placed[] = [];
    for (let i = lo; i < this.writes.length && this.writes[i].start < end; i++) {
      const w = this.writes[i];
      if (w.start + w.data.length > start || (w.data.length === 0 && w.start >= start)) out.push(w);
    }
    if (!out.length) throw new Error(`SendStream: nothing written at bytes ${start}–${end}`);
    return out;
  }

  /** Which MSS-sized part of its write a segment starting at `from` carries, counted from the write's start. */
  private partOf(w: Placed, from: number): { index: number; count: number } {
    return { index: Math.floor((from - w.start) / this.maxSegmentPayload) + 1, count: Math.max(1, Math.ceil(w.data.length / this.maxSegmentPayload)) };
  }
}

/** The first record of a write that ends after stream offset `start` (records are in order). */
function firstEndingAfter(w: Placed, start: number): number {
  let lo = 0;
  let hi = w.decrypted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.start + (w.decrypted[mid].end ?? w.data.length) <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Layers of the same protocol carried in one segment read as one layer, as in Wireshark's tree. */
function mergeLayer(into: Layer[], layer: Layer): void {
  const same = into.find((l) => l.name === layer.name);
  if (!same) into.push(layer);
  else {
    same.fields = [...same.fields, ...layer.fields];
    same.summary = `${same.summary}; ${layer.summary}`;
  }
}
