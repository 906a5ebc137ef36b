import { gsap } from 'gsap';
import { describe, expect, it } from 'vitest';
import { bannerMotion } from './animate';
import { playhead, started, tweenValue } from './tweenMath';

const linear = (r: number) => r;

describe('tweenValue, against GSAP itself', () => {
  it('a tween of zero duration (a banner cut by another at the same instant) jumps to its end once started, as GSAP renders it; never NaN', () => {
    for (const startS of [0.5, 3.2]) {
      const target = { v: -1 };
      const tl = gsap.timeline({ paused: true });
      tl.fromTo(target, { v: 0.9 }, { v: 1, duration: 0, ease: 'none', immediateRender: false }, startS);
      tl.to({}, { duration: 1 }, startS + 5); // something after it, so the timeline runs past
      for (const t of [startS, startS + 0.25]) {
        tl.seek(0, false);
        tl.seek(t, false); // forward onto or past its start, as playing or a seek from before it does
        const at = playhead(t);
        expect(started(startS, at)).toBe(true);
        expect(tweenValue(at, startS, 0, 0.9, 1, linear)).toBe(target.v);
      }
    }
  });

  it('a banner that ends where it starts has a finite alpha and scale', () => {
    const m = bannerMotion({ startS: 2, endS: 2 } as Parameters<typeof bannerMotion>[0], playhead(2), 10);
    expect(Number.isFinite(m.alpha) && Number.isFinite(m.scale)).toBe(true);
  });
});
