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
    expect(rto.rtoUs).toBeLessThan(600_000);
  });

  it('uses 3 s once data flows if the SYN had to be resent and nothing was measured (§5.7)', () => {
    const rto = new RtoEstimator({ minRtoUs: 1_000_000 });
    rto.backOff();
    rto.afterSynRetransmission();
    expect(rto.rtoUs).toBe(3_000_000);
  });
});
