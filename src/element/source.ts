import { buildModel, modelFromSim, type Model } from '../playback/model';
import { TRACE_FORMAT, traceFromJson } from '../import/traceFile';
import type { Scenario } from '../sim/scenario';
import { parseScenarioFile, scenarioProblems } from '../sim/scenarioFile';
import { findScenario, pageScenarioIds } from '../sim/scenarios';
import type { Simulation } from '../sim/types';
import type { TimeScale } from '../timeline/timeScale';
import { WireSceneError } from './mediaError';

/** A built-in scenario by id, or the error that names the known ones. */
export function builtInScenario(id: string): Scenario | WireSceneError {
  const known = pageScenarioIds();
  const scenario = known.includes(id) ? findScenario(id) : undefined;
  return scenario ?? new WireSceneError('unknown-scenario', `Unknown scenario "${id.slice(0, 40)}". Known: ${known.join(', ')}.`);
}

/** What `src` held: a scenario file (to simulate) or a trace file (already a simulation, e.g. an imported capture). */
export type Source = { kind: 'scenario'; scenario: Scenario } | { kind: 'trace'; scenario: Scenario; sim: Simulation };

const fileName = (url: string) => decodeURIComponent(url.replace(/[?#].*$/, '').replace(/^.*\//, '')) || 'scenario.json';

/** `format: "wirescene-trace"` marks a trace file (npm run import): its `source`; anything else is read as a scenario file. */
function traceFileSource(text: string): { capture?: unknown; conversation?: unknown } | undefined {
  try {
    const data = JSON.parse(text);
    return data?.format === TRACE_FORMAT ? (data.source ?? {}) : undefined;
  } catch {
    return undefined;
  }
}

/** A scenario or trace file's text (what `src` points at), or the error listing its problems (file name, field, fix). */
export function sourceFromText(url: string, text: string): Source | WireSceneError {
  const name = fileName(url);
  const trace = traceFromText(name, text);
  if (trace) return trace;
  try {
    return { kind: 'scenario', scenario: parseScenarioFile(name, text) };
  } catch (e) {
    const problems = scenarioProblems(e, name);
    return new WireSceneError('invalid-scenario', `${name} is not a scenario file: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, problems);
  }
}

/**
 * A trace file's text as a source (its scenario only names and describes it), the error naming
 * what is wrong with it, or undefined for text that is not a trace file (a scenario file, say).
 * The element's `src`, the page's "open scenario file…" and `npm run record -- --trace` all read traces here.
 */
export function traceFromText(name: string, text: string): Extract<Source, { kind: 'trace' }> | WireSceneError | undefined {
  const source = traceFileSource(text);
  if (!source) return undefined;
  const trace = traceFromJson(text);
  if (!trace.ok) return new WireSceneError('invalid-trace', `${name}: ${trace.error}`);
  const sim = trace.value;
  const from = typeof source.capture === 'string' ? `${source.capture}${typeof source.conversation === 'string' ? ` · ${source.conversation}` : ''}` : name;
  const packets = Array.isArray(sim.packets) ? sim.packets.length : 0;
  // Only names and describes the trace, as the app's capture scenario does: nothing is simulated.
  const scenario: Scenario = {
    ...findScenario('https')!,
    id: 'trace',
    title: from,
    description: `Traffic from the trace file ${name}: ${sim.client?.ip} ⇄ ${sim.server?.ip}, ${packets} packets.`,
  };
  return { kind: 'trace', scenario, sim };
}

/**
 * The model of a source (a trace at a time scale: fit by default). A trace passes the file's own checks (format, version, packets named by
 * its events) yet may still lack what the timeline needs; that is an invalid trace too, not a crash.
 */
export function modelOfSource(url: string, source: Source, time: TimeScale = 'fit'): Model | WireSceneError {
  if (source.kind === 'scenario') return buildModel(source.scenario);
  try {
    return modelFromSim(source.scenario, source.sim, time);
  } catch (e) {
    return new WireSceneError('invalid-trace', `${fileName(url)}: trace file is damaged: ${(e as Error).message}. Import the capture again (npm run import).`);
  }
}

/** Fetches `src` (same rules as any fetch on the page: CORS, CSP connect-src) and reads it as a scenario or trace file. */
export async function sourceFromUrl(url: string, signal: AbortSignal): Promise<Source | WireSceneError> {
  let response: Response;
  try {
    response = await fetch(url, { signal, credentials: 'same-origin' });
  } catch (e) {
    if (signal.aborted) throw e;
    return new WireSceneError('network', `Could not fetch ${url}: ${(e as Error).message}. Check the address, and that the server allows this page to read it (CORS, connect-src).`);
  }
  if (!response.ok) return new WireSceneError('network', `Could not fetch ${url}: HTTP ${response.status} ${response.statusText}`.trim());
  return sourceFromText(url, await response.text());
}
