import { themes } from '../render/theme';

export type ThemeName = keyof typeof themes;

const THEME_KEY = 'wirescene.theme';
const MOTION_KEY = 'wirescene.reducedMotion';

/** The theme index.html's first script chose (saved choice, else the system's). */
export function currentTheme(): ThemeName {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

export function saveTheme(name: ThemeName): void {
  localStorage.setItem(THEME_KEY, name);
  document.documentElement.dataset.theme = name;
}

/** Reduced motion follows the system unless the person chose otherwise (kept for the next visit). */
export function prefersReducedMotion(): boolean {
  const saved = localStorage.getItem(MOTION_KEY);
  return saved !== null ? saved === '1' : matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function saveReducedMotion(on: boolean): void {
  localStorage.setItem(MOTION_KEY, on ? '1' : '0');
}

export const reducedMotionNotice = (on: boolean): string[] =>
  on ? ['Reduced motion is on: packets appear where they land instead of sliding. Step with → or turn it off below the picture.'] : [];
