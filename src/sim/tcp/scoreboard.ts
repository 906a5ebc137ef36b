/** A segment on the retransmission queue, in sequence-space offsets from the ISN. */
export interface Sent {
  start: number;
  end: number;
  sentUs: number;
  transmissions: number;
  sacked: boolean;
  lost: boolean;
  /** Retransmitted after it was marked lost: counts in the pipe again. */
  resent: boolean;
  syn: boolean;
  fin: boolean;
}

/** RFC 5681's duplicate ACK threshold, and RFC 6675's DupThresh. */
export const DUP_THRESHOLD = 3;

/**
 * The sender's retransmission queue and what it knows of each segment: SACKed, lost,
 * resent (RFC 6675 §4's scoreboard). It keeps the pipe and the SACKed byte count as
 * segments change, and forgets acknowledged segments from the front, so each ACK costs
 * what it changes, not the length of the window (a bulk transfer has thousands in flight).
 */
export class Scoreboard {
  private sent: Sent[] = [];
  private head = 0;
  private pipeBytes = 0;
  private sackedBytes = 0;
  /** No lost, unresent segment lies before this index. */
  private lostCursor = Infinity;
  /** Segments the peer holds by duplicate ACKs, without SACK (Linux's Reno emulation). */
  renoSacked = 0;

  constructor(private readonly smss: number) {}

  /** The SYN: the queue holds it alone. */
  startWith(syn: Sent): void {
    this.sent = [syn];
    this.head = 0;
    this.pipeBytes = syn.end - syn.start;
    this.sackedBytes = 0;
  }

  push(s: Sent): void {
    this.sent.push(s);
    this.pipeBytes += s.end - s.start;
  }

  get first(): Sent | undefined {
    return this.sent[this.head];
  }

  get outstanding(): number {
    return this.sent.length - this.head;
  }

  /** RFC 6675 §4 pipe: what is still in the network (less what duplicate ACKs say left it, without SACK). */
  pipe(): number {
    return Math.max(0, this.pipeBytes - this.renoSacked * this.smss);
  }

  markResent(s: Sent, nowUs: number): void {
    s.transmissions++;
    this.change(s, () => (s.resent = true));
    s.sentUs = nowUs;
  }

  /** Drops what `ack` covers; returns when the newest wholly acknowledged segment sent once left (Karn's rule). */
  acknowledge(ack: number): number | undefined {
    let sampleFrom: number | undefined;
    let gone = 0;
    while (this.head < this.sent.length && this.sent[this.head].end <= ack) {
      const s = this.sent[this.head++];
      this.change(s, () => (s.end = s.start)); // gone: it no longer counts anywhere
      if (s.transmissions === 1) sampleFrom = s.sentUs;
      gone++;
    }
    // Linux's tcp_remove_reno_sacks: the ACK filled one hole; the other segments it covers are
    // ones the duplicate ACKs had already counted as arrived.
    if (gone) this.renoSacked = Math.max(0, this.renoSacked - (gone - 1));
    const first = this.sent[this.head];
    if (first && first.start < ack) this.change(first, () => (first.start = ack));
    if (this.head > 1024 && this.head * 2 > this.sent.length) {
      this.sent = this.sent.slice(this.head);
      this.lostCursor = Math.max(0, this.lostCursor - this.head);
      this.head = 0;
    }
    return sampleFrom;
  }

  /** Marks the first segment the peer lacks as lost (a partial ACK in NewReno, or fast retransmit). */
  markFirstHoleLost(): Sent | undefined {
    const i = this.firstUnsacked();
    if (i < 0) return undefined;
    this.markLost(i);
    return this.sent[i];
  }

  /**
   * A partial ACK: the next hole is lost too (RFC 6582 §3.2 step 4), unless it has been resent
   * already, which SACK does as soon as enough is SACKed above it (RFC 6675 §5 (C)).
   */
  markHoleAfterPartialAck(): void {
    const i = this.firstUnsacked();
    if (i >= 0 && !this.sent[i].resent) this.markLost(i);
  }

  /** After a timeout everything not SACKed is presumed lost (RFC 6675 §5.1). */
  markAllLost(): void {
    for (let i = this.head; i < this.sent.length; i++) if (!this.sent[i].sacked) this.markLost(i);
  }

  /** SACK blocks as offsets [left, right). */
  markSacked(blocks: [number, number][]): void {
    for (const [left, right] of blocks) {
      for (let i = this.indexAtOrAfter(left); i < this.sent.length && this.sent[i].end <= right; i++) {
        const s = this.sent[i];
        if (!s.sacked) this.change(s, () => (s.sacked = true));
      }
    }
  }

  /** RFC 6675 §4 IsLost, for every segment: DupThresh segments' worth of SACKed data above it. */
  markLostBySack(): void {
    let above = 0;
    for (let i = this.sent.length - 1; i >= this.head; i--) {
      const s = this.sent[i];
      if (s.sacked) above += s.end - s.start;
      else if (above >= DUP_THRESHOLD * this.smss && !s.lost) this.markLost(i);
    }
  }

  /** IsLost for the first segment the peer lacks. */
  firstHoleIsLost(): boolean {
    const i = this.firstUnsacked();
    if (i < 0) return false;
    let below = 0;
    for (let j = this.head; j < i; j++) below += this.sent[j].end - this.sent[j].start;
    return this.sackedBytes - below >= DUP_THRESHOLD * this.smss;
  }

  /** The first segment marked lost and not yet resent. */
  nextLost(): Sent | undefined {
    for (let i = Math.max(this.head, this.lostCursor); i < this.sent.length; i++) {
      const s = this.sent[i];
      if (s.lost && !s.resent && !s.sacked) {
        this.lostCursor = i;
        return s;
      }
    }
    this.lostCursor = Infinity;
    return undefined;
  }

  /** Applies a change to a queued segment and keeps the pipe and SACKed byte counts true. */
  private change(s: Sent, apply: () => void): void {
    const counts = (x: Sent) => (!x.sacked && (!x.lost || x.resent) ? x.end - x.start : 0);
    const sacked = (x: Sent) => (x.sacked ? x.end - x.start : 0);
    const before = counts(s);
    const sackedBefore = sacked(s);
    apply();
    this.pipeBytes += counts(s) - before;
    this.sackedBytes += sacked(s) - sackedBefore;
  }

  private markLost(i: number): void {
    const s = this.sent[i];
    this.change(s, () => {
      s.lost = true;
      s.resent = false;
    });
    this.lostCursor = Math.min(this.lostCursor, i);
  }

  private firstUnsacked(): number {
    for (let i = this.head; i < this.sent.length; i++) if (!this.sent[i].sacked) return i;
    return -1;
  }

  /** Index of the first outstanding segment starting at or after `offset`. */
  private indexAtOrAfter(offset: number): number {
    let lo = this.head;
    let hi = this.sent.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sent[mid].start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
