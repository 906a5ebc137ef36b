import { describe, expect, it } from 'vitest';
import { parseHash } from './hash';

/** Links for a capture or a trace file without their optional parts (found untested by the forced mutation run). */
const parse = (h: string) => parseHash(h, ['https'], () => ({ lastFrame: Number.POSITIVE_INFINITY, fps: 60 }));

describe('parseHash, capture and file links', () => {
  it('scenario=capture without stream=: one problem (open the capture again), no stream', () => {
    const s = parse('#scenario=capture');
    expect([s.file, s.capture, s.problems.length]).toEqual([true, {}, 1]);
    expect(s.problems[0]).toMatch(/^This link is for a capture/);
  });

  it('scenario=file&time=fit: the time scale is taken, and not also called unknown', () => {
    const s = parse('#scenario=file&time=fit');
    expect(s.time).toBe('fit');
    expect(s.problems.filter((p) => p.includes('time'))).toEqual([]);
  });
});
