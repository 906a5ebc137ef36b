/**
 * Motion rules shared by the scheduler (lane gaps, waits behind a lost packet), the
 * playback compiler (tweens) and the renderer's lane-gap proof: one place, one number each.
 */

/** A sprite fades in as it leaves and out as it lands (or dies), in this many screen seconds. */
export const FADE_S = 0.15;

/** How a sprite moves along its lane (a GSAP ease name; render/stageLayout proves lane gaps with it). */
export const FLIGHT_EASE = 'power1.inOut';

/**
 * Where on its trip a lost packet dies: the share of the one-way time elapsed when the link
 * dropped it, kept off the ends so the death is seen on the link, not inside a host.
 */
export const LOST_TRIP_MIN = 0.3;
export const LOST_TRIP_MAX = 0.7;

/** How long the ✕ of a lost packet stays on the link (screen seconds, fades out after). */
export const DROP_MARK_S = 1.0;
