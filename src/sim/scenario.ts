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

const dropRule = z.strictObject({
  /** Which way the packet travels. */
  direction: z.enum(['client-to-server', 'server-to-client', 'client-to-resolver', 'resolver-to-client']),
  /** Drop the n-th packet (1 = first) sent in that direction… */
  index: z.number().int().min(1).optional(),
  /** …or the n-th packet whose sprite label is this ("SYN", "200 OK 40/70", "DNS query"). */
  label: z.string().min(1).max(80).optional(),
  occurrence: z.number().int().min(1).default(1),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected lowercase letters, digits and dashes'),
  title: z.string().min(1).max(120),
  /** One paragraph shown beside the picker: what to watch for. */
  description: z.string().max(1200).default(''),
  seed: z.number().int().min(0).max(0xffffffff),
  /** "teaching" uses seq=100 / 300 as in textbooks; "random" draws 32-bit ISNs from the seed (RFC 6528). */
  isn: z.enum(['teaching', 'random']),
  client: z.strictObject({ ip: ipv4, port }),
  server: z.strictObject({ ip: ipv4, port, host: hostName }),
  /** A DNS lookup of server.host over UDP before connecting (a stub resolver on the client). */
  dns: z
    .strictObject({
      resolver: z.strictObject({ ip: ipv4, port: port.default(53) }),
      rttMs: z.number().min(1, 'expected at least 1 ms').max(2000, 'expected at most 2000 ms'),
      /** The stub resolver's wait before it asks again (glibc: 5 s; we default to 1 s to keep it watchable). */
      timeoutMs: z.number().min(10).max(30000).default(1000),
      attempts: z.number().int().min(1).max(5).default(3),
      ttlS: z.number().int().min(0).max(86400).default(300),
    })
    .optional(),
  link: z.strictObject({
    rttMs: z.number({ error: (i) => `expected a number ≥ 1, got ${JSON.stringify(i.input)}` }).min(1, 'expected at least 1 ms').max(2000, 'expected at most 2000 ms'),
    bandwidthMbps: z.number().min(0.1).max(100000),
    /** Drop-tail queue in front of each direction of the link, in packets. */
    queuePackets: z.number().int().min(1).max(100000).default(1000),
    /** Random loss in each direction, 0 to 0.5, drawn from the seed. */
    lossRate: z.number().min(0).max(0.5).default(0),
    /** Packets the link drops on purpose (a lesson about one loss). */
    drop: z.array(dropRule).max(100).default([]),
  }),
  /** Where the capture is taken: at the client (what its Wireshark shows), at the server, or on the wire between them. */
  capture: z.enum(['client', 'server', 'wire']).default('client'),
  tcp: z.strictObject({
    mss: z.number().int().min(536).max(9000),
    /** Receive buffer each side offers, in bytes (scaled by windowScale on the wire). */
    window: z.number().int().min(1, 'expected a positive window').max(16 * 1024 * 1024),
    windowScale: z.number().int().min(0).max(14),
    /** RFC 6928: 10 segments. */
    initialWindowSegments: z.number().int().min(1).max(100).default(10),
    /** RFC 6298 says 1000 ms; Linux uses 200 ms. */
    minRtoMs: z.number().min(1).max(5000).default(1000),
    /** Delayed ACKs (RFC 1122/5681): ACK every second full segment or after 40 ms (Linux's minimum). Off: ACK every segment. */
    delayedAck: z.boolean().default(false),
    /** Offer SACK (RFC 2018) on the SYNs. */
    sack: z.boolean().default(true),
    /** How fast the client application reads what arrives, in bytes per second; absent: at once. */
    clientReadBytesPerSecond: z.number().min(100).max(1e10).optional(),
    /** Linux's TCP_TIMEWAIT_LEN: 60 s. */
    timeWaitS: z.number().min(0).max(240).default(60),
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
    bodyBytes: z.number().int().min(0).max(200_000_000, 'the response body may be at most 200,000,000 bytes'),
    /**
     * Connections made one after the other, each with the paths it requests in turn
     * (HTTP/1.1 keep-alive). Absent: one connection requesting `path`.
     */
    connections: z
      .array(
        z.strictObject({
          requests: z.array(z.string().regex(/^\/[\x21-\x7e]*$/, 'expected a path starting with "/"')).min(1).max(20),
          /** The TLS version both ends speak on this connection: 1.3 (default), or 1.2 (a curl told --tls-max 1.2, a server that speaks no newer). */
          tlsVersion: z.enum(['1.2', '1.3']).optional(),
        }),
      )
      .min(1)
      .max(5)
      .optional(),
    /**
     * The HTTP the server picks by ALPN in the TLS handshake: HTTP/1.1 (requests one
     * after the other), or h2 (RFC 9113: each request of a connection on its own stream, all at once).
     */
    version: z.enum(['http/1.1', 'h2']).default('http/1.1'),
  }),
  /** TLS beyond the defaults (curl's ClientHello to an OpenSSL server with a valid certificate). */
  tls: z
    .strictObject({
      /** The leaf the server presents: its valid one, or one that expired before the capture (the client answers certificate_expired). */
      /** Whose ClientHello the client sends: curl's (OpenSSL 3.0) or Chrome's (GREASE, X25519MLKEM768, shuffled extensions). */
      profile: z.enum(['curl', 'chrome']).default('curl'),
      certificate: z.enum(['valid', 'expired']).default('valid'),
      /** Key exchange groups the server accepts, best first (OpenSSL's groups list); absent: X25519MLKEM768, x25519, secp256r1, x448, secp384r1, secp521r1. */
      serverGroups: z.array(z.enum(['X25519MLKEM768', 'x25519', 'secp256r1', 'x448', 'secp384r1', 'secp521r1'])).min(1).max(6).optional(),
      /**
       * Connections after the first resume with the newest ticket the server sent (RFC 8446 §2.2):
       * `ticket` with its PSK and a fresh x25519 exchange; `0-rtt` also sends the first request as
       * early data, and the server (SSL_CTX_set_max_early_data 16384) takes it.
       */
      resumption: z.enum(['off', 'ticket', '0-rtt']).default('off'),
    })
    .optional(),
  /** Time the server application takes to answer the request. */
  serverThinkMs: z.number().min(0).max(10000),
  /** Time the client keeps the connection open after the response, before it closes. */
  clientLingerMs: z.number().min(0).max(10000),
});

export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written in a file: defaults may be left out. */
export type ScenarioInput = z.input<typeof scenarioSchema>;

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
