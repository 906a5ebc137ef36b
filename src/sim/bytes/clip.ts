import type { Field, Layer } from '../types';

/**
 * The part of a field map that falls in bytes [start, end) of a stream, re-based to `start`.
 * Fields cut by the boundary keep their name and say so, as Wireshark marks a PDU that
 * continues in another segment.
 */
export function clipFields(fields: Field[], start: number, end: number): Field[] {
  const out: Field[] = [];
  // Field maps of long streams (a response in thousands of records) are sorted by offset:
  // skip to the first field that can reach `start` instead of walking them all.
  const sorted = isSorted(fields);
  for (let i = firstReaching(fields, start); i < fields.length; i++) {
    const f = fields[i];
    if (sorted && f.offset !== undefined && f.offset >= end && f.length !== 0) break;
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

const sortedCache = new WeakMap<Field[], boolean>();

function isSorted(fields: Field[]): boolean {
  let known = sortedCache.get(fields);
  if (known === undefined) {
    known = fields.every((f, i) => i === 0 || (f.offset ?? -1) >= (fields[i - 1].offset ?? -1) + (fields[i - 1].length ?? 0));
    sortedCache.set(fields, known);
  }
  return known;
}

/** Index of the first field whose bytes end after `start` (0 when the map is not sorted). */
function firstReaching(fields: Field[], start: number): number {
  if (fields.length < 16 || !isSorted(fields)) return 0;
  let lo = 0;
  let hi = fields.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const f = fields[mid];
    if ((f.offset ?? 0) + (f.length ?? 0) <= start && (f.length ?? 0) > 0) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}
