import { Application, Container, type WebGLRenderer } from 'pixi.js';
import type { FrameView } from '../playback/frameState';
import { loadFonts } from '../render/fonts';
import { Scene } from '../render/scene';
import type { SceneLabels } from '../stage/labels';
import { layoutFor } from '../stage/stageLayout';
import type { Theme } from '../render/theme';

/**
 * One WebGL context for every <wire-scene> on the page. Browsers allow about 16 live contexts and
 * drop the oldest past that, so a page of examples cannot give each element its own. Each element
 * keeps its own Pixi scene and a plain 2D canvas; to draw it, the shared renderer is sized to that
 * canvas, renders the scene, and the picture is copied across in the same task (bench/: `elements`).
 */
let shared: Promise<Application> | undefined;
const restored = new Set<() => void>();

function renderer(): Promise<Application> {
  shared ??= (async () => {
    await loadFonts();
    const app = new Application();
    await app.init({ width: 1, height: 1, antialias: true, preference: 'webgl', autoStart: false, sharedTicker: false, autoDensity: false });
    app.ticker.stop();
    // A lost context (a GPU reset) draws nothing, so elements keep their last picture meanwhile; on
    // restore Pixi rebuilds its GPU objects and unloads every Text to regenerate its texture (its
    // listener, added first, runs first), and every element then draws its current frame again.
    app.canvas.addEventListener('webglcontextrestored', () => restored.forEach((redraw) => redraw()));
    return app;
  })();
  return shared;
}

const isContextLost = (app: Application): boolean => (app.renderer as Partial<WebGLRenderer>).gl?.isContextLost() ?? false;

/** What the shared renderer is (tests insist on 'webgl'), once it exists. */
export const sharedRendererName = async (): Promise<string> => (await renderer()).renderer.name;

/** One element's scene in the shared renderer, drawn into that element's 2D canvas. */
export class SceneSlot {
  private scene?: Scene;
  private readonly stage = new Container();
  private textResolution = 0;

  private constructor(
    private readonly app: Application,
    private readonly labels: SceneLabels,
    private readonly theme: Theme,
    private readonly target: HTMLCanvasElement,
    private readonly redraw: () => void,
  ) {
    restored.add(redraw);
  }

  static async create(labels: SceneLabels, theme: Theme, target: HTMLCanvasElement, redraw: () => void): Promise<SceneSlot> {
    return new SceneSlot(await renderer(), labels, theme, target, redraw);
  }

  /** Draws a frame at the target's CSS size and device pixel ratio; the stage layout follows its shape. */
  draw(frameView: FrameView, cssWidth: number, cssHeight: number, dpr: number): void {
    // Copying a lost context's canvas would blank the element's picture; the restore redraws it.
    if (isContextLost(this.app)) return;
    const w = Math.max(1, Math.round(cssWidth));
    const h = Math.max(1, Math.round(cssHeight));
    const layout = layoutFor(w, h, !!this.labels.resolver);
    if (!this.scene || this.scene.stage !== layout) {
      this.scene?.root.destroy({ children: true });
      this.scene = new Scene(this.labels, this.theme, undefined, layout);
      this.stage.addChild(this.scene.root);
      this.textResolution = 0;
    }
    const scale = Math.min(w / layout.width, h / layout.height);
    this.stage.scale.set(scale);
    this.stage.position.set((w - layout.width * scale) / 2, (h - layout.height * scale) / 2);
    if (this.textResolution !== dpr * scale) this.scene.setResolution((this.textResolution = dpr * scale));
    this.scene.update(frameView);
    const r = this.app.renderer;
    if (r.resolution !== dpr || r.screen.width !== w || r.screen.height !== h) r.resize(w, h, dpr);
    r.background.color = this.theme.palette.background;
    r.render({ container: this.stage });
    const pw = Math.round(w * dpr);
    const ph = Math.round(h * dpr);
    if (this.target.width !== pw || this.target.height !== ph) {
      this.target.width = pw;
      this.target.height = ph;
    }
    // Same task as the render: the WebGL drawing buffer still holds this frame.
    this.target.getContext('2d')!.drawImage(this.app.canvas, 0, 0);
  }

  destroy(): void {
    restored.delete(this.redraw);
    this.stage.destroy({ children: true });
    this.scene = undefined;
  }
}
