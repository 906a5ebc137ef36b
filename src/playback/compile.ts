import { gsap } from 'gsap';
import { DROP_MARK_S, FADE_S, FLIGHT_EASE } from '../timeline/motion';
import type { Plan } from '../timeline/plan';

export { FADE_S, FLIGHT_EASE };

/** Animated numbers of one packet sprite: where it is on the link (0..1) and how visible. */
export interface FlightTween {
  progress: number;
  alpha: number;
}

export interface BannerTween {
  alpha: number;
  scale: number;
}

/** Everything GSAP animates; the rest of the picture is looked up from the plan. */
export interface TweenState {
  flights: FlightTween[];
  banners: BannerTween[];
  skips: { alpha: number }[];
  /** The ✕ where a lost packet died, one per plan drop. */
  drops: { alpha: number; scale: number }[];
  /** 1 right after a node's state changes, easing back to 0. */
  pulse: { client: { value: number }; server: { value: number } };
}

const PULSE_S = 0.7;

interface TweenSpec {
  atS: number;
  target: object;
  from: gsap.TweenVars;
  to: gsap.TweenVars;
}

/**
 * Compiles a plan into one paused GSAP timeline of absolute fromTo tweens, added in time
 * order. Tweens on the same property never overlap, so any seek order gives the same values.
 */
export interface CompileOptions {
  /**
   * prefers-reduced-motion: sprites do not slide; each appears at its arrival end shortly
   * before it lands (REDUCED_SHOW_S) and fades; a lost one appears where it died, as it dies. Windows never overlap on a lane because
   * lane gaps exceed REDUCED_SHOW_S + REDUCED_FADE_S.
   */
  reducedMotion?: boolean;
}

export const REDUCED_SHOW_S = 0.3;
export const REDUCED_FADE_S = 0.1;

const flightEase = gsap.parseEase(FLIGHT_EASE);

/** Where on the link (0..1) a lost sprite stops: the flight curve at the share of the trip it made. */
export const lostProgress = (trip: number): number => flightEase(trip);

export function compilePlan(plan: Plan, options: CompileOptions = {}): { timeline: gsap.core.Timeline; state: TweenState } {
  const reduced = options.reducedMotion ?? false;
  const state: TweenState = {
    flights: plan.flights.map((f) => ({ progress: reduced ? (f.lost ? lostProgress(f.lost.trip) : 1) : 0, alpha: 0 })),
    banners: plan.banners.map(() => ({ alpha: 0, scale: 0.9 })),
    skips: plan.skips.map(() => ({ alpha: 0 })),
    drops: plan.drops.map(() => ({ alpha: 0, scale: 0.6 })),
    pulse: { client: { value: 0 }, server: { value: 0 } },
  };
  const specs: TweenSpec[] = [];
  const add = (atS: number, target: object, from: gsap.TweenVars, to: gsap.TweenVars) => specs.push({ atS, target, from, to });

  plan.flights.forEach((f, i) => {
    const s = state.flights[i];
    if (reduced && f.lost) {
      // Shown only once it has died: earlier, standing at its death spot, it would sit ahead of where it is.
      add(f.endS, s, { alpha: 0 }, { alpha: 1, duration: REDUCED_FADE_S, ease: 'none' });
      add(f.endS + REDUCED_SHOW_S, s, { alpha: 1 }, { alpha: 0, duration: REDUCED_FADE_S, ease: 'none' });
      return;
    }
    if (reduced) {
      add(f.endS - REDUCED_SHOW_S, s, { alpha: 0 }, { alpha: 1, duration: REDUCED_FADE_S, ease: 'none' });
      add(f.endS, s, { alpha: 1 }, { alpha: 0, duration: REDUCED_FADE_S, ease: 'none' });
      return;
    }
    add(f.startS, s, { alpha: 0 }, { alpha: 1, duration: FADE_S, ease: 'none' });
    if (f.lost) {
      // The first `trip` of a whole flight's curve, so a lost sprite moves exactly as a delivered one until it dies.
      const trip = f.lost.trip;
      const at = lostProgress(trip);
      add(f.startS, s, { progress: 0 }, { progress: at, duration: f.endS - f.startS, ease: (x: number) => flightEase(x * trip) / at });
    } else {
      add(f.startS, s, { progress: 0 }, { progress: 1, duration: f.endS - f.startS, ease: FLIGHT_EASE });
    }
    add(f.endS, s, { alpha: 1 }, { alpha: 0, duration: FADE_S, ease: 'none' });
  });

  plan.drops.forEach((d, i) => {
    const s = state.drops[i];
    add(d.atS, s, { alpha: 0, scale: 0.6 }, { alpha: 1, scale: 1, duration: 0.2, ease: 'back.out(3)' });
    add(d.atS + DROP_MARK_S, s, { alpha: 1 }, { alpha: 0, duration: 0.5, ease: 'none' });
  });

  plan.banners.forEach((b, i) => {
    const s = state.banners[i];
    const fade = Math.min(0.25, (b.endS - b.startS) / 3);
    add(b.startS, s, { alpha: 0, scale: 0.9 }, { alpha: 1, scale: 1, duration: fade, ease: 'back.out(2)' });
    if (b.endS < plan.durationS) add(b.endS - fade, s, { alpha: 1 }, { alpha: 0, duration: fade, ease: 'none' });
  });

  plan.skips.forEach((k, i) => {
    const s = state.skips[i];
    add(k.atS, s, { alpha: 0 }, { alpha: 1, duration: 0.2, ease: 'none' });
    add(k.atS + 1.0, s, { alpha: 1 }, { alpha: 0, duration: 0.3, ease: 'none' });
  });

  for (const node of ['client', 'server'] as const) {
    const changes = plan.badges.filter((b) => b.node === node);
    changes.forEach((b, i) => {
      const next = changes[i + 1]?.atS ?? Infinity;
      const duration = Math.min(PULSE_S, next - b.atS);
      if (duration > 0) add(b.atS, state.pulse[node], { value: 1 }, { value: 0, duration, ease: 'power2.out' });
    });
  }

  const timeline = gsap.timeline({ paused: true });
  specs
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.atS - b.s.atS || a.i - b.i)
    .forEach(({ s }) => timeline.fromTo(s.target, s.from, { ...s.to, immediateRender: false }, s.atS));
  return { timeline, state };
}
