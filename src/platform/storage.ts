/**
 * localStorage, where the page may have it. A sandboxed iframe without allow-same-origin has an
 * opaque origin and throws SecurityError on the first touch of `localStorage`; a private window
 * or a full disk throws on write. Either way a setting is lost, never the player.
 */
function store(): Storage | undefined {
  try {
    return window.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The saved value, or null where nothing is saved or nothing can be. */
export function readSetting(key: string): string | null {
  try {
    return store()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Saves a value for the next visit; false where it cannot be kept (say so where the person chose it). */
export function writeSetting(key: string, value: string): boolean {
  const s = store();
  if (!s) return false;
  try {
    s.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export const NOT_SAVED = 'This choice holds until you leave: the page cannot keep settings here (a sandboxed frame or a private window).';
