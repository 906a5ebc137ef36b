import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePcapng } from '../export/pcapng';
import { findScenario } from './scenarios';
import { simulate } from './simulate';

/**
 * tls12-vs-tls13 as Wireshark reads it: the oracle is tshark's TLS dissector, decrypting with the
 * secrets the capture embeds (CLIENT_RANDOM for TLS 1.2, the traffic secrets for TLS 1.3).
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
// Expert severities: note 4194304, warning 6291456, error 8388608.
const WARNING = 6291456;

const FIELDS = ['frame.time_relative', 'tcp.stream', 'ip.src', 'ip.checksum.status', 'tcp.checksum.status', '_ws.malformed', '_ws.expert.severity', 'tcp.flags.syn', 'tcp.seq', 'tcp.ack',
  'tls.handshake.type', 'tls.handshake.ciphersuite', 'tls.handshake.version', 'tls.handshake.extension.type', 'tls.handshake.server_named_curve', 'tls.handshake.sig_hash_alg',
  'tls.record.content_type', 'http.request.method', 'http.response.code', 'tls.alert_message.desc'] as const;
type Row = Record<(typeof FIELDS)[number], string> & { list(f: (typeof FIELDS)[number]): string[] };

describe.skipIf(!hasTshark)('tls12-vs-tls13 in tshark', { timeout: 60_000 }, () => {
  // One tshark pass (it is slow to start), every field of every frame; tests filter the rows.
  let rows: Row[] = [];
  beforeAll(() => {
    const file = join(mkdtempSync(join(tmpdir(), 'wirescene-tls12-')), 'tls12-vs-tls13.pcapng');
    writeFileSync(file, writePcapng(simulate(findScenario('tls12-vs-tls13')!)));
    const out = execFileSync('tshark', ['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=,', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    rows = out.split('\n').filter((l) => l !== '').map((line) => {
      const v = line.split('\t');
      const row = Object.fromEntries(FIELDS.map((f, i) => [f, v[i] ?? ''])) as unknown as Row;
      row.list = (f) => row[f].split(',').filter(Boolean);
      return row;
    });
  }, 60_000);
  const stream = (n: number) => rows.filter((r) => r['tcp.stream'] === String(n));
  const handshakeTypes = (n: number) => stream(n).flatMap((r) => r.list('tls.handshake.type'));
  const helloOf = (n: number, type: string) => stream(n).find((r) => r.list('tls.handshake.type').includes(type))!;

  it('nothing malformed, good checksums, no expert warning or error', () => {
    expect(rows.length).toBeGreaterThan(30);
    for (const r of rows) expect([r['ip.checksum.status'], r['tcp.checksum.status'], r['_ws.malformed']]).toEqual(['1', '1', '']);
    expect(rows.filter((r) => r.list('_ws.expert.severity').some((s) => Number(s) >= WARNING))).toEqual([]);
  });

  it('connection 0 is the TLS 1.2 handshake of RFC 5246 §7.3, every message read, the encrypted Finished included', () => {
    // ClientHello; ServerHello, Certificate, ServerKeyExchange, ServerHelloDone; ClientKeyExchange, Finished; Finished.
    expect(handshakeTypes(0)).toEqual(['1', '2', '11', '12', '14', '16', '20', '20']);
    const sh = helloOf(0, '2');
    expect(sh['tls.handshake.ciphersuite']).toBe('0xc02b');
    expect(sh['tls.handshake.version']).toBe('0x0303');
    // extended_master_secret (23) agreed; the key exchange on x25519, signed with ECDSA P-256/SHA-256.
    expect(sh.list('tls.handshake.extension.type')).toContain('23');
    expect([sh['tls.handshake.server_named_curve'], sh['tls.handshake.sig_hash_alg']]).toEqual(['0x001d', '0x0403']);
    // The client offers TLS 1.2 only: no supported_versions (43) and no key_share (51) in its hello.
    const offered = helloOf(0, '1').list('tls.handshake.extension.type');
    expect(offered).toContain('23');
    expect(offered).not.toContain('43');
    expect(offered).not.toContain('51');
    expect(stream(0).filter((r) => r.list('tls.record.content_type').includes('20')).map((r) => r['ip.src'])).toEqual(['192.0.2.10', '203.0.113.5']);
  });

  it('connection 1 is TLS 1.3 (RFC 8446 §2): one flight each way before the request', () => {
    expect(handshakeTypes(1)).toEqual(['1', '2', '8', '11', '15', '20', '20', '4', '4']);
  });

  it('both GETs and both responses decrypt, and the alerts too', () => {
    const http = rows.filter((r) => r['http.request.method'] || r['http.response.code']).map((r) => [r['tcp.stream'], r['http.request.method'], r['http.response.code']]);
    expect(http).toEqual([['0', 'GET', ''], ['0', '', '200'], ['1', 'GET', ''], ['1', '', '200']]);
    expect(rows.filter((r) => r['tls.alert_message.desc']).map((r) => [r['tcp.stream'], r['tls.alert_message.desc']])).toEqual([['0', '0'], ['0', '0'], ['1', '0'], ['1', '0']]);
  });

  it('the request leaves two round trips after the TCP handshake over TLS 1.2, one over TLS 1.3', () => {
    const rtt = 0.04;
    const after = (n: number) => {
      const ack = stream(n).find((r) => r['ip.src'] === '192.0.2.10' && r['tcp.flags.syn'] === '0' && r['tcp.seq'] === '1' && r['tcp.ack'] === '1')!;
      const get = stream(n).find((r) => r['http.request.method'] === 'GET')!;
      return (Number(get['frame.time_relative']) - Number(ack['frame.time_relative'])) / rtt;
    };
    expect(after(0)).toBeCloseTo(2, 0);
    expect(after(1)).toBeCloseTo(1, 0);
  });
});
