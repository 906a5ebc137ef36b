import type { Model } from '../playback/model';
import { bindTransport } from '../controls/transport';
import { InspectorView } from '../overlay/inspectorView';
import { browserFrameSource, Player } from '../playback/player';
import { createSceneDriver, sceneLabel } from '../playback/sceneDriver';
import { createCanvasView, type CanvasView } from '../render/canvasView';
import { pixelHash, readPixels } from '../render/pixels';
import { themes } from '../render/theme';
import { $, transportElements } from '../app/dom';

export interface FigureState {
  scenario: string;
  frame: number;
  playing: boolean;
}

/**
 * The article's sticky figure: the app's canvas, transport bar and inspector over one Player
 * per scenario (built on first use). Scrolling, links and checkpoints all move it through
 * show() and playTo(); it tells the page what it shows through onChange.
 */
export class ArticleFigure {
  private scenario = '';
  private player?: Player;
  private unbind: (() => void)[] = [];
  private readonly inspector = new InspectorView($('#inspector'));
  private readonly listeners = new Set<(s: FigureState) => void>();
  // The canvas, the inspector and the transport bar read one FrameView of the moment on show.
  private readonly draw = createSceneDriver({
    model: () => (this.player ? this.currentModel : undefined),
    frame: () => this.player?.frame ?? 0,
    reducedMotion: () => this.reducedMotion(),
    frames: browserFrameSource(),
    draw: (frameView, model) => {
      this.view.draw(frameView);
      this.inspector.show(frameView.focusPacketId === undefined ? undefined : model.sim.packets[frameView.focusPacketId], false);
      this.view.canvas.setAttribute('aria-label', sceneLabel(model, frameView));
      this.stats.framesDrawn++;
    },
  });
  stats = { framesDrawn: 0 };

  private constructor(
    readonly model: (id: string) => Model,
    readonly view: CanvasView,
    private theme: keyof typeof themes,
    readonly reducedMotion: () => boolean,
  ) {}

  static async create(host: HTMLElement, models: (id: string) => Model, firstScenario: string, theme: keyof typeof themes, reducedMotion: () => boolean): Promise<ArticleFigure> {
    const model = models(firstScenario);
    const view = await createCanvasView({ labels: model.labels, width: host.clientWidth || 640, height: host.clientHeight || 360, resolution: devicePixelRatio, theme: themes[theme] });
    host.append(view.canvas);
    view.canvas.setAttribute('role', 'img');
    new ResizeObserver(() => view.resize(host.clientWidth, host.clientHeight, devicePixelRatio)).observe(host);
    return new ArticleFigure(models, view, theme, reducedMotion);
  }

  get current(): FigureState {
    return { scenario: this.scenario, frame: this.player?.frame ?? 0, playing: this.player?.playing ?? false };
  }

  get currentModel(): Model {
    return this.model(this.scenario);
  }

  get currentPlayer(): Player | undefined {
    return this.player;
  }

  onChange(listener: (s: FigureState) => void): void {
    this.listeners.add(listener);
  }

  /** Shows a frame of a scenario (switching scenario if needed), stopping any playback. */
  show(scenario: string, frame: number): void {
    this.use(scenario);
    this.player!.pause();
    this.player!.setRange(undefined);
    this.player!.seek(frame);
  }

  /** Plays up to `to`: on from where it is if that is within [from, to), else from `from` (reduced motion: jumps to `to`). */
  playTo(scenario: string, from: number, to: number): void {
    const wasHere = scenario === this.scenario;
    this.use(scenario);
    const p = this.player!;
    if (!this.draw.mayStartMoving() || from >= to) return this.show(scenario, to);
    const start = wasHere && p.frame >= from && p.frame < to ? p.frame : from;
    p.pause();
    p.seek(start);
    p.setRange({ in: start, out: to });
    p.play();
  }

  setTheme(theme: keyof typeof themes): void {
    this.theme = theme;
    this.view.replaceScene(this.currentModel.labels, themes[theme]);
    this.draw.request();
  }

  /** Draws one frame of a scenario now and returns its pixels (print stills); the figure then redraws what it showed. */
  still(scenario: string, frame: number): ImageData {
    const model = this.model(scenario);
    if (scenario !== this.scenario) this.view.replaceScene(model.labels, themes[this.theme]);
    this.view.draw(model.evaluatorFor(this.reducedMotion()).evaluate(frame));
    const pixels = readPixels(this.view);
    if (scenario !== this.scenario) this.view.replaceScene(this.currentModel.labels, themes[this.theme]);
    this.draw.request();
    return new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height);
  }

  pixelHash(): string {
    this.draw.drawNow();
    return pixelHash(readPixels(this.view).data);
  }

  private use(scenario: string): void {
    if (scenario === this.scenario && this.player) return;
    for (const u of this.unbind.splice(0)) u();
    this.player?.pause();
    const model = this.model(scenario);
    const before = this.scenario ? this.currentModel.labels : undefined;
    this.scenario = scenario;
    if (before && JSON.stringify(before) !== JSON.stringify(model.labels)) this.view.replaceScene(model.labels, themes[this.theme]);
    const player = new Player(model.frameCount, model.plan.fps, browserFrameSource());
    this.player = player;
    this.unbind.push(
      bindTransport(
        transportElements(),
        player,
        model.plan,
        model.stepFrames,
        () => this.draw.frameView()!,
      ),
      player.subscribe((s) => {
        // A checkpoint's answer played to its end: the range was only for that run.
        if (!s.playing && s.range && s.frame === s.range.out) player.setRange(undefined);
        this.draw.request();
        for (const l of this.listeners) l({ scenario, frame: s.frame, playing: s.playing });
      }),
    );
    $('#figure-scenario').textContent = model.scenario.title;
  }
}
