import { gsap } from 'gsap';
import { FADE_S, FLIGHT_EASE } from '../playback/compile';
import { MONO_ADVANCE_EM } from './theme';

/**
 * Where things sit, in design units of a 1280×720 stage (the stage is scaled to the
 * canvas). Pure: the renderer and the tests read the same numbers.
 */
export const DESIGN_WIDTH = 1280;
export const DESIGN_HEIGHT = 720;

export const layout = {
  nodeWidth: 230,
  nodeHeight: 150,
  clientX: 170,
  serverX: 1110,
  nodeY: 350,
  laneOffset: 42,
  spriteHeight: 30,
  spriteFontSize: 14,
  spritePadding: 14,
  /** The triangle on a sprite's leading edge. */
  spriteNose: 8,
  /** Extra length of a full-size (1500-byte) packet: a sprite's length reflects its bytes. */
  bytesTail: 110,
  bytesTailFull: 1500,
  /** Clear space kept between two sprites on a lane. */
  laneClearance: 12,
  bannerY: 165,
  skipY: 250,
  captionY: 585,
};

export const linkStartX = layout.clientX + layout.nodeWidth / 2;
export const linkEndX = layout.serverX - layout.nodeWidth / 2;

export function laneY(lane: number): number {
  return layout.nodeY + (lane === 0 ? -layout.laneOffset : layout.laneOffset);
}

/** What decides a sprite's size: its label and the bytes of its packet. */
export interface SpriteShape {
  label: string;
  bytes: number;
}

export const labelWidth = (label: string): number => Math.ceil(label.length * layout.spriteFontSize * MONO_ADVANCE_EM) + 2 * layout.spritePadding;

export const bytesWidth = (bytes: number): number => Math.round((layout.bytesTail * Math.min(bytes, layout.bytesTailFull)) / layout.bytesTailFull);

export function spriteWidth(s: SpriteShape): number {
  return labelWidth(s.label) + bytesWidth(s.bytes);
}

/** Centre x of a sprite at `progress` along the link; it leaves its sender's edge and stops at the receiver's. */
export function spriteX(s: SpriteShape, progress: number, leftToRight: boolean): number {
  const half = spriteWidth(s) / 2 + layout.spriteNose;
  const from = leftToRight ? linkStartX + half : linkEndX - half;
  const to = leftToRight ? linkEndX - half : linkStartX + half;
  return from + (to - from) * progress;
}

const ease = gsap.parseEase(FLIGHT_EASE);

/**
 * The least delay (seconds) between two departures on one lane so that the follower never
 * touches the leader: from the follower's fade-in to the end of the leader's fade-out,
 * checked on a fine grid with the same easing the playback uses. Pure geometry.
 */
export function minLaneGapS(leader: SpriteShape, follower: SpriteShape, flightS: number): number {
  const need = (spriteWidth(leader) + spriteWidth(follower)) / 2 + layout.spriteNose + layout.laneClearance;
  const at = (s: SpriteShape, t: number) => spriteX(s, ease(Math.min(1, Math.max(0, t / flightS))), true);
  const clear = (gap: number) => {
    for (let i = 0; i <= 240; i++) {
      const t = gap + ((flightS + FADE_S - gap) * i) / 240; // leader's clock, while both are visible
      if (at(leader, t) - at(follower, t - gap) < need) return false;
    }
    return true;
  };
  let lo = 0;
  let hi = flightS + FADE_S;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (clear(mid)) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi * 100) / 100;
}
