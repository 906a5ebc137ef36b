import { describe, expect, it } from 'vitest';
import { INITIAL_RTO_US, RtoEstimator } from './rto';

// Expected values worked by hand from RFC 6298 §2 (alpha 1/8, beta 1/4, K 4, G 1 ms).
describe('RtoEstimator (RFC 6298)', () => {
  it('starts at 1 s before any sample (§2.1)', () => {
    expect(new RtoEstimator({ minRtoUs: 200_000 }).rtoUs).toBe(1_000_000);
    expect(INITIAL_RTO_US).toBe(1_000_000);
  });

  it('takes the first sample whole: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4·RTTVAR (§2.2)', () => {
    const rto = new RtoEstimator({ minRtoUs: 200_000 });
    rto.sample(100_000);
    expect(rto.srttUs).toBe(100_000);
    expect(rto.rttvarUs).toBe(50_000);
    expect(rto.rtoUs).toBe(300_000);
  });

  it('smooths later samples, RTTVAR from the old SRTT (§2.3)', () => {
    const rto = new RtoEstimator({ minRtoUs: 200_000 });
    rto.sample(100_000);
    rto.sample(200_000);
    // RTTVAR = 3/4·50 + 1/4·|100 − 200| = 62.5 ms; SRTT = 7/8·100 + 1/8·200 = 112.5 ms
    expect(rto.rttvarUs).toBe(62_500);
    expect(rto.srttUs).toBe(112_500);
    expect(rto.rtoUs).toBe(362_500);
  });

  it('never goes below the minimum: 1 s by the RFC (§2.4), 200 ms as Linux does', () => {
    const rfc = new RtoEstimator({ minRtoUs: 1_000_000 });
    rfc.sample(40_000);
    expect(rfc.rtoUs).toBe(1_000_000);
    const linux = new RtoEstimator({ minRtoUs: 200_000 });
    linux.sample(40_000);
    expect(linux.rtoUs).toBe(200_000);
  });

  it('doubles on each expiry (§5.5) until a new sample resets it', () => {
    const rto = new RtoEstimator({ minRtoUs: 200_000 });
    rto.sample(100_000);
    rto.backOff();
    expect(rto.rtoUs).toBe(600_000);
    rto.backOff();
    expect(rto.rtoUs).toBe(1_200_000);
    rto.sample(100_000);
    // A new sample resets the backoff: SRTT 100, RTTVAR 3/4·50 + 0 = 37.5 → 100 + 150 ms.
    expect(rto.rtoUs).toBe(250_000);
  });

  it('caps the backed-off timeout at the maximum: 120 s by default (Linux TCP_RTO_MAX), or the one given (§2.5)', () => {
    const rto = new RtoEstimator({ minRtoUs: 1_000_000 });
    for (let i = 0; i < 6; i++) rto.backOff();
    expect(rto.rtoUs).toBe(64_000_000);
    rto.backOff();
    expect(rto.rtoUs).toBe(120_000_000);
    const short = new RtoEstimator({ minRtoUs: 1_000_000, maxRtoUs: 60_000_000 });
    for (let i = 0; i < 6; i++) short.backOff();
    expect(short.rtoUs).toBe(60_000_000);
  });

  it('adds at least the clock granularity G = 1 ms when RTTVAR is tiny (§2.2: max(G, K·RTTVAR))', () => {
    const rto = new RtoEstimator({ minRtoUs: 0 });
    rto.sample(100); // SRTT 100 µs, RTTVAR 50 µs, K·RTTVAR = 200 µs < G
    expect(rto.rtoUs).toBe(1_100);
  });

  it('has no RTTVAR before the first sample (§2.1)', () => {
    expect(new RtoEstimator({ minRtoUs: 1_000_000 }).rttvarUs).toBe(0);
    expect(new RtoEstimator({ minRtoUs: 1_000_000 }).srttUs).toBeUndefined();
  });

  it('uses 3 s once data flows if the SYN had to be resent and nothing was measured (§5.7)', () => {
    const rto = new RtoEstimator({ minRtoUs: 1_000_000 });
    rto.backOff();
    rto.afterSynRetransmission();
    expect(rto.rtoUs).toBe(3_000_000);
  });

  it('keeps a measured RTO after a resent SYN and only clears the backoff (§5.7 applies without a sample)', () => {
    const rto = new RtoEstimator({ minRtoUs: 200_000 });
    rto.sample(100_000);
    rto.backOff();
    rto.afterSynRetransmission();
    expect(rto.rtoUs).toBe(300_000);
  });
});
