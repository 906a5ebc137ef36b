import type { Scenario } from '../sim/scenario';
import { parseScenarioFile, scenarioProblems } from '../sim/scenarioFile';
import { findScenario, pageScenarioIds } from '../sim/scenarios';
import { WireSceneError } from './mediaError';

/** A built-in scenario by id, or the error that names the known ones. */
export function builtInScenario(id: string): Scenario | WireSceneError {
  const known = pageScenarioIds();
  const scenario = known.includes(id) ? findScenario(id) : undefined;
  return scenario ?? new WireSceneError('unknown-scenario', `Unknown scenario "${id.slice(0, 40)}". Known: ${known.join(', ')}.`);
}

/** A scenario file's text (what `src` points at), or the error listing its problems (file name, field, fix). */
export function scenarioFromText(url: string, text: string): Scenario | WireSceneError {
  const name = decodeURIComponent(url.replace(/[?#].*$/, '').replace(/^.*\//, '')) || 'scenario.json';
  try {
    return parseScenarioFile(name, text);
  } catch (e) {
    const problems = scenarioProblems(e, name);
    return new WireSceneError('invalid-scenario', `${name} is not a scenario file: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems);
  }
}

/** Fetches `src` (same rules as any fetch on the page: CORS, CSP connect-src) and reads it as a scenario file. */
export async function scenarioFromUrl(url: string, signal: AbortSignal): Promise<Scenario | WireSceneError> {
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'same-origin' });
  } catch (e) {
    if (signal.aborted) throw e;
    return new WireSceneError('network', `Could not fetch ${url}: ${(e as Error).message}. Check the address, and that the server allows this page to read it (CORS, connect-src).`);
  }
  if (!response.ok) return new WireSceneError('network', `Could not fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  return scenarioFromText(url, await response.text());
}
