import { gsap } from 'gsap';
import { DROP_MARK_S, FADE_S, FLIGHT_EASE, lostProgress, PULSE_S, REDUCED_FADE_S, REDUCED_SHOW_S } from '../timeline/motion';
import type { Plan } from '../timeline/plan';

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


interface TweenSpec {
  atS: number;
  target: object;
  from: gsap.TweenVars;
  to: gsap.TweenVars;
}

export interface CompileOptions {
  reducedMotion?: boolean;
}

const flightEase = gsap.parseEase(FLIGHT_EASE);

/**
 * The reference the evaluator is checked against (compile.equivalence.test): the plan as
 * one paused GSAP timeline of absolute fromTo tweens, added in time order. Tweens on the
 * same property never overlap, so any seek order gives the same values. The page does not
 * use it: one timeline of every tween costs time linear in the trace on each seek
 * (DESIGN §6); playback/animate evaluates the same tweens directly, only those alive at t.
 */
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
    if (fade <= 0 && b.endS < plan.durationS) {
      // Cut by the next banner at its own start: never seen. One tween, not a pop-in and a fade-out at one
      // instant: sought backwards, GSAP renders a timeline's children in reverse, leaving the pop-in's alpha 1.
      add(b.startS, s, { alpha: 0, scale: 0.9 }, { alpha: 0, scale: 1, duration: 0 });
      return;
    }
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
