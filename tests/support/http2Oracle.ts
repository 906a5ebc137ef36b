/**
 * tshark's reading of the HTTP/2 frames in tests/fixtures/captures/h2c-frames.pcapng (Node's http2
 * client and server in cleartext, every frame type: make/h2c-frames.mjs), recorded with each
 * direction's TCP payload in tests/fixtures/captures/tshark/h2c-frames.http2.json, so the frame
 * reader's tests check against tshark without running it (mutation runs leave tshark out).
 * Remake after remaking the capture: `npx tsx tests/support/http2Oracle.ts`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '../fixtures/captures');
export const H2C_CAPTURE = 'h2c-frames.pcapng';
export const H2C_PORT = 18446;
const RECORDING = join(DIR, 'tshark', 'h2c-frames.http2.json');

/** One HTTP/2 frame as tshark shows it; absent fields are left out. */
export interface TsharkH2Frame {
  /** 'up': client → server. */
  direction: 'up' | 'down';
  length: number;
  type: number;
  flags: number;
  streamId: number;
  padLength?: number;
  weight?: number;
  dependency?: number;
  exclusive?: boolean;
  promisedStreamId?: number;
  settings?: { id: number; value: number }[];
  errorCode?: number;
  lastStreamId?: number;
  windowIncrement?: number;
  /** http2.header.repr: "Indexed Header Field", "Literal Header Field with Incremental Indexing - …". */
  headers?: { name: string; value: string; repr: string }[];
}
export interface H2cRecording {
  tshark: string;
  /** Each direction's TCP payload, hex, in order (tshark's follow,tcp,raw). */
  up: string;
  down: string;
  frames: TsharkH2Frame[];
}

export const recordedH2c = (): H2cRecording => JSON.parse(readFileSync(RECORDING, 'utf8'));

type Tree = Record<string, unknown>;
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const num = (x: unknown) => (x === undefined ? undefined : Number(x));

function frameOf(s: Tree, direction: 'up' | 'down'): TsharkH2Frame {
  const f: TsharkH2Frame = { direction, length: Number(s['http2.length']), type: Number(s['http2.type']), flags: Number(s['http2.flags']), streamId: Number(s['http2.streamid']) };
  const flags = f.flags;
  const padded = (f.type === 0 || f.type === 1 || f.type === 5 || f.type === 9) && flags & 0x8;
  if (padded) f.padLength = num(s['http2.pad_length']);
  if (s['http2.headers.weight_real'] !== undefined) {
    f.weight = num(s['http2.headers.weight_real']);
    f.dependency = num(s['http2.stream_dependency']);
    f.exclusive = s['http2.exclusive'] === '1';
  }
  if (s['http2.push_promise.promised_stream_id'] !== undefined) f.promisedStreamId = num(s['http2.push_promise.promised_stream_id']);
  if (f.type === 4) f.settings = list(s['http2.settings'] as Tree | Tree[]).map((t) => ({ id: Number(t['http2.settings.id']), value: Number(Object.entries(t).find(([k]) => k !== 'http2.settings.id')?.[1]) }));
  if (s['http2.rst_stream.error'] !== undefined) f.errorCode = num(s['http2.rst_stream.error']);
  if (s['http2.goaway.error'] !== undefined) {
    f.errorCode = num(s['http2.goaway.error']);
    f.lastStreamId = num(s['http2.goaway.last_stream_id']);
  }
  if (s['http2.window_update.window_size_increment'] !== undefined) f.windowIncrement = num(s['http2.window_update.window_size_increment']);
  if (f.type === 1 || f.type === 5) f.headers = list(s['http2.header'] as Tree | Tree[]).map((h) => ({ name: String(h['http2.header.name']), value: String(h['http2.header.value'] ?? ''), repr: String(h['http2.header.repr']) }));
  return f;
}

function record(): H2cRecording {
  const capture = join(DIR, H2C_CAPTURE);
  const decodeAs = ['-d', `tcp.port==${H2C_PORT},http2`];
  const packets = JSON.parse(execFileSync('tshark', ['-r', capture, ...decodeAs, '-Y', 'http2', '-T', 'json', '--no-duplicate-keys'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] })) as { _source: { layers: Tree } }[];
  const frames: TsharkH2Frame[] = [];
  for (const p of packets) {
    const layers = p._source.layers;
    const direction = Number((layers.tcp as Tree)['tcp.dstport']) === H2C_PORT ? 'up' : 'down';
    // A packet holding several HTTP/2 frames has a list of http2 layers, each with one or more streams.
    for (const layer of list(layers.http2 as Tree | Tree[])) for (const s of list(layer['http2.stream'] as Tree | Tree[])) if (s['http2.type'] !== undefined) frames.push(frameOf(s, direction));
  }
  // "follow,tcp,raw": the client's bytes flush left, the server's indented by a tab.
  const follow = execFileSync('tshark', ['-r', capture, '-q', '-z', 'follow,tcp,raw,0'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  const body = follow.split(/^=+$/m)[1].split('\n').filter((l) => /^\t?[0-9a-f]+$/.test(l));
  const up = body.filter((l) => !l.startsWith('\t')).join('');
  const down = body.filter((l) => l.startsWith('\t')).map((l) => l.slice(1)).join('');
  const version = execFileSync('tshark', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  return { tshark: version, up, down, frames };
}

if (process.argv[1]?.endsWith('http2Oracle.ts')) {
  const r = record();
  writeFileSync(RECORDING, `${JSON.stringify(r)}\n`);
  console.log(`${r.frames.length} frames, ${r.up.length / 2} bytes up, ${r.down.length / 2} bytes down`);
}
