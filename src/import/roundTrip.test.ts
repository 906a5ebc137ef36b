import { describe, expect, it } from 'vitest';
import { exported } from '../../tests/support/importFixtures';
import { FIXTURES } from './fixtures';
import { readCapture } from './readCapture';
import { traceFromJson, traceToJson } from './traceFile';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';

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
