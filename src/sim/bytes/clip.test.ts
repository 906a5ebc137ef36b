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
// size 'max': fast-check's default size keeps arrays near 10 long, below the 16 fields where the search starts.
const sortedMap = fc.array(fc.record({ length: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 9 })), kids: fc.boolean() }), { minLength: 0, maxLength: 60, size: 'max' }).map((specs) => {
  let at = 0;
  return specs.map(({ length, kids }, i): Field => {
    const f: Field = { name: `f${i}`, value: `v${i}`, offset: at, length, ...(kids && length > 1 ? { children: [{ name: 'lo', value: 'a', offset: at, length: 1 }, { name: 'hi', value: 'b', offset: at + 1, length: length - 1 }] } : {}) };
    at += length;
    return f;
  });
});

/** Two bounds mostly within the map's bytes (a stretch past its end now and then), in order. */
function inside(fields: Field[], a: number, b: number): [number, number] {
  const span = (fields.at(-1)?.offset ?? 0) + (fields.at(-1)?.length ?? 0) + 3;
  const [x, y] = [a % span, b % span];
  return x <= y ? [x, y] : [y, x];
}

/** Any map at all: offsets anywhere (overlapping, out of order), some fields without an offset or a length. */
const anyMap = fc.array(
  fc.record({ offset: fc.option(fc.nat(60), { nil: undefined, freq: 8 }), length: fc.option(fc.nat(12), { nil: undefined, freq: 8 }) }),
  { maxLength: 40, size: 'max' },
).map((specs) => specs.map(({ offset, length }, i): Field => ({ name: `f${i}`, value: `v${i}`, ...(offset === undefined ? {} : { offset }), ...(length === undefined ? {} : { length }) })));

describe('clipFields', () => {
  it('keeps exactly the fields that reach into [start, end), cut ones marked, on sorted maps long and short', () => {
    fc.assert(
      fc.property(sortedMap, fc.nat(300), fc.nat(300), (fields, a, b) => {
        const [start, end] = inside(fields, a, b);
        expect(clipFields(fields, start, end)).toEqual(reference(fields, start, end));
      }),
      { numRuns: 400 },
    );
  });

  it('and on unsorted maps (no search: every field is looked at)', () => {
    fc.assert(
      fc.property(sortedMap, fc.nat(300), fc.nat(300), (fields, a, b) => {
        const shuffled = fields.toReversed();
        const [start, end] = inside(fields, a, b);
        expect(clipFields(shuffled, start, end)).toEqual(reference(shuffled, start, end));
      }),
      { numRuns: 200 },
    );
  });

  it('and on any map: overlapping, out of order, fields without an offset or a length', () => {
    fc.assert(
      fc.property(anyMap, fc.nat(80), fc.nat(80), (fields, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        expect(clipFields(fields, start, end)).toEqual(reference(fields, start, end));
      }),
      { numRuns: 300 },
    );
  });

  /** `count` one-byte fields laid end to end from byte `from`. */
  const run = (from: number, count: number, name = 'b'): Field[] => Array.from({ length: count }, (_, i) => ({ name: `${name}${i}`, value: '', offset: from + i, length: 1 }));

  it('keeps every empty field at the start of the stretch in a long map (a TLS alert with no body, a PDU boundary)', () => {
    // 20 bytes, two empty fields at byte 20, a 5-byte field from byte 20, then more bytes: 45 fields, long enough to be searched.
    const fields: Field[] = [...run(0, 20), { name: 'empty 1', value: '', offset: 20, length: 0 }, { name: 'empty 2', value: '', offset: 20, length: 0 }, { name: 'record', value: 'r', offset: 20, length: 5 }, ...run(25, 22, 'c')];
    expect(fields.length).toBe(45);
    expect(clipFields(fields, 20, 22).map((f) => [f.name, f.offset, f.length])).toEqual([['empty 1', 0, 0], ['empty 2', 0, 0], ['record', 0, 2]]);
    expect(clipFields(fields, 20, 22)).toEqual(reference(fields, 20, 22));
  });

  it('a long map whose first field covers the rest (a record around its messages) is not searched as if sorted', () => {
    const fields: Field[] = [{ name: 'record', value: 'r', offset: 0, length: 100 }, ...run(1, 30)];
    expect(clipFields(fields, 10, 12).map((f) => f.name)).toEqual(['record', 'b9', 'b10']);
  });

  it('drops a field with an offset but no length, or a length but no offset: it has no place to show', () => {
    const fields: Field[] = [
      { name: 'a', value: '1', offset: 0, length: 2 },
      { name: 'half', value: '?', offset: 1 },
      { name: 'len only', value: '?', length: 3 },
      { name: 'b', value: '2', offset: 2, length: 2 },
    ];
    expect(clipFields(fields, 0, 4).map((f) => f.name)).toEqual(['a', 'b']);
  });

  it('looks at a few dozen fields of a 10,000-field map, not all of them, once it knows the map is sorted', () => {
    // The cost is observed, not timed: each read of a field's offset is counted.
    let reads = 0;
    const counted = (i: number): Field => {
      const f = { name: `r${i}`, value: '', length: 1 } as Field;
      Object.defineProperty(f, 'offset', { get: () => (reads++, i), enumerable: true });
      return f;
    };
    // A note with no bytes of its own first, as a layer's summary line may be.
    const fields: Field[] = [{ name: 'note', value: 'no bytes' }, ...Array.from({ length: 10_000 }, (_, i) => counted(i))];
    expect(clipFields(fields, 5000, 5002).map((f) => f.name)).toEqual(['r5000', 'r5001']);
    for (const [start, end, names] of [[9990, 9992, ['r9990', 'r9991']], [0, 2, ['r0', 'r1']], [5000, 5001, ['r5000']]] as const) {
      reads = 0;
      expect(clipFields(fields, start, end).map((f) => f.name)).toEqual(names);
      expect(reads).toBeLessThan(100);
    }
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
