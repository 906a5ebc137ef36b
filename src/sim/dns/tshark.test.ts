import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { concat, toHex } from '../bytes/hex';
import { encodeIpv4, PROTOCOL_UDP } from '../bytes/ipv4';
import { encodeUdp, UDP_HEADER_BYTES } from '../bytes/udp';
import { encodeDnsQuery, encodeDnsResponse } from './message';
import { DNS_PORT } from './records';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

const CLIENT = '192.0.2.10';
const RESOLVER = '192.0.2.53';
const CLIENT_PORT = 49152;

/** IPv4 + UDP + DNS, as the simulator puts them on the wire. */
function datagram(src: string, dst: string, srcPort: number, dstPort: number, dns: Uint8Array, ipId: number): Uint8Array {
  const udp = encodeUdp({ srcPort, dstPort }, src, dst, dns);
  const ip = encodeIpv4({ src, dst, id: ipId, ttl: 64, payloadLength: UDP_HEADER_BYTES + dns.length, protocol: PROTOCOL_UDP });
  return concat(ip.bytes, udp.bytes, dns);
}

/**
 * A minimal classic pcap (libpcap format, little-endian, microsecond timestamps):
 * a 24-byte file header, then a 16-byte record header before each packet. LINKTYPE_RAW
 * (101) says each packet starts at its IP header, with no Ethernet frame around it.
 */
function pcap(packets: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(24 + packets.reduce((n, p) => n + 16 + p.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 101, true);
  let at = 24;
  packets.forEach((p, i) => {
    view.setUint32(at, 1_700_000_000, true);
    view.setUint32(at + 4, i * 1000, true);
    view.setUint32(at + 8, p.length, true);
    view.setUint32(at + 12, p.length, true);
    out.set(p, at + 16);
    at += 16 + p.length;
  });
  return out;
}

/** One's-complement sum of 16-bit words (our own, not checksum.ts), to pick a DNS ID. */
function onesComplementSum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * A DNS ID that makes the query's UDP checksum compute to 0, so it must be sent as 0xffff:
 * the ID is one 16-bit word of the sum, so set it to what completes the sum to all ones.
 */
function idForZeroChecksum(name: string): number {
  const dns = encodeDnsQuery({ id: 0, name, type: 'A' }).bytes;
  // RFC 768 pseudo-header: CLIENT, RESOLVER, zero, protocol 17, UDP length.
  const pseudo = Uint8Array.of(192, 0, 2, 10, 192, 0, 2, 53, 0, 17, 0, 8 + dns.length);
  const header = Uint8Array.of(CLIENT_PORT >> 8, CLIENT_PORT & 0xff, 0, DNS_PORT, 0, 8 + dns.length, 0, 0);
  return 0xffff - onesComplementSum(concat(pseudo, header, dns));
}

describe('IPv4 + UDP + DNS through Wireshark', () => {
  if (!hasTshark) {
    it.skip('tshark is not installed (apt-get install tshark): Wireshark checks skipped', () => {});
    return;
  }

  const dir = mkdtempSync(join(tmpdir(), 'wirescene-dns-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, packets: Uint8Array[]) => {
    const path = join(dir, name);
    writeFileSync(path, pcap(packets));
    return path;
  };
  const tshark = (path: string, ...args: string[]) =>
    execFileSync('tshark', ['-r', path, '-o', 'udp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  const problems = (path: string) => tshark(path, '-Y', '_ws.malformed || _ws.expert.severity >= warning');

  const query = encodeDnsQuery({ id: 0x1a2b, name: 'example.com', type: 'A' });
  const response = encodeDnsResponse({ id: 0x1a2b, name: 'example.com', address: '203.0.113.5', ttlS: 300 });
  const zeroId = idForZeroChecksum('www.example.org');
  const zeroQuery = encodeDnsQuery({ id: zeroId, name: 'www.example.org', type: 'A' });
  const packets = [
    datagram(CLIENT, RESOLVER, CLIENT_PORT, DNS_PORT, query.bytes, 1),
    datagram(RESOLVER, CLIENT, DNS_PORT, CLIENT_PORT, response.bytes, 2),
    datagram(CLIENT, RESOLVER, CLIENT_PORT, DNS_PORT, zeroQuery.bytes, 3),
  ];
  const file = write('dns.pcap', packets);

  it('dissects the query and its response with good checksums', () => {
    const fields = ['dns.qry.name', 'dns.a', 'dns.flags.response', 'dns.id', 'udp.checksum.status', 'ip.checksum.status', 'dns.resp.ttl', 'udp.checksum', 'dns.response_to'];
    const rows = tshark(file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f]))
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => line.split('\t'));
    // Checksum status 1 = Good; dns.response_to is the frame number of the matched query.
    const udpChecksum = (p: Uint8Array) => `0x${toHex(p.subarray(26, 28))}`;
    expect(rows).toEqual([
      ['example.com', '', '0', '0x1a2b', '1', '1', '', udpChecksum(packets[0]), ''],
      ['example.com', '203.0.113.5', '1', '0x1a2b', '1', '1', '300', udpChecksum(packets[1]), '1'],
      ['www.example.org', '', '0', `0x${zeroId.toString(16).padStart(4, '0')}`, '1', '1', '', '0xffff', ''],
    ]);
  });

  it("shows our summaries as Wireshark's Info column", () => {
    const info = tshark(file, '-T', 'fields', '-e', '_ws.col.Info').trim().split('\n');
    expect(info).toEqual([query.layer.summary, response.layer.summary, zeroQuery.layer.summary]);
  });

  it('raises no malformed-packet or warning flags', () => {
    expect(problems(file)).toBe('');
  });

  it('would notice if it did (a flipped byte, a cut-off message)', () => {
    const flipped = packets[1].slice();
    flipped[flipped.length - 1] ^= 1;
    expect(problems(write('flipped.pcap', [flipped]))).not.toBe('');
    const dns = response.bytes.subarray(0, response.bytes.length - 3);
    expect(problems(write('cut.pcap', [datagram(RESOLVER, CLIENT, DNS_PORT, CLIENT_PORT, dns, 4)]))).not.toBe('');
  });
});
