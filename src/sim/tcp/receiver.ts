/**
 * The receiving half of a TCP connection: RCV.NXT, out-of-order segments held until the
 * gap before them fills (RFC 9293 §3.10.7.4), the receive buffer the application reads
 * from, and the window offered to the peer. Offsets count the peer's sequence space from
 * its ISN (SYN = 0, first data byte = 1).
 */
export class Receiver {
  /** RCV.NXT as an offset. */
  nxt = 0;
  /** Out-of-order data, sorted by start, not overlapping (each piece as it arrived, trimmed). */
  private held: { start: number; end: number; bytes: Uint8Array }[] = [];
  /** The same data as coalesced ranges, most recently extended first (the order SACK reports them in). */
  private ranges: [number, number][] = [];
  private finAt: number | undefined;
  finReceived = false;
  /** Delivered in order, not yet read by the application. */
  private unread: Uint8Array[] = [];
  unreadBytes = 0;
  /** Right edge of the last window offered (RFC 9293 §3.8.6.2.2: it must not shrink). */
  private rightEdge = 0;
  /** Window last offered, in bytes. */
  lastOffered = 0;

  constructor(
    private readonly capacity: number,
    private readonly windowScale: number,
  ) {}

  /**
   * The window to offer now, in bytes, in whole units of the scaled 16-bit field (what the
   * header can say). What is left of a window already offered is kept, rounded down to a
   * unit: RFC 7323 §2.4 allows the right edge to move back by less than one unit, and
   * rounding up instead would let the window creep open one ACK at a time.
   */
  window(): number {
    const unit = 2 ** this.windowScale;
    const free = Math.max(0, this.capacity - this.unreadBytes);
    const inUnits = (bytes: number) => Math.min(Math.floor(bytes / unit) * unit, 65535 * unit);
    return Math.max(inUnits(free), inUnits(this.rightEdge - this.nxt));
  }

  /** Records the window sent in a segment. */
  offered(window: number): void {
    this.lastOffered = window;
    this.rightEdge = Math.max(this.rightEdge, this.nxt + window);
  }

  /**
   * Takes in a segment's data (and FIN) at `start`. Returns what happened, which decides
   * the acknowledgment: in order, out of order (a duplicate ACK at once), old, or outside
   * the window.
   */
  accept(start: number, bytes: Uint8Array, fin: boolean): 'in-order' | 'filled-gap' | 'out-of-order' | 'old' | 'no-room' {
    const end = start + bytes.length;
    const edge = this.nxt + Math.max(this.lastOffered, 0);
    if (bytes.length && end <= this.nxt) return 'old';
    if (!bytes.length && !fin) return 'old';
    if (bytes.length && start >= edge) return 'no-room';
    // Data past the window's right edge is trimmed (§3.10.7.4: only what fits is kept).
    const keepEnd = Math.min(end, Math.max(edge, this.nxt));
    const kept = bytes.subarray(0, Math.max(0, keepEnd - start));
    if (fin && keepEnd === end) this.finAt = end;
    if (start > this.nxt) {
      if (kept.length) this.hold(start, kept);
      return 'out-of-order';
    }
    const hadGap = this.held.length > 0;
    if (keepEnd > this.nxt) this.deliver(kept.subarray(this.nxt - start));
    this.pullHeld();
    if (this.finAt !== undefined && this.nxt === this.finAt && !this.finReceived) {
      this.finReceived = true;
      this.nxt += 1;
    }
    return hadGap ? 'filled-gap' : 'in-order';
  }

  /**
   * SACK blocks (RFC 2018 §4): the block holding the segment that arrived last comes first,
   * then the others in the order they were last changed; at most 3 fit beside timestamps.
   */
  sackBlocks(): [number, number][] {
    return this.ranges.slice(0, 3).map(([l, r]) => [l, r]);
  }

  get hasGap(): boolean {
    return this.held.length > 0;
  }

  /** The application reads up to `max` bytes. */
  read(max = Infinity): Uint8Array[] {
    const out: Uint8Array[] = [];
    let left = max;
    while (left > 0 && this.unread.length) {
      const head = this.unread[0];
      if (head.length <= left) {
        out.push(head);
        this.unread.shift();
        left -= head.length;
        this.unreadBytes -= head.length;
      } else {
        out.push(head.subarray(0, left));
        this.unread[0] = head.subarray(left);
        this.unreadBytes -= left;
        left = 0;
      }
    }
    return out;
  }

  private deliver(bytes: Uint8Array): void {
    if (!bytes.length) return;
    this.unread.push(bytes);
    this.unreadBytes += bytes.length;
    this.nxt += bytes.length;
  }

  private hold(start: number, bytes: Uint8Array): void {
    const end = start + bytes.length;
    // Keep only what is not held yet (a retransmission may overlap what arrived).
    for (const [l, r] of this.ranges) {
      if (l <= start && end <= r) {
        this.touch(start, end);
        return;
      }
    }
    let i = this.indexAfter(start);
    for (let s = start; s < end; ) {
      const next = this.held[i];
      const stop = next ? Math.min(end, next.start) : end;
      if (stop > s) {
        const piece = bytes.subarray(s - start, stop - start);
        this.held.splice(i, 0, { start: s, end: stop, bytes: piece });
        i++;
      }
      s = next ? Math.max(stop, next.end) : end;
      if (next) i++;
    }
    this.touch(start, end);
  }

  /** Index of the first held piece that ends after `offset`. */
  private indexAfter(offset: number): number {
    let lo = 0;
    let hi = this.held.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.held[mid].end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Merges [start, end) into the coalesced ranges and moves its range to the front. */
  private touch(start: number, end: number): void {
    let l = start;
    let r = end;
    const rest: [number, number][] = [];
    for (const [a, b] of this.ranges) {
      if (b < l || a > r) rest.push([a, b]);
      else {
        l = Math.min(l, a);
        r = Math.max(r, b);
      }
    }
    this.ranges = [[l, r], ...rest];
  }

  private pullHeld(): void {
    let n = 0;
    while (n < this.held.length && this.held[n].start <= this.nxt) {
      const h = this.held[n++];
      if (h.end > this.nxt) this.deliver(h.bytes.subarray(this.nxt - h.start));
    }
    if (n) this.held.splice(0, n);
    this.ranges = this.ranges.filter(([, r]) => r > this.nxt);
  }
}
