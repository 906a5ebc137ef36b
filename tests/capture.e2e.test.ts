import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S, capturedPackets, writePcapng } from '../src/export/pcapng';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'wirescene-capture-'));
const sim = simulate(findScenario('https')!);
const file = join(dir, 'https.pcapng');
writeFileSync(file, writePcapng(sim));

/** tshark's fields, one row per packet; checksums verified, TLS decrypted from the embedded key log. */
function tshark(...fields: string[]): string[][] {
  return tsharkOn(file, [], fields);
}

function tsharkOn(path: string, extra: string[], fields: string[]): string[][] {
  const out = execFileSync('tshark', ['-r', path, ...extra, '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.trimEnd().split('\n').map((line) => line.split('\t'));
}

describe('pcapng export', () => {
  it('writes the same bytes every time', () => {
    expect(Buffer.from(writePcapng(simulate(findScenario('https')!))).equals(readFileSync(file))).toBe(true);
  });

  if (!hasTshark) {
    it.skip('tshark is not installed (apt-get install tshark): Wireshark checks skipped', () => {});
    return;
  }

  it("passes Wireshark's dissector: every packet, good IP and TCP checksums, nothing malformed", () => {
    const rows = tshark('frame.number', 'ip.checksum.status', 'tcp.checksum.status', '_ws.malformed', '_ws.expert.severity');
    expect(rows).toHaveLength(sim.packets.length);
    for (const [, ip, tcp, malformed, severities] of rows) {
      expect(ip).toBe('1'); // 1 = Good
      expect(tcp).toBe('1');
      expect(malformed).toBe('');
      // Comment, chat and note are fine; warning (6291456) and error (8388608) are not.
      for (const s of severities.split(',').filter(Boolean)) expect(Number(s)).toBeLessThan(6291456);
    }
  });

  it('shows each packet when the client sees it: its own as they leave, the server\'s as they arrive', () => {
    const rows = tshark('frame.time_relative', 'frame.time_epoch');
    const seen = capturedPackets(sim);
    expect(rows).toHaveLength(seen.length);
    rows.forEach(([relative, epoch], i) => {
      const us = seen[i].from === 'client' ? seen[i].sendUs : seen[i].arriveUs;
      expect(Math.round(Number(relative) * 1e6)).toBe(us);
      expect(Math.floor(Number(epoch))).toBe(CAPTURE_EPOCH_S + Math.floor(us / 1e6));
    });
  });

  it('dissects the TLS 1.3 handshake in order and decrypts the GET and the 200', () => {
    const rows = tshark('tls.handshake.type', 'http.request.method', 'http.request.uri', 'http.response.code', 'tls.alert_message.desc');
    const handshake = rows.flatMap(([types]) => (types ? types.split(',') : []));
    // Then the server's two NewSessionTickets after the client Finished, as OpenSSL sends them.
    expect(handshake).toEqual(['1', '2', '8', '11', '15', '20', '20', '4', '4']);
    expect(rows.some(([, method, uri]) => method === 'GET' && uri === '/')).toBe(true);
    expect(rows.some(([, , , code]) => code === '200')).toBe(true);
    expect(rows.filter(([, , , , alert]) => alert === '0')).toHaveLength(2); // close_notify both ways
  });

  it('writes, from the CLI, the same capture and a key log Wireshark accepts on its own', () => {
    const keys = join(dir, 'keys.txt');
    const out = join(dir, 'cli.pcapng');
    execFileSync('npx', ['tsx', 'scripts/capture.ts', '--out', out, '--keylog', keys], { stdio: 'ignore' });
    expect(readFileSync(out).equals(readFileSync(file))).toBe(true);
    const bare = join(dir, 'no-secrets.pcapng');
    writeFileSync(bare, writePcapng(sim, { embedSecrets: false }));
    const method = (extra: string[]) => tsharkOn(bare, extra, ['http.request.method']).flat().filter(Boolean);
    expect(method([])).toEqual([]);
    expect(method(['-o', `tls.keylog_file:${keys}`])).toEqual(['GET']);
  });
});

describe('capture CLI', () => {
  const run = (...args: string[]) => spawnSync('npx', ['tsx', 'scripts/capture.ts', ...args], { encoding: 'utf8' });

  it('explains bad flags, unknown scenarios and unwritable paths, and exits 2', () => {
    const missing = run();
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--out is required');
    const unknownFlag = run('--out', join(dir, 'x.pcapng'), '--speed', '3');
    expect(unknownFlag.status).toBe(2);
    expect(unknownFlag.stderr).toMatch(/Unknown option '--speed'/);
    const unknownScenario = run('--out', join(dir, 'x.pcapng'), '--scenario', 'nope');
    expect(unknownScenario.status).toBe(2);
    expect(unknownScenario.stderr).toMatch(/unknown scenario "nope"; known: https, dns-then-https, lost-syn/);
    const unwritable = run('--out', join(dir, 'no-such-dir', 'x.pcapng'));
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toContain('cannot write the capture');
  });

  it('prints help', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--keylog FILE');
  });
});
