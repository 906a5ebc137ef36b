/**
 * The simulator's only notion of time: a queue of callbacks ordered by (time in µs,
 * insertion order). Ties keep the order in which they were posted, so causes run
 * before their effects and the same scenario always gives the same events.
 */
/** More events than any scenario runs: a guard against one that never ends. */
export const MAX_EVENTS = 50_000_000;

export class EventQueue {
  private heap: { atUs: number; order: number; run: () => void }[] = [];
  private order = 0;
  /** Time of the event being run (or the last one run). */
  nowUs = 0;

  post(atUs: number, run: () => void): void {
    if (atUs < this.nowUs) throw new Error(`EventQueue: ${atUs} µs is in the past (now ${this.nowUs} µs)`);
    const h = this.heap;
    h.push({ atUs, order: this.order++, run });
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  get size(): number {
    return this.heap.length;
  }

  /** Runs events in order until none is left (or `limit` have run: a guard against a scenario that never ends). */
  run(limit = MAX_EVENTS): void {
    this.runSome(limit);
    if (this.heap.length) throw new Error(`EventQueue: more than ${limit} events; the scenario does not finish`);
  }

  /**
   * Runs at most `count` events (a slice, so a page can draw a progress bar in between);
   * returns how many ran. The same order as run(): slicing changes no event.
   */
  runSome(count: number): number {
    let n = 0;
    for (; n < count && this.heap.length; n++) {
      const next = this.pop();
      this.nowUs = next.atUs;
      next.run();
    }
    return n;
  }

  private before(a: { atUs: number; order: number }, b: { atUs: number; order: number }): boolean {
    return a.atUs < b.atUs || (a.atUs === b.atUs && a.order < b.order);
  }

  private pop() {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** A timer that can be armed, re-armed and cancelled: only the latest arming fires. */
export class Timer {
  private generation = 0;
  startUs = 0;
  dueUs: number | undefined;

  constructor(
    private readonly queue: EventQueue,
    private readonly fire: () => void,
    private readonly onChange?: (change: { startUs: number; dueUs: number; endUs: number; fired: boolean; tag: string }) => void,
  ) {}

  /** What the current arming is for (one timer may serve several purposes: SYN or data). */
  tag = '';

  get armed(): boolean {
    return this.dueUs !== undefined;
  }

  arm(afterUs: number, tag = this.tag): void {
    this.stop(false);
    this.tag = tag;
    const gen = ++this.generation;
    this.startUs = this.queue.nowUs;
    this.dueUs = this.queue.nowUs + Math.round(afterUs);
    this.queue.post(this.dueUs, () => {
      if (gen !== this.generation) return;
      this.stop(true);
      this.fire();
    });
  }

  cancel(): void {
    this.stop(false);
  }

  private stop(fired: boolean): void {
    if (this.dueUs === undefined) return;
    this.onChange?.({ startUs: this.startUs, dueUs: this.dueUs, endUs: fired ? this.dueUs : this.queue.nowUs, fired, tag: this.tag });
    this.dueUs = undefined;
    this.generation++;
  }
}
