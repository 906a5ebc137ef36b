import { MAX_SPEED, MIN_SPEED } from '../playback/player';

/** What the URL hash asks for, after checking it; problems are shown to the user, never thrown. */
export interface HashState {
  scenario: string;
  /** Presentation seconds. */
  t: number;
  speed: number;
  /** In/out points in presentation seconds. */
  range?: { in: number; out: number };
  loop: boolean;
  /** Embed mode: the canvas and minimal controls, for an iframe. */
  embed: boolean;
  problems: string[];
}

const MAX_VALUE_LENGTH = 64;
const KNOWN = new Set(['scenario', 't', 'speed', 'range', 'loop', 'embed']);
const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);
/** Plain non-negative decimal seconds ("2.35"), or NaN: no signs, exponents, hex or words. */
export const parseSeconds = (s: string): number => (s.length <= MAX_VALUE_LENGTH && /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN);

export function parseHash(hash: string, knownScenarios: readonly string[], durationS: (scenario: string) => number): HashState {
  const state: HashState = { scenario: knownScenarios[0], t: 0, speed: 1, loop: false, embed: false, problems: [] };
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(hash.replace(/^#/, ''));
  } catch {
    state.problems.push('Ignored the link settings: they could not be read.');
    return state;
  }
  const scenario = params.get('scenario');
  if (scenario !== null) {
    if (knownScenarios.includes(scenario)) state.scenario = scenario;
    else state.problems.push(`Unknown scenario "${clip(scenario)}": showing "${state.scenario}". Known: ${knownScenarios.join(', ')}.`);
  }
  const max = durationS(state.scenario);
  const t = params.get('t');
  if (t !== null) {
    const value = parseSeconds(t);
    if (!Number.isFinite(value)) state.problems.push(`Ignored t="${clip(t)}": expected seconds such as t=2.35.`);
    else if (value > max) {
      state.t = max;
      state.problems.push(`t=${clip(t)} is past the end (${max.toFixed(2)} s): showing the end.`);
    } else state.t = value;
  }
  const speed = params.get('speed');
  if (speed !== null) {
    const value = parseSeconds(speed);
    if (Number.isFinite(value) && value >= MIN_SPEED && value <= MAX_SPEED) state.speed = value;
    else state.problems.push(`Ignored speed="${clip(speed)}": expected ${MIN_SPEED} to ${MAX_SPEED}.`);
  }
  const range = params.get('range');
  if (range !== null) {
    const [a, b, ...rest] = range.split('-');
    const from = parseSeconds(a ?? '');
    const to = parseSeconds(b ?? '');
    if (rest.length === 0 && Number.isFinite(from) && Number.isFinite(to) && from < to && to <= max) state.range = { in: from, out: to };
    else state.problems.push(`Ignored range="${clip(range)}": expected IN-OUT seconds within 0–${max.toFixed(2)}, such as range=1.20-5.00.`);
  }
  const loop = params.get('loop');
  if (loop !== null) {
    if (loop === '1' || loop === '0') state.loop = loop === '1';
    else state.problems.push(`Ignored loop="${clip(loop)}": expected 1 or 0.`);
  }
  const embed = params.get('embed');
  if (embed !== null) {
    if (embed === '1' || embed === '0') state.embed = embed === '1';
    else state.problems.push(`Ignored embed="${clip(embed)}": expected 1 or 0.`);
  }
  for (const key of new Set(params.keys())) {
    if (!KNOWN.has(key)) state.problems.push(`Ignored unknown setting "${clip(key)}".`);
  }
  return state;
}

/** The hash for a moment; settings at their defaults are left out. */
export function formatHash(s: { scenario: string; t: number; speed?: number; range?: { in: number; out: number }; loop?: boolean; embed?: boolean }): string {
  let h = `#scenario=${encodeURIComponent(s.scenario)}&t=${s.t.toFixed(2)}`;
  if (s.speed !== undefined && s.speed !== 1) h += `&speed=${s.speed}`;
  if (s.range) h += `&range=${s.range.in.toFixed(2)}-${s.range.out.toFixed(2)}`;
  if (s.loop) h += '&loop=1';
  if (s.embed) h += '&embed=1';
  return h;
}
