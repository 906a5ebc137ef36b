import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import type { FrameView } from './frameState';
import { buildModel } from './model';
import { createSceneDriver } from './sceneDriver';

const model = buildModel(findScenario('https')!);
const syn = model.plan.flights[0];
const midSyn = Math.round(((syn.startS + syn.endS) / 2) * model.plan.fps);

/** The app session, the article figure and <wire-scene> all draw through this core: one frame source, one preference. */
function rig(reduced = false) {
  let queued: (() => void) | undefined;
  let requests = 0;
  const state = { frame: midSyn, reduced };
  const drawn: FrameView[] = [];
  const driver = createSceneDriver({
    model: () => model,
    frame: () => state.frame,
    reducedMotion: () => state.reduced,
    frames: {
      request: (cb) => {
        requests++;
        queued = cb;
        return requests;
      },
      cancel: () => (queued = undefined),
    },
    draw: (view) => drawn.push(view),
  });
  const nextFrame = () => {
    const cb = queued;
    queued = undefined;
    cb?.();
  };
  return { driver, state, drawn, nextFrame, get requests() { return requests; }, get pending() { return queued !== undefined; } };
}

describe('scene driver (the shared player-and-draw core)', () => {
  it('draws any number of requests once, on the next animation frame, and nothing when idle', () => {
    const r = rig();
    for (let i = 0; i < 5; i++) r.driver.request();
    expect(r.requests).toBe(1);
    expect(r.drawn).toHaveLength(0);
    r.nextFrame();
    expect(r.drawn).toHaveLength(1);
    r.nextFrame();
    expect(r.drawn).toHaveLength(1);
  });

  it('draws the evaluator for the motion preference: the same picture the app draws', () => {
    for (const reduced of [false, true]) {
      const r = rig(reduced);
      r.driver.request();
      r.nextFrame();
      expect(r.drawn[0]).toEqual(model.evaluatorFor(reduced).evaluate(midSyn));
    }
    // Mid-flight the SYN slides without reduced motion and is not yet shown with it: the choice is visible.
    const moving = model.evaluatorFor(false).evaluate(midSyn).flights.find((f) => f.packetId === syn.packetId);
    const still = model.evaluatorFor(true).evaluate(midSyn).flights.find((f) => f.packetId === syn.packetId);
    expect(moving?.progress).toBeGreaterThan(0);
    expect(still).toBeUndefined();
  });

  it('hands every reader the same FrameView until the frame or the preference changes', () => {
    const r = rig();
    const a = r.driver.frameView();
    expect(r.driver.frameView()).toBe(a);
    r.state.reduced = true;
    const b = r.driver.frameView();
    expect(b).not.toBe(a);
    r.state.frame = 0;
    expect(r.driver.frameView()?.frame).toBe(0);
  });

  it('draws a seek now and drops the pending draw', () => {
    const r = rig();
    r.driver.request();
    r.driver.drawNow();
    expect(r.drawn).toHaveLength(1);
    expect(r.pending).toBe(false);
  });

  it('lets nothing start moving by itself under reduced motion (WCAG 2.2.2)', () => {
    expect(rig(false).driver.mayStartMoving()).toBe(true);
    expect(rig(true).driver.mayStartMoving()).toBe(false);
  });
});
