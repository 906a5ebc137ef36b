/** JetBrains Mono (render/theme's FONT_FAMILY) advances every glyph by 600/1000 em: a label's length sets its sprite's. */
export const MONO_ADVANCE_EM = 0.6;

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

/** A compact sprite (timeline/flights' COMPACT_SHAPE: no label, no bytes) is a narrow tick. */
export const COMPACT_WIDTH = 8;

export const isCompact = (s: SpriteShape): boolean => s.label === '' && s.bytes === 0;

export function spriteWidth(s: SpriteShape): number {
  return isCompact(s) ? COMPACT_WIDTH : labelWidth(s.label) + bytesWidth(s.bytes);
}

/** Centre x of a sprite at `progress` along the link; it leaves its sender's edge and stops at the receiver's. */
export function spriteX(s: SpriteShape, progress: number, leftToRight: boolean): number {
  const half = spriteWidth(s) / 2 + layout.spriteNose;
  const from = leftToRight ? linkStartX + half : linkEndX - half;
  const to = leftToRight ? linkEndX - half : linkStartX + half;
  return from + (to - from) * progress;
}
