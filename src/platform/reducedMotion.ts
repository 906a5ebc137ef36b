import { readSetting, writeSetting } from './storage';

const MOTION_KEY = 'wirescene.reducedMotion';
const SYSTEM_QUERY = '(prefers-reduced-motion: reduce)';

/**
 * Reduced motion, one rule for the app, the article and <wire-scene>: the person's saved choice
 * on this origin, else the system's (a sandboxed frame has no storage, so only the latter).
 */
export function prefersReducedMotion(): boolean {
  const saved = readSetting(MOTION_KEY);
  return saved !== null ? saved === '1' : matchMedia(SYSTEM_QUERY).matches;
}

/** Keeps the choice for the next visit; false where it cannot be kept. */
export function saveReducedMotion(on: boolean): boolean {
  return writeSetting(MOTION_KEY, on ? '1' : '0');
}

/** Calls back when the system's setting changes (it decides wherever nothing is saved); returns the unsubscribe. */
export function onSystemMotionChange(changed: () => void): () => void {
  const query = matchMedia(SYSTEM_QUERY);
  query.addEventListener('change', changed);
  return () => query.removeEventListener('change', changed);
}
