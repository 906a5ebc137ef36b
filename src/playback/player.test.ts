import { describe, expect, it } from 'vitest';
import { manualClock as fakeClock } from '../../tests/support/manualClock';
import { Player } from './player';

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

  it('plays inside the in/out range and loops back to the in point', () => {
    const clock = fakeClock();
    const p = new Player(600, 60, clock.source);
    p.setRange({ in: 60, out: 119 });
    p.play();
    expect(p.frame).toBe(60);
    clock.advance(500);
    expect(p.frame).toBe(90);
    clock.advance(600);
    expect(p.frame).toBe(119);
    expect(p.playing).toBe(false);
    p.setLoop(true);
    p.play();
    expect(p.frame).toBe(60);
    clock.advance(1100); // 66 frames: past the out point by 6, wrapped
    expect(p.frame).toBe(66);
    expect(p.playing).toBe(true);
  });

  it('sets in and out points from the current frame and refuses an empty range', () => {
    const p = new Player(600, 60, fakeClock().source);
    p.setOutPoint(300);
    expect(p.range).toEqual({ in: 0, out: 300 });
    p.setInPoint(100);
    expect(p.range).toEqual({ in: 100, out: 300 });
    p.setInPoint(400); // after the out point: out moves to the end
    expect(p.range).toEqual({ in: 400, out: 599 });
    p.setRange({ in: 50, out: 50 });
    expect(p.range).toEqual({ in: 400, out: 599 });
    p.setRange(undefined);
    expect(p.range).toBeUndefined();
  });

  it('steps speed through 0.1× to 4× and clamps', () => {
    const p = new Player(600, 60, fakeClock().source);
    p.stepSpeed(1);
    expect(p.speed).toBe(1.5);
    p.setSpeed(4);
    p.stepSpeed(1);
    expect(p.speed).toBe(4);
    p.setSpeed(0.1);
    p.stepSpeed(-1);
    expect(p.speed).toBe(0.1);
    p.setSpeed(100);
    expect(p.speed).toBe(4);
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
