import type { Field, Layer } from '../types';

/**
 * The part of a field map that falls in bytes [start, end) of a stream, re-based to `start`.
 * Fields cut by the boundary keep their name and say so, as Wireshark marks a PDU that
 * continues in another segment.
 */
export function clipFields(fields: Field[], start: number, end: number): Field[] {
  const out: Field[] = [];
  for (const f of fields) {
    if (f.offset === undefined || f.length === undefined) continue;
    const from = Math.max(f.offset, start);
    const to = Math.min(f.offset + f.length, end);
    if (to <= from && f.length > 0) continue;
    if (f.length === 0 && (f.offset < start || f.offset >= end)) continue;
    const cut = from > f.offset || to < f.offset + f.length;
    out.push({
      ...f,
      value: cut ? `${f.value} [${from - f.offset}–${to - f.offset} of ${f.length} bytes here]` : f.value,
      offset: from - start,
      length: to - from,
      children: f.children ? clipFields(f.children, start, end) : undefined,
    });
  }
  return out;
}

export function clipLayers(layers: Layer[], start: number, end: number, part: string): Layer[] {
  return layers.map((l) => ({ ...l, summary: `${l.summary} ${part}`.trim(), fields: clipFields(l.fields, start, end) }));
}
