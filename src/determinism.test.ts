import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The picture at time t depends only on (scenario, t): these folders may not read clocks or entropy. */
const PURE_DIRS = ['sim', 'timeline', 'render', 'playback', 'overlay'];
const BANNED = [/Math\.random\s*\(/, /Date\.now\s*\(/, /new Date\s*\(/, /performance\.now\s*\(/, /crypto\.getRandomValues/];
/** The play loop is the one place allowed to turn wall-clock time into a frame number. */
const ALLOWED = new Set([join('playback', 'player.ts')]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('determinism', () => {
  const root = join(__dirname);
  for (const dir of PURE_DIRS) {
    it(`src/${dir} reads no clock and no randomness`, () => {
      const offenders = files(join(root, dir))
        .filter((f) => !ALLOWED.has(f.slice(root.length + 1)))
        .flatMap((f) => BANNED.filter((re) => re.test(readFileSync(f, 'utf8'))).map((re) => `${f}: ${re}`));
      expect(offenders).toEqual([]);
    });
  }
});
