import { describe, expect, it } from 'vitest';
import https from '../../assets/scenarios/https.json';
import { ScenarioError } from './scenario';
import { MAX_SCENARIO_FILE_BYTES, parseScenarioFile, scenarioProblems } from './scenarioFile';
import { closestKey, formatPath } from './scenarioIssues';

/** The problems a file with this content gets, one line each. */
function problems(content: unknown, name = 'lost.json'): string[] {
  try {
    parseScenarioFile(name, typeof content === 'string' ? content : JSON.stringify(content));
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems;
  }
  throw new Error('expected the file to be rejected');
}

const withLink = (link: object) => ({ ...https, link: { ...https.link, ...link } });

describe('parseScenarioFile', () => {
  it('reads a good file, filling in the defaults', () => {
    const s = parseScenarioFile('https.json', JSON.stringify(https));
    expect(s.link).toEqual({ ...https.link, queuePackets: 1000, lossRate: 0, drop: [] });
    const { description: _, ...bare } = https;
    expect(parseScenarioFile('bare.json', JSON.stringify(bare)).description).toBe('');
    expect(s.description).toBe(https.description);
    expect(parseScenarioFile('x.json', `\uFEFF${JSON.stringify({ ...https, $schema: './scenario.schema.json' })}`).id).toBe('https');
  });

  it.each<[string, unknown, string]>([
    ['a word for a number', withLink({ rttMs: 'fast' }), 'lost.json: link.rttMs: expected a number ≥ 1, got "fast"'],
    ['a number out of range (the schema says the unit)', withLink({ rttMs: 0.5 }), 'lost.json: link.rttMs: expected at least 1 ms, got 0.5'],
    ['a string for a number, with the bounds', withLink({ bandwidthMbps: '10' }), 'lost.json: link.bandwidthMbps: expected a number from 0.1 to 100,000, got "10"'],
    ['a fraction for a whole number', { ...https, seed: 1.5 }, 'lost.json: seed: expected a whole number, got 1.5'],
    ['too big', withLink({ lossRate: 0.9 }), 'lost.json: link.lossRate: expected at most 0.5, got 0.9'],
    ['too small', { ...https, tcp: { ...https.tcp, mss: 10 } }, 'lost.json: tcp.mss: expected at least 536, got 10'],
    ['not one of the options', { ...https, isn: 'nope' }, 'lost.json: isn: expected one of "teaching", "random", got "nope"'],
    ['a missing field', { ...https, client: undefined }, 'lost.json: client: missing: expected an object ({…})'],
    ['null for an object', { ...https, client: null }, 'lost.json: client: expected an object ({…}), got null'],
    ['a bad address', { ...https, client: { ip: '1.2.3', port: 80 } }, 'lost.json: client.ip: expected an IPv4 address such as 192.0.2.10, got "1.2.3"'],
    ['a misspelt key', withLink({ rtt: 40 }), 'lost.json: link: unknown field "rtt" (did you mean "rttMs"?); known here: rttMs, bandwidthMbps, queuePackets, lossRate, drop'],
    ['a bad list item', withLink({ drop: [{ direction: 'up' }] }), 'lost.json: link.drop[0].direction: expected one of "client-to-server", "server-to-client", "client-to-resolver", "resolver-to-client", got "up"'],
    ['an empty list', { ...https, http: { ...https.http, connections: [] } }, 'lost.json: http.connections: expected at least 1 item, got 0 items'],
    ['a bad header name', { ...https, http: { ...https.http, headers: { 'X Bad': '1' } } }, 'lost.json: http.headers["X Bad"]: bad key: a header name must be 1–64 ASCII token characters (letters, digits, !#$%&\'*+-.^_`|~)'],
    ['a long value, clipped', { ...https, isn: 'x'.repeat(200) }, `lost.json: isn: expected one of "teaching", "random", got "${'x'.repeat(38)}…"`],
  ])('%s', (_, content, line) => {
    expect(problems(content)).toEqual([line]);
  });

  it('names every problem, one line each, and the file by its base name', () => {
    const lines = problems({ ...https, foo: 1, link: { rttMs: 'fast' } }, '/home/me/scenarios/lost.json');
    expect(lines).toEqual([
      'lost.json: link.rttMs: expected a number ≥ 1, got "fast"',
      'lost.json: link.bandwidthMbps: missing: expected a number from 0.1 to 100,000',
      'lost.json: unknown field "foo"; known here: id, title, description, seed, isn, client, server, dns, link, capture, tcp, http, tls, serverThinkMs, clientLingerMs',
    ]);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('lists at most a screenful of problems', () => {
    const lines = problems({ ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`x${i}`, 1])), id: 5, title: 5, seed: 'a', isn: 1, client: 1, server: 1, link: 1, tcp: 1, http: 1, serverThinkMs: 'a', clientLingerMs: 'a', capture: 1, dns: 1, description: 1 });
    expect(lines).toHaveLength(13);
    expect(lines.at(-1)).toMatch(/^lost\.json: … and \d+ more$/);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"id": "x",\n}', /^bad\.json: not valid JSON: .+ \(line 2, column 1\)$|^bad\.json: not valid JSON: .*line 2 column 1/],
    ['cut short', '{"id":', /^bad\.json: not valid JSON: /],
    ['empty', '  \n', /^bad\.json: the file is empty; expected a scenario as a JSON object$/],
    ['a list', '[1]', /^bad\.json: expected a scenario as a JSON object \(\{…\}\), got a list of 1$/],
    ['a string', '"https"', /^bad\.json: expected a scenario as a JSON object \(\{…\}\), got "https"$/],
    ['too big', ' '.repeat(MAX_SCENARIO_FILE_BYTES + 1), /^bad\.json: the file is 1\.0 MB; a scenario file is at most 1 MB of JSON$/],
  ])('says what is wrong with a file that is %s', (_, text, line) => {
    const lines = problems(text, 'bad.json');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('scenarioProblems: a ScenarioError gives its lines, anything else one line', () => {
    expect(scenarioProblems(new ScenarioError(['a', 'b']))).toEqual(['a', 'b']);
    expect(scenarioProblems(new Error('boom'), 'x.json')).toEqual(['x.json: boom']);
  });
});

describe('field paths and guesses', () => {
  it('writes paths as a reader would', () => {
    expect(formatPath(['link', 'drop', 0, 'index'])).toBe('link.drop[0].index');
    expect(formatPath(['http', 'headers', 'User Agent'])).toBe('http.headers["User Agent"]');
    expect(formatPath([])).toBe('');
  });
  it('guesses a misspelt key only when it is close', () => {
    expect(closestKey('rtt', ['rttMs', 'bandwidthMbps'])).toBe('rttMs');
    expect(closestKey('bandwithMbps', ['rttMs', 'bandwidthMbps'])).toBe('bandwidthMbps');
    expect(closestKey('colour', ['rttMs', 'bandwidthMbps'])).toBeUndefined();
  });
});
