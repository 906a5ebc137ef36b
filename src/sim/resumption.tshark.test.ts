import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcapng } from '../export/pcapng';
import { findScenario } from './scenarios';
import { simulate } from './simulate';

/**
 * The resumption-0rtt capture as Wireshark reads it, with only the key log embedded in the
 * pcapng: the oracle is tshark's TLS dissector (it decrypts 0-RTT data with
 * CLIENT_EARLY_TRAFFIC_SECRET and flags what does not add up), not our code.
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;

describe.skipIf(!hasTshark)('resumption-0rtt as Wireshark sees it', { timeout: 60_000 }, () => {
  const sim = simulate(findScenario('resumption-0rtt')!);
  const file = join(mkdtempSync(join(tmpdir(), 'wirescene-resume-')), 'resumption-0rtt.pcapng');
  writeFileSync(file, writePcapng(sim));
  const t = (fields: string[], filter?: string): string[][] =>
    execFileSync('tshark', ['-r', file, '-o', 'tcp.check_checksum:TRUE', ...(filter ? ['-Y', filter] : []), '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t'));
  const types = (stream: number) => t(['tls.handshake.type'], `tcp.stream == ${stream}`).flatMap(([v]) => v.split(',')).filter(Boolean);

  it('nothing malformed, no expert warning or error, good checksums', () => {
    expect(t(['frame.number'], '_ws.malformed || _ws.expert.severity >= 6291456 || tcp.checksum.status != 1')).toEqual([]);
  });

  it('the first connection is a full handshake whose tickets allow 0-RTT; the second resumes: no Certificate, EndOfEarlyData before the client Finished', () => {
    expect(types(0)).toEqual(['1', '2', '8', '11', '15', '20', '20', '4', '4']);
    expect(t(['tls.early_data.max_early_data_size'], 'tcp.stream == 0 && tls.handshake.type == 4').flat()).toEqual(['16384,16384']);
    expect(types(1)).toEqual(['1', '2', '8', '20', '5', '20', '4', '4']);
  });

  it('the resumed ClientHello offers the ticket with psk_dhe_ke, early_data and one SHA-384 binder; the ServerHello picks identity 0', () => {
    const [[identityLength, bindersLength, mode, ticketAge]] = t(
      ['tls.handshake.extensions.psk.identity.identity_length', 'tls.handshake.extensions.psk.binders_len', 'tls.extension.psk_ke_mode', 'tls.handshake.extensions.psk.identity.obfuscated_ticket_age'],
      'tcp.stream == 1 && tls.handshake.type == 1',
    );
    const ticket = sim.packets.find((p) => p.stream === 0 && p.label.includes('NewSessionTicket'))!.decrypted[0].bytes;
    // identity = the opaque ticket from connection 1, byte for byte (NewSessionTicket: 4+4+4+1+8 bytes before its 2-byte length).
    expect(Number(identityLength)).toBe((ticket[21] << 8) | ticket[22]);
    expect(bindersLength).toBe('49');
    expect(mode).toBe('1');
    expect(Number(ticketAge)).toBeGreaterThan(0);
    expect(t(['tls.handshake.extensions.psk.identity.selected'], 'tcp.stream == 1 && tls.handshake.type == 2')).toEqual([['0']]);
    expect(t(['tls.handshake.extension.type'], 'tcp.stream == 1 && tls.handshake.type == 1')[0][0].split(',').slice(-3)).toEqual(['42', '21', '41']);
    expect(t(['tls.handshake.extension.type'], 'tcp.stream == 1 && tls.handshake.type == 8')[0][0].split(',')).toContain('42');
  });

  it('tshark decrypts the 0-RTT GET, which leaves before the server has sent anything on that connection', () => {
    const requests = t(['frame.number', 'frame.time_relative', 'http.request.method'], 'tcp.stream == 1 && http.request');
    expect(requests.map((r) => r[2])).toEqual(['GET']);
    const [[serverHello]] = t(['frame.time_relative'], 'tcp.stream == 1 && tls.handshake.type == 2');
    const [[clientFinished]] = t(['frame.time_relative'], 'tcp.stream == 1 && tls.handshake.type == 5');
    expect(Number(requests[0][1])).toBeLessThan(Number(serverHello));
    expect(Number(requests[0][1])).toBeLessThan(Number(clientFinished));
    expect(t(['http.response.code'], 'tcp.stream == 1 && http.response').flat()).toEqual(['200']);
  });

  it('the key log names the early secret for the second connection only, and the timing shows the request inside the TLS phase', () => {
    expect(sim.keyLog.match(/^CLIENT_EARLY_TRAFFIC_SECRET /gm)).toHaveLength(1);
    const second = sim.timing.find((r) => r.stream === 1)!;
    const phase = (id: string) => second.phases.find((p) => p.id === id)!;
    expect(second.label).toBe('GET / (0-RTT)');
    expect(phase('request').startUs).toBeLessThan(phase('tls').endUs);
    expect(phase('tls').endUs - phase('tls').startUs).toBeGreaterThanOrEqual(sim.rttUs);
  });
});
