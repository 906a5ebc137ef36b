/**
 * How each animated thing in the plan looks at one playhead: a sprite's place on its lane
 * and its alpha, a ✕'s pop, a banner's fade, a badge's pulse. Every rule is a short list of
 * tweens (motion.ts holds the numbers); the value is that of the latest tween to have
 * started, as in a paused GSAP timeline whose tweens on one property never overlap.
 */
import {
  BANNER_FADE_S,
  DROP_FADE_S,
  DROP_MARK_S,
  DROP_POP_S,
  eases,
  FADE_S,
  lostEase,
  lostProgress,
  PULSE_S,
  REDUCED_FADE_S,
  REDUCED_SHOW_S,
  SKIP_IN_S,
  SKIP_OUT_S,
  SKIP_SHOW_S,
} from '../timeline/motion';
import type { BadgeChange, Banner, Drop, Flight, Skip } from '../timeline/plan';
import { countUpTo } from '../timeline/search';
import { roundPrecise, started, tweenValue } from './tweenMath';

const { linear } = eases;

/** A fade in at `inS` and out at `outS` (alpha), each `fadeS` long; 0 before. */
function fadeInOut(at: number, inS: number, outS: number, fadeS: number): number {
  if (started(outS, at)) return tweenValue(at, outS, fadeS, 1, 0, linear);
  if (started(inS, at)) return tweenValue(at, inS, fadeS, 0, 1, linear);
  return 0;
}

export interface FlightMotion {
  progress: number;
  alpha: number;
}

/** A sprite: it fades in as it leaves, slides along its lane, fades out as it lands (or dies); reduced motion shows it only near its end. */
export function flightMotion(f: Flight, at: number, reducedMotion: boolean): FlightMotion {
  if (reducedMotion) {
    if (f.lost) return { progress: lostProgress(f.lost.trip), alpha: fadeInOut(at, f.endS, f.endS + REDUCED_SHOW_S, REDUCED_FADE_S) };
    return { progress: 1, alpha: fadeInOut(at, f.endS - REDUCED_SHOW_S, f.endS, REDUCED_FADE_S) };
  }
  const alpha = fadeInOut(at, f.startS, f.endS, FADE_S);
  if (!started(f.startS, at)) return { progress: 0, alpha };
  const progress = f.lost
    ? tweenValue(at, f.startS, f.endS - f.startS, 0, lostProgress(f.lost.trip), lostEase(f.lost.trip))
    : tweenValue(at, f.startS, f.endS - f.startS, 0, 1, eases.flight);
  return { progress, alpha };
}

/** The ✕ where a lost packet died: pops in, holds DROP_MARK_S, fades out. */
export function dropMotion(d: Drop, at: number): { alpha: number; scale: number } {
  if (!started(d.atS, at)) return { alpha: 0, scale: 0.6 };
  const scale = tweenValue(at, d.atS, DROP_POP_S, 0.6, 1, eases.dropPop);
  const out = d.atS + DROP_MARK_S;
  const alpha = started(out, at) ? tweenValue(at, out, DROP_FADE_S, 1, 0, linear) : tweenValue(at, d.atS, DROP_POP_S, 0, 1, eases.dropPop);
  return { alpha, scale };
}

/** How long after its start a ✕ is still visible. */
export const DROP_TAIL_S = DROP_MARK_S + DROP_FADE_S;

/** A banner pops in at its start and fades before its end (one that lasts to the end of the plan stays). */
export function bannerMotion(b: Banner, at: number, durationS: number): { alpha: number; scale: number } {
  if (!started(b.startS, at)) return { alpha: 0, scale: 0.9 };
  const fade = Math.min(BANNER_FADE_S, (b.endS - b.startS) / 3);
  const scale = tweenValue(at, b.startS, fade, 0.9, 1, eases.bannerPop);
  const outS = b.endS - fade;
  const alpha = b.endS < durationS && started(outS, at) ? tweenValue(at, outS, fade, 1, 0, linear) : tweenValue(at, b.startS, fade, 0, 1, eases.bannerPop);
  return { alpha, scale };
}

/** The skip's caption: in, held, out. */
export function skipMotion(k: Skip, at: number): number {
  const outS = k.atS + SKIP_SHOW_S;
  if (started(outS, at)) return tweenValue(at, outS, SKIP_OUT_S, 1, 0, linear);
  if (started(k.atS, at)) return tweenValue(at, k.atS, SKIP_IN_S, 0, 1, linear);
  return 0;
}

/** 1 as a node's state changes, easing back to 0 over PULSE_S or until its next change. `changes` are that node's, sorted. */
export function pulseAt(changes: readonly BadgeChange[], at: number): number {
  const i = countUpTo(changes, at, (c) => roundPrecise(c.atS)) - 1;
  if (i < 0) return 0;
  const next = changes[i + 1]?.atS ?? Infinity;
  return tweenValue(at, changes[i].atS, Math.min(PULSE_S, next - changes[i].atS), 1, 0, eases.pulse);
}
