import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { closestKey, describeIssue, formatIssue, formatPath, showValue } from './scenarioIssues';

// The wording of every kind of problem zod reports, on small schemas built here: one line a
// person can act on, saying what was expected (with the bounds) and what was there.

const lines = (schema: z.ZodType, input: unknown): string[] => {
  const r = schema.safeParse(input, { reportInput: true, error: describeIssue });
  return r.success ? [] : r.error.issues.map(formatIssue);
};

describe('showValue', () => {
  it('shows a value short, as the JSON had it', () => {
    expect([undefined, null, [], [1, 2, 3], [0], {}, 'x', 12, true, 1.5].map(showValue)).toEqual(['nothing', 'null', 'an empty list', 'a list of 3', 'a list of 1', 'an object', '"x"', '12', 'true', '1.5']);
  });

  it('cuts what is longer than 40 characters, keeping a string’s closing quote', () => {
    expect(showValue('a'.repeat(38))).toBe(`"${'a'.repeat(38)}"`);
    expect(showValue('a'.repeat(39))).toBe(`"${'a'.repeat(38)}…"`);
    expect(showValue(10n ** 40n)).toBe('1'.padEnd(40, '0').slice(0, 39) + '…');
    expect(showValue(10n ** 39n)).toBe('1'.padEnd(40, '0'));
  });
});

describe('formatPath', () => {
  it('dots for names, brackets for indices and for keys that are not names', () => {
    expect(formatPath(['a', 0, 'b', 12])).toBe('a[0].b[12]');
    expect(formatPath(['$a', '_b', 'c1'])).toBe('$a._b.c1');
    expect(formatPath(['1a', 'x y', 'é'])).toBe('["1a"]["x y"]["é"]');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath(['a-b', 'c'])).toBe('["a-b"].c');
    expect(formatPath([Symbol('s')])).toBe('["Symbol(s)"]');
  });
});

describe('closestKey', () => {
  const known = ['rttMs', 'bandwidthMbps', 'lossRate', 'drop'];
  it('guesses a prefix either way, or a spelling within a third of the length', () => {
    expect(closestKey('rtt', known)).toBe('rttMs');
    expect(closestKey('RTTMS', known)).toBe('rttMs');
    expect(closestKey('dropRule', known)).toBe('drop');
    expect(closestKey('lossrat', known)).toBe('lossRate');
    expect(closestKey('losRate', known)).toBe('lossRate');
    expect(closestKey('bandwithMbps', known)).toBe('bandwidthMbps');
    expect(closestKey('bnadwidthMbsp', known)).toBe('bandwidthMbps');
    // One edit is always allowed, even for a short key; two need a key of six letters or more, three nine.
    expect(closestKey('drip', known)).toBe('drop');
    expect(closestKey('lxssRxte', known)).toBe('lossRate');
    expect(closestKey('lxssRxtx', known)).toBeUndefined();
    expect(closestKey('colour', known)).toBeUndefined();
    expect(closestKey('dxxp', known)).toBeUndefined();
    expect(closestKey('x', [])).toBeUndefined();
  });
  it('takes the first of equally close keys', () => {
    expect(closestKey('ab', ['ax', 'ay'])).toBe('ax');
    expect(closestKey('ab', ['abc', 'abd'])).toBe('abc');
  });
});

describe('describeIssue and formatIssue', () => {
  it('wrong types: what was expected, from the schema', () => {
    expect(lines(z.boolean(), 1)).toEqual(['expected true or false, got 1']);
    expect(lines(z.array(z.number()), 1)).toEqual(['expected a list ([…]), got 1']);
    expect(lines(z.object({}), 1)).toEqual(['expected an object ({…}), got 1']);
    expect(lines(z.string(), 1)).toEqual(['expected text (a JSON string), got 1']);
    expect(lines(z.strictObject({ a: z.null() }), { a: 1 })).toEqual(['a: expected a value of another type, got 1']);
    expect(lines(z.number(), 'x')).toEqual(['expected a number, got "x"']);
    expect(lines(z.number().min(1), 'x')).toEqual(['expected a number ≥ 1, got "x"']);
    expect(lines(z.number().max(9), 'x')).toEqual(['expected a number ≤ 9, got "x"']);
    expect(lines(z.number().min(10_000).max(20_000), 'x')).toEqual(['expected a number from 10,000 to 20,000, got "x"']);
    expect(lines(z.number().int().min(0).max(9), 'x')).toEqual(['expected a whole number from 0 to 9, got "x"']);
    expect(lines(z.int(), 1.5)).toEqual(['expected a whole number, got 1.5']);
    expect(lines(z.strictObject({ s: z.string() }), {})).toEqual(['s: missing: expected text (a JSON string)']);
    expect(lines(z.array(z.number()), [{}])).toEqual(['[0]: expected a number, got an object']);
  });

  it('too small and too big: inclusive or not, for text, lists and numbers', () => {
    expect(lines(z.number().gt(0), 0)).toEqual(['expected more than 0, got 0']);
    expect(lines(z.number().min(0), -1)).toEqual(['expected at least 0, got -1']);
    expect(lines(z.number().lt(5), 5)).toEqual(['expected less than 5, got 5']);
    expect(lines(z.number().max(10_000), 20_000)).toEqual(['expected at most 10,000, got 20000']);
    expect(lines(z.bigint().min(5n), 1n)).toEqual(['expected at least 5, got 1']);
    expect(lines(z.bigint().max(5n), 9n)).toEqual(['expected at most 5, got 9']);
    expect(lines(z.string().min(2), 'a')).toEqual(['expected at least 2 characters, got 1 character']);
    expect(lines(z.string().min(1), '')).toEqual(['expected at least 1 character, got 0 characters']);
    expect(lines(z.string().max(1), 'ab')).toEqual(['expected at most 1 character, got 2 characters']);
    expect(lines(z.array(z.number()).min(2), [1])).toEqual(['expected at least 2 items, got 1 item']);
    expect(lines(z.array(z.number()).max(1), [1, 2])).toEqual(['expected at most 1 item, got 2 items']);
    expect(lines(z.set(z.number()).min(2), new Set([1]))).toEqual(['expected at least 2 items, got an object']);
    expect(lines(z.set(z.number()).max(1), new Set([1, 2]))).toEqual(['expected at most 1 item, got an object']);
  });

  it('exclusive bounds on text and lists (raw issues, as zod would give them)', () => {
    expect(describeIssue({ code: 'too_small', origin: 'string', minimum: 3, inclusive: false, input: 'ab' } as never)).toBe('expected more than 3 characters, got 2 characters');
    expect(describeIssue({ code: 'too_small', origin: 'array', minimum: 3, inclusive: false, input: [1] } as never)).toBe('expected more than 3 items, got 1 item');
    expect(describeIssue({ code: 'too_big', origin: 'string', maximum: 3, inclusive: false, input: 'abcd' } as never)).toBe('expected fewer than 3 characters, got 4 characters');
    expect(describeIssue({ code: 'too_big', origin: 'array', maximum: 10_000, inclusive: false, input: [1, 2] } as never)).toBe('expected fewer than 10,000 items, got 2 items');
  });

  it('values, keys, formats and multiples', () => {
    expect(lines(z.literal('x'), 'y')).toEqual(['expected "x", got "y"']);
    expect(lines(z.enum(['p', 'q']), 'r')).toEqual(['expected one of "p", "q", got "r"']);
    expect(lines(z.strictObject({ a: z.enum(['p', 'q']) }), {})).toEqual(['a: expected one of "p", "q", got nothing']);
    expect(lines(z.strictObject({}), { a: 1, b: 2 })).toEqual(['unknown fields "a", "b"']);
    expect(lines(z.strictObject({ rttMs: z.number() }), { rttMs: 1, rtt: 2 })).toEqual(['unknown field "rtt" (did you mean "rttMs"?); known here: rttMs']);
    expect(lines(z.strictObject({ $schema: z.string().optional(), id: z.string() }), { id: 'a', x: 1 })).toEqual(['unknown field "x"; known here: id']);
    expect(lines(z.string().regex(/^a$/), 'b')).toEqual(['got "b", which does not match /^a$/']);
    expect(lines(z.record(z.string().regex(/^a$/), z.number()), { b: 1 })).toEqual(['b: bad key: got "b", which does not match /^a$/']);
    expect(lines(z.email(), 'nope')).toEqual(['expected email, got "nope"']);
    expect(lines(z.number().multipleOf(5), 7)).toEqual(['expected a multiple of 5, got 7']);
    expect(describeIssue({ code: 'invalid_format', format: 'regex', input: 'b' } as never)).toBe('got "b", which does not match the expected form');
  });

  it('leaves zod’s words for kinds it has none for, and adds what was there to any message without it', () => {
    expect(lines(z.string().refine(() => false), 'a')).toEqual(['Invalid input, got "a"']);
    expect(lines(z.union([z.number(), z.string()]), true)).toEqual(['Invalid input, got true']);
    expect(lines(z.union([z.number(), z.string()]), null)).toEqual(['Invalid input, got null']);
    // Not for an object or a list (shown as "an object" it says nothing), nor when the message says it already.
    expect(lines(z.object({ a: z.number() }).refine(() => false, 'no good'), { a: 1 })).toEqual(['no good']);
    expect(lines(z.array(z.number()).refine(() => false, 'no good'), [1])).toEqual(['no good']);
    expect(lines(z.string().refine(() => false, 'we got it'), 'a')).toEqual(['we got it']);
    expect(lines(z.string().refine(() => false, 'forgot'), 'a')).toEqual(['forgot, got "a"']);
    expect(lines(z.string(), undefined)).toEqual(['missing: expected text (a JSON string)']);
  });
});
