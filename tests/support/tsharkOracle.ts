/**
 * tshark's reading of the capture fixtures, the import's oracle: read live when tshark is installed
 * (the *.tshark.test.ts files), and recorded in tests/fixtures/captures/tshark/NAME.json so the
 * tests without tshark (the mutation runs, `vitest.mutation.config.ts`) check the same facts.
 * Remake the recordings after remaking a capture: `npx tsx tests/support/tsharkOracle.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_DIR, FIXTURES, KEY_LOGS } from '../../src/import/fixtures';

export type Fixture = (typeof FIXTURES)[number];

export const FRAME_FIELDS = ['frame.number', 'frame.len', 'tcp.stream', 'udp.stream', 'ip.src', 'ipv6.src', 'tcp.srcport', 'udp.srcport', 'tcp.flags', 'tcp.seq', 'tcp.ack', 'tcp.len', 'tcp.window_size', 'tcp.analysis.retransmission', 'tcp.analysis.duplicate_ack', 'tcp.analysis.zero_window', 'udp.length'];
const APP_FIELDS = ['frame.number', 'tls.handshake.type', 'http.request.method', 'http.request.uri', 'http.response.code', 'http2.headers.method', 'http2.headers.path', 'http2.headers.status'];

/** One object per frame: FRAME_FIELDS → tshark's value ('' when absent). */
export type FrameRow = Record<string, string>;
/** Per frame number: the TLS handshake types and the HTTP method, path and status it shows (decrypted with the fixture's key log). */
export type AppRow = { frame: number; handshake: number[]; method: string; path: string; status: string };
/** `tshark -z conv,tcp -z conv,udp`: per connection, its ports (sorted), packets, bytes as tshark prints them, duration in s. */
export type ConvRow = { ports: number[]; packets: number; bytes: string; durationS: string };
export interface TsharkReading {
  tshark: string;
  frames: FrameRow[];
  app: AppRow[];
  conversations: ConvRow[];
}

export function tsharkFrames(name: Fixture): FrameRow[] {
  const out = execFileSync('tshark', ['-r', join(FIXTURE_DIR, name), '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=f', ...FRAME_FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.trim().split('\n').map((line) => Object.fromEntries(line.split('\t').map((v, i) => [FRAME_FIELDS[i], v])));
}

export function tsharkApp(name: Fixture): AppRow[] {
  const keyFile = KEY_LOGS[name];
  const args = ['-r', join(FIXTURE_DIR, name), ...(keyFile ? ['-o', `tls.keylog_file:${join(FIXTURE_DIR, keyFile)}`] : []), '-T', 'fields', '-E', 'separator=;', '-E', 'occurrence=a', '-E', 'aggregator=,', ...APP_FIELDS.flatMap((f) => ['-e', f])];
  const rows = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').map((l) => l.split(';'));
  return rows.map((r) => ({ frame: Number(r[0]), handshake: r[1] ? r[1].split(',').map(Number) : [], method: r[2] || r[5] || '', path: r[3] || r[6] || '', status: r[4] || r[7] || '' }));
}

export function tsharkConversations(name: Fixture): ConvRow[] {
  const text = execFileSync('tshark', ['-r', join(FIXTURE_DIR, name), '-q', '-z', 'conv,tcp', '-z', 'conv,udp'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  // "127.0.0.1:40648 <-> 127.0.0.1:18443   31 304 kB   35 2958 bytes   66 307 kB   0.000000000   0.3526": B→A, A→B, total
  const size = (n: string, unit: string) => (unit === 'bytes' ? `${n} bytes` : `${n} ${unit}`);
  return [...text.matchAll(/^\S+:(\d+)\s+<->\s+\S+:(\d+)\s+\d+ [\d,]+ \w+\s+\d+ [\d,]+ \w+\s+(\d+) ([\d,]+) (\w+)\s+[\d.]+\s+([\d.]+)/gm)].map((m) => ({ ports: [Number(m[1]), Number(m[2])].sort(), packets: Number(m[3]), bytes: size(m[4], m[5]), durationS: m[6] }));
}

const RECORDED = join(FIXTURE_DIR, 'tshark');
export const recorded = (name: Fixture): TsharkReading => JSON.parse(readFileSync(join(RECORDED, `${name}.json`), 'utf8'));

if (process.argv[1]?.endsWith('tsharkOracle.ts')) {
  mkdirSync(RECORDED, { recursive: true });
  const version = execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  for (const name of FIXTURES) {
    const reading: TsharkReading = { tshark: version, frames: tsharkFrames(name), app: tsharkApp(name), conversations: tsharkConversations(name) };
    writeFileSync(join(RECORDED, `${name}.json`), `${JSON.stringify(reading)}\n`);
    console.log(name, reading.frames.length, 'frames');
  }
}
