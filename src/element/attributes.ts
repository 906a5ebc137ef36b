/** Every attribute <wire-scene> observes (custom-elements.json lists exactly these, plus the global `hidden`). */
export const ATTRIBUTES = ['scenario', 'src', 't', 'controls', 'autoplay', 'loop', 'theme', 'layout'] as const;
export type AttributeName = (typeof ATTRIBUTES)[number];

/** Boolean attributes: present means on, as for <video controls loop autoplay>. */
export const BOOLEAN_ATTRIBUTES = ['controls', 'autoplay', 'loop'] as const satisfies readonly AttributeName[];

export const THEMES = ['auto', 'dark', 'light'] as const;
export type ThemeChoice = (typeof THEMES)[number];

/** The canvas's shape; the stage layout follows it (stage/stageLayout's layoutFor). */
export const LAYOUTS = { landscape: '16 / 9', square: '1 / 1', portrait: '9 / 16' } as const;
export type LayoutName = keyof typeof LAYOUTS;

/** An enumerated attribute's value, or its default for a missing or unknown one (HTML's "invalid value default"). */
export function parseTheme(value: string | null): ThemeChoice {
  const v = value?.trim().toLowerCase();
  return (THEMES as readonly string[]).includes(v ?? '') ? (v as ThemeChoice) : 'auto';
}

export function parseLayout(value: string | null): LayoutName {
  const v = value?.trim().toLowerCase() ?? '';
  return Object.hasOwn(LAYOUTS, v) ? (v as LayoutName) : 'landscape';
}

/** `auto` follows the page's colour scheme (prefers-color-scheme). */
export const resolveTheme = (choice: ThemeChoice, systemDark: boolean): 'dark' | 'light' => (choice === 'auto' ? (systemDark ? 'dark' : 'light') : choice);

/**
 * The `t` attribute in seconds: `5.8`, or as the transport bar shows times, `0:05.80` or `1:02:03.5`.
 * Anything else is 0 (the start), like a media fragment a browser cannot read.
 */
export function parseStartTime(value: string | null): number {
  const v = value?.trim() ?? '';
  const m = /^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)$/.exec(v);
  if (!m || v.length > 20) return 0;
  const [, h, min, s] = m;
  if ((min !== undefined || h !== undefined) && Number(s) >= 60) return 0;
  return Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s);
}

/** The `scenario` attribute's id, or the default when absent or empty. */
export const scenarioId = (value: string | null, fallback: string): string => value?.trim() || fallback;
