import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const DIR = 'tests/fixtures/captures';
const TLS13 = join(DIR, 'tls13-http1.pcapng');
const KEYS = join(DIR, 'tls13-http1.keys');
const tsx = (script: string, ...args: string[]) => spawnSync('npx', ['tsx', script, ...args], { encoding: 'utf8' });
const record = (...args: string[]) => tsx('scripts/record.ts', ...args);
const fresh = () => mkdtempSync(join(tmpdir(), 'wirescene-trace-'));

let trace = '';
beforeAll(() => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  trace = join(fresh(), 'call.json');
  const imported = tsx('scripts/import.ts', TLS13, '--keylog', KEYS, '--stream', '0', '--out', trace);
  if (imported.status !== 0) throw new Error(imported.stderr);
});

describe('npm run record -- --trace (a trace file written by npm run import)', () => {
  it('records the same still as --capture of the conversation the trace was made from', () => {
    const dir = fresh();
    const fromTrace = record('--trace', trace, '--size', '320x180', '--at', '3', '--out', join(dir, 'trace.png'));
    expect(fromTrace.status, fromTrace.stderr).toBe(0);
    expect(fromTrace.stdout).toMatch(/^wrote .*trace\.png: 320×180, "trace" at 3\.00 s$/m);
    const fromCapture = record('--capture', TLS13, '--keylog', KEYS, '--stream', '0', '--size', '320x180', '--at', '3', '--out', join(dir, 'capture.png'));
    expect(fromCapture.status, fromCapture.stderr).toBe(0);
    expect(readFileSync(join(dir, 'trace.png')).equals(readFileSync(join(dir, 'capture.png')))).toBe(true);
  }, 400_000);

  it('records a video at real time × 10, the page timed as the CLI times it (--time)', () => {
    const dir = fresh();
    const out = join(dir, 'trace.webm');
    const r = record('--trace', trace, '--time', '10', '--size', '320x180', '--from', '0', '--to', '0.5', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/wrote .*trace\.webm: 15 frames, 320×180, 30 fps, 0\.50 s of "trace"/);
    expect(readFileSync(out).subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML: a WebM
    expect(readdirSync(dir)).toEqual(['trace.webm']);
  }, 400_000);

  it('a trace path or content it cannot use, or a flag that does not go with it: exit 2, one line, nothing written', () => {
    const dir = fresh();
    const out = join(dir, 'x.png');
    const text = join(dir, 'notes.json');
    writeFileSync(text, 'hello');
    const old = join(dir, 'old.json');
    writeFileSync(old, readFileSync(trace, 'utf8').replace('"version":1', '"version":9'));
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, JSON.stringify({ ...JSON.parse(readFileSync(trace, 'utf8')), events: [{ kind: 'send', atUs: 0, packetId: 999 }] }));
    const cases: [string[], RegExp][] = [
      [['--trace', join(dir, 'missing.json')], /^record: cannot read --trace .*missing\.json: ENOENT$/],
      [['--trace', text], /^record: .*notes\.json: not a trace file: it is not JSON \(.*\)$/],
      [['--trace', old], /^record: old\.json: trace file version 9 is not 1: import the capture again with this version$/],
      [['--trace', damaged], /^record: damaged\.json: trace file is damaged: event 0 names packet 999, which the file does not have$/],
      [['--trace', trace, '--scenario', 'https'], /^record: --scenario\/--scenario-file, --capture and --trace each pick what to record: give one of them$/],
      [['--trace', trace, '--keylog', KEYS], /^record: --keylog and --stream go with --capture \(a trace file holds the conversations npm run import picked, decrypted\)$/],
      [['--trace', trace, '--rtt', '100'], /^record: --rtt changes a simulated scenario; a --trace is played as recorded$/],
      [['--trace', trace, '--time', '7'], /^record: bad --time "7": expected fit, 1, 10, 100, 1000/],
    ];
    for (const [args, message] of cases) {
      const r = record(...args, '--out', out);
      expect(r.status, args.join(' ')).toBe(2);
      // The problem on one line, then the usual pointer to --help; never a stack trace.
      expect(r.stderr.trim().split('\n')[0], args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n').slice(1).join('\n').trim()).toBe('Run with --help for the options.');
    }
    expect(readdirSync(dir).sort()).toEqual(['damaged.json', 'notes.json', 'old.json']);
  }, 600_000);
});
