import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePcapng } from '../export/pcapng';
import { FIXTURE_DIR, FIXTURES, fixture, KEY_LOGS } from './fixtures';
import { openCapture } from './openCapture';
import { readCapture } from './readCapture';
import { captureToTrace } from './toTrace';
import { traceFromJson, traceToJson } from './traceFile';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';

const hasTshark = spawnSync('tshark', ['--version']).status === 0;

function exported(name: (typeof FIXTURES)[number]) {
  const opened = openCapture(fixture(name));
  if (!opened.ok) throw new Error(opened.error);
  const keyFile = KEY_LOGS[name];
  const trace = captureToTrace(opened.value, { keyLog: keyFile ? readFileSync(join(FIXTURE_DIR, keyFile), 'utf8') : undefined });
  if (!trace.ok) throw new Error(trace.error);
  const back = traceFromJson(traceToJson(trace.value.sim));
  if (!back.ok) throw new Error(back.error);
  return { opened: opened.value, trace: trace.value, pcapng: writePcapng(back.value) };
}

describe('capture → import → trace file → capture gives the same packets', () => {
  for (const name of FIXTURES) {
    it(`${name}: every packet's bytes, in order, at the same relative time`, () => {
      const { opened, trace, pcapng } = exported(name);
      const again = readCapture(pcapng);
      if (!again.ok) throw new Error(again.error);
      const original = trace.conversation.frames.map((i) => opened.frames[i]);
      expect(again.value.frames.map((f) => Array.from(f.data))).toEqual(original.map((f) => Array.from(f.ipBytes)));
      const t0 = [again.value.frames[0].timeUs, original[0].frame.timeUs];
      again.value.frames.forEach((f, k) => expect(Math.abs(f.timeUs - t0[0] - (original[k].frame.timeUs - t0[1]))).toBeLessThanOrEqual(1));
    });
  }

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

  it('a file that is not a trace, or of another version, is named', () => {
    expect(traceFromJson('{')).toMatchObject({ ok: false, error: expect.stringMatching(/not JSON/) });
    expect(traceFromJson('{"format":"wirescene-trace","version":9}')).toMatchObject({ ok: false, error: expect.stringMatching(/version 9 is not 1/) });
    expect(traceFromJson('{"format":"other"}')).toMatchObject({ ok: false, error: expect.stringMatching(/npm run import/) });
    // Lists and version right, the endpoints and timing gone: named, rather than failing later in the timeline.
    const { client, timing, ...rest } = JSON.parse(traceToJson(simulate(findScenario('https')!)));
    expect(client && timing).toBeTruthy();
    expect(traceFromJson(JSON.stringify(rest))).toEqual({ ok: false, error: 'trace file is damaged: it has no "client", "timing" (import the capture again)' });
  });
});
