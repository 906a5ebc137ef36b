import { describe, expect, it } from 'vitest';
import { Player, type FrameSource } from './player';

function fakeClock() {
  let t = 0;
  let queued: (() => void) | undefined;
  const source: FrameSource = {
    now: () => t,
    request: (cb) => {
      queued = cb;
      return 1;
    },
    cancel: () => {
      queued = undefined;
    },
  };
  return {
    source,
    advance(ms: number) {
      t += ms;
      const cb = queued;
      queued = undefined;
      cb?.();
    },
    get pending() {
      return queued !== undefined;
    },
  };
}

describe('Player', () => {
  it('advances frames with elapsed time at the chosen speed', () => {
    const clock = fakeClock();
    const p = new Player(600, 60, clock.source);
    p.play();
    clock.advance(1000);
    expect(p.frame).toBe(60);
    p.setSpeed(2);
    clock.advance(500);
    expect(p.frame).toBe(120);
    p.setSpeed(0.25);
    clock.advance(1000);
    expect(p.frame).toBe(135);
  });

  it('stops at the last frame and restarts from 0 on play', () => {
    const clock = fakeClock();
    const p = new Player(100, 60, clock.source);
    p.play();
    clock.advance(10_000);
    expect(p.frame).toBe(99);
    expect(p.playing).toBe(false);
    expect(clock.pending).toBe(false);
    p.play();
    expect(p.frame).toBe(0);
  });

  it('asks for no frames while paused (idle costs nothing)', () => {
    const clock = fakeClock();
    const p = new Player(100, 60, clock.source);
    p.play();
    p.pause();
    expect(clock.pending).toBe(false);
  });

  it('clamps and rounds seeks, and ignores non-numbers', () => {
    const p = new Player(100, 60, fakeClock().source);
    p.seek(-4);
    expect(p.frame).toBe(0);
    p.seek(1e9);
    expect(p.frame).toBe(99);
    p.seek(10.6);
    expect(p.frame).toBe(11);
    p.seek(Number.NaN);
    expect(p.frame).toBe(0);
  });

  it('steps to the next and previous marks', () => {
    const p = new Player(100, 60, fakeClock().source);
    const marks = [10, 20, 30];
    p.stepForward(marks);
    expect(p.frame).toBe(10);
    p.stepForward(marks);
    expect(p.frame).toBe(20);
    p.stepBack(marks);
    expect(p.frame).toBe(10);
    p.stepBack(marks);
    expect(p.frame).toBe(0);
    p.seek(30);
    p.stepForward(marks);
    expect(p.frame).toBe(99);
  });

  it('tells listeners about each change', () => {
    const p = new Player(100, 60, fakeClock().source);
    const seen: number[] = [];
    p.subscribe((s) => seen.push(s.frame));
    p.seek(5);
    p.seek(7);
    expect(seen).toEqual([5, 7]);
  });
});
