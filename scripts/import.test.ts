import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'wirescene-import-cli-'));
const FIX = 'tests/fixtures/captures';
const file = (name: string, content: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const run = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/import.ts', ...args], { encoding: 'utf8' });
const good = new Uint8Array(readFileSync(join(FIX, 'tls12-http1.pcapng')));
const corrupt = good.slice();
new DataView(corrupt.buffer).setUint32(4, 12345, true);

describe('npm run import: bad input exits 2 with one clear line, no stack', () => {
  it.each([
    ['a 0-byte file', [file('empty.pcap', '')], /^import: .*empty\.pcap: the file is empty \(0 bytes\)/],
    ['a text file', [file('notes.pcapng', 'hello\n')], /not a capture: .*looks like text/],
    ['a truncated capture', [file('cut.pcapng', good.subarray(0, good.length - 100))], /truncated file\?\)/],
    ['a corrupted block length', [file('bad.pcapng', corrupt)], /Section Header block at byte 0 says it is 12,345 bytes long|has length 12,345/],
    ['a stream that is not there', [join(FIX, 'tls12-http1.pcapng'), '--stream', '3'], /no conversation "tcp 3" in this capture; it has tcp 0/],
    ['no capture at all', [], /which capture\?/],
  ])('%s', (_name, args, message) => {
    const r = run(...args, '--out', join(dir, 'x.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('writes a versioned trace; a key log that matches nothing is a note, not a failure', () => {
    const out = join(dir, 'trace.json');
    const r = run(join(FIX, 'tls12-http1.pcapng'), '--keylog', file('wrong.keys', `CLIENT_RANDOM ${'00'.repeat(32)} ${'11'.repeat(48)}\n`), '--out', out);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/note: the key log has no secrets for this connection/);
    const trace = JSON.parse(readFileSync(out, 'utf8'));
    expect([trace.format, trace.version, trace.packets.length]).toEqual(['wirescene-trace', 1, 23]);
  }, 60_000);
});
