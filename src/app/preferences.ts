import { readSetting, writeSetting } from '../platform/storage';
import type { themes } from '../render/theme';

export type ThemeName = keyof typeof themes;

export const THEME_KEY = 'wirescene.theme';
const MOTION_KEY = 'wirescene.reducedMotion';

/** The theme boot.ts chose before the first paint (saved choice, else the system's). */
export function currentTheme(): ThemeName {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

/** Shows the theme and keeps it for the next visit; false where it cannot be kept. */
export function saveTheme(name: ThemeName): boolean {
  document.documentElement.dataset.theme = name;
  return writeSetting(THEME_KEY, name);
}

/** Reduced motion follows the system unless the person chose otherwise (kept for the next visit). */
export function prefersReducedMotion(): boolean {
  const saved = readSetting(MOTION_KEY);
  return saved !== null ? saved === '1' : matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** False where the choice cannot be kept. */
export function saveReducedMotion(on: boolean): boolean {
  return writeSetting(MOTION_KEY, on ? '1' : '0');
}

export const reducedMotionNotice = (on: boolean): string[] =>
  on ? ['Reduced motion is on: packets appear where they land instead of sliding. Step with → or turn it off below the picture.'] : [];
