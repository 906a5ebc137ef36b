import '../platform/strictPolicy';
import type { FrameView } from '../playback/frameState';
import { buildModel, type Model } from '../playback/model';
import { browserFrameSource } from '../playback/player';
import { createSceneDriver, sceneLabel } from '../playback/sceneDriver';
import { onSystemMotionChange, prefersReducedMotion } from '../platform/reducedMotion';
import { themes } from '../render/theme';
import { defaultScenarioId } from '../sim/scenarios';
import { formatClock } from '../timeline/format';
import { ATTRIBUTES, LAYOUTS, parseLayout, parseStartTime, parseTheme, resolveTheme, scenarioId, type LayoutName, type ThemeChoice } from './attributes';
import { WireSceneError } from './mediaError';
import { HAVE_CURRENT_DATA, HAVE_ENOUGH_DATA, HAVE_FUTURE_DATA, HAVE_METADATA, HAVE_NOTHING, type MediaEventType, type ReadyState } from './mediaEvents';
import { MediaState } from './mediaState';
import { buildShadow } from './shadowDom';
import { SceneSlot } from './sharedRenderer';
import { builtInScenario, modelOfSource, sourceFromUrl } from './source';

export { WireSceneError, type WireSceneErrorReason } from './mediaError';
export type { LayoutName, ThemeChoice } from './attributes';
export type { MediaEventType, ReadyState } from './mediaEvents';

/** Built-in models by scenario id: twenty elements showing five scenarios simulate five times. */
const models = new Map<string, Model>();
const modelOf = (id: string, build: () => Model): Model => models.get(id) ?? models.set(id, build()).get(id)!;

const darkQuery = () => matchMedia('(prefers-color-scheme: dark)');

/**
 * `<wire-scene scenario="https" t="1.2" controls autoplay loop theme="auto" layout="landscape">`:
 * the animation as a media element, with HTMLMediaElement's properties, methods and events
 * (README: Embedding). Every element on a page draws through one shared WebGL renderer.
 */
export class WireSceneElement extends HTMLElement {
  static readonly observedAttributes = [...ATTRIBUTES];
  static readonly HAVE_NOTHING = HAVE_NOTHING;
  static readonly HAVE_METADATA = HAVE_METADATA;
  static readonly HAVE_CURRENT_DATA = HAVE_CURRENT_DATA;
  static readonly HAVE_FUTURE_DATA = HAVE_FUTURE_DATA;
  static readonly HAVE_ENOUGH_DATA = HAVE_ENOUGH_DATA;

  private readonly ui = buildShadow(this.attachShadow({ mode: 'open' }));
  private readonly media = new MediaState({ emit: (type) => this.heard(type) }, browserFrameSource());
  /** The app's player-and-draw core: the frame view for the motion preference (the app's rule), drawn once per animation frame. */
  private readonly draw = createSceneDriver({
    model: () => this.model,
    frame: () => this.media.frame,
    reducedMotion: prefersReducedMotion,
    frames: browserFrameSource(),
    draw: (frameView, model) => this.paint(frameView, model),
  });
  private model?: Model;
  private sceneSlot?: SceneSlot;
  private loading?: AbortController;
  private visible = false;
  private readyPromise!: Promise<WireSceneElement>;
  private settleReady!: { resolve: (el: WireSceneElement) => void; reject: (e: WireSceneError) => void };
  private cleanup: (() => void)[] = [];

  constructor() {
    super();
    this.newReadyPromise();
    this.ui.button.addEventListener('click', () => (this.paused ? this.play().catch(() => {}) : this.pause()));
    this.ui.slider.addEventListener('input', () => (this.currentTime = Number(this.ui.slider.value) / this.media.fps));
    this.showControls();
    this.ui.button.replaceChildren(this.ui.playIcon);
    this.ui.button.setAttribute('aria-label', 'Play');
  }

  // HTMLMediaElement's state, read from the media half.
  get currentTime(): number {
    return this.media.currentTime;
  }
  set currentTime(seconds: number) {
    this.media.seek(seconds);
  }
  get duration(): number {
    return this.media.duration;
  }
  get paused(): boolean {
    return this.media.paused;
  }
  get ended(): boolean {
    return this.media.ended;
  }
  get seeking(): boolean {
    return this.media.seeking;
  }
  get readyState(): ReadyState {
    return this.media.readyState;
  }
  get error(): WireSceneError | null {
    return this.media.error;
  }
  get playbackRate(): number {
    return this.media.playbackRate;
  }
  set playbackRate(rate: number) {
    this.media.playbackRate = rate;
  }
  /** Resolves with the element once it can play (`canplay`); rejects with `error` if its source cannot be shown. A new source gives a new promise. */
  get ready(): Promise<WireSceneElement> {
    return this.readyPromise;
  }

  play(): Promise<void> {
    return this.media.play();
  }
  pause(): void {
    this.media.pause();
  }
  fastSeek(seconds: number): void {
    this.media.seek(seconds);
  }
  /** Reads `scenario`/`src` again and starts over, as HTMLMediaElement.load() does. */
  load(): void {
    void this.loadSource();
  }

  // Attributes reflected as properties.
  get scenario(): string {
    return this.getAttribute('scenario') ?? '';
  }
  set scenario(id: string) {
    this.setAttribute('scenario', id);
  }
  /** The scenario or trace file's address, resolved against the page, as <video>.src is. */
  get src(): string {
    const v = this.getAttribute('src');
    return v === null ? '' : new URL(v, document.baseURI).href;
  }
  set src(url: string) {
    this.setAttribute('src', url);
  }
  /** The start time in seconds (`t="5.8"` or `t="0:05.80"`); setting it seeks. */
  get t(): number {
    return parseStartTime(this.getAttribute('t'));
  }
  set t(seconds: number) {
    this.setAttribute('t', String(seconds));
  }
  get controls(): boolean {
    return this.hasAttribute('controls');
  }
  set controls(on: boolean) {
    this.toggleAttribute('controls', !!on);
  }
  get autoplay(): boolean {
    return this.hasAttribute('autoplay');
  }
  set autoplay(on: boolean) {
    this.toggleAttribute('autoplay', !!on);
  }
  get loop(): boolean {
    return this.hasAttribute('loop');
  }
  set loop(on: boolean) {
    this.toggleAttribute('loop', !!on);
  }
  get theme(): ThemeChoice {
    return parseTheme(this.getAttribute('theme'));
  }
  set theme(choice: ThemeChoice) {
    this.setAttribute('theme', choice);
  }
  get layout(): LayoutName {
    return parseLayout(this.getAttribute('layout'));
  }
  set layout(name: LayoutName) {
    this.setAttribute('layout', name);
  }

  connectedCallback(): void {
    const seen = new IntersectionObserver(([entry]) => {
      this.visible = entry.isIntersecting;
      if (this.visible) this.draw.request();
    }, { rootMargin: '200px' });
    seen.observe(this);
    const resized = new ResizeObserver(() => this.draw.request());
    resized.observe(this.ui.host);
    const dark = darkQuery();
    const rescheme = () => this.theme === 'auto' && this.newSlot();
    dark.addEventListener('change', rescheme);
    this.cleanup.push(
      () => seen.disconnect(),
      () => resized.disconnect(),
      onSystemMotionChange(() => this.draw.request()),
      () => dark.removeEventListener('change', rescheme),
    );
    this.applyLayout();
    if (this.media.have === HAVE_NOTHING && !this.media.error && !this.loading) void this.loadSource();
    else this.newSlot();
  }

  disconnectedCallback(): void {
    for (const c of this.cleanup.splice(0)) c();
    this.media.pause(); // as a media element removed from the document
    this.draw.cancel();
    this.sceneSlot?.destroy();
    this.sceneSlot = undefined;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value) return;
    if (name === 'scenario' || name === 'src') {
      if (this.isConnected) void this.loadSource();
    } else if (name === 't') {
      if (this.media.have >= HAVE_METADATA && value !== null) this.media.seek(this.t);
    } else if (name === 'loop') this.media.loop = value !== null;
    else if (name === 'controls') this.showControls();
    else if (name === 'theme') this.newSlot();
    else if (name === 'layout') this.applyLayout();
  }

  private async loadSource(): Promise<void> {
    this.loading?.abort();
    const loading = (this.loading = new AbortController());
    if (this.media.have !== HAVE_NOTHING || this.media.error) this.newReadyPromise();
    this.media.loadStart();
    this.media.loop = this.loop;
    this.model = undefined;
    this.sceneSlot?.destroy();
    this.sceneSlot = undefined;
    const src = this.getAttribute('src');
    const id = scenarioId(this.getAttribute('scenario'), defaultScenarioId);
    let found;
    try {
      found = src ? await sourceFromUrl(this.src, loading.signal) : builtInScenario(id);
    } catch {
      return; // aborted: a newer source is loading
    }
    if (loading.signal.aborted) return;
    if (found instanceof WireSceneError) return this.failWith(found);
    const model = 'kind' in found ? modelOfSource(this.src, found) : modelOf(found.id, () => buildModel(found));
    if (model instanceof WireSceneError) return this.failWith(model);
    const { scenario } = model;
    this.model = model;
    this.ui.figure.setAttribute('aria-label', this.getAttribute('aria-label') ?? scenario.title);
    this.ui.description.textContent = scenario.description ?? '';
    this.ui.slider.max = String(model.frameCount - 1);
    this.media.loadedMetadata(model.frameCount, model.plan.fps, this.t);
    await this.newSlot();
    if (loading.signal.aborted || !this.sceneSlot) return;
    this.paint(this.draw.frameView()!, model, true);
    this.loading = undefined;
    this.media.canPlay();
    if (this.autoplay && this.draw.mayStartMoving()) this.play().catch(() => {});
  }

  private failWith(error: WireSceneError): void {
    this.loading = undefined;
    this.ui.error.textContent = error.message;
    this.ui.error.hidden = false;
    this.ui.figure.setAttribute('aria-label', this.getAttribute('aria-label') ?? 'Network animation (not available)');
    this.media.fail(error);
    this.settleReady.reject(error);
  }

  /** A scene for the current model and theme in the shared renderer. */
  private async newSlot(): Promise<void> {
    const model = this.model;
    if (!model || !this.isConnected) return;
    const theme = themes[resolveTheme(this.theme, darkQuery().matches)];
    this.ui.figure.classList.toggle('light', theme.name === 'light');
    const slot = await SceneSlot.create(model.labels, theme, this.ui.canvas, () => this.draw.request());
    if (this.model !== model || !this.isConnected) return slot.destroy();
    this.sceneSlot?.destroy();
    this.sceneSlot = slot;
    this.draw.request();
  }

  /** Into this element's canvas; off screen only when forced (the first picture, before `canplay`). */
  private paint(frameView: FrameView, model: Model, force = false): void {
    if (!this.sceneSlot || (!this.visible && !force)) return;
    const { clientWidth, clientHeight } = this.ui.host;
    this.sceneSlot.draw(frameView, clientWidth || 640, clientHeight || 360, devicePixelRatio);
    this.ui.canvas.setAttribute('aria-label', sceneLabel(model, frameView));
  }


  /** A media event on its way out: the controls follow it, the picture follows the time, then the page hears it. */
  private heard(type: MediaEventType): void {
    if (type === 'timeupdate' || type === 'loadedmetadata') {
      this.ui.slider.value = String(this.media.frame);
      this.ui.time.textContent = `${formatClock(this.currentTime)} / ${formatClock(this.duration)}`;
      // A seek's picture is drawn before `seeked` fires; playback draws on the next animation frame.
      if (this.media.seeking) this.draw.drawNow();
      else this.draw.request();
    }
    if (type === 'loadstart' || type === 'play' || type === 'pause' || type === 'emptied') {
      this.ui.error.hidden = !this.media.error;
      const playing = !this.paused;
      this.ui.button.replaceChildren(playing ? this.ui.pauseIcon : this.ui.playIcon);
      this.ui.button.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    }
    if (type === 'canplay') this.settleReady.resolve(this);
    this.dispatchEvent(new Event(type));
  }

  private newReadyPromise(): void {
    this.readyPromise = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.readyPromise.catch(() => {}); // read through `ready` or `error`; never an unhandled rejection
  }

  private showControls(): void {
    this.ui.bar.hidden = !this.controls;
  }

  private applyLayout(): void {
    this.ui.host.style.aspectRatio = LAYOUTS[this.layout];
  }
}

if (!customElements.get('wire-scene')) customElements.define('wire-scene', WireSceneElement);

declare global {
  interface HTMLElementTagNameMap {
    'wire-scene': WireSceneElement;
  }
}
