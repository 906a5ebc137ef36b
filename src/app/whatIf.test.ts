import { describe, expect, it } from 'vitest';
import type { Chapter } from '../timeline/plan';
import { sameChapterStartS, scenarioFlags } from './whatIf';
import { createWhatIf } from './whatIfController';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_DIR, fixture } from '../import/fixtures';
import { openCapture } from '../import/openCapture';
import { captureToTrace } from '../import/toTrace';
import { traceToJson } from '../import/traceFile';

const ch = (id: Chapter['id'], startS: number, endS: number): Chapter => ({ id, title: id, startS, endS });

describe('sameChapterStartS', () => {
  const before = [ch('tcp', 0, 2), ch('tls', 2, 5), ch('http', 5, 8), ch('tcp', 8, 9), ch('tls', 9, 11)];
  const after = [ch('tcp', 0, 4), ch('tls', 4, 9), ch('http', 9, 14), ch('tcp', 14, 16), ch('tls', 16, 20)];
  it('goes to the start of the same chapter in the new plan', () => {
    expect(sameChapterStartS(before, 3.2, after)).toBe(4);
    expect(sameChapterStartS(before, 0, after)).toBe(0);
    expect(sameChapterStartS(before, 8, after)).toBe(14); // the second connection's handshake
    expect(sameChapterStartS(before, 10, after)).toBe(16);
  });
  it('falls back to the start when the new plan has no such chapter', () => {
    expect(sameChapterStartS(before, 10, after.slice(0, 3))).toBe(0);
    expect(sameChapterStartS([], 3, after)).toBe(0);
  });
});

describe('scenarioFlags', () => {
  it('names the scenario, then the what-if changes as the CLI reads them', () => {
    expect(scenarioFlags({ kind: 'built-in', id: 'https' }, { net: {}, drops: [] })).toEqual(['--scenario', 'https']);
    expect(scenarioFlags({ kind: 'file', name: 'lost.json' }, { net: { rttMs: 80, bodyBytes: 100000 }, drops: [{ direction: 'client-to-server', index: 3 }, { direction: 'server-to-client', index: 1 }] })).toEqual([
      '--scenario-file', 'lost.json', '--rtt', '80', '--response-size', '100000', '--drop', 'c2s:3,s2c:1',
    ]);
  });
});

describe('what if (real simulations)', () => {
  it('losing the first SYN costs a retransmission timeout, and the line says which packet and how much', () => {
    const w = createWhatIf();
    const shown = w.show({ kind: 'built-in', id: 'https' }, { net: {}, drops: [] });
    const syn = shown.model.sim.packets[0];
    expect(syn.label).toBe('SYN');
    const drop = w.dropFor(shown, syn)!;
    expect(drop).toEqual({ direction: 'client-to-server', index: 1 });
    const lost = w.show(shown.source, { net: {}, drops: [drop] });
    expect(lost.model.sim.packets[0].lost).toBeDefined();
    expect(w.dropFor(lost, lost.model.sim.packets[0])).toBeUndefined(); // already lost
    expect(w.costLine(lost)).toMatch(/^What if the SYN \(client → server, 1st that way\) was lost: \+1,0\d\d ms, \+2\d round trips of 40 ms: the last response is complete at [\d,]+ ms instead of \d+ ms\.$/);
    expect(w.costLine(shown)).toBeUndefined();
    expect(w.dropsLine(lost)).toBe('what if, lost: SYN (c2s:1)');
    expect(w.dropsLine(shown)).toBeUndefined();
    // The same moment: the packets before the drop are the same in both runs.
    expect(w.sendTimeS(shown, lost.variant, syn.id)).toBe(shown.model.plan.flights.find((f) => f.packetId === syn.id)!.startS);
  });
  it('keeps a file’s scenario apart from the built-ins, and refuses a bad file with its problems', () => {
    const w = createWhatIf();
    expect(() => w.readFile('x.json', '{"id": 1}')).toThrow();
    try {
      w.readFile('x.json', { tooBig: 500_000_000 });
    } catch (e) {
      expect(w.problems(e, 'x.json')).toEqual(['x.json: the file is 500.0 MB; a scenario file is at most 1 MB of JSON, a trace file at most 400 MB']);
    }
    const base = w.show({ kind: 'built-in', id: 'https' }, { net: {}, drops: [] }).base;
    w.setFile('mine.json', { scenario: { ...base, id: 'mine', link: { ...base.link, rttMs: 100 } } });
    expect(w.show({ kind: 'file', name: 'mine.json' }, { net: {}, drops: [] }).model.sim.rttUs).toBe(100_000);
    expect(() => w.show({ kind: 'file', name: 'other.json' }, { net: {}, drops: [] })).toThrow(/other\.json is not open/);
  });

  it('opens a trace file (npm run import) as it opens a scenario file: the trace’s packets, played as recorded at a time scale', () => {
    const opened = openCapture(fixture('tls13-http1.pcapng'));
    if (!opened.ok) throw new Error(opened.error);
    const trace = captureToTrace(opened.value, { keyLog: readFileSync(join(FIXTURE_DIR, 'tls13-http1.keys'), 'utf8') });
    if (!trace.ok) throw new Error(trace.error);
    const text = traceToJson(trace.value.sim, { capture: 'tls13-http1.pcapng', conversation: '0' });
    const w = createWhatIf();
    w.setFile('t.json', w.readFile('t.json', text));
    expect(w.fileSource()).toEqual({ kind: 'trace', name: 't.json' });
    const shown = w.show({ kind: 'trace', name: 't.json' }, { net: {}, drops: [] });
    expect(shown.base.title).toBe('tls13-http1.pcapng · 0');
    expect(shown.model.sim.packets.map((p) => Array.from(p.bytes))).toEqual(trace.value.sim.packets.map((p) => Array.from(p.bytes)));
    const real = w.show({ kind: 'trace', name: 't.json', time: '1' }, { net: {}, drops: [] });
    expect(real.model.plan.durationS).not.toBe(shown.model.plan.durationS);
    expect(w.scenarioFlags(real)).toEqual(['--trace', 't.json', '--time', '1']);
    // A scenario file opened next replaces it; a trace of another version is refused with its reason.
    expect(() => w.show({ kind: 'file', name: 't.json' }, { net: {}, drops: [] })).toThrow(/t\.json is not open/);
    expect(() => w.readFile('old.json', text.replace('"version":1', '"version":9'))).toThrow();
    try {
      w.readFile('old.json', text.replace('"version":1', '"version":9'));
    } catch (e) {
      expect(w.problems(e, 'old.json')).toEqual(['old.json: trace file version 9 is not 1: import the capture again with this version']);
    }
  });
});
