import { describe, expect, it } from 'vitest';
import dnsThenHttps from '../../assets/scenarios/dns-then-https.json';
import https from '../../assets/scenarios/https.json';
import { parseScenario, ScenarioError } from './scenario';

// Each rule of a scenario file, at its edges: what is accepted, and the one line a person gets
// for what is not (the words written out here, as the user reads them).

type Json = Record<string, unknown>;
const base = () => structuredClone(https) as Json;
const withDns = (dns: Json) => ({ ...(structuredClone(dnsThenHttps) as Json), dns: { ...dnsThenHttps.dns, ...dns } });
const at = (section: 'client' | 'server' | 'link' | 'tcp' | 'http', values: Json): Json => {
  const s = base();
  s[section] = { ...(s[section] as Json), ...values };
  return s;
};

/** A value as the line shows it: JSON, cut to 40 characters. */
const shown = (v: string) => (JSON.stringify(v).length > 40 ? `${JSON.stringify(v).slice(0, 39)}…"` : JSON.stringify(v));

function problems(input: unknown): string[] {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('scenario rules, at their edges', () => {
  it('IPv4 addresses: four decimal octets 0-255, no leading zeros', () => {
    for (const ip of ['0.0.0.0', '255.255.255.255', '250.249.199.100', '10.99.9.1', '192.0.2.10']) expect(problems(at('client', { ip })), ip).toEqual([]);
    for (const ip of ['256.0.0.1', '1.2.3.260', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.4 ', 'a.b.c.d', '1.2.3.300', '1..3.4', '1.2.3.-4']) {
      expect(problems(at('client', { ip })), ip).toEqual([`client.ip: expected an IPv4 address such as 192.0.2.10, got ${JSON.stringify(ip)}`]);
    }
  });

  it('ports: whole numbers from 1 to 65535', () => {
    for (const port of [1, 65535]) expect(problems(at('server', { port })), String(port)).toEqual([]);
    expect(problems(at('server', { port: 0 }))).toEqual(['server.port: expected a port from 1 to 65535, got 0']);
    expect(problems(at('server', { port: 65536 }))).toEqual(['server.port: expected a port from 1 to 65535, got 65536']);
    expect(problems(at('client', { port: 443.5 }))).toEqual(['client.port: expected a whole number, got 443.5']);
  });

  it('host names: DNS labels of letters, digits and inner dashes, at most 253 characters', () => {
    const label63 = 'a'.repeat(63);
    const name253 = [label63, label63, label63, 'b'.repeat(61)].join('.');
    expect(name253).toHaveLength(253);
    for (const host of ['example.com', 'a', 'A1-b.C', `${label63}.com`, name253, '9.x-y-z.0']) expect(problems(at('server', { host })), host).toEqual([]);
    for (const host of ['-a.com', 'a-.com', `${label63}a.com`, 'a..com', 'example.com.', 'ex_ample.com', 'exa mple.com', '.com', 'ü.de']) {
      expect(problems(at('server', { host })), host).toEqual([`server.host: expected a DNS name such as example.com, got ${shown(host)}`]);
    }
    expect(problems(at('server', { host: `${name253}b` }))).toEqual([`server.host: a host name has at most 253 characters, got ${shown(`${name253}b`)}`]);
  });

  it('ids, titles and descriptions', () => {
    expect(problems({ ...base(), id: 'a'.repeat(40) })).toEqual([]);
    expect(problems({ ...base(), id: '0-9' })).toEqual([]);
    for (const id of ['a'.repeat(41), '', 'Bad', 'a_b', 'a b', 'ü']) expect(problems({ ...base(), id }), id).toEqual([`id: expected lowercase letters, digits and dashes, got ${shown(id)}`]);
    expect(problems({ ...base(), title: '' })).toEqual(['title: expected at least 1 character, got 0 characters']);
    expect(problems({ ...base(), title: 'x'.repeat(120) })).toEqual([]);
    expect(problems({ ...base(), title: 'x'.repeat(121) })).toEqual(['title: expected at most 120 characters, got 121 characters']);
    expect(problems({ ...base(), description: 'x'.repeat(1200) })).toEqual([]);
    expect(problems({ ...base(), description: 'x'.repeat(1201) })).toEqual(['description: expected at most 1200 characters, got 1201 characters']);
  });

  it('the seed: a 32-bit unsigned whole number', () => {
    for (const seed of [0, 0xffffffff]) expect(problems({ ...base(), seed })).toEqual([]);
    expect(problems({ ...base(), seed: -1 })).toEqual(['seed: expected at least 0, got -1']);
    expect(problems({ ...base(), seed: 2 ** 32 })).toEqual(['seed: expected at most 4,294,967,295, got 4294967296']);
  });

  it('the resolver’s round trip, in the schema’s own words', () => {
    expect(problems(withDns({ rttMs: 1 }))).toEqual([]);
    expect(problems(withDns({ rttMs: 2000 }))).toEqual([]);
    expect(problems(withDns({ rttMs: 0.5 }))).toEqual(['dns.rttMs: expected at least 1 ms, got 0.5']);
    expect(problems(withDns({ rttMs: 2001 }))).toEqual(['dns.rttMs: expected at most 2000 ms, got 2001']);
    expect(problems(withDns({ resolver: { ip: '198.51.100.53', port: 0 } }))).toEqual(['dns.resolver.port: expected a port from 1 to 65535, got 0']);
  });

  it('the link’s round trip: a number from 1 to 2000 ms', () => {
    expect(problems(at('link', { rttMs: 2000 }))).toEqual([]);
    expect(problems(at('link', { rttMs: 2001 }))).toEqual(['link.rttMs: expected at most 2000 ms, got 2001']);
    expect(problems(at('link', { rttMs: null }))).toEqual(['link.rttMs: expected a number ≥ 1, got null']);
  });

  it('the TCP window: positive', () => {
    expect(problems(at('tcp', { window: 1 }))).toEqual([]);
    expect(problems(at('tcp', { window: 0 }))).toEqual(['tcp.window: expected a positive window, got 0']);
  });

  it('HTTP: paths, the user agent, header names and values, the body size', () => {
    for (const path of ['/', '/a?b=c#d', '/~!']) expect(problems(at('http', { path })), path).toEqual([]);
    for (const path of ['index.html', '/a b', '', ' /', '/ü']) expect(problems(at('http', { path })), path).toEqual([`http.path: expected a path starting with "/" in printable ASCII, got ${JSON.stringify(path)}`]);
    expect(problems(at('http', { userAgent: 'x'.repeat(200) }))).toEqual([]);
    expect(problems(at('http', { userAgent: ' ' }))).toEqual([]);
    for (const userAgent of ['', 'x'.repeat(201), 'tab\there']) expect(problems(at('http', { userAgent })), userAgent).toEqual([`http.userAgent: expected printable ASCII, got ${shown(userAgent)}`]);
    expect(problems(at('http', { headers: { 'X-Ok': 'a b', "!#$%&'*+-.^_`|~09Az": '' } }))).toEqual([]);
    expect(problems(at('http', { headers: { ['x'.repeat(64)]: 'v' } }))).toEqual([]);
    expect(problems(at('http', { headers: { 'X-Bad': 'a\nb' } }))).toEqual(['http.headers["X-Bad"]: a header value must be printable ASCII, at most 256 characters, got "a\\nb"']);
    expect(problems(at('http', { headers: { X: 'v'.repeat(257) } }))).toEqual([`http.headers.X: a header value must be printable ASCII, at most 256 characters, got "${'v'.repeat(38)}…"`]);
    expect(problems(at('http', { headers: { ['x'.repeat(65)]: 'v' } }))[0]).toMatch(/^http\.headers\.x{65}: bad key: a header name must be 1–64 ASCII token characters/);
    expect(problems(at('http', { headers: { '': 'v' } }))[0]).toMatch(/^http\.headers\[""\]: bad key: a header name must be/);
    expect(problems(at('http', { bodyBytes: 200_000_000 }))).toEqual([]);
    expect(problems(at('http', { bodyBytes: 200_000_001 }))).toEqual(['http.bodyBytes: the response body may be at most 200,000,000 bytes, got 200000001']);
    expect(problems(at('http', { connections: [{ requests: ['/', 'x'] }] }))).toEqual(['http.connections[0].requests[1]: expected a path starting with "/", got "x"']);
    for (const contentType of ['text/html', 'text/html; charset=utf-8', 'a;b']) expect(problems(at('http', { contentType })), contentType).toEqual([]);
    for (const contentType of ['', 'text/html;  charset=utf-8', 'text html', ' text/html']) expect(problems(at('http', { contentType })), contentType).toHaveLength(1);
  });
});
