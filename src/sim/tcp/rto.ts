/**
 * The retransmission timeout of RFC 6298: SRTT and RTTVAR from RTT samples (§2), Karn's
 * rule is the caller's (only segments sent once are sampled, §3), exponential backoff (§5.5).
 */
export interface RtoOptions {
  /** RFC 6298 §2.4: 1 s. Linux uses 200 ms (TCP_RTO_MIN). */
  minRtoUs: number;
  /** §2.5 allows a maximum of at least 60 s; Linux's TCP_RTO_MAX is 120 s. */
  maxRtoUs?: number;
}

/** §2.1: before any sample, RTO = 1 s. */
export const INITIAL_RTO_US = 1_000_000;
/** Clock granularity G (§2.2); the simulator's clock is exact, Linux's is 1 ms. */
const GRANULARITY_US = 1_000;

export class RtoEstimator {
  srttUs: number | undefined;
  rttvarUs = 0;
  private baseUs = INITIAL_RTO_US;
  private backoff = 0;

  constructor(private readonly options: RtoOptions) {}

  /** The timeout to arm now, backoff included. */
  get rtoUs(): number {
    return Math.min(this.baseUs * 2 ** this.backoff, this.options.maxRtoUs ?? 120_000_000);
  }

  sample(rttUs: number): void {
    if (this.srttUs === undefined) {
      // §2.2: the first measurement.
      this.srttUs = rttUs;
      this.rttvarUs = rttUs / 2;
    } else {
      // §2.3 with alpha = 1/8, beta = 1/4; RTTVAR first, from the old SRTT.
      this.rttvarUs = 0.75 * this.rttvarUs + 0.25 * Math.abs(this.srttUs - rttUs);
      this.srttUs = 0.875 * this.srttUs + 0.125 * rttUs;
    }
    this.baseUs = Math.max(this.options.minRtoUs, this.srttUs + Math.max(GRANULARITY_US, 4 * this.rttvarUs));
    this.backoff = 0;
  }

  /** §5.5: the timer expired; the next one is twice as long. */
  backOff(): void {
    this.backoff++;
  }

  /** §5.7: the SYN had to be retransmitted and no sample exists: use 3 s once data flows. */
  afterSynRetransmission(): void {
    if (this.srttUs === undefined) this.baseUs = 3_000_000;
    this.backoff = 0;
  }
}
