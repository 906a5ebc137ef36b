import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcapng } from '../export/pcapng';
import { findScenario } from './scenarios';
import { simulate } from './simulate';

/**
 * Wireshark's own TCP analysis must tell the story each scenario claims: the oracle is
 * tshark's dissector and its expert flags, not our code.
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'wirescene-stories-'));

const written = new Set<string>();

function capture(id: string): (fields: string[], filter?: string) => string[][] {
  const file = join(dir, `${id}.pcapng`);
  if (!written.has(id)) writeFileSync(file, writePcapng(simulate(findScenario(id)!)));
  written.add(id);
  return (fields, filter) => {
    const out = execFileSync('tshark', ['-r', file, '-o', 'tcp.reassemble_out_of_order:TRUE', '-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE',
      ...(filter ? ['-Y', filter] : []), '-T', 'fields', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = out.split('\n').filter((line) => line.replaceAll('\t', '') !== '' || line.includes('\t'));
    return lines.filter((l) => l !== '').map((line) => line.split('\t'));
  };
}

const count = (rows: string[][]) => rows.length;
// Expert severities: note 4194304, warning 6291456, error 8388608.
const WARNING = 6291456;

describe.skipIf(!hasTshark)('scenarios as Wireshark sees them', { timeout: 60_000 }, () => {
  it.each(['https', 'dns-then-https', 'lost-syn', 'lost-segment', 'lost-tail', 'slow-link', 'keep-alive'])('%s: nothing malformed, good checksums everywhere', (id) => {
    const rows = capture(id)(['ip.checksum.status', 'tcp.checksum.status', 'udp.checksum.status', '_ws.malformed', 'tcp.analysis.flags']);
    expect(rows.length).toBeGreaterThan(10);
    for (const [ip, tcp, udp, malformed] of rows) {
      expect(ip).toBe('1');
      expect(tcp || udp).toBe('1');
      expect(malformed).toBe('');
    }
  });

  it('https: no TCP analysis flag at all, and both messages decrypted', () => {
    const t = capture('https');
    expect(t(['frame.number'], 'tcp.analysis.flags && !tcp.analysis.window_update')).toEqual([]);
    expect(t(['http.request.method', 'http.response.code'], 'http').flat().filter(Boolean)).toEqual(['GET', '200']);
    expect(count(t(['frame.number'], `_ws.expert.severity >= ${WARNING}`))).toBe(0);
  });

  it('https: Wireshark reads the TLS 1.3 handshake a curl-to-OpenSSL capture shows, every record decrypted', () => {
    const t = capture('https');
    const types = t(['tls.handshake.type']).flatMap(([v]) => v.split(',')).filter(Boolean);
    // ClientHello; ServerHello, EE, Certificate, CertificateVerify, Finished; client Finished; two tickets (RFC 8446 §2).
    expect(types).toEqual(['1', '2', '8', '11', '15', '20', '20', '4', '4']);
    expect(t(['tls.change_cipher_spec'], 'tls.record.content_type == 20')).toHaveLength(2);
    expect(t(['tls.handshake.session_id_length'], 'tls.handshake.type == 1')).toEqual([['32']]);
    expect(t(['tls.handshake.ciphersuite'], 'tls.handshake.type == 2')).toEqual([['0x1302']]);
    expect(t(['tls.handshake.extensions_alpn_str'], 'tls.handshake.type == 8')).toEqual([['http/1.1']]);
    // Alerts decrypt too: close_notify from the server first, then from the client.
    expect(t(['ip.src', 'tls.alert_message.desc'], 'tls.alert_message')).toEqual([['203.0.113.5', '0'], ['192.0.2.10', '0']]);
  });

  it('dns-then-https: the A query and its answer over UDP, before the SYN', () => {
    const t = capture('dns-then-https');
    const rows = t(['frame.number', 'dns.qry.name', 'dns.a', 'dns.flags.response', 'udp.dstport'], 'dns');
    expect(rows).toEqual([
      ['1', 'example.com', '', '0', '53'],
      ['2', 'example.com', '203.0.113.5', '1', rows[1][4]],
    ]);
    expect(t(['frame.number'], 'tcp.flags.syn == 1 && tcp.flags.ack == 0')).toEqual([['3']]);
  });

  it('lost-syn: the second SYN is a retransmission, sent 1 s after the first (RFC 6298 §2.1)', () => {
    const t = capture('lost-syn');
    const syns = t(['frame.time_relative', 'tcp.analysis.retransmission'], 'tcp.flags.syn == 1 && tcp.flags.ack == 0');
    expect(syns).toHaveLength(2);
    expect(Number(syns[1][0]) - Number(syns[0][0])).toBeCloseTo(1, 6);
    expect(syns[1][1]).toBe('1');
  });

  it('lost-segment: duplicate ACKs, then a fast retransmission once three have come back (as seen at the client)', () => {
    const t = capture('lost-segment');
    const fast = t(['frame.number'], 'tcp.analysis.fast_retransmission');
    expect(fast).toHaveLength(1);
    const dupAcksBefore = t(['frame.number'], `tcp.analysis.duplicate_ack && frame.number < ${fast[0][0]}`);
    expect(dupAcksBefore.length).toBeGreaterThanOrEqual(3);
    expect(t(['http.response.code', 'http.content_length'], 'http.response')).toEqual([['200', '100000']]);
  });

  it('lost-tail: no duplicate ACK, and the tail resent as a retransmission after the timer (as seen at the server)', () => {
    const t = capture('lost-tail');
    expect(t(['frame.number'], 'tcp.analysis.duplicate_ack')).toEqual([]);
    const retx = t(['frame.time_relative', 'tcp.seq'], 'tcp.analysis.retransmission');
    expect(retx).toHaveLength(1);
    const original = t(['frame.time_relative'], `tcp.seq == ${retx[0][1]} && !tcp.analysis.retransmission && tcp.len > 0`);
    expect(Number(retx[0][0]) - Number(original[0][0])).toBeGreaterThanOrEqual(1); // at least the 1 s minimum RTO
  });

  it('slow-link: no loss, and the server sends 10 segments in the first round trip (RFC 6928), then more each round', () => {
    const t = capture('slow-link');
    expect(t(['frame.number'], 'tcp.analysis.retransmission || tcp.analysis.lost_segment')).toEqual([]);
    // Everything after the server's handshake flight (relative seq 1): the two tickets, then the response.
    const data = t(['frame.time_relative'], 'ip.src == 203.0.113.5 && tcp.len > 0 && tcp.seq > 1').map(([s]) => Number(s));
    // A flight is what the server sends before the first ACK of it can return: cut where the gap exceeds half an RTT.
    const flights: number[] = [1];
    for (let i = 1; i < data.length; i++) {
      if (data[i] - data[i - 1] > 0.15) flights.push(1);
      else flights[flights.length - 1]++;
    }
    // 10 segments: the tickets' segment and 9 of the response. The window grows by the bytes
    // acknowledged (RFC 5681 §3.1): the 266-byte ticket segment adds 266, so 19 full ones follow.
    expect(flights[0]).toBe(10);
    expect(flights[1]).toBe(19);
  });

  it('keep-alive: two requests share one TCP stream, the third pays a new one', () => {
    const t = capture('keep-alive');
    expect(t(['tcp.stream', 'http.request.uri'], 'http.request')).toEqual([['0', '/'], ['0', '/app.css'], ['1', '/app.css']]);
    expect(t(['frame.number'], 'tcp.flags.syn == 1 && tcp.flags.ack == 0')).toHaveLength(2);
  });
});
