import { buildModel, type Model } from '../app/model';
import { createDrawScheduler } from '../app/drawScheduler';
import { browserFrameSource, Player } from '../playback/player';
import { createCanvasView, type CanvasView } from '../render/canvasView';
import { defaultScenarioId, findScenario, pageScenarioIds } from '../sim/scenarios';
import { nearestFrame } from '../timeline/eventsUpTo';
import { formatClock } from '../timeline/format';

const SVG = 'http://www.w3.org/2000/svg';

/** A 12-pixel button icon from one path (built with the DOM: no markup strings). */
function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '12');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

const style = `
:host { display: block; position: relative; background: #0d1117; color: #e6edf3; font: 13px 'JetBrains Mono', ui-monospace, monospace; }
.canvas { width: 100%; aspect-ratio: 16 / 9; }
.canvas canvas { display: block; width: 100%; height: 100%; }
.bar { display: flex; gap: 0.5rem; align-items: center; padding: 0.3rem 0.5rem; border-top: 1px solid #30363d; }
.bar[hidden] { display: none; }
button { font: inherit; color: inherit; background: #0d1117; border: 1px solid #30363d; border-radius: 4px; cursor: pointer; min-width: 2.2rem; }
input { flex: 1; accent-color: #3fb950; }
.time { color: #8b949e; white-space: nowrap; }
.error { position: absolute; top: 0.5rem; left: 0.5rem; right: 0.5rem; color: #e3b341; background: #0d1117; border: 1px solid #e3b341; padding: 0.25rem 0.5rem; }
:focus-visible { outline: 2px solid #58a6ff; outline-offset: 2px; }
`;

/**
 * <wire-scene scenario="https" t="1.2" controls autoplay loop>: the animation for pages
 * that would rather not use an iframe. Methods play(), pause(), seek(seconds); events
 * 'timeupdate' (detail: { currentTime, frame }), 'play', 'pause', 'ended'.
 */
export class WireSceneElement extends HTMLElement {
  static observedAttributes = ['scenario', 't', 'controls', 'loop'];
  private readonly root = this.attachShadow({ mode: 'open' });
  private view?: CanvasView;
  private model?: Model;
  private player?: Player;
  private cleanup: (() => void)[] = [];
  private mounting?: Promise<void>;
  private readonly host = document.createElement('div');
  private readonly bar = document.createElement('div');
  private readonly button = document.createElement('button');
  private readonly slider = document.createElement('input');
  private readonly time = document.createElement('span');
  private readonly error = document.createElement('p');
  private readonly playIcon = icon('M4 2v12l10-6z');
  private readonly pauseIcon = icon('M3 2h4v12H3zM9 2h4v12H9z');

  constructor() {
    super();
    const css = document.createElement('style');
    css.textContent = style;
    this.host.className = 'canvas';
    this.bar.className = 'bar';
    this.slider.type = 'range';
    this.slider.setAttribute('aria-label', 'Timeline');
    this.time.className = 'time';
    this.error.className = 'error';
    this.error.setAttribute('role', 'status');
    this.error.hidden = true;
    this.bar.append(this.button, this.slider, this.time);
    this.root.append(css, this.host, this.bar, this.error);
    this.button.addEventListener('click', () => (this.player?.playing ? this.pause() : this.play()));
    this.slider.addEventListener('input', () => {
      this.player?.pause();
      this.player?.seek(Number(this.slider.value));
    });
  }

  get currentTime(): number {
    return this.player && this.model ? this.player.frame / this.model.plan.fps : 0;
  }
  get duration(): number {
    return this.model?.plan.durationS ?? 0;
  }
  get paused(): boolean {
    return !this.player?.playing;
  }

  play(): void {
    this.player?.play();
  }
  pause(): void {
    this.player?.pause();
  }
  seek(seconds: number): void {
    if (this.player && this.model && Number.isFinite(seconds)) this.player.seek(nearestFrame(seconds, this.model.plan.fps));
  }

  connectedCallback(): void {
    this.mounting ??= this.mount();
  }

  disconnectedCallback(): void {
    for (const c of this.cleanup.splice(0)) c();
    this.view?.destroy();
    this.view = undefined;
    this.mounting = undefined;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.player || old === value) return;
    if (name === 'scenario') {
      this.disconnectedCallback();
      this.connectedCallback();
    } else if (name === 't') this.seek(Number(value));
    else if (name === 'loop') this.player.setLoop(value !== null);
    else if (name === 'controls') this.bar.hidden = value === null;
  }

  private async mount(): Promise<void> {
    const asked = this.getAttribute('scenario') ?? defaultScenarioId;
    const scenario = pageScenarioIds().includes(asked) ? findScenario(asked) : undefined;
    this.error.hidden = !!scenario;
    this.error.textContent = scenario ? '' : `Unknown scenario "${asked.slice(0, 40)}": showing "${defaultScenarioId}". Known: ${pageScenarioIds().join(', ')}.`;
    const model = buildModel(scenario ?? findScenario(defaultScenarioId)!);
    const width = this.host.clientWidth || 640;
    const view = await createCanvasView({ labels: model.labels, width, height: (width * 9) / 16, resolution: devicePixelRatio });
    if (!this.isConnected) return view.destroy();
    this.host.replaceChildren(view.canvas);
    const player = new Player(model.frameCount, model.plan.fps, browserFrameSource());
    this.model = model;
    this.view = view;
    this.player = player;
    this.slider.max = String(player.lastFrame);
    this.bar.hidden = !this.hasAttribute('controls');
    player.setLoop(this.hasAttribute('loop'));
    const draw = createDrawScheduler(() => view.draw(model.evaluator.evaluate(player.frame)));
    let wasPlaying = false;
    const unsubscribe = player.subscribe((s) => {
      draw.request();
      this.slider.value = String(s.frame);
      this.button.replaceChildren(s.playing ? this.pauseIcon : this.playIcon);
      this.button.setAttribute('aria-label', s.playing ? 'Pause' : 'Play');
      this.time.textContent = `${formatClock(s.frame / model.plan.fps)} / ${formatClock(model.plan.durationS)}`;
      this.dispatchEvent(new CustomEvent('timeupdate', { detail: { currentTime: s.frame / model.plan.fps, frame: s.frame } }));
      if (s.playing !== wasPlaying) this.dispatchEvent(new Event(s.playing ? 'play' : 'pause'));
      if (wasPlaying && !s.playing && s.frame === player.lastFrame) this.dispatchEvent(new Event('ended'));
      wasPlaying = s.playing;
    });
    const resize = new ResizeObserver(() => view.resize(this.host.clientWidth, this.host.clientHeight, devicePixelRatio));
    resize.observe(this.host);
    view.scene.onPacketTap = () => player.pause();
    this.cleanup.push(unsubscribe, () => resize.disconnect(), () => draw.cancel(), () => player.pause());
    player.seek(nearestFrame(Number(this.getAttribute('t') ?? 0) || 0, model.plan.fps));
    const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    if (this.hasAttribute('autoplay') && !reducedMotion) player.play();
  }
}

if (!customElements.get('wire-scene')) customElements.define('wire-scene', WireSceneElement);

declare global {
  interface HTMLElementTagNameMap {
    'wire-scene': WireSceneElement;
  }
}
