import type { TopLayer } from '../sim/types';
import type { Tone } from '../timeline/tone';

/** Colours of the canvas; the page mirrors them in CSS variables (app/styles.css). */
export interface Theme {
  name: 'dark' | 'light';
  palette: {
    background: number;
    panel: number;
    border: number;
    text: number;
    dim: number;
    ok: number;
    warn: number;
    /** A lost packet's ✕ and its dying sprite. */
    danger: number;
    /** Text on a packet sprite. */
    ink: number;
  };
  layers: Record<TopLayer, number>;
  tones: Record<Tone, number>;
}

/** The terminal look (default). */
export const darkTheme: Theme = {
  name: 'dark',
  palette: { background: 0x0d1117, panel: 0x161b22, border: 0x30363d, text: 0xe6edf3, dim: 0x8b949e, ok: 0x3fb950, warn: 0xe3b341, danger: 0xf85149, ink: 0x0d1117 },
  layers: { dns: 0x39c5cf, tcp: 0x58a6ff, tls: 0xd2a8ff, http: 0xe3b341 },
  tones: { idle: 0x8b949e, opening: 0xe3b341, open: 0x3fb950, closing: 0xf0883e },
};

/** Paper: the same roles, with contrast for a white page. */
export const lightTheme: Theme = {
  name: 'light',
  palette: { background: 0xffffff, panel: 0xf6f8fa, border: 0xd0d7de, text: 0x1f2328, dim: 0x59636e, ok: 0x1a7f37, warn: 0x9a6700, danger: 0xcf222e, ink: 0xffffff },
  layers: { dns: 0x1b7c83, tcp: 0x0969da, tls: 0x8250df, http: 0xbc4c00 },
  tones: { idle: 0x59636e, opening: 0x9a6700, open: 0x1a7f37, closing: 0xbc4c00 },
};

export const themes = { dark: darkTheme, light: lightTheme };

export const FONT_FAMILY = 'JetBrains Mono';
export { MONO_ADVANCE_EM } from '../stage/layout';
