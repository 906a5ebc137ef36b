import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FrameSource, Player, SPEEDS } from '../playback/player';
import { frameCount, lastFrame } from '../timeline/eventsUpTo';
import { applyLinkMoment, formatHash, linkMoment, parseHash } from './hash';

// Every link the page writes is a link the page accepts: a paused player's state → formatHash →
// parseHash → a fresh player gives the same frame, speed, range and loop, with no problem reported.

const still: FrameSource = { now: () => 0, request: () => 0, cancel: () => {} };
/** A duration that is not a whole number of frames: the last frame (ceil) lies past it, as in the https scenario. */
const plan = { durationS: 19.2037, fps: 60 };

const roundTrip = (p: Player, durationS = plan.durationS) => {
  const hash = formatHash({ scenario: 'https', ...linkMoment(p, p.fps) });
  const parsed = parseHash(hash, ['https'], () => ({ lastFrame: lastFrame({ durationS, fps: p.fps }), fps: p.fps }));
  const back = new Player(p.frameCount, p.fps, still);
  applyLinkMoment(back, parsed);
  return { hash, problems: parsed.problems, back };
};
const stateOf = (p: Player) => ({ frame: p.frame, speed: p.speed, range: p.range, loop: p.loop });
const newPlayer = () => new Player(frameCount(plan), plan.fps, still);

describe('share link round trip', () => {
  it('the last frame is past the duration (the case the link must survive)', () => {
    expect(lastFrame(plan)).toBe(1153);
    expect(lastFrame(plan) / plan.fps).toBeGreaterThan(plan.durationS);
  });

  it.each([
    ['the first frame', (p: Player) => p.seek(0)],
    ['the last frame (End)', (p: Player) => p.seek(p.lastFrame)],
    ['End, then O: a range ending on the last frame', (p: Player) => (p.seek(p.lastFrame), p.setOutPoint(p.frame))],
    ['Home, then I: a range starting on the first frame', (p: Player) => (p.seek(0), p.setInPoint(0))],
    ['I at frame 1, O at the last frame', (p: Player) => (p.setInPoint(1), p.setOutPoint(p.lastFrame), p.seek(p.lastFrame))],
    ['I at 0, O at frame 1, looping', (p: Player) => (p.setOutPoint(1), p.setInPoint(0), p.setLoop(true), p.seek(1))],
    ['I one frame before the end', (p: Player) => (p.setInPoint(p.lastFrame - 1), p.seek(p.lastFrame))],
  ])('%s', (_, act) => {
    for (const speed of SPEEDS) {
      const p = newPlayer();
      p.setSpeed(speed);
      act(p);
      const { hash, problems, back } = roundTrip(p);
      expect(problems, hash).toEqual([]);
      expect(stateOf(back), hash).toEqual(stateOf(p));
    }
  });

  it('End then O writes the range that issue #16 saw refused, and it is accepted', () => {
    const p = newPlayer();
    p.seek(p.lastFrame);
    p.setOutPoint(p.frame);
    expect(roundTrip(p).hash).toBe('#scenario=https&t=19.22&range=0.00-19.22');
    expect(roundTrip(p).problems).toEqual([]);
  });

  it('never makes a range whose in equals its out (I on the last frame, O on the first)', () => {
    const p = newPlayer();
    p.setInPoint(p.lastFrame);
    expect(p.range).toBeUndefined();
    p.setOutPoint(0);
    expect(p.range).toBeUndefined();
    p.setRange({ in: 5, out: 9 });
    p.setInPoint(p.lastFrame); // out (9) is before: would move out to the end, equal to in
    expect(p.range).toEqual({ in: 5, out: 9 });
  });

  it('still refuses a time or range past the last frame', () => {
    const end = () => ({ lastFrame: lastFrame(plan), fps: 60 });
    expect(parseHash('#t=19.23', ['https'], end).problems).toEqual(['t=19.23 is past the end (19.22 s): showing the end.']);
    expect(parseHash('#t=19.23', ['https'], end).t).toBeCloseTo(1153 / 60, 9);
    expect(parseHash('#range=1.00-19.23', ['https'], end).range).toBeUndefined();
    expect(parseHash('#range=0.00-19.22', ['https'], end).range).toEqual({ in: 0, out: 19.22 });
  });

  // Any state a person can reach with the transport and keyboard, for any scenario length.
  type Action = { kind: 'seek' | 'in' | 'out' | 'speed' | 'loop' | 'range'; a: number; b: number };
  const action = fc.record({ kind: fc.constantFrom('seek', 'in', 'out', 'speed', 'loop', 'range'), a: fc.nat(100_000), b: fc.nat(100_000) }) as fc.Arbitrary<Action>;
  const apply = (p: Player, x: Action) => {
    const frame = x.a % (p.frameCount + 2); // a little past the end too: the player clamps
    if (x.kind === 'seek') p.seek(frame);
    else if (x.kind === 'in') p.setInPoint(frame);
    else if (x.kind === 'out') p.setOutPoint(frame);
    else if (x.kind === 'speed') p.stepSpeed(x.b % 2 ? 1 : -1);
    else if (x.kind === 'loop') p.setLoop(!p.loop);
    else p.setRange(x.b % 7 === 0 ? undefined : { in: frame, out: x.b % (p.frameCount + 2) });
  };

  it('property: format → parse gives back any reachable state, with no complaint', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600_000 }), fc.array(action, { maxLength: 12 }), (durationMs, actions) => {
        const durationS = durationMs / 1000 + 0.0001; // rarely a whole number of frames
        const p = new Player(frameCount({ durationS, fps: 60 }), 60, still);
        for (const x of actions) apply(p, x);
        const { hash, problems, back } = roundTrip(p, durationS);
        expect(problems, hash).toEqual([]);
        expect(stateOf(back), hash).toEqual(stateOf(p));
        if (p.range) expect(p.range.in).toBeLessThan(p.range.out);
      }),
      { numRuns: 500 },
    );
  });
});
