import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the built site is made from. */
const SOURCES = ['src', 'assets', 'package.json', 'package-lock.json', '.parcelrc'];

/**
 * Why dist/ needs building, or undefined when it is up to date: missing, or older than the
 * newest file it is built from (so a record after `git pull` or an edit never uses an old page).
 */
export function staleBuild(root = '.'): string | undefined {
  const built = join(root, 'dist', 'index.html');
  if (!existsSync(built)) return 'dist/ is missing';
  const builtAt = statSync(built).mtimeMs;
  for (const source of SOURCES) {
    const path = join(root, source);
    if (!existsSync(path)) continue;
    // Folders count too: deleting a file changes its folder's time.
    const files = statSync(path).isDirectory() ? [path, ...readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => join(path, f))] : [path];
    const newer = files.find((f) => statSync(f).mtimeMs > builtAt);
    if (newer) return `${newer} changed since the last build`;
  }
  return undefined;
}
