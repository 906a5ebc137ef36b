/** The only wall-clock reader in the app: it turns elapsed real time into frame numbers. */
export interface FrameSource {
  now(): number;
  request(cb: () => void): number;
  cancel(handle: number): void;
}

export const browserFrameSource = (): FrameSource => ({
  now: () => performance.now(),
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => cancelAnimationFrame(h),
});

export const SPEEDS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4] as const;
export const MIN_SPEED = SPEEDS[0];
export const MAX_SPEED = SPEEDS[SPEEDS.length - 1];

export interface PlayerState {
  frame: number;
  playing: boolean;
  speed: number;
  /** In and out points (frames, inclusive); play and loop stay inside them. */
  range?: { in: number; out: number };
  loop: boolean;
}

/**
 * Owns the integer frame. Play, pause, seek and step all end in `seek(frame)`;
 * listeners hear about every change and decide what to redraw.
 */
export class Player {
  private state: PlayerState = { frame: 0, playing: false, speed: 1, loop: false };
  private listeners = new Set<(s: PlayerState) => void>();
  private handle?: number;
  private anchor = { atMs: 0, frame: 0 };

  constructor(
    readonly frameCount: number,
    readonly fps: number,
    private readonly clock: FrameSource,
  ) {}

  get frame(): number {
    return this.state.frame;
  }
  get playing(): boolean {
    return this.state.playing;
  }
  get speed(): number {
    return this.state.speed;
  }
  get lastFrame(): number {
    return this.frameCount - 1;
  }
  get range(): { in: number; out: number } | undefined {
    return this.state.range;
  }
  get loop(): boolean {
    return this.state.loop;
  }
  private get playIn(): number {
    return this.state.range?.in ?? 0;
  }
  private get playOut(): number {
    return this.state.range?.out ?? this.lastFrame;
  }

  subscribe(listener: (s: PlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  seek(frame: number): void {
    const f = this.clamp(frame);
    this.anchor = { atMs: this.clock.now(), frame: f };
    this.update({ frame: f });
  }

  play(): void {
    if (this.state.playing) return;
    if (this.state.frame >= this.playOut || this.state.frame < this.playIn) this.state.frame = this.playIn;
    this.anchor = { atMs: this.clock.now(), frame: this.state.frame };
    this.update({ playing: true });
    this.handle = this.clock.request(this.tick);
  }

  pause(): void {
    if (!this.state.playing) return;
    if (this.handle !== undefined) this.clock.cancel(this.handle);
    this.handle = undefined;
    this.update({ playing: false });
  }

  toggle(): void {
    if (this.state.playing) this.pause();
    else this.play();
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed)) return;
    this.anchor = { atMs: this.clock.now(), frame: this.state.frame };
    this.update({ speed: Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) });
  }

  /** The next speed step up (+1) or down (-1) from the current speed. */
  stepSpeed(direction: 1 | -1): void {
    const s = this.state.speed;
    const next = direction > 0 ? SPEEDS.find((x) => x > s + 1e-9) : [...SPEEDS].reverse().find((x) => x < s - 1e-9);
    if (next !== undefined) this.setSpeed(next);
  }

  seekBy(seconds: number): void {
    this.seek(this.state.frame + seconds * this.fps);
  }

  /**
   * Sets the in point (I) or the out point (O) at a frame; the other end is kept if still valid.
   * A range spans at least two frames, so I on the last frame and O on the first do nothing.
   */
  setInPoint(frame: number): void {
    const out = this.state.range?.out ?? this.lastFrame;
    const f = this.clamp(frame);
    this.setRange({ in: f, out: out > f ? out : this.lastFrame });
  }

  setOutPoint(frame: number): void {
    const start = this.state.range?.in ?? 0;
    const f = this.clamp(frame);
    this.setRange({ in: start < f ? start : 0, out: f });
  }

  setRange(range: { in: number; out: number } | undefined): void {
    if (!range) return this.update({ range: undefined });
    const a = this.clamp(range.in);
    const b = this.clamp(range.out);
    if (b <= a) return;
    this.update({ range: { in: a, out: b } });
  }

  setLoop(loop: boolean): void {
    this.update({ loop });
  }

  private clamp(frame: number): number {
    return Math.min(this.lastFrame, Math.max(0, Math.round(Number.isFinite(frame) ? frame : 0)));
  }

  /** Jump to the first of `frames` (sorted) after the current frame, if any. */
  stepForward(frames: readonly number[]): void {
    this.pause();
    const next = frames.find((f) => f > this.state.frame);
    this.seek(next ?? this.lastFrame);
  }

  /** Jump to the last of `frames` (sorted) before the current frame, or to the start. */
  stepBack(frames: readonly number[]): void {
    this.pause();
    const prev = [...frames].reverse().find((f) => f < this.state.frame);
    this.seek(prev ?? 0);
  }

  private tick = (): void => {
    if (!this.state.playing) return;
    const elapsedMs = this.clock.now() - this.anchor.atMs;
    const frame = this.anchor.frame + Math.floor((elapsedMs / 1000) * this.fps * this.state.speed);
    if (frame >= this.playOut) {
      if (this.state.loop) {
        // Wrap to the in point, keeping the overshoot so looping keeps time.
        const span = this.playOut - this.playIn + 1;
        const wrapped = this.playIn + ((frame - this.playIn) % span);
        this.anchor = { atMs: this.clock.now(), frame: wrapped };
        this.update({ frame: wrapped });
        this.handle = this.clock.request(this.tick);
        return;
      }
      this.handle = undefined;
      this.update({ frame: this.playOut, playing: false });
      return;
    }
    if (frame !== this.state.frame) this.update({ frame });
    this.handle = this.clock.request(this.tick);
  };

  private update(patch: Partial<PlayerState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }
}
