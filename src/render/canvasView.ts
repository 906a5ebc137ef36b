import '../platform/strictPolicy';
import { Application } from 'pixi.js';
import type { FrameView } from '../playback/frameState';
import { loadFonts } from './fonts';
import { DESIGN_HEIGHT, DESIGN_WIDTH } from '../stage/layout';
import { layoutFor } from '../stage/stageLayout';
import type { SceneLabels } from '../stage/labels';
import { Scene, type SceneOverlays } from './scene';
import { darkTheme, type Theme } from './theme';

export interface CanvasViewOptions {
  labels: SceneLabels;
  /** CSS pixels. */
  width?: number;
  height?: number;
  /** devicePixelRatio to render at. */
  resolution?: number;
  /** Keep the drawing buffer after compositing (tests and exporters read pixels back). */
  preserveDrawingBuffer?: boolean;
  theme?: Theme;
  overlays?: SceneOverlays;
}

/**
 * A Pixi application that draws only when asked: no ticker, no render loop.
 * The stage is laid out at 1280×720 design units and scaled to the canvas.
 */
export async function createCanvasView(options: CanvasViewOptions) {
  await loadFonts();
  const app = new Application();
  const resolution = options.resolution ?? 1;
  await app.init({
    width: options.width ?? DESIGN_WIDTH,
    height: options.height ?? DESIGN_HEIGHT,
    resolution,
    autoDensity: true,
    antialias: true,
    background: (options.theme ?? darkTheme).palette.background,
    preference: 'webgl',
    autoStart: false,
    sharedTicker: false,
    preserveDrawingBuffer: options.preserveDrawingBuffer ?? false,
  });
  app.ticker.stop();
  let labels = options.labels;
  let scene = new Scene(labels, options.theme ?? darkTheme, options.overlays, layoutFor(options.width ?? DESIGN_WIDTH, options.height ?? DESIGN_HEIGHT, !!labels.resolver));
  app.stage.addChild(scene.root);
  let last: FrameView | undefined;
  let textResolution = resolution;

  const view = {
    app,
    get scene(): Scene {
      return scene;
    },
    canvas: app.canvas,
    /** 'webgl' | 'webgpu' | 'canvas': tests insist on webgl. */
    get rendererName(): string {
      return app.renderer.name;
    },
    resize(cssWidth: number, cssHeight: number, devicePixelRatio = resolution): void {
      const w = Math.max(1, Math.round(cssWidth));
      const h = Math.max(1, Math.round(cssHeight));
      app.renderer.resolution = devicePixelRatio;
      app.renderer.resize(w, h);
      // The layout follows the canvas's shape (landscape, square, portrait); a new one is a new scene.
      const stage = layoutFor(w, h, !!labels.resolver);
      if (stage !== scene.stage) {
        const shown = last;
        view.replaceScene(labels, scene.theme, stage);
        last = shown;
      }
      const scale = Math.min(w / stage.width, h / stage.height);
      app.stage.scale.set(scale);
      app.stage.position.set((w - stage.width * scale) / 2, (h - stage.height * scale) / 2);
      textResolution = devicePixelRatio * scale;
      scene.setResolution(textResolution);
      if (last) view.draw(last);
    },
    /** A new scenario has new labels (a resolver or not), a new theme new colours, other overlays other parts: swap in a fresh scene. */
    replaceScene(newLabels: SceneLabels, theme: Theme = scene.theme, stage = scene.stage, overlays = scene.overlays): void {
      labels = newLabels;
      const onTap = scene.onPacketTap;
      app.stage.removeChild(scene.root);
      scene.root.destroy({ children: true });
      scene = new Scene(labels, theme, overlays, stage);
      scene.onPacketTap = onTap;
      app.renderer.background.color = theme.palette.background;
      scene.setResolution(textResolution);
      app.stage.addChild(scene.root);
      last = undefined;
    },
    draw(frameView: FrameView): void {
      last = frameView;
      scene.update(frameView);
      app.renderer.render(app.stage);
    },
    destroy(): void {
      app.destroy(true, { children: true });
    },
  };
  // A lost WebGL context (a GPU reset, the browser reclaiming contexts) leaves the canvas blank, and
  // nothing else redraws a paused player. Pixi's own listener, added first, rebuilds its GL objects
  // and unloads every Text so its texture is regenerated on the next render (pixi.js 8.22, #12170),
  // so drawing the frame last shown is enough.
  app.canvas.addEventListener('webglcontextrestored', () => {
    if (last) view.draw(last);
  });
  view.resize(options.width ?? DESIGN_WIDTH, options.height ?? DESIGN_HEIGHT, resolution);
  return view;
}

export type CanvasView = Awaited<ReturnType<typeof createCanvasView>>;
