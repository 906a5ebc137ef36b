import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every module under a folder (tests too: they may reach across, the code may not). */
function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const importsOf = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => m[1]);

/** Which modules under `dir` import something matching `banned`. */
const offenders = (dir: string, banned: RegExp): string[] => modules(dir).flatMap((f) => importsOf(f).filter((i) => banned.test(i)).map((i) => `${f} → ${i}`));

// Issue #11: the motion rules and the geometry the scheduler depends on are pure and shared;
// the renderer reads them, never supplies them; the element and the export stand on the core, not on the app.
describe('layering', () => {
  it('the scheduler and the stage geometry import nothing from render/ and no Pixi', () => {
    expect(offenders('src/timeline', /(^|\/)render\/|^pixi\.js/)).toEqual([]);
    expect(offenders('src/stage', /(^|\/)render\/|^pixi\.js|(^|\/)playback\//)).toEqual([]);
  });

  it('the player core (model, evaluator, frame view, driver) imports nothing from render/ and no Pixi', () => {
    expect(offenders('src/playback', /(^|\/)render\/|^pixi\.js/)).toEqual([]);
  });

  it('export/ and element/ import nothing from app/', () => {
    expect(offenders('src/export', /(^|\/)app\//)).toEqual([]);
    expect(offenders('src/element', /(^|\/)app\//)).toEqual([]);
  });

  it('finds an import when there is one (the check can fail)', () => {
    expect(offenders('src/render', /(^|\/)stage\//).length).toBeGreaterThan(0);
    expect(offenders('src/app', /(^|\/)playback\/sceneDriver/)).toEqual(['src/app/session.ts → ../playback/sceneDriver']);
  });
});
