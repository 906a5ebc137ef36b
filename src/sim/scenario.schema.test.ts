import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError, type ScenarioInput } from './scenario';
import { findScenario } from './scenarios';

/** The https scenario with some fields replaced; its error when parsing fails. */
const withPatch = (patch: (s: ScenarioInput) => Partial<ScenarioInput>): ScenarioInput => {
  const base = findScenario('https')! as ScenarioInput;
  return { ...base, ...patch(base) };
};
const problem = (input: unknown): string => {
  try {
    parseScenario(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  return 'parsed';
};

describe('scenario schema: what a user sees for bad input', () => {
  it('names the error and lists each problem on its own line', () => {
    try {
      parseScenario(withPatch((s) => ({ client: { ...s.client, port: 443.5 } })));
      expect.unreachable();
    } catch (e) {
      expect((e as Error).name).toBe('ScenarioError');
      expect((e as Error).message).toBe('Invalid scenario:\n  - client.port: expected a whole number, got 443.5');
    }
  });

  it('two problems: one line each', () => {
    const message = problem(withPatch((s) => ({ client: { ...s.client, port: 0 }, server: { ...s.server, port: 70000 } })));
    expect(message.split('\n')).toEqual(['Invalid scenario:', expect.stringMatching(/^ {2}- client\.port: /), expect.stringMatching(/^ {2}- server\.port: /)]);
  });

  it('a slow reader reads at least 100 and at most 10^10 bytes a second', () => {
    for (const rate of [100, 1e10]) expect(problem(withPatch((s) => ({ tcp: { ...s.tcp, clientReadBytesPerSecond: rate } })))).toBe('parsed');
    for (const rate of [99, 1e11]) expect(problem(withPatch((s) => ({ tcp: { ...s.tcp, clientReadBytesPerSecond: rate } })))).toMatch(/^Invalid scenario:\n {2}- tcp\.clientReadBytesPerSecond: /);
  });

  it('a content type may have its parameter with or without the space (RFC 9110 §5.6.6 allows OWS)', () => {
    for (const contentType of ['text/html;charset=UTF-8', 'text/html; charset=UTF-8']) expect(problem(withPatch((s) => ({ http: { ...s.http, contentType } })))).toBe('parsed');
  });

  it('a request path starts with "/" and has no space', () => {
    for (const path of ['a/b', '/a b']) expect(problem(withPatch((s) => ({ http: { ...s.http, connections: [{ requests: [path] }] } })))).toContain('expected a path starting with "/"');
  });

  it('takes every value its tls enums name, and defaults to curl, a valid certificate and no resumption', () => {
    const tls = (t: object) => parseScenario(withPatch(() => ({ tls: t }))).tls!;
    expect(tls({})).toEqual({ profile: 'curl', certificate: 'valid', resumption: 'off' });
    for (const profile of ['curl', 'chrome'] as const) expect(tls({ profile }).profile).toBe(profile);
    for (const certificate of ['valid', 'expired'] as const) expect(tls({ certificate }).certificate).toBe(certificate);
    for (const resumption of ['off', 'ticket', '0-rtt'] as const) expect(tls({ resumption }).resumption).toBe(resumption);
    const groups = ['X25519MLKEM768', 'x25519', 'secp256r1', 'x448', 'secp384r1', 'secp521r1'] as const;
    expect(tls({ serverGroups: [...groups] }).serverGroups).toEqual(groups);
    expect(problem(withPatch(() => ({ tls: { serverGroups: [] } })))).toMatch(/^Invalid scenario:\n {2}- tls\.serverGroups: /);
  });
});
