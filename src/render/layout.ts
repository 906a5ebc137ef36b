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
  bannerY: 165,
  skipY: 250,
  captionY: 585,
};

export const linkStartX = layout.clientX + layout.nodeWidth / 2;
export const linkEndX = layout.serverX - layout.nodeWidth / 2;

export function laneY(lane: number): number {
  return layout.nodeY + (lane === 0 ? -layout.laneOffset : layout.laneOffset);
}

export function spriteWidth(label: string): number {
  return Math.ceil(label.length * layout.spriteFontSize * MONO_ADVANCE_EM) + 2 * layout.spritePadding;
}

/** Centre x of a sprite at `progress` along the link; it leaves its sender's edge and stops at the receiver's. */
export function spriteX(label: string, progress: number, leftToRight: boolean): number {
  const half = spriteWidth(label) / 2 + layout.spriteNose;
  const from = leftToRight ? linkStartX + half : linkEndX - half;
  const to = leftToRight ? linkEndX - half : linkStartX + half;
  return from + (to - from) * progress;
}
