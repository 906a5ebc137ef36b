import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePcapng } from '../../export/pcapng';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';

/**
 * The http2 scenario as Wireshark reads it: the oracle is tshark's TLS decryption (from the
 * key log embedded in the pcapng, as `npm run capture` writes it) and its HTTP/2 and HPACK
 * dissectors, not our reader. Three tshark runs in all: each decrypts the whole capture.
 */
const hasTshark = spawnSync('tshark', ['--version']).status === 0;
const CLIENT = '192.0.2.10';
const SERVER = '203.0.113.5';
const FIELDS = ['ip.src', 'tcp.stream', 'http2.type', 'http2.streamid', 'http2.length', 'http2.flags.ack.settings', 'http2.header.name', 'http2.header.value', 'http2.goaway.error', 'http2.goaway.last_stream_id'] as const;
type Row = Record<(typeof FIELDS)[number], string[]>;

describe.skipIf(!hasTshark)('http2 scenario as Wireshark sees it', { timeout: 60_000 }, () => {
  let file = '';
  const t = (fields: readonly string[], filter: string): string[][] =>
    execFileSync('tshark', ['-r', file, '-o', 'tcp.check_checksum:TRUE', '-Y', filter, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=|', ...fields.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
  let rows: Row[] = [];
  beforeAll(() => {
    file = join(mkdtempSync(join(tmpdir(), 'wirescene-h2-')), 'http2.pcapng');
    writeFileSync(file, writePcapng(simulate(findScenario('http2')!)));
    rows = t(FIELDS, 'http2').map((r) => Object.fromEntries(FIELDS.map((f, i) => [f, r[i] ? r[i].split('|') : []])) as Row);
  }, 60_000);
  const from = (src: string) => rows.filter((r) => r['ip.src'][0] === src);

  it('decrypts every record, finds nothing malformed and no expert warning; ALPN h2 both ways', () => {
    // Severities: warning 6291456 and above. An application data record tshark could not open has no http2 or alert inside.
    expect(t(['frame.number'], '_ws.malformed || _ws.expert.severity >= 6291456 || tcp.checksum.status != 1 || (tls.record.opaque_type == 23 && !http2 && !tls.alert_message && !tls.handshake)')).toEqual([]);
    // The client offers h2 and http/1.1 in its ClientHello; the server's EncryptedExtensions picks h2.
    expect(t(['ip.src', 'tls.handshake.extensions_alpn_str'], 'tls.handshake.extensions_alpn_str')).toEqual([[CLIENT, 'h2|http/1.1'], [SERVER, 'h2']]);
  });

  it('frame types in the order RFC 9113 allows: SETTINGS first, ACKs, HEADERS, DATA under WINDOW_UPDATE credit, GOAWAY last', () => {
    // Client: SETTINGS (after the preface), both requests, SETTINGS ACK, WINDOW_UPDATEs (connection, stream 1, connection), GOAWAY.
    expect(from(CLIENT).flatMap((r) => r['http2.type'])).toEqual(['4', '1', '1', '4', '8', '8', '8', '7']);
    // Server: SETTINGS, ACK, both responses' HEADERS, six DATA taking turns between streams 1 and 3, GOAWAY.
    expect(from(SERVER).flatMap((r) => r['http2.type'])).toEqual(['4', '4', '1', '1', '0', '0', '0', '0', '0', '0', '7']);
    expect(from(SERVER).flatMap((r) => r['http2.streamid'].filter((_, i) => r['http2.type'][i] === '0'))).toEqual(['1', '3', '1', '3', '1', '3']);
    // The client's ACK leaves as the server's SETTINGS arrives, just before the server's own ACK arrives.
    expect(rows.filter((r) => r['http2.flags.ack.settings'].includes('1')).map((r) => r['ip.src'][0])).toEqual([CLIENT, SERVER]);
    expect(rows.filter((r) => r['http2.goaway.error'].length).map((r) => [r['ip.src'][0], r['http2.goaway.error'][0], r['http2.goaway.last_stream_id'][0]])).toEqual([[CLIENT, '0', '0'], [SERVER, '0', '3']]);
  });

  it('HPACK: the header lists Wireshark decodes, two streams on one TCP connection, 40,000 bytes of DATA each', () => {
    const [request] = from(CLIENT);
    expect(request['http2.streamid']).toEqual(['0', '1', '3']);
    expect(request['http2.header.name']).toEqual([':method', ':scheme', ':authority', ':path', 'user-agent', 'accept', ':method', ':scheme', ':authority', ':path', 'user-agent', 'accept']);
    expect(request['http2.header.value']).toEqual(['GET', 'https', 'example.com', '/', 'curl/8.5.0', '*/*', 'GET', 'https', 'example.com', '/app.css', 'curl/8.5.0', '*/*']);
    const response = from(SERVER).find((r) => r['http2.header.name'].length)!;
    expect(response['http2.header.name']).toEqual([':status', 'date', 'server', 'content-type', 'content-length', ':status', 'date', 'server', 'content-type', 'content-length']);
    expect(response['http2.header.value'].filter((_, i) => i % 5 === 0 || i % 5 === 4)).toEqual(['200', '40000', '200', '40000']);
    expect(new Set(rows.map((r) => r['tcp.stream'][0]))).toEqual(new Set(['0']));
    const data = new Map<string, number>();
    for (const r of rows) r['http2.type'].forEach((type, i) => type === '0' && data.set(r['http2.streamid'][i], (data.get(r['http2.streamid'][i]) ?? 0) + Number(r['http2.length'][i])));
    expect(Object.fromEntries(data)).toEqual({ '1': 40_000, '3': 40_000 });
  });
});
