import type { TopLayer } from '../sim/types';
import type { Tone } from '../timeline/tone';

/** Terminal palette (dark), shared by the canvas and, through CSS variables, the page. */
export const palette = {
  background: 0x0d1117,
  panel: 0x161b22,
  border: 0x30363d,
  text: 0xe6edf3,
  dim: 0x8b949e,
  faint: 0x21262d,
  ok: 0x3fb950,
  warn: 0xe3b341,
  ink: 0x0d1117,
};

export const layerColor: Record<TopLayer, number> = {
  tcp: 0x58a6ff,
  tls: 0xd2a8ff,
  http: 0xe3b341,
};

export const toneColor: Record<Tone, number> = {
  idle: 0x8b949e,
  opening: 0xe3b341,
  open: 0x3fb950,
  closing: 0xf0883e,
};

export const FONT_FAMILY = 'JetBrains Mono';
/** JetBrains Mono advances every glyph by 600/1000 em. */
export const MONO_ADVANCE_EM = 0.6;
