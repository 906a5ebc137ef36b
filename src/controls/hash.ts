/** What the URL hash asks for, after checking it; problems are shown to the user, never thrown. */
export interface HashState {
  scenario: string;
  /** Presentation seconds. */
  t: number;
  problems: string[];
}

const MAX_VALUE_LENGTH = 64;
const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

export function parseHash(hash: string, knownScenarios: readonly string[], durationS: (scenario: string) => number): HashState {
  const state: HashState = { scenario: knownScenarios[0], t: 0, problems: [] };
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const scenario = params.get('scenario');
  if (scenario !== null) {
    if (knownScenarios.includes(scenario)) state.scenario = scenario;
    else state.problems.push(`Unknown scenario "${clip(scenario)}": showing "${state.scenario}". Known: ${knownScenarios.join(', ')}.`);
  }
  const t = params.get('t');
  if (t !== null) {
    const value = t.length <= MAX_VALUE_LENGTH && /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
    const max = durationS(state.scenario);
    if (!Number.isFinite(value)) {
      state.problems.push(`Ignored t="${clip(t)}": expected seconds such as t=2.35.`);
    } else if (value > max) {
      state.t = max;
      state.problems.push(`t=${clip(t)} is past the end (${max.toFixed(2)} s): showing the end.`);
    } else {
      state.t = value;
    }
  }
  for (const key of new Set(params.keys())) {
    if (key !== 'scenario' && key !== 't') state.problems.push(`Ignored unknown setting "${clip(key)}".`);
  }
  return state;
}

export function formatHash(scenario: string, t: number): string {
  return `#scenario=${encodeURIComponent(scenario)}&t=${t.toFixed(2)}`;
}
