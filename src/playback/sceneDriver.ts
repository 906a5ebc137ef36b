import type { FrameView } from './frameState';
import type { Model } from './model';
import type { FrameSource } from './player';

export interface SceneDriverOptions {
  /** The model on show (none yet while <wire-scene> loads its source). */
  model: () => Model | undefined;
  /** The player's integer frame. */
  frame: () => number;
  /** The person's motion preference, read at every evaluation (a change needs only a redraw). */
  reducedMotion: () => boolean;
  /** Schedules the coalesced draw (requestAnimationFrame on a page; a fake in tests). */
  frames: Pick<FrameSource, 'request' | 'cancel'>;
  /** Draws one frame view: the canvas and every view that reads it. */
  draw: (view: FrameView, model: Model) => void;
}

/**
 * The player-and-draw core of every animated view: the app's session, the article's figure and
 * <wire-scene>. The frame on show is evaluated once, through the evaluator for the motion
 * preference, and handed to the consumer's draw; redraw requests are coalesced into one draw on
 * the next animation frame (idle = no work). No DOM here: the consumer injects the frame source,
 * the preference and what drawing means, so the rules below hold for all of them alike.
 */
export function createSceneDriver(o: SceneDriverOptions) {
  let handle: number | undefined;
  let memo: { model: Model; frame: number; reduced: boolean; view: FrameView } | undefined;

  /** The one FrameView of the moment on show: the same object for every reader until the frame, the model or the preference changes. */
  const frameView = (): FrameView | undefined => {
    const model = o.model();
    if (!model) return undefined;
    const frame = o.frame();
    const reduced = o.reducedMotion();
    if (memo?.model !== model || memo.frame !== frame || memo.reduced !== reduced) {
      memo = { model, frame, reduced, view: model.evaluatorFor(reduced).evaluate(frame) };
    }
    return memo.view;
  };

  const cancel = (): void => {
    if (handle !== undefined) o.frames.cancel(handle);
    handle = undefined;
  };

  /** Draws the moment on show now (a seek's picture must be up before `seeked`); a pending draw is dropped. */
  const drawNow = (): FrameView | undefined => {
    cancel();
    const model = o.model();
    const view = frameView();
    if (model && view) o.draw(view, model);
    return view;
  };

  return {
    frameView,
    drawNow,
    cancel,
    /** Asks for a draw on the next animation frame; any number of asks before it make one draw. */
    request(): void {
      handle ??= o.frames.request(() => {
        handle = undefined;
        drawNow();
      });
    },
    /** WCAG 2.2.2: with reduced motion asked for, nothing starts moving by itself (autoplay, a checkpoint's run). */
    mayStartMoving(): boolean {
      return !o.reducedMotion();
    },
  };
}

export type SceneDriver = ReturnType<typeof createSceneDriver>;

/** What a screen reader hears for the canvas: the scenario, then what the latest packet is for. */
export const sceneLabel = (model: Model, view: FrameView): string => `${model.scenario.title}. ${view.caption}`;
