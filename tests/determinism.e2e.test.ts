import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The picture at time t is a pure function of (scenario, t): proven by behaviour. Each run is a
// separate Node process (and, for pictures, a separate browser), so nothing can be shared but the
// inputs: a clock, Math.random or an unseeded source anywhere would make the outputs differ.

const run = (script: string, args: string[]) => {
  const r = spawnSync('npx', ['tsx', script, ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
};

describe('determinism across processes', () => {
  it('two `npm run capture` runs write byte-identical captures (random ISNs come from the seed)', { timeout: 600_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirescene-det-'));
    for (const id of ['https-random-isn', 'lost-segment']) {
      const files = ['a', 'b'].map((n) => join(dir, `${id}-${n}.pcapng`));
      for (const f of files) run('scripts/capture.ts', ['--scenario', id, '--out', f]);
      const [a, b] = files.map((f) => readFileSync(f));
      expect(a.length).toBeGreaterThan(1000);
      expect(a.equals(b), id).toBe(true);
    }
  });

  // Each run bundles the page and starts its own Chromium: minutes on a busy machine.
  it('two `npm run record` runs draw pixel-identical frames', { timeout: 900_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirescene-det-'));
    const files = ['a', 'b'].map((n) => join(dir, `${n}.png`));
    for (const f of files) run('scripts/record.ts', ['--scenario', 'lost-segment', '--out', f, '--at', '12.5', '--size', '640x360', '--card']);
    const [a, b] = files.map((f) => readFileSync(f));
    expect(a.length).toBeGreaterThan(10_000);
    expect(a.equals(b)).toBe(true);
  });
});
