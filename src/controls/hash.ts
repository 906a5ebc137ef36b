import { MAX_SPEED, MIN_SPEED } from '../playback/player';
import { directionCode, KNOBS, readDropList, readKnob, type DropSpec, type NetKnobs, type Variant } from '../sim/variant';

/** `scenario=file`: the link was made with a scenario loaded from a file, which a URL cannot carry. */
export const FILE_SCENARIO = 'file';
/** At most this many drops in a link (the schema's limit on link.drop). */
const MAX_DROPS = 100;

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
  /** `scenario=file`: the moment belongs to a scenario file (shown with `scenario` until that file is opened). */
  file: boolean;
  /** What-if changes to the network and packets to lose (rtt=, bw=, loss=, size=, drop=). */
  variant: Variant;
  problems: string[];
}

const MAX_VALUE_LENGTH = 64;
const KNOWN = new Set(['scenario', 't', 'speed', 'range', 'loop', 'embed', 'drop', ...KNOBS.map((k) => k.hash)]);
const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);
/** Plain non-negative decimal seconds ("2.35"), or NaN: no signs, exponents, hex or words. */
export const parseSeconds = (s: string): number => (s.length <= MAX_VALUE_LENGTH && /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN);

/**
 * Reads and checks the URL hash. `durationS` gives the length of a scenario with the link's
 * variant applied (Infinity when it cannot be known yet, as for a scenario file).
 */
export function parseHash(hash: string, knownScenarios: readonly string[], durationS: (scenario: string, variant: Variant, file: boolean) => number): HashState {
  const state: HashState = { scenario: knownScenarios[0], t: 0, speed: 1, loop: false, embed: false, file: false, variant: { net: {}, drops: [] }, problems: [] };
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
    else if (scenario === FILE_SCENARIO) {
      state.file = true;
      state.problems.push(`This link is for a scenario file, which a link cannot carry: showing "${state.scenario}" until you open that file ("open scenario file…").`);
    } else state.problems.push(`Unknown scenario "${clip(scenario)}": showing "${state.scenario}". Known: ${knownScenarios.join(', ')}.`);
  }
  state.variant = { net: parseKnobs(params, state.problems), drops: parseDrops(params, state.problems) };
  const max = durationS(state.scenario, state.variant, state.file);
  const end = Number.isFinite(max) ? `${max.toFixed(2)}` : '…';
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
    else state.problems.push(`Ignored range="${clip(range)}": expected IN-OUT seconds within 0–${end}, such as range=1.20-5.00.`);
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

/** rtt=, bw=, loss=, size=: plain decimals within the knob's bounds (size: whole bytes). */
function parseKnobs(params: URLSearchParams, problems: string[]): NetKnobs {
  const net: NetKnobs = {};
  for (const k of KNOBS) {
    const raw = params.get(k.hash);
    if (raw === null) continue;
    const read = readKnob(k, raw);
    if ('value' in read) net[k.key] = read.value;
    else problems.push(`Ignored ${k.hash}="${clip(raw)}": ${read.problem}.`);
  }
  return net;
}

/** drop=c2s:3,s2c:5 (or several drop= fields): the 3rd packet client → server, the 5th server → client. */
function parseDrops(params: URLSearchParams, problems: string[]): DropSpec[] {
  const drops: DropSpec[] = [];
  for (const raw of params.getAll('drop')) {
    for (const item of raw.split(',')) {
      const read = readDropList(item);
      if ('problem' in read) {
        problems.push(`Ignored drop="${clip(item)}": ${read.problem.replace('such as ', 'such as drop=')}.`);
        continue;
      }
      const drop = read.drops[0];
      if (drops.some((d) => d.direction === drop.direction && d.index === drop.index)) continue;
      if (drops.length === MAX_DROPS) {
        problems.push(`Ignored drop="${clip(item)}" and after: at most ${MAX_DROPS} drops.`);
        return drops;
      }
      drops.push(drop);
    }
  }
  return drops;
}

/** The what-if part of a hash ("&rtt=80&loss=0.01&drop=c2s:3"), empty for none. */
export function formatVariant(v: Variant | undefined): string {
  if (!v) return '';
  let h = '';
  for (const k of KNOBS) if (v.net[k.key] !== undefined) h += `&${k.hash}=${v.net[k.key]}`;
  if (v.drops.length) h += `&drop=${v.drops.map((d) => `${directionCode(d.direction)}:${d.index}`).join(',')}`;
  return h;
}

/** The hash for a moment; settings at their defaults are left out. */
export function formatHash(s: { scenario: string; t: number; speed?: number; range?: { in: number; out: number }; loop?: boolean; embed?: boolean; variant?: Variant }): string {
  let h = `#scenario=${encodeURIComponent(s.scenario)}&t=${s.t.toFixed(2)}`;
  if (s.speed !== undefined && s.speed !== 1) h += `&speed=${s.speed}`;
  if (s.range) h += `&range=${s.range.in.toFixed(2)}-${s.range.out.toFixed(2)}`;
  if (s.loop) h += '&loop=1';
  h += formatVariant(s.variant);
  if (s.embed) h += '&embed=1';
  return h;
}
