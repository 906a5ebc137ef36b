/**
 * Motion rules shared by the scheduler (lane gaps: timeline/laneGap, waits behind a lost
 * packet) and the evaluator (how each sprite, mark and caption moves at a moment): one place,
 * one number each. Sprite sizes and lanes are stage/ geometry. Pure: no Pixi, only GSAP's eases.
 */
import { gsap } from 'gsap';

/** A sprite fades in as it leaves and out as it lands (or dies), in this many screen seconds. */
export const FADE_S = 0.15;

/** How a sprite moves along its lane (a GSAP ease name; timeline/laneGap proves lane gaps with it). */
export const FLIGHT_EASE = 'power1.inOut';

/**
 * Where on its trip a lost packet dies: the share of the one-way time elapsed when the link
 * dropped it, kept off the ends so the death is seen on the link, not inside a host.
 */
export const LOST_TRIP_MIN = 0.3;
export const LOST_TRIP_MAX = 0.7;

/** How long the ✕ of a lost packet stays on the link (screen seconds, fades out after). */
export const DROP_MARK_S = 1.0;
/** The ✕ pops in (alpha and scale, BACK_OUT) and later fades out. */
export const DROP_POP_S = 0.2;
export const DROP_FADE_S = 0.5;

/**
 * prefers-reduced-motion: sprites do not slide; each appears at its arrival end shortly
 * before it lands (REDUCED_SHOW_S) and fades; a lost one appears where it died, as it dies.
 * Windows never overlap on a lane because lane gaps exceed REDUCED_SHOW_S + REDUCED_FADE_S.
 */
export const REDUCED_SHOW_S = 0.3;
export const REDUCED_FADE_S = 0.1;

/** A node's badge pulses for this long after its TCP state changes (or until the next change). */
export const PULSE_S = 0.7;

/** A banner fades in and out over at most this long (a third of a short banner). */
export const BANNER_FADE_S = 0.25;

/** The "▶▶ 1 s retransmission timeout" caption of a skip: in, held, out. */
export const SKIP_IN_S = 0.2;
export const SKIP_SHOW_S = 1.0;
export const SKIP_OUT_S = 0.3;

export type Ease = (progress: number) => number;

export const eases = {
  flight: gsap.parseEase(FLIGHT_EASE) as Ease,
  linear: gsap.parseEase('none') as Ease,
  dropPop: gsap.parseEase('back.out(3)') as Ease,
  bannerPop: gsap.parseEase('back.out(2)') as Ease,
  pulse: gsap.parseEase('power2.out') as Ease,
};

/** Where on the link (0..1) a lost sprite stops: the flight curve at the share of the trip it made. */
export const lostProgress = (trip: number): number => eases.flight(trip);

/** A lost sprite moves exactly as a delivered one, over the first `trip` of the curve, until it dies. */
export function lostEase(trip: number): Ease {
  const at = lostProgress(trip);
  return (x: number) => eases.flight(x * trip) / at;
}

/**
 * The longest a flight's sprite is on screen after it leaves, in either motion mode: its
 * trip, then a fade (or the reduced-motion window around its landing). The evaluator looks
 * this far back for the sprites alive at a moment.
 */
export const flightTailS = (longestTripS: number): number => longestTripS + Math.max(FADE_S, REDUCED_SHOW_S + REDUCED_FADE_S);
