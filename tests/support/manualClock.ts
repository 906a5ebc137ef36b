import type { FrameSource } from '../../src/playback/player';

/** A player's clock moved by hand: `advance(ms)` moves time and runs the frame the player asked for. */
export function manualClock() {
  let t = 0;
  let queued: (() => void) | undefined;
  let requests = 0;
  const source: FrameSource = {
    now: () => t,
    request: (cb) => {
      queued = cb;
      return ++requests;
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
    /** Whether the player has asked for a frame. */
    get pending() {
      return queued !== undefined;
    },
  };
}
