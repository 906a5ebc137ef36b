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

export const SPEEDS = [0.25, 0.5, 0.75, 1, 1.5, 2, 4] as const;

export interface PlayerState {
  frame: number;
  playing: boolean;
  speed: number;
}

/**
 * Owns the integer frame. Play, pause, seek and step all end in `seek(frame)`;
 * listeners hear about every change and decide what to redraw.
 */
export class Player {
  private state: PlayerState = { frame: 0, playing: false, speed: 1 };
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

  subscribe(listener: (s: PlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  seek(frame: number): void {
    const f = Math.min(this.lastFrame, Math.max(0, Math.round(Number.isFinite(frame) ? frame : 0)));
    this.anchor = { atMs: this.clock.now(), frame: f };
    this.update({ frame: f });
  }

  play(): void {
    if (this.state.playing) return;
    if (this.state.frame >= this.lastFrame) this.state.frame = 0;
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
    if (!(speed > 0) || !Number.isFinite(speed)) return;
    this.anchor = { atMs: this.clock.now(), frame: this.state.frame };
    this.update({ speed });
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
    if (frame >= this.lastFrame) {
      this.handle = undefined;
      this.update({ frame: this.lastFrame, playing: false });
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
