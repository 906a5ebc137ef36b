import { parseScenario, ScenarioError, type Scenario } from './scenario';
import { showValue } from './scenarioIssues';

/** A scenario file is a few kilobytes; anything this big is a wrong file (a capture, a video). */
export const MAX_SCENARIO_FILE_BYTES = 1_000_000;
/** Past this many, the rest of the problems are counted, not listed (one file, one screen). */
const MAX_PROBLEMS = 12;

/** Line and column (1-based) of a character offset, for a JSON syntax error. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** JSON.parse's complaint in one line, with the line and column where V8 gives only a position. */
function syntaxProblem(text: string, e: Error): string {
  const message = e.message.split('\n')[0];
  const position = /at position (\d+)/.exec(message);
  if (/line \d+ column \d+/.test(message) || !position) return `not valid JSON: ${message}`;
  return `not valid JSON: ${message.replace(/ in JSON at position \d+.*$| at position \d+.*$/, '')} (${lineColumn(text, Number(position[1]))})`;
}

/**
 * Reads a scenario file's text. Every problem is one line naming the file and the field:
 * `lost.json: link.rttMs: expected a number from 1 to 2000, got "fast"`. Throws a
 * ScenarioError whose `problems` are those lines.
 */
export function parseScenarioFile(fileName: string, text: string): Scenario {
  const name = fileName.replace(/^.*[\\/]/, '') || 'scenario';
  const fail = (problems: string[]): never => {
    const shown = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more`);
    throw new ScenarioError(shown.map((p) => `${name}: ${p}`));
  };
  if (text.length > MAX_SCENARIO_FILE_BYTES) fail([`the file is ${(text.length / 1e6).toFixed(1)} MB; a scenario file is at most ${MAX_SCENARIO_FILE_BYTES / 1e6} MB of JSON`]);
  if (text.trim() === '') fail(['the file is empty; expected a scenario as a JSON object']);
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    fail([syntaxProblem(text, e as Error)]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail([`expected a scenario as a JSON object ({…}), got ${showValue(json)}`]);
  try {
    return parseScenario(json);
  } catch (e) {
    if (e instanceof ScenarioError) return fail(e.problems);
    throw e;
  }
}

/** The message lines for any error thrown while reading a scenario (a ScenarioError's problems, else its message). */
export function scenarioProblems(e: unknown, fileName?: string): string[] {
  if (e instanceof ScenarioError) return e.problems;
  const message = e instanceof Error ? e.message : String(e);
  return [fileName ? `${fileName}: ${message}` : message];
}
