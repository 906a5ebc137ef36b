import { MAX_SPEED, MIN_SPEED, type Player, type PlayerState } from '../playback/player';
import { nearestFrame } from '../timeline/eventsUpTo';
import { directionCode, KNOBS, noVariant, readDropList, readKnob, type DropSpec, type NetKnobs, type Variant } from '../sim/variant';
import { parseStreamList } from '../import/conversations';
import { parseTimeScale, TIME_SCALES, timeScaleName } from '../timeline/timeScale';

/** `scenario=file`: the link was made with a scenario loaded from a file, which a URL cannot carry. */
export const FILE_SCENARIO = 'file';
/** `scenario=capture&stream=N`: the link was made with a capture opened in the page (its conversation N). */
export const CAPTURE_SCENARIO = 'capture';
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
  /** `scenario=capture`: the conversation (stream=) of a capture the page must be given again. */
  capture?: { stream?: string; time?: string };
  /** `scenario=file&time=`: the time scale of a trace file (npm run import) the page must be given again. */
  time?: string;
  /** What-if changes to the network and packets to lose (rtt=, bw=, loss=, size=, drop=). */
  variant: Variant;
  problems: string[];
}

/**
 * Where a scenario ends, in frames: a link's times are valid up to the last frame (the one End shows),
 * which is ceil(duration × fps), a little past the duration. `lastFrame` is Infinity when it cannot be
 * known yet, as for a scenario file.
 */
export interface SceneEnd {
  lastFrame: number;
  fps: number;
}

/** Seconds as a link writes them; at 60 fps two decimals name every frame exactly (nearestFrame reads them back). */
export const linkSeconds = (s: number): string => s.toFixed(2);

const MAX_VALUE_LENGTH = 64;
const KNOWN = new Set(['scenario', 't', 'speed', 'range', 'loop', 'embed', 'drop', 'stream', 'time', ...KNOBS.map((k) => k.hash)]);
const clip = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);
/** Plain non-negative decimal seconds ("2.35"), or NaN: no signs, exponents, hex or words. */
export const parseSeconds = (s: string): number => (s.length <= MAX_VALUE_LENGTH && /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN);

/**
 * Reads and checks the URL hash. `endOf` gives where a scenario ends with the link's variant applied.
 * Every time is checked as the frame it names, so every link formatHash writes for a reachable
 * moment is accepted as it was written.
 */
export function parseHash(hash: string, knownScenarios: readonly string[], endOf: (scenario: string, variant: Variant, file: boolean) => SceneEnd): HashState {
  const state: HashState = { scenario: knownScenarios[0], t: 0, speed: 1, loop: false, embed: false, file: false, variant: noVariant(), problems: [] };
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
    } else if (scenario === CAPTURE_SCENARIO) {
      state.file = true;
      const stream = params.get('stream');
      const valid = stream !== null && parseStreamList(stream) !== undefined;
      state.problems.push(`This link is for a capture, which a link cannot carry: showing "${state.scenario}" until you open that capture again ("open capture…"; nothing leaves your browser).`);
      if (stream !== null && !valid) state.problems.push(`Ignored stream="${clip(stream)}": expected a TCP stream number such as stream=0, or "udp 0"; several separated by commas, such as stream=0,1,udp 0.`);
      state.capture = valid ? { stream } : {};
    } else state.problems.push(`Unknown scenario "${clip(scenario)}": showing "${state.scenario}". Known: ${knownScenarios.join(', ')}.`);
  }
  // The time scale a capture or a trace file was played at: t= is a moment at that scale.
  const time = params.get('time');
  if (time !== null && state.file) {
    if (parseTimeScale(time) === undefined) state.problems.push(`Ignored time="${clip(time)}": expected ${TIME_SCALES.map(timeScaleName).join(', ')} (fit, or real time × that many).`);
    else if (state.capture) state.capture.time = time;
    else state.time = time;
  }
  state.variant = { net: parseKnobs(params, state.problems), drops: parseDrops(params, state.problems) };
  const { lastFrame, fps } = endOf(state.scenario, state.variant, state.file);
  const frameOf = (s: number) => nearestFrame(s, fps);
  const endS = lastFrame / fps;
  const end = Number.isFinite(endS) ? linkSeconds(endS) : '…';
  const t = params.get('t');
  if (t !== null) {
    const value = parseSeconds(t);
    if (!Number.isFinite(value)) state.problems.push(`Ignored t="${clip(t)}": expected seconds such as t=2.35.`);
    else if (frameOf(value) > lastFrame) {
      state.t = endS;
      state.problems.push(`t=${clip(t)} is past the end (${end} s): showing the end.`);
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
    // In and out must name two different frames: a range of one frame has nothing to play or loop.
    if (rest.length === 0 && Number.isFinite(from) && Number.isFinite(to) && frameOf(from) < frameOf(to) && frameOf(to) <= lastFrame) state.range = { in: from, out: to };
    else state.problems.push(`Ignored range="${clip(range)}": expected IN-OUT seconds with IN before OUT, within 0–${end}, such as range=1.20-5.00.`);
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
    if (key === 'stream' && !state.capture) state.problems.push('Ignored stream=: it goes with scenario=capture.');
    else if (key === 'time' && !state.file) state.problems.push('Ignored time=: it goes with scenario=capture, or scenario=file for a trace file.');
    else if (!KNOWN.has(key)) state.problems.push(`Ignored unknown setting "${clip(key)}".`);
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

/** What a link carries of a player: its moment in seconds. */
export type LinkMoment = Pick<HashState, 't' | 'speed' | 'range' | 'loop'>;

/** A player's state as a link carries it (frames → seconds). */
export const linkMoment = (s: Pick<PlayerState, 'frame' | 'speed' | 'range' | 'loop'>, fps: number): LinkMoment => ({
  t: s.frame / fps,
  speed: s.speed,
  range: s.range && { in: s.range.in / fps, out: s.range.out / fps },
  loop: s.loop,
});

/** Puts a link's moment into a player: each time becomes the frame nearest to it. */
export function applyLinkMoment(player: Player, m: LinkMoment): void {
  const fps = player.fps;
  player.setSpeed(m.speed);
  player.setLoop(m.loop);
  if (m.range) player.setRange({ in: nearestFrame(m.range.in, fps), out: nearestFrame(m.range.out, fps) });
  player.seek(nearestFrame(m.t, fps));
}

/** The hash for a moment; settings at their defaults are left out. */
export function formatHash(s: { scenario: string; stream?: string; time?: string; t: number; speed?: number; range?: { in: number; out: number }; loop?: boolean; embed?: boolean; variant?: Variant }): string {
  let h = `#scenario=${encodeURIComponent(s.scenario)}${s.stream !== undefined ? `&stream=${s.stream.split(',').map(encodeURIComponent).join(',')}` : ''}${s.time !== undefined && s.time !== 'fit' ? `&time=${encodeURIComponent(s.time)}` : ''}&t=${linkSeconds(s.t)}`;
  if (s.speed !== undefined && s.speed !== 1) h += `&speed=${s.speed}`;
  if (s.range) h += `&range=${linkSeconds(s.range.in)}-${linkSeconds(s.range.out)}`;
  if (s.loop) h += '&loop=1';
  h += formatVariant(s.variant);
  if (s.embed) h += '&embed=1';
  return h;
}
