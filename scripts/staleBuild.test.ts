import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuild } from './staleBuild';

/** A project folder with files at given times (seconds since the epoch). */
function project(files: Record<string, number>): string {
  const root = mkdtempSync(join(tmpdir(), 'wirescene-stale-'));
  for (const path of Object.keys(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
  }
  // Files (and the folders they sit in, whose times count too: a deleted file changes them) at their times.
  for (const path of Object.keys(files)) {
    for (let dir = join(root, path, '..'); dir.length > root.length; dir = join(dir, '..')) utimesSync(dir, 1, 1);
  }
  for (const [path, at] of Object.entries(files)) utimesSync(join(root, path), at, at);
  return root;
}

describe('staleBuild', () => {
  it('says dist/ is missing when it is', () => {
    expect(staleBuild(project({ 'src/a.ts': 100 }))).toBe('dist/ is missing');
  });

  it('is happy when the build is newer than every source', () => {
    expect(staleBuild(project({ 'src/a.ts': 100, 'src/deep/b.ts': 150, 'package.json': 90, 'dist/index.html': 200 }))).toBeUndefined();
  });

  it('names a source changed since the build, however deep', () => {
    const root = project({ 'src/a.ts': 100, 'src/render/deep/b.ts': 300, 'dist/index.html': 200 });
    expect(staleBuild(root)).toBe(`${join(root, 'src/render/deep/b.ts')} changed since the last build`);
    expect(staleBuild(project({ 'src/a.ts': 100, 'package-lock.json': 250, 'dist/index.html': 200 }))).toMatch(/package-lock\.json changed since the last build$/);
  });

  it('notices a deleted source by its folder\'s time', () => {
    const root = project({ 'src/a.ts': 100, 'dist/index.html': 200 });
    utimesSync(join(root, 'src'), 300, 300);
    expect(staleBuild(root)).toBe(`${join(root, 'src')} changed since the last build`);
  });
});
