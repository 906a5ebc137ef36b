import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcapng } from '../export/pcapng';
import type { Scenario } from './scenario';
import { findScenario } from './scenarios';
import { simulate } from './simulate';

/**
 * The TLS lessons (bad-certificate, hello-retry, the chrome ClientHello) as Wireshark reads
 * them: the oracle is tshark's TLS dissector, decrypting with the key log the capture embeds.
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'wirescene-tls-'));
let files = 0;

function tshark(scenario: Scenario): (fields: string[], filter?: string) => string[][] {
  const file = join(dir, `${scenario.id}-${files++}.pcapng`);
  writeFileSync(file, writePcapng(simulate(scenario)));
  return (fields, filter) =>
    execFileSync('tshark', ['-r', file, '-o', 'tcp.check_checksum:TRUE', ...(filter ? ['-Y', filter] : []), '-T', 'fields', '-E', 'occurrence=a', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter((l) => l.replaceAll('\t', '') !== '')
      .map((l) => l.split('\t'));
}

const scenario = (id: string): Scenario => findScenario(id)!;
// Expert severities: warning 6291456 and up.
const WARNING = 6291456;

describe.skipIf(!hasTshark)('TLS scenarios as Wireshark sees them', { timeout: 180_000 }, () => {
  it('bad-certificate: the client answers the expired leaf with a fatal certificate_expired alert (45), then both sides close with FIN and no close_notify', () => {
    const t = tshark(scenario('bad-certificate'));
    expect(t(['_ws.malformed'], '_ws.malformed')).toEqual([]);
    expect(t(['frame.number'], `_ws.expert.severity >= ${WARNING} && !tls.alert_message`)).toEqual([]);
    // The alert is sealed under the client handshake traffic key: tshark opens it with the key log.
    expect(t(['ip.src', 'tls.alert_message.level', 'tls.alert_message.desc'], 'tls.alert_message')).toEqual([['192.0.2.10', '2', '45']]);
    expect(t(['tls.handshake.type']).flatMap(([v]) => v.split(','))).toEqual(['1', '2', '8', '11', '15', '20']);
    expect(t(['frame.number'], 'http')).toEqual([]);
    expect(t(['ip.src'], 'tcp.flags.fin == 1')).toEqual([['192.0.2.10'], ['203.0.113.5']]);
  });

  it('bad-certificate with server.host changed to a name the certificate lacks: bad_certificate (42), the alert RFC 8446 §6.2 and OpenSSL give a name mismatch', () => {
    const base = scenario('bad-certificate');
    const t = tshark({ ...base, tls: undefined, server: { ...base.server, host: 'www.example.org' } });
    expect(t(['ip.src', 'tls.alert_message.desc'], 'tls.alert_message')).toEqual([['192.0.2.10', '42']]);
    expect(t(['tls.handshake.extensions_server_name'], 'tls.handshake.type == 1')).toEqual([['www.example.org']]);
  });

  it('hello-retry: ClientHello, HelloRetryRequest, a second ClientHello with a P-256 share, then the usual flight; every record decrypted', () => {
    const t = tshark(scenario('hello-retry'));
    expect(t(['_ws.malformed'], '_ws.malformed')).toEqual([]);
    expect(t(['frame.number'], `_ws.expert.severity >= ${WARNING}`)).toEqual([]);
    // RFC 8446 §4.1.4: the retry costs one round trip, then §2's flight (1, 2, 8, 11, 15, 20; client 20; tickets).
    expect(t(['tls.handshake.type']).flatMap(([v]) => v.split(','))).toEqual(['1', '2', '1', '2', '8', '11', '15', '20', '20', '4', '4']);
    expect(t(['tls.handshake.random', 'tls.handshake.extensions_key_share_selected_group'], 'tls.handshake.type == 2')).toEqual([
      ['cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', '23'],
      [expect.stringMatching(/^[0-9a-f]{64}$/), ''],
    ]);
    expect(t(['tls.handshake.extensions_key_share_group'], 'tls.handshake.type == 1 || tls.handshake.type == 2')).toEqual([['29'], ['23'], ['23']]);
    // One CCS each way (RFC 8446 D.4): the server's after the HelloRetryRequest, the client's before its second ClientHello.
    expect(t(['ip.src'], 'tls.record.content_type == 20')).toEqual([['203.0.113.5'], ['192.0.2.10']]);
    expect(t(['http.request.method', 'http.response.code'], 'http').flat().filter(Boolean)).toEqual(['GET', '200']);
  });

  it('chrome-hello: a 1.8 kB ClientHello in two TCP segments, GREASE that Wireshark names, and the server taking X25519MLKEM768; all decrypted', () => {
    const t = tshark(scenario('chrome-hello'));
    expect(t(['_ws.malformed'], '_ws.malformed')).toEqual([]);
    expect(t(['frame.number'], `_ws.expert.severity >= ${WARNING}`)).toEqual([]);
    const [[length, segments, groups, shareGroups, shareLengths, versions, alpn]] = t(
      ['tls.record.length', 'tcp.segment.count', 'tls.handshake.extensions_supported_group', 'tls.handshake.extensions_key_share_group', 'tls.handshake.extensions_key_share_key_exchange_length', 'tls.handshake.extensions.supported_version', 'tls.handshake.extensions_alpn_str'],
      'tls.handshake.type == 1',
    );
    expect(Number(length)).toBeGreaterThan(1700);
    expect(segments).toBe('2');
    expect(groups).toMatch(/^0x([0-9a-f])a\1a,0x11ec,0x001d,0x0017,0x0018$/);
    expect(shareGroups.split(',').slice(1)).toEqual(['4588', '29']);
    expect(shareLengths).toBe('1,1216,32');
    expect(versions).toMatch(/^0x([0-9a-f])a\1a,0x0304,0x0303$/);
    expect(alpn).toBe('h2,http/1.1');
    // Wireshark's own GREASE table (RFC 8701) names each one: suite, extension ×2, group ×2 (list and share), version.
    const greased = execFileSync('tshark', ['-r', join(dir, `chrome-hello-${files - 1}.pcapng`), '-Y', 'tls.handshake.type == 1', '-V'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(greased.match(/Reserved \(GREASE\)/g)!.length).toBeGreaterThanOrEqual(6);
    expect(t(['tls.handshake.extensions_key_share_group', 'tls.handshake.extensions_key_share_key_exchange_length'], 'tls.handshake.type == 2')).toEqual([['4588', '1120']]);
    expect(t(['http.request.method', 'http.response.code'], 'http').flat().filter(Boolean)).toEqual(['GET', '200']);
  });
});
