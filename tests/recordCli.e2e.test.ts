import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { beforeAll, describe, expect, it } from 'vitest';

const record = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/record.ts', ...args], { encoding: 'utf8' });
const fresh = () => mkdtempSync(join(tmpdir(), 'wirescene-cli-'));

beforeAll(() => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

describe('npm run record as a command-line tool', () => {
  it('refuses an output extension it does not write, and writes nothing', () => {
    const dir = fresh();
    for (const name of ['x.webp', 'x.jpeg', 'x.mov']) {
      const r = record('--out', join(dir, name));
      expect(r.status, name).toBe(2);
      expect(r.stderr).toMatch(/is not a format this writes: use \.webm, \.mp4, \.gif, \.png \(one moment\), or a directory for PNG frames/);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads times as seconds or as the clock the page shows: the same still', () => {
    const dir = fresh();
    const a = record('--out', join(dir, 'a.png'), '--at', '5.8', '--size', '320x180');
    const b = record('--out', join(dir, 'b.png'), '--at', '0:05.80', '--size', '320x180');
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(join(dir, 'b.png')).equals(readFileSync(join(dir, 'a.png')))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a.png', 'b.png']); // no temporary files left
    expect(record('--out', join(dir, 'c.png'), '--at', '0:75').stderr).toMatch(/bad --at "0:75": expected seconds such as 2\.5 or the page's clock such as 0:02\.50/);
  }, 400_000);

  it('--browser: a path that is not a browser is a usage error; a browser that fails is exit 1 with one line, the stack only with --verbose', () => {
    const dir = fresh();
    const missing = record('--out', join(dir, 'x.png'), '--browser', join(dir, 'nope'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--browser .*nope is not an executable file/);
    // /bin/true is executable but no browser: the launch fails after the checks.
    const broken = record('--out', join(dir, 'x.png'), '--browser', '/bin/true');
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^record: recording with \/bin\/true: .*\nrecord: [^\n]+\n$/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    const verbose = record('--out', join(dir, 'x.png'), '--browser', '/bin/true', '--verbose');
    expect(verbose.status).toBe(1);
    expect(verbose.stderr).toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--browser with an installed Chromium (not the npm one\'s flags) writes the file', async () => {
    const dir = fresh();
    const path = await chromium.executablePath();
    const r = record('--out', join(dir, 'x.png'), '--at', '3', '--size', '320x180', '--browser', path);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('not the npm Chromium');
    expect(readFileSync(join(dir, 'x.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('Ctrl-C while recording leaves no half-written file and exits 130', async () => {
    const dir = fresh();
    const child = spawn('npx', ['tsx', 'scripts/record.ts', '--out', join(dir, 'x.webm'), '--size', '1920x1080', '--fps', '60'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/\d+\/\d+ frames/.test(stderr)) {
          clearInterval(timer);
          resolve();
        }
      }, 100);
      child.on('exit', () => reject(new Error(`exited before recording: ${stderr}`)));
    });
    // The whole process group, as a terminal's Ctrl-C does (npx → tsx → node).
    process.kill(-child.pid!, 'SIGINT');
    // As a shell reports it: 130 from the CLI, or 128 + SIGINT for a wrapper (npx) that the signal ended first.
    const code = await new Promise<number | null>((r) => child.on('exit', (c, signal) => r(c ?? (signal === 'SIGINT' ? 130 : null))));
    expect(stderr).toContain('cancelled; nothing was written');
    expect(code).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
  }, 400_000);
});
