import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from './fixtures';
import { exported } from '../../tests/support/importFixtures';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

describe('capture → import → trace file → capture, read by tshark', () => {
  it.skipIf(!hasTshark)('tshark reads the re-export as it read the original: flags, relative numbers, decrypted HTTP/2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wirescene-roundtrip-'));
    try {
      const { pcapng } = exported('h2-ipv6.pcapng');
      const file = join(dir, 'again.pcapng');
      writeFileSync(file, pcapng);
      const fields = (path: string, keys?: string) =>
        execFileSync('tshark', ['-r', path, ...(keys ? ['-o', `tls.keylog_file:${keys}`] : []), '-T', 'fields', '-e', 'tcp.flags', '-e', 'tcp.seq', '-e', 'tcp.ack', '-e', 'tcp.len', '-e', 'http2.headers.path', '-e', 'http2.headers.status'], { encoding: 'utf8' });
      const before = fields(join(FIXTURE_DIR, 'h2-ipv6.pcapng'), join(FIXTURE_DIR, 'h2-ipv6.keys'));
      expect(fields(file)).toBe(before);
      expect(before).toMatch(/\/missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

});
