import * as z from 'zod';
import { describeIssue, formatIssue } from './scenarioIssues';

/**
 * A scenario is the whole input of the simulator: who talks to whom, over what link,
 * with which seed. It is plain JSON so it can live in a file or a URL.
 */
const ipv4 = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, 'expected an IPv4 address such as 192.0.2.10');
const port = z.number().int('expected a whole number').min(1, 'expected a port from 1 to 65535').max(65535, 'expected a port from 1 to 65535');
const hostName = z
  .string()
  .max(253, 'a host name has at most 253 characters')
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/, 'expected a DNS name such as example.com');

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected lowercase letters, digits and dashes'),
  title: z.string().min(1).max(120),
  seed: z.number().int().min(0).max(0xffffffff),
  /** "teaching" uses seq=100 / 300 as in textbooks; "random" draws 32-bit ISNs from the seed (RFC 6528). */
  isn: z.enum(['teaching', 'random']),
  client: z.strictObject({ ip: ipv4, port }),
  server: z.strictObject({ ip: ipv4, port, host: hostName }),
  link: z.strictObject({
    rttMs: z.number().min(1, 'expected at least 1 ms').max(2000, 'expected at most 2000 ms'),
    bandwidthMbps: z.number().min(0.1).max(100000),
  }),
  tcp: z.strictObject({
    mss: z.number().int().min(536).max(9000),
    window: z.number().int().min(1, 'expected a positive window').max(65535),
    windowScale: z.number().int().min(0).max(14),
  }),
  http: z.strictObject({
    path: z.string().regex(/^\/[\x21-\x7e]*$/, 'expected a path starting with "/" in printable ASCII'),
    userAgent: z.string().regex(/^[\x20-\x7e]{1,200}$/, 'expected printable ASCII'),
    /** Extra request headers. Names are RFC 9110 tokens; values printable ASCII. */
    headers: z
      .record(
        z.string().regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/, 'a header name must be 1–64 ASCII token characters (letters, digits, !#$%&\'*+-.^_`|~)'),
        z.string().regex(/^[\x20-\x7e]{0,256}$/, 'a header value must be printable ASCII, at most 256 characters'),
      )
      .optional(),
    status: z.number().int().min(100).max(599),
    contentType: z.string().regex(/^[\x21-\x7e]+(; ?[\x21-\x7e]+)?$/),
    bodyBytes: z.number().int().min(0).max(1400, 'the response body must fit one segment (at most 1400 bytes)'),
  }),
  /** Time the server application takes to answer the request. */
  serverThinkMs: z.number().min(0).max(10000),
  /** Time the client keeps the connection open after the response, before it closes. */
  clientLingerMs: z.number().min(0).max(10000),
});

export type Scenario = z.infer<typeof scenarioSchema>;

export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid scenario:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

/** Validates untrusted JSON; the error names every bad field and what it expects. */
export function parseScenario(input: unknown): Scenario {
  const result = scenarioSchema.safeParse(input, { reportInput: true, error: describeIssue });
  if (result.success) return result.data;
  throw new ScenarioError(result.error.issues.map(formatIssue));
}
