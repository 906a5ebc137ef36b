import type { SenderView } from '../types';

/**
 * The sender's congestion control: NewReno (RFC 5681, RFC 6582) with Linux's choices where
 * the RFCs leave one. It owns cwnd, ssthresh and the recovery state; the socket tells it
 * what happened (data sent, new data acknowledged, three duplicate ACKs, a timeout).
 */
export class Congestion {
  cwnd: number;
  ssthresh = Infinity;
  /** Fast recovery after duplicate ACKs, or loss recovery after a timeout. */
  recovery: 'fast' | 'rto' | undefined;
  /** SND.NXT when recovery began (RFC 6582's "recover"). */
  private recoverPoint = 0;
  /** The most in flight since the pipe was last empty (whether the window limits the sender). */
  private maxPipe = 0;

  constructor(
    private readonly smss: number,
    initialWindowSegments: number,
  ) {
    // RFC 6928: an initial window of 10 segments.
    this.cwnd = initialWindowSegments * smss;
  }

  sent(pipe: number): void {
    this.maxPipe = Math.max(this.maxPipe, pipe);
  }

  /** Everything sent is acknowledged: the next burst starts a new measure of what limits it. */
  drained(): void {
    this.maxPipe = 0;
  }

  /** Not in recovery, and past the last one's recover point (RFC 6582 §3.2 step 1). */
  mayEnterFastRecovery(una: number): boolean {
    return this.recovery === undefined && una >= this.recoverPoint;
  }

  /** RFC 5681 §3.2 / RFC 6675 §5: halve the window; the socket resends the first hole. */
  enterFastRecovery(flightSize: number, nxt: number): void {
    this.ssthresh = Math.max(Math.floor(flightSize / 2), 2 * this.smss);
    this.cwnd = this.ssthresh;
    this.recovery = 'fast';
    this.recoverPoint = nxt;
  }

  /** RFC 5681 §3.1 eq. 4: after a timeout the window is one segment. */
  timedOut(flightSize: number, nxt: number): void {
    this.ssthresh = Math.max(Math.floor(flightSize / 2), 2 * this.smss);
    this.cwnd = this.smss;
    this.recovery = 'rto';
    this.recoverPoint = nxt;
  }

  /**
   * New data was acknowledged up to `una`: 'full' when that ends a recovery, 'partial' for
   * a partial acknowledgment in fast recovery (the next hole is lost too: RFC 6582 §3.2 step 4).
   */
  acknowledged(una: number, flightSize: number): 'full' | 'partial' | undefined {
    if (this.recovery && una >= this.recoverPoint) {
      // RFC 6582 §3.2 step 3: a full acknowledgment ends recovery.
      if (this.recovery === 'fast') this.cwnd = Math.min(this.ssthresh, Math.max(flightSize, this.smss) + this.smss);
      this.recovery = undefined;
      return 'full';
    }
    return this.recovery === 'fast' ? 'partial' : undefined;
  }

  /**
   * Slow start and congestion avoidance (RFC 5681 §3.1), outside fast recovery, and only
   * while the window is what limits the sender (RFC 7661; Linux's tcp_is_cwnd_limited):
   * three handshake segments in flight do not earn a larger window.
   */
  grow(ackedBytes: number): void {
    if (this.recovery === 'fast' || ackedBytes <= 0) return;
    const slowStart = this.cwnd < this.ssthresh;
    const limited = slowStart ? this.cwnd < 2 * this.maxPipe : this.maxPipe + this.smss > this.cwnd;
    if (!limited) return;
    if (slowStart) {
      // Linux counts every acknowledged segment in slow start (tcp_slow_start), so the
      // window doubles each round trip whether or not ACKs are delayed (cf. RFC 3465).
      this.cwnd = Math.min(this.cwnd + ackedBytes, Math.max(this.ssthresh, this.cwnd));
    } else {
      this.cwnd += Math.max(1, Math.floor((this.smss * this.smss) / this.cwnd));
    }
  }

  mode(): SenderView['mode'] {
    if (this.recovery === 'fast') return 'fast-recovery';
    if (this.recovery === 'rto') return 'rto-recovery';
    return this.cwnd < this.ssthresh ? 'slow-start' : 'congestion-avoidance';
  }
}
