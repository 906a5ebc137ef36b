import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import https from '../assets/scenarios/https.json';

const dir = mkdtempSync(join(tmpdir(), 'wirescene-scenario-flags-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const run = (script: 'capture' | 'record', ...args: string[]) => spawnSync('npx', ['tsx', `scripts/${script}.ts`, ...args], { encoding: 'utf8' });

// Each case starts a CLI (a few seconds each on a busy machine): every case on capture, the
// shared ones once more on record, which reads the same flags through scripts/cli.ts.
const cases: [string, string[], RegExp][] = [
    ['both --scenario and --scenario-file', ['--scenario', 'https', '--scenario-file', 'x.json'], /^\w+: --scenario and --scenario-file both pick the scenario: give one of them\n/],
    ['a file that is not there', ['--scenario-file', join(dir, 'nope.json')], /^\w+: cannot read --scenario-file .*nope\.json: no such file\n/],
    ['a bad field', ['--scenario-file', file('lost.json', { ...https, link: { rttMs: 'fast', bandwidthMbps: 10 } })], /^\w+: lost\.json: link\.rttMs: expected a number ≥ 1, got "fast"\n$/],
    ['bad JSON', ['--scenario-file', file('broken.json', '{"id": "x",\n}')], /^\w+: broken\.json: not valid JSON: .*line 2,? column 1/],
    ['an unknown built-in', ['--scenario', 'nope'], /^\w+: unknown scenario "nope"; known: https, /],
    ['a bad --rtt', ['--rtt', 'fast'], /^\w+: bad --rtt "fast": expected a number from 1 to 2,000 \(ms\), such as --rtt 80\n/],
    ['a bad --loss', ['--loss', '0.9'], /^\w+: bad --loss "0\.9": expected a number from 0 to 0\.5, such as --loss 0\.01\n/],
    ['a bad --drop', ['--drop', 'c2s:3,up:1'], /^\w+: bad --drop "up:1": expected DIRECTION:N such as c2s:3/],
];
const onRecord = new Set(['both --scenario and --scenario-file', 'a bad field', 'a bad --drop']);

describe.each(['capture', 'record'] as const)('npm run %s: --scenario-file and the what-if flags', (script) => {
  const out = join(dir, script === 'capture' ? 'x.pcapng' : 'x.webm');
  it.each(cases.filter(([name]) => script === 'capture' || onRecord.has(name)))('%s: exit 2 and one clear line', { timeout: 60_000 }, (_, args, message) => {
    const r = run(script, '--out', out, ...args);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('npm run capture with a scenario file and what-if flags', () => {
  it('writes the file’s scenario with the changes applied', { timeout: 60_000 }, () => {
    const out = join(dir, 'mine.pcapng');
    const r = run('capture', '--out', out, '--scenario-file', file('mine.json', { ...https, id: 'mine' }), '--rtt', '100', '--drop', 'c2s:1');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*mine\.pcapng: \d+ packets, scenario mine/);
    const bytes = readFileSync(out);
    expect(bytes.readUInt32LE(0)).toBe(0x0a0d0d0a); // pcapng Section Header Block
  });
});
