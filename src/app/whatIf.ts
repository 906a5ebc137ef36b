import type { Chapter } from '../timeline/plan';
import { directionCode, isNoVariant, KNOBS, type Variant } from '../sim/variant';

/** The chapter shown at t: the last one that has started (the first before any has). */
function chapterIndexAt(chapters: readonly Chapter[], tS: number): number {
  let index = 0;
  for (let i = 0; i < chapters.length; i++) if (chapters[i].startS <= tS) index = i;
  return index;
}

/**
 * Where to go in a re-simulated plan so that the reader stays in the same part of the story:
 * the start of the same chapter (the same id, counted among chapters with that id, so that a
 * second connection's handshake maps to the second one), else the start.
 */
export function sameChapterStartS(before: readonly Chapter[], tS: number, after: readonly Chapter[]): number {
  if (before.length === 0) return 0;
  const index = chapterIndexAt(before, tS);
  const id = before[index].id;
  const nth = before.slice(0, index).filter((c) => c.id === id).length;
  return after.filter((c) => c.id === id)[nth]?.startS ?? 0;
}

/** Where the page's scenario came from. */
export type ScenarioSource =
  | { kind: 'built-in'; id: string }
  | { kind: 'file'; name: string }
  | { kind: 'capture'; name: string; stream: string; /** timeline/timeScale's name: "fit" (default), "10" for real time ×10. */ time?: string }
  /** A trace file (npm run import), opened as a scenario file is: played as recorded, like a capture. */
  | { kind: 'trace'; name: string; time?: string };

/** A capture or a trace: played as recorded (no what-if knobs), at a time scale. */
export const playedAsRecorded = (source: ScenarioSource): source is Extract<ScenarioSource, { kind: 'capture' | 'trace' }> => source.kind === 'capture' || source.kind === 'trace';

/** The flags of `npm run record` (and capture) that reproduce this scenario and variant. */
export function scenarioFlags(source: ScenarioSource, variant: Variant): string[] {
  const time = playedAsRecorded(source) && source.time && source.time !== 'fit' ? ['--time', source.time] : [];
  if (source.kind === 'capture') return ['--capture', source.name, '--stream', source.stream, ...time];
  if (source.kind === 'trace') return ['--trace', source.name, ...time];
  const flags = source.kind === 'file' ? ['--scenario-file', source.name] : ['--scenario', source.id];
  if (isNoVariant(variant)) return flags;
  for (const k of KNOBS) if (variant.net[k.key] !== undefined) flags.push(`--${k.flag}`, String(variant.net[k.key]));
  if (variant.drops.length) flags.push('--drop', variant.drops.map((d) => `${directionCode(d.direction)}:${d.index}`).join(','));
  return flags;
}
