import { afterEach, describe, expect, it, vi } from 'vitest';
import https from '../../assets/scenarios/https.json';
import { ScenarioError } from './scenario';
import { MAX_SCENARIO_FILE_BYTES, parseScenarioFile } from './scenarioFile';

// The lines a scenario file's problems get, exactly: where a JSON error is (line and column
// counted by hand), the file's name, the cut after a screenful, the size limit at its edge.

function problems(name: string, text: string): string[] {
  try {
    parseScenarioFile(name, text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems;
  }
  return [];
}

afterEach(() => vi.restoreAllMocks());

describe('JSON syntax errors', () => {
  it('give V8’s complaint without its position, and the line and column of that position', () => {
    // Node 20's V8 says "... in JSON at position 8": byte 8 is the x, line 1, column 9; the lines after it do not count.
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError('Unexpected token x in JSON at position 8');
    });
    expect(problems('bad.json', '{"a": 1 x\n\n\n}')).toEqual(['bad.json: not valid JSON: Unexpected token x (line 1, column 9)']);
    // Position 12 after a newline at 11: line 2, column 1.
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError('Expected double-quoted property name in JSON at position 12');
    });
    expect(problems('bad.json', '{"id": "x",\n}')).toEqual(['bad.json: not valid JSON: Expected double-quoted property name (line 2, column 1)']);
    // "after JSON at position n" (no " in JSON"): the position is cut all the same.
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError('Unexpected non-whitespace character after JSON at position 8');
    });
    expect(problems('bad.json', '{"a":1} x')).toEqual(['bad.json: not valid JSON: Unexpected non-whitespace character after JSON (line 1, column 9)']);
  });

  it('keep a newer V8’s own line and column as they are', () => {
    vi.spyOn(JSON, 'parse').mockImplementationOnce(() => {
      throw new SyntaxError('Expected double-quoted property name in JSON at position 1234 (line 12 column 34)');
    });
    expect(problems('bad.json', '{}')).toEqual(['bad.json: not valid JSON: Expected double-quoted property name in JSON at position 1234 (line 12 column 34)']);
  });

  it('this Node’s own messages, first line only', () => {
    const [line] = problems('bad.json', '{"a": 1 x\n\n\n}');
    expect(line.startsWith('bad.json: not valid JSON: ')).toBe(true);
    expect(line).toMatch(/line 1,? column 9/);
    expect(line).not.toContain('\n');
  });
});

describe('the file as a whole', () => {
  it('names the file by its base name, or "scenario" when it has none', () => {
    expect(problems('a/b/lost.json', 'null')).toEqual(['lost.json: expected a scenario as a JSON object ({…}), got null']);
    expect(problems('C:\\x\\lost.json', '1')).toEqual(['lost.json: expected a scenario as a JSON object ({…}), got 1']);
    expect(problems('', '1')).toEqual(['scenario: expected a scenario as a JSON object ({…}), got 1']);
    expect(problems('dir/', '1')).toEqual(['scenario: expected a scenario as a JSON object ({…}), got 1']);
  });

  it('lists twelve problems in full, and counts the rest', () => {
    // Twelve fields of the wrong type, and a thirteenth.
    const keys = ['id', 'title', 'seed', 'isn', 'client', 'server', 'link', 'tcp', 'http', 'serverThinkMs', 'clientLingerMs', 'capture', 'description'];
    const broken = (n: number) => JSON.stringify({ ...https, ...Object.fromEntries(keys.slice(0, n).map((k) => [k, false])) });
    const twelve = problems('x.json', broken(12));
    expect(twelve).toHaveLength(12);
    expect(twelve.every((l) => !l.includes('more'))).toBe(true);
    const thirteen = problems('x.json', broken(13));
    expect(thirteen).toHaveLength(13);
    expect(thirteen.at(-1)).toBe('x.json: … and 1 more');
  });

  it('reads a file of exactly 1,000,000 characters and refuses one more', () => {
    const json = JSON.stringify(https);
    const padded = json + ' '.repeat(MAX_SCENARIO_FILE_BYTES - json.length);
    expect(padded).toHaveLength(MAX_SCENARIO_FILE_BYTES);
    expect(parseScenarioFile('big.json', padded).id).toBe('https');
    expect(problems('big.json', `${padded} `)).toEqual(['big.json: the file is 1.0 MB; a scenario file is at most 1 MB of JSON']);
  });

  it('drops a byte order mark at the start only', () => {
    expect(parseScenarioFile('x.json', `\uFEFF${JSON.stringify(https)}`).title).toBe(https.title);
    expect(parseScenarioFile('x.json', JSON.stringify({ ...https, title: 'a\uFEFFb' })).title).toBe('a\uFEFFb');
  });
});
