import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Field } from '../types';
import { clipFields, clipLayers } from './clip';

/** The rule in plain words, field by field, with no search and no early stop: what clip.ts's shortcuts must agree with. */
function reference(fields: Field[], start: number, end: number): Field[] {
  return fields.flatMap((f) => {
    if (f.offset === undefined || f.length === undefined) return [];
    const inside = f.length === 0 ? f.offset >= start && f.offset < end : Math.max(f.offset, start) < Math.min(f.offset + f.length, end);
    if (!inside) return [];
    const from = Math.max(f.offset, start);
    const to = Math.min(f.offset + f.length, end);
    const whole = from === f.offset && to === f.offset + f.length;
    return [{ ...f, value: whole ? f.value : `${f.value} [${from - f.offset}–${to - f.offset} of ${f.length} bytes here]`, offset: from - start, length: to - from, children: f.children ? reference(f.children, start, end) : undefined }];
  });
}

/** A field map laid end to end (as the writers make them), some fields empty, some with children. */
const sortedMap = fc.array(fc.record({ length: fc.integer({ min: 0, max: 9 }), kids: fc.boolean() }), { minLength: 0, maxLength: 60 }).map((specs) => {
  let at = 0;
  return specs.map(({ length, kids }, i): Field => {
    const f: Field = { name: `f${i}`, value: `v${i}`, offset: at, length, ...(kids && length > 1 ? { children: [{ name: 'lo', value: 'a', offset: at, length: 1 }, { name: 'hi', value: 'b', offset: at + 1, length: length - 1 }] } : {}) };
    at += length;
    return f;
  });
});

describe('clipFields', () => {
  it('keeps exactly the fields that reach into [start, end), cut ones marked, on sorted maps long and short', () => {
    fc.assert(
      fc.property(sortedMap, fc.nat(300), fc.nat(300), (fields, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(clipFields(fields, start, end)).toEqual(reference(fields, start, end));
      }),
      { numRuns: 400 },
    );
  });

  it('and on unsorted maps (no search: every field is looked at)', () => {
    fc.assert(
      fc.property(sortedMap, fc.nat(300), fc.nat(300), (fields, a, b) => {
        const shuffled = fields.toReversed();
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(clipFields(shuffled, start, end)).toEqual(reference(shuffled, start, end));
      }),
      { numRuns: 200 },
    );
  });

  it('a TLS record header cut between two segments, by hand', () => {
    const fields: Field[] = [
      { name: 'type', value: '23', offset: 0, length: 1 },
      { name: 'version', value: '0x0303', offset: 1, length: 2 },
      { name: 'length', value: '100', offset: 3, length: 2 },
      { name: 'note', value: 'no bytes', offset: 5, length: 0 },
      { name: 'unplaced', value: '?' },
    ];
    expect(clipFields(fields, 2, 4)).toEqual([
      { name: 'version', value: '0x0303 [1–2 of 2 bytes here]', offset: 0, length: 1, children: undefined },
      { name: 'length', value: '100 [0–1 of 2 bytes here]', offset: 1, length: 1, children: undefined },
    ]);
    expect(clipFields(fields, 5, 6).map((f) => [f.name, f.offset, f.length])).toEqual([['note', 0, 0]]);
    expect(clipFields(fields, 4, 5).map((f) => f.name)).toEqual(['length']);
  });

  it('clipLayers says which part it is and trims an empty part name', () => {
    const layer = { name: 'HTTP', summary: 'GET /', fields: [{ name: 'line', value: 'GET /', offset: 0, length: 5 }] };
    expect(clipLayers([layer], 0, 2, '(part 1 of 3)')).toEqual([{ name: 'HTTP', summary: 'GET / (part 1 of 3)', fields: [{ name: 'line', value: 'GET / [0–2 of 5 bytes here]', offset: 0, length: 2, children: undefined }] }]);
    expect(clipLayers([layer], 0, 5, '')[0].summary).toBe('GET /');
  });
});
