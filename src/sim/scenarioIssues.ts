import * as z from 'zod';

/**
 * One line per problem in a scenario, in words a person writing the JSON can act on:
 * where (`link.drop[0].index`), what was expected (with the bounds) and what was there.
 * zod's own messages ("Invalid input: expected number, received string") say neither the
 * bounds nor the value, and say nothing of which keys a misspelt one could have been.
 */

type RawIssue = z.core.$ZodRawIssue;

const MAX_SHOWN = 40;

/** A value as the JSON had it, short: `"fast"`, `12`, `null`, `an object`, `a list of 3`. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…${typeof value === 'string' ? '"' : ''}` : text;
}

/** `link.drop[0].index`, `http.headers["User Agent"]`; empty for the top level. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

const fmt = (n: number) => (Math.abs(n) >= 10000 && Number.isInteger(n) ? n.toLocaleString('en-US') : String(n));

/** "a number from 1 to 2000", "a whole number ≥ 0", "text", "an object", "true or false", from a JSON Schema node. */
function describeType(schema: Record<string, unknown>): string {
  const type = schema.type;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (type === 'number' || type === 'integer') {
    const kind = type === 'integer' ? 'a whole number' : 'a number';
    const min = schema.minimum as number | undefined;
    const max = schema.maximum as number | undefined;
    if (min !== undefined && max !== undefined) return `${kind} from ${fmt(min)} to ${fmt(max)}`;
    if (min !== undefined) return `${kind} ≥ ${fmt(min)}`;
    if (max !== undefined) return `${kind} ≤ ${fmt(max)}`;
    return kind;
  }
  if (type === 'string') return 'text (a JSON string)';
  if (type === 'boolean') return 'true or false';
  if (type === 'array') return 'a list ([…])';
  if (type === 'object') return 'an object ({…})';
  return 'a value of another type';
}

function jsonSchemaOf(inst: unknown): Record<string, unknown> {
  try {
    return z.toJSONSchema(inst as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Levenshtein distance, for "did you mean". Small inputs only. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The known key a misspelt one most likely meant ("rtt" → "rttMs"), if any is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const k of known) {
    const lower = k.toLowerCase();
    const score = lower.startsWith(key.toLowerCase()) || key.toLowerCase().startsWith(lower) ? 0.5 : distance(key, k);
    if (score < bestScore) [best, bestScore] = [k, score];
  }
  return bestScore <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

function sizeOf(input: unknown): string {
  if (typeof input === 'string') return plural(input.length, 'character');
  if (Array.isArray(input)) return plural(input.length, 'item');
  return showValue(input);
}

/**
 * zod error map (passed to safeParse): our wording wherever the schema itself gives no message.
 * Messages the schema gives win over this map (zod 4 precedence), and get the value appended
 * by formatIssue.
 */
export function describeIssue(issue: RawIssue): string | undefined {
  const input = issue.input;
  const bound = (b: unknown) => (typeof b === 'bigint' ? b.toString() : fmt(Number(b)));
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'int') return `expected a whole number, got ${showValue(input)}`;
      const wanted = describeType(jsonSchemaOf(issue.inst));
      return input === undefined ? `missing: expected ${wanted}` : `expected ${wanted}, got ${showValue(input)}`;
    }
    case 'too_small': {
      const at = issue.inclusive ? 'at least' : 'more than';
      if (issue.origin === 'string') return `expected ${at} ${plural(Number(issue.minimum), 'character')}, got ${sizeOf(input)}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `expected ${at} ${plural(Number(issue.minimum), 'item')}, got ${sizeOf(input)}`;
      return `expected ${at} ${bound(issue.minimum)}, got ${showValue(input)}`;
    }
    case 'too_big': {
      const at = issue.inclusive ? 'at most' : 'fewer than';
      if (issue.origin === 'string') return `expected ${at} ${plural(Number(issue.maximum), 'character')}, got ${sizeOf(input)}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `expected ${at} ${plural(Number(issue.maximum), 'item')}, got ${sizeOf(input)}`;
      return `expected ${issue.inclusive ? 'at most' : 'less than'} ${bound(issue.maximum)}, got ${showValue(input)}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}, got ${showValue(input)}`;
    case 'unrecognized_keys': {
      const shape = (issue.inst as { shape?: Record<string, unknown> } | undefined)?.shape;
      const known = shape ? Object.keys(shape).filter((k) => k !== '$schema') : [];
      const named = issue.keys.map((k) => {
        const guess = closestKey(k, known);
        return guess ? `"${k}" (did you mean "${guess}"?)` : `"${k}"`;
      });
      const list = known.length ? `; known here: ${known.join(', ')}` : '';
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${named.join(', ')}${list}`;
    }
    case 'invalid_format':
      return issue.format === 'regex' ? `got ${showValue(input)}, which does not match ${issue.pattern ?? 'the expected form'}` : `expected ${issue.format}, got ${showValue(input)}`;
    case 'not_multiple_of':
      return `expected a multiple of ${bound(issue.divisor)}, got ${showValue(input)}`;
    default:
      return undefined;
  }
}

/** The line for one issue: `link.rttMs: expected a number from 1 to 2000, got "fast"`. */
export function formatIssue(issue: z.core.$ZodIssue): string {
  const path = formatPath(issue.path);
  const where = path ? `${path}: ` : '';
  // A bad record key carries the key's own issue inside.
  if (issue.code === 'invalid_key') return `${where}bad key: ${issue.issues[0]?.message ?? issue.message}`;
  let message = issue.message;
  const input = (issue as { input?: unknown }).input;
  // The schema's own messages ("expected at least 1 ms") say what was expected; add what was there.
  const primitive = input === null || ['string', 'number', 'boolean'].includes(typeof input);
  if (primitive && !/\bgot\b/.test(message)) message += `, got ${showValue(input)}`;
  return `${where}${message}`;
}
