import { writeSetting } from '../platform/storage';
import type { themes } from '../render/theme';

export { prefersReducedMotion, saveReducedMotion } from '../platform/reducedMotion';

export type ThemeName = keyof typeof themes;

export const THEME_KEY = 'wirescene.theme';

/** The theme boot.ts chose before the first paint (saved choice, else the system's). */
export function currentTheme(): ThemeName {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

/** Shows the theme and keeps it for the next visit; false where it cannot be kept. */
export function saveTheme(name: ThemeName): boolean {
  document.documentElement.dataset.theme = name;
  return writeSetting(THEME_KEY, name);
}

export const reducedMotionNotice = (on: boolean): string[] =>
  on ? ['Reduced motion is on: packets appear where they land instead of sliding. Step with → or turn it off below the picture.'] : [];
