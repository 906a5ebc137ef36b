import { MAX_SPEED, MIN_SPEED, Player, type FrameSource, type PlayerState } from '../playback/player';
import { nearestFrame } from '../timeline/eventsUpTo';
import type { WireSceneError } from './mediaError';
import { HAVE_ENOUGH_DATA, HAVE_FUTURE_DATA, HAVE_METADATA, HAVE_NOTHING, type MediaEventType, type ReadyState } from './mediaEvents';

export * from './mediaEvents';

export interface MediaHooks {
  /** Fires one event on the element. */
  emit: (type: MediaEventType) => void;
  /** Runs queued events later (a microtask on the page), as a media element queues its events. */
  schedule?: (run: () => void) => void;
}

/**
 * The media-element half of <wire-scene>: a Player (the clock and the integer frame) seen through
 * HTMLMediaElement's state (paused, ended, seeking, readyState, the pending play() promises) and its
 * events in the standard's order. No DOM here: the element passes `emit`, tests pass a list.
 */
export class MediaState {
  private player?: Player;
  private unsubscribe?: () => void;
  private last?: PlayerState;
  private queue: { type?: MediaEventType; before?: () => void }[] = [];
  private flushing = false;
  private pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private rate = 1;
  private wantLoop = false;
  private wantPlaying = false;
  private seekingNow = false;
  /** What the page reads: it moves with the event that announces it, as a media element's does. */
  readyState: ReadyState = HAVE_NOTHING;
  /** What the element has now (play() decides on it). */
  private level: ReadyState = HAVE_NOTHING;
  error: WireSceneError | null = null;

  constructor(
    private readonly hooks: MediaHooks,
    private readonly clock: FrameSource,
  ) {}

  /** A new source starts loading (HTML's media element load algorithm, steps that apply). */
  loadStart(): void {
    const had = this.level !== HAVE_NOTHING || this.error !== null;
    this.detach();
    this.error = null;
    this.level = this.readyState = HAVE_NOTHING;
    this.rejectPending(new DOMException('The play() request was interrupted by a new load request.', 'AbortError'));
    if (had) this.fire('emptied');
    this.fire('loadstart');
  }

  /** The scenario is simulated and scheduled: its duration is known. */
  loadedMetadata(frameCount: number, fps: number, startS = 0): void {
    const player = new Player(frameCount, fps, this.clock);
    this.player = player;
    player.setLoop(this.wantLoop);
    player.setSpeed(this.rate);
    player.seek(nearestFrame(startS, fps));
    this.last = { ...this.state() };
    this.unsubscribe = player.subscribe((s) => this.heard(s));
    this.level = HAVE_METADATA;
    this.fire('durationchange', () => (this.readyState = HAVE_METADATA));
    this.fire('loadedmetadata');
  }

  /** The first picture can be drawn: everything from here on is at hand (a simulation, not a download). */
  canPlay(): void {
    if (!this.player) return;
    this.level = HAVE_ENOUGH_DATA;
    this.fire('loadeddata', () => (this.readyState = HAVE_ENOUGH_DATA));
    this.fire('canplay');
    this.fire('canplaythrough');
    if (this.wantPlaying) this.startPlaying();
  }

  fail(error: WireSceneError): void {
    this.detach();
    this.error = error;
    this.level = this.readyState = HAVE_NOTHING;
    this.wantPlaying = false;
    this.rejectPending(new DOMException(`The element has no supported source: ${error.message}`, 'NotSupportedError'));
    this.fire('error');
  }

  /** What the element has now, before the events announcing it are out. */
  get have(): ReadyState {
    return this.level;
  }
  get frame(): number {
    return this.player?.frame ?? 0;
  }
  get fps(): number {
    return this.player?.fps ?? 60;
  }
  get lastFrame(): number {
    return this.player?.lastFrame ?? 0;
  }
  get currentTime(): number {
    return this.player ? this.player.frame / this.player.fps : 0;
  }
  /** NaN until the duration is known, as for a <video> without metadata. */
  get duration(): number {
    return this.player ? this.player.lastFrame / this.player.fps : Number.NaN;
  }
  get paused(): boolean {
    return !this.wantPlaying;
  }
  get seeking(): boolean {
    return this.seekingNow;
  }
  /** HTML: at the end, playing forwards, and not looping (a seek to the end counts). */
  get ended(): boolean {
    return !!this.player && !this.wantLoop && this.player.frame === this.player.lastFrame;
  }
  get loop(): boolean {
    return this.wantLoop;
  }
  set loop(on: boolean) {
    this.wantLoop = on;
    this.player?.setLoop(on);
  }
  get playbackRate(): number {
    return this.rate;
  }
  set playbackRate(rate: number) {
    if (!Number.isFinite(rate) || rate < MIN_SPEED || rate > MAX_SPEED) {
      throw new DOMException(`playbackRate ${rate} is not supported: use a number from ${MIN_SPEED} to ${MAX_SPEED}.`, 'NotSupportedError');
    }
    if (rate === this.rate) return;
    this.rate = rate;
    this.player?.setSpeed(rate);
    this.fire('ratechange');
  }

  /** HTML's seek: `seeking`, then the new position's `timeupdate`, then `seeked`. Before metadata it is kept for later. */
  seek(seconds: number): void {
    if (!Number.isFinite(seconds)) throw new TypeError(`currentTime must be a finite number of seconds, got ${seconds}`);
    if (!this.player) return;
    this.seekFrame(nearestFrame(seconds, this.player.fps));
  }

  play(): Promise<void> {
    if (this.error) return Promise.reject(new DOMException(`The element has no supported source: ${this.error.message}`, 'NotSupportedError'));
    const promise = new Promise<void>((resolve, reject) => this.pending.push({ resolve, reject }));
    // HTML: playing again from the end first seeks to the start.
    if (this.player && this.player.frame >= this.player.lastFrame) this.seekFrame(0);
    if (!this.wantPlaying) {
      this.wantPlaying = true;
      this.fire('play');
      if (this.level >= HAVE_FUTURE_DATA) this.startPlaying();
    } else if (this.level >= HAVE_FUTURE_DATA) this.resolveLater();
    return promise;
  }

  pause(): void {
    if (!this.wantPlaying) return;
    this.wantPlaying = false;
    this.player?.pause();
    this.fire('timeupdate');
    this.fire('pause');
    this.rejectPending(new DOMException('The play() request was interrupted by a call to pause().', 'AbortError'));
  }

  private startPlaying(): void {
    this.player?.play();
    this.fire('playing');
    this.resolveLater();
  }

  private seekFrame(frame: number): void {
    const player = this.player!;
    this.seekingNow = true;
    this.fire('seeking');
    player.seek(frame);
    this.last = this.state();
    this.fire('timeupdate');
    this.fire('seeked', () => (this.seekingNow = false));
  }

  /** What the Player did on its own (its clock ticked): frames advance, a loop wraps, the end is reached. */
  private heard(s: PlayerState): void {
    const before = this.last;
    this.last = { ...s };
    if (!before || !this.wantPlaying) return;
    if (before.playing && !s.playing) {
      // HTML "reaches the end": timeupdate, then pause (paused becomes true), then ended.
      this.wantPlaying = false;
      this.fire('timeupdate');
      this.fire('pause');
      this.fire('ended');
    } else if (s.frame < before.frame && s.playing) {
      // Looping seeks back to the start (HTML: "seek to the earliest possible position").
      this.fire('seeking');
      this.fire('timeupdate');
      this.fire('seeked');
    } else if (s.frame !== before.frame) this.fire('timeupdate');
  }

  private state(): PlayerState {
    const p = this.player!;
    return { frame: p.frame, playing: p.playing, speed: p.speed, loop: p.loop, range: p.range };
  }

  private detach(): void {
    this.player?.pause();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.player = undefined;
    this.last = undefined;
    this.seekingNow = false;
  }

  private resolveLater(): void {
    const waiting = this.pending.splice(0);
    this.fire(undefined, () => waiting.forEach((p) => p.resolve()));
  }

  private rejectPending(e: Error): void {
    const waiting = this.pending.splice(0);
    waiting.forEach((p) => p.reject(e));
  }

  /** Queues an event (and what must happen just before it is dispatched); events leave in order. */
  private fire(type: MediaEventType | undefined, before?: () => void): void {
    this.queue.push({ type, before });
    if (this.flushing) return;
    this.flushing = true;
    (this.hooks.schedule ?? queueMicrotask)(() => this.flush());
  }

  private flush(): void {
    const queue = this.queue.splice(0);
    this.flushing = false;
    for (const { type, before } of queue) {
      before?.();
      if (type) this.hooks.emit(type);
    }
  }
}
