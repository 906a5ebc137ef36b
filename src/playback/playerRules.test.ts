import { afterEach, describe, expect, it, vi } from 'vitest';
import { manualClock as clock } from '../../tests/support/manualClock';
import { browserFrameSource, Player } from './player';

describe('Player rules', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads time from performance.now and frames from requestAnimationFrame in a browser', () => {
    const request = vi.fn(() => 7);
    const cancel = vi.fn();
    vi.stubGlobal('requestAnimationFrame', request);
    vi.stubGlobal('cancelAnimationFrame', cancel);
    const source = browserFrameSource();
    const cb = () => {};
    expect(source.request(cb)).toBe(7);
    expect(request).toHaveBeenCalledWith(cb);
    source.cancel(7);
    expect(cancel).toHaveBeenCalledWith(7);
    expect(Math.abs(source.now() - performance.now())).toBeLessThan(1000);
  });

  it('play and pause, toggle, and a second play that loses no time', () => {
    const c = clock();
    const p = new Player(600, 60, c.source);
    expect([p.playing, p.loop]).toEqual([false, false]);
    p.toggle();
    expect(p.playing).toBe(true);
    c.advance(25); // 1.5 frames: frame 1
    p.play(); // already playing: nothing changes
    c.advance(25);
    expect(p.frame).toBe(3);
    p.toggle();
    expect([p.playing, c.pending]).toEqual([false, false]);
    p.setLoop(true);
    expect(p.loop).toBe(true);
  });

  it('plays on from where it stands, and from a seek made while playing', () => {
    const c = clock();
    const p = new Player(600, 60, c.source);
    p.seek(50);
    p.play();
    expect(p.frame).toBe(50);
    c.advance(500);
    expect(p.frame).toBe(80);
    p.seek(300);
    c.advance(500);
    expect(p.frame).toBe(330);
  });

  it('stops on the last frame the moment it reaches it', () => {
    const c = clock();
    const p = new Player(100, 60, c.source);
    p.play();
    c.advance(1650); // exactly frame 99
    expect([p.frame, p.playing, c.pending]).toEqual([99, false, false]);
  });

  it('loops inside a range keeping the overshoot, and keeps time after the wrap', () => {
    const c = clock();
    const p = new Player(600, 60, c.source);
    p.setRange({ in: 50, out: 119 }); // 70 frames
    p.setLoop(true);
    p.play();
    c.advance(1300); // 78 frames on: 128, past 119 by 9: wraps to 50 + 78 mod 70
    expect(p.frame).toBe(58);
    c.advance(500);
    expect(p.frame).toBe(88);
  });

  it('tells listeners only of changes, and stops telling one that unsubscribed', () => {
    const c = clock();
    const p = new Player(600, 60, c.source);
    const seen: number[] = [];
    const stop = p.subscribe((s) => seen.push(s.frame));
    p.pause(); // not playing: nothing to tell
    expect(seen).toEqual([]);
    p.setSpeed(0.25);
    seen.length = 0;
    p.play();
    c.advance(16);
    c.advance(16); // a quarter speed: still frame 0
    expect(seen).toEqual([0]);
    stop();
    p.seek(9);
    expect(seen).toEqual([0]);
  });

  it('speed: steps down as well as up, ignores a non-number', () => {
    const p = new Player(600, 60, clock().source);
    p.stepSpeed(-1);
    expect(p.speed).toBe(0.75);
    p.setSpeed(0.3);
    p.stepSpeed(-1);
    expect(p.speed).toBe(0.25);
    p.setSpeed(Number.NaN);
    expect(p.speed).toBe(0.25);
  });

  it('seekBy moves by seconds', () => {
    const p = new Player(600, 60, clock().source);
    p.seek(10);
    p.seekBy(2);
    expect(p.frame).toBe(130);
    p.seekBy(-0.5);
    expect(p.frame).toBe(100);
  });

  it('in and out points keep the other end while it still makes a range of two frames or more', () => {
    const p = new Player(600, 60, clock().source);
    p.setInPoint(100); // no range yet: out is the end
    expect(p.range).toEqual({ in: 100, out: 599 });
    p.setOutPoint(300);
    expect(p.range).toEqual({ in: 100, out: 300 });
    p.setOutPoint(200);
    expect(p.range).toEqual({ in: 100, out: 200 });
    p.setInPoint(200); // on the out point: out moves to the end
    expect(p.range).toEqual({ in: 200, out: 599 });
    p.setOutPoint(200); // on the in point: in moves to the start
    expect(p.range).toEqual({ in: 0, out: 200 });
    p.setRange({ in: 100, out: 300 });
    p.setOutPoint(50); // before the in point: in moves to the start
    expect(p.range).toEqual({ in: 0, out: 50 });
  });

  it('stepping back leaves the caller’s marks as they were', () => {
    const p = new Player(600, 60, clock().source);
    const marks = [10, 20, 30];
    p.seek(25);
    p.stepBack(marks);
    expect([p.frame, marks]).toEqual([20, [10, 20, 30]]);
  });
});
