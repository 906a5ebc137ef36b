import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignRanges, frameInStep, readingLine, stepAtLine, stepForFrame } from './scrollMap';

const boxes = [
  { top: 100, bottom: 200 },
  { top: 220, bottom: 420 },
  { top: 440, bottom: 460 },
];

describe('scroll → frame', () => {
  it('finds the step under the reading line and how far through it', () => {
    expect(stepAtLine(boxes, 0)).toEqual({ index: 0, progress: 0 });
    expect(stepAtLine(boxes, 150)).toEqual({ index: 0, progress: 0.5 });
    expect(stepAtLine(boxes, 210)).toEqual({ index: 0, progress: 1 }); // in the gap: the step above, done
    expect(stepAtLine(boxes, 270)).toEqual({ index: 1, progress: 0.25 });
    expect(stepAtLine(boxes, 9999)).toEqual({ index: 2, progress: 1 });
    expect(stepAtLine([], 5)).toEqual({ index: -1, progress: 0 });
  });

  it('maps progress through a step to its frames; reduced motion jumps to the end', () => {
    const step = { scenario: 's', from: 36, to: 108 };
    expect(frameInStep(step, 0, false)).toBe(36);
    expect(frameInStep(step, 0.5, false)).toBe(72);
    expect(frameInStep(step, 1, false)).toBe(108);
    expect(frameInStep(step, 0.3, true)).toBe(108);
  });

  it('is monotonic: scrolling down never shows an earlier frame within a step, scrolling back goes back', () => {
    const ranges = [
      { scenario: 's', from: 0, to: 50 },
      { scenario: 's', from: 50, to: 200 },
      { scenario: 's', from: 200, to: 200 },
    ];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const at = (y: number) => {
          const { index, progress } = stepAtLine(boxes, y);
          return frameInStep(ranges[index], progress, false);
        };
        expect(at(lo)).toBeLessThanOrEqual(at(hi));
        expect(at(lo)).toBe(at(lo)); // the same position, the same frame
      }),
    );
  });

  it('gives a step without its own range the end of the one before, in the same scenario', () => {
    expect(
      assignRanges([
        { scenario: 'a', own: { from: 10, to: 20 } },
        { scenario: 'a' },
        { scenario: 'b' },
        { scenario: 'b', own: { from: 5, to: 9 } },
      ]),
    ).toEqual([
      { scenario: 'a', from: 10, to: 20 },
      { scenario: 'a', from: 20, to: 20 },
      { scenario: 'b', from: 0, to: 0 },
      { scenario: 'b', from: 5, to: 9 },
    ]);
  });

  it('finds the step that describes a frame, preferring one that moves and is near the reader', () => {
    const ranges = [
      { scenario: 'a', from: 0, to: 30 },
      { scenario: 'a', from: 30, to: 30 },
      { scenario: 'a', from: 20, to: 60 },
      { scenario: 'b', from: 0, to: 100 },
    ];
    expect(stepForFrame(ranges, 'a', 10, 0)).toBe(0);
    expect(stepForFrame(ranges, 'a', 30, 1)).toBe(0);
    expect(stepForFrame(ranges, 'a', 30, 3)).toBe(2);
    expect(stepForFrame(ranges, 'b', 30, 0)).toBe(3);
    expect(stepForFrame(ranges, 'a', 99, 0)).toBe(-1);
  });

  it('puts the reading line mid-screen beside the figure, and below it on a phone', () => {
    expect(readingLine(1000, 500, false)).toBe(500);
    expect(readingLine(740, 300, true)).toBe(300 + 440 * 0.4);
  });
});
