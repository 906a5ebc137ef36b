import { beforeEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../sim/scenario';
import { traceBuilder } from '../timeline/traceBuilder';
import type { FrameView } from './frameState';
import { type Model, modelFromSim } from './model';
import { createSceneDriver, sceneLabel } from './sceneDriver';

// A hand-built handshake (no simulator: the driver's rules do not depend on what is drawn).
const trace = traceBuilder();
trace.packet('client', 'server', 'SYN', 0, 20_000);
trace.packet('server', 'client', 'SYN-ACK', 20_000, 20_000);
trace.packet('client', 'server', 'ACK', 40_000, 20_000);
const sim = trace.build();
// Made in each test, not while collecting them: a mutation run sees which test ran the model.
let model: Model;
let syn: Model['plan']['flights'][number];
let midSyn: number;
beforeEach(() => {
  model = modelFromSim({ id: 'hand', title: 'A hand-built handshake' } as Scenario, sim);
  syn = model.plan.flights[0];
  midSyn = Math.round(((syn.startS + syn.endS) / 2) * model.plan.fps);
});

/** The app session, the article figure and <wire-scene> all draw through this core: one frame source, one preference. */
function rig(reduced = false) {
  let queued: (() => void) | undefined;
  let requests = 0;
  let cancels = 0;
  const state: { frame: number; reduced: boolean; model: Model | undefined } = { frame: midSyn, reduced, model };
  const drawn: FrameView[] = [];
  const driver = createSceneDriver({
    model: () => state.model,
    frame: () => state.frame,
    reducedMotion: () => state.reduced,
    frames: {
      request: (cb) => {
        requests++;
        queued = cb;
        return requests;
      },
      cancel: () => {
        cancels++;
        queued = undefined;
      },
    },
    draw: (view) => drawn.push(view),
  });
  const nextFrame = () => {
    const cb = queued;
    queued = undefined;
    cb?.();
  };
  return { driver, state, drawn, nextFrame, get requests() { return requests; }, get cancels() { return cancels; }, get pending() { return queued !== undefined; } };
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
    // Once drawn, the next request asks for a new frame.
    r.driver.request();
    expect(r.requests).toBe(2);
    r.nextFrame();
    expect(r.drawn).toHaveLength(2);
  });

  it('draws nothing while there is no model, and cancels only a pending draw', () => {
    const r = rig();
    r.state.model = undefined;
    expect(r.driver.frameView()).toBeUndefined();
    expect(r.driver.drawNow()).toBeUndefined();
    expect(r.drawn).toHaveLength(0);
    expect(r.cancels).toBe(0);
    r.driver.request();
    r.driver.cancel();
    expect([r.cancels, r.pending]).toEqual([1, false]);
    r.driver.cancel();
    expect(r.cancels).toBe(1);
    r.driver.request();
    expect(r.requests).toBe(2); // the cancelled handle was forgotten
  });

  it('evaluates afresh for another model at the same frame', () => {
    const r = rig();
    const a = r.driver.frameView();
    r.state.model = { ...model };
    expect(r.driver.frameView()).not.toBe(a);
    expect(r.driver.frameView()).toEqual(a);
  });

  it('labels the canvas with the scenario and what the latest packet is for', () => {
    const view = model.evaluator.evaluate(midSyn);
    expect(sceneLabel(model, view)).toBe('A hand-built handshake. SYN caption');
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
    expect(r.driver.drawNow()).toBe(r.drawn[0]);
    expect(r.drawn).toHaveLength(1);
    expect(r.pending).toBe(false);
    r.nextFrame();
    expect(r.drawn).toHaveLength(1);
  });

  it('lets nothing start moving by itself under reduced motion (WCAG 2.2.2)', () => {
    expect(rig(false).driver.mayStartMoving()).toBe(true);
    expect(rig(true).driver.mayStartMoving()).toBe(false);
  });
});
