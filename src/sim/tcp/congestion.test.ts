import { describe, expect, it } from 'vitest';
import { Congestion } from './congestion';

// Expected windows worked by hand from RFC 5681 §3.1–3.2 (eq. 4: ssthresh = max(FlightSize / 2,
// 2·SMSS)), RFC 6582 §3.2 (NewReno's recover point, partial and full ACKs) and RFC 6928 (IW10).
const SMSS = 1000;
const fresh = () => new Congestion(SMSS, 10);

describe('Congestion (NewReno: RFC 5681, RFC 6582)', () => {
  it('starts in slow start with IW = 10·SMSS (RFC 6928) and no ssthresh (RFC 5681 §3.1: "arbitrarily high")', () => {
    const c = fresh();
    expect(c.cwnd).toBe(10_000);
    expect(c.ssthresh).toBe(Infinity);
    expect(c.recovery).toBeUndefined();
    expect(c.mode()).toBe('slow-start');
  });

  describe('slow start (RFC 5681 §3.1) while the window limits the sender (RFC 7661)', () => {
    it('grows cwnd by the bytes acknowledged', () => {
      const c = fresh();
      c.sent(10_000);
      c.grow(1000);
      expect(c.cwnd).toBe(11_000);
      c.grow(2500);
      expect(c.cwnd).toBe(13_500);
    });

    it('does not grow on an ACK of nothing new', () => {
      const c = fresh();
      c.sent(10_000);
      c.grow(0);
      expect(c.cwnd).toBe(10_000);
    });

    it('does not grow when less than half the window was ever in flight (cwnd < 2·maxPipe is the test)', () => {
      const c = fresh();
      c.grow(1000); // nothing sent at all
      expect(c.cwnd).toBe(10_000);
      c.sent(5000); // exactly half: not limited
      c.grow(1000);
      expect(c.cwnd).toBe(10_000);
      c.sent(5001);
      c.grow(1000);
      expect(c.cwnd).toBe(11_000);
    });

    it('remembers the largest pipe since the last drain, and forgets it on drain', () => {
      const c = fresh();
      c.sent(10_000);
      c.sent(1000); // a smaller pipe later does not lower the measure
      c.grow(1000);
      expect(c.cwnd).toBe(11_000);
      c.drained();
      c.grow(1000);
      expect(c.cwnd).toBe(11_000);
    });

    it('stops slow start at ssthresh: cwnd never jumps past it (RFC 5681 §3.1)', () => {
      const c = fresh();
      c.timedOut(12_000, 50_000); // ssthresh 6000, cwnd 1000
      c.acknowledged(50_000, 0);
      c.sent(1000);
      c.grow(8000);
      expect(c.cwnd).toBe(6000);
      expect(c.mode()).toBe('congestion-avoidance');
    });
  });

  describe('congestion avoidance (RFC 5681 §3.1 eq. 3: cwnd += SMSS·SMSS / cwnd)', () => {
    /** cwnd = ssthresh = 10 000 after a fast recovery from a flight of 20 000. */
    const avoiding = () => {
      const c = fresh();
      c.enterFastRecovery(20_000, 30_000);
      c.acknowledged(30_000, 20_000);
      return c;
    };

    it('adds SMSS²/cwnd per ACK', () => {
      const c = avoiding();
      expect(c.mode()).toBe('congestion-avoidance');
      c.sent(10_000);
      c.grow(1000);
      expect(c.cwnd).toBe(10_100);
      c.grow(1000);
      expect(c.cwnd).toBe(10_100 + Math.floor(1_000_000 / 10_100)); // 99
    });

    it('does not grow on an ACK of nothing new (eq. 3 counts ACKs of new data)', () => {
      const c = avoiding();
      c.sent(10_000);
      c.grow(0);
      expect(c.cwnd).toBe(10_000);
    });

    it('grows only while the window is full: maxPipe + SMSS > cwnd', () => {
      const c = avoiding();
      c.sent(9000); // 9000 + 1000 = cwnd: not limited
      c.grow(1000);
      expect(c.cwnd).toBe(10_000);
      c.sent(9001);
      c.grow(1000);
      expect(c.cwnd).toBe(10_100);
    });

    it('adds at least one byte when SMSS²/cwnd rounds to 0', () => {
      const c = new Congestion(2, 10); // cwnd 20, SMSS² = 4
      c.enterFastRecovery(40, 100);
      c.acknowledged(100, 40);
      expect(c.cwnd).toBe(20);
      c.sent(20);
      c.grow(2);
      expect(c.cwnd).toBe(21);
    });
  });

  describe('fast retransmit and fast recovery (RFC 5681 §3.2, RFC 6582 §3.2)', () => {
    it('halves the flight size into ssthresh and cwnd', () => {
      const c = fresh();
      c.enterFastRecovery(20_001, 30_000);
      expect(c.ssthresh).toBe(10_000); // floor(20 001 / 2)
      expect(c.cwnd).toBe(10_000);
      expect(c.recovery).toBe('fast');
      expect(c.mode()).toBe('fast-recovery');
    });

    it('never sets ssthresh below 2·SMSS', () => {
      const c = fresh();
      c.enterFastRecovery(3000, 3000);
      expect(c.ssthresh).toBe(2000);
      expect(c.cwnd).toBe(2000);
    });

    it('does not grow the window during fast recovery', () => {
      const c = fresh();
      c.sent(20_000);
      c.enterFastRecovery(20_000, 30_000);
      c.grow(5000);
      expect(c.cwnd).toBe(10_000);
    });

    it('calls an ACK below the recover point partial and keeps the window', () => {
      const c = fresh();
      c.enterFastRecovery(20_000, 30_000);
      expect(c.acknowledged(29_999, 15_000)).toBe('partial');
      expect(c.cwnd).toBe(10_000);
      expect(c.recovery).toBe('fast');
    });

    it('ends recovery on a full ACK with cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS) (RFC 6582 §3.2 step 3, option 1)', () => {
      const full = fresh();
      full.enterFastRecovery(20_000, 30_000);
      expect(full.acknowledged(30_000, 15_000)).toBe('full');
      expect(full.cwnd).toBe(10_000); // min(10 000, 16 000)
      expect(full.recovery).toBeUndefined();

      const drained = fresh();
      drained.enterFastRecovery(20_000, 30_000);
      expect(drained.acknowledged(31_000, 0)).toBe('full');
      expect(drained.cwnd).toBe(2000); // min(10 000, max(0, 1000) + 1000)

      const little = fresh();
      little.enterFastRecovery(20_000, 30_000);
      little.acknowledged(30_000, 4000);
      expect(little.cwnd).toBe(5000); // min(10 000, 4000 + 1000)
    });

    it('enters fast recovery again only past the last recover point (RFC 6582 §3.2 step 1)', () => {
      const c = fresh();
      expect(c.mayEnterFastRecovery(0)).toBe(true);
      c.enterFastRecovery(20_000, 30_000);
      expect(c.mayEnterFastRecovery(30_000)).toBe(false); // still in recovery
      c.acknowledged(30_000, 0);
      expect(c.mayEnterFastRecovery(29_999)).toBe(false);
      expect(c.mayEnterFastRecovery(30_000)).toBe(true);
    });
  });

  describe('retransmission timeout (RFC 5681 §3.1 eq. 4, §3.1 "LW = 1 SMSS")', () => {
    it('sets ssthresh from the flight size and cwnd to one segment', () => {
      const c = fresh();
      c.timedOut(20_001, 30_000);
      expect(c.ssthresh).toBe(10_000);
      expect(c.cwnd).toBe(1000);
      expect(c.recovery).toBe('rto');
      expect(c.mode()).toBe('rto-recovery');
      const small = fresh();
      small.timedOut(1000, 1000);
      expect(small.ssthresh).toBe(2000);
    });

    it('grows in slow start during loss recovery, and its ACKs are neither partial nor full until the recover point', () => {
      const c = fresh();
      c.timedOut(20_000, 30_000);
      c.sent(1000);
      expect(c.acknowledged(10_000, 1000)).toBeUndefined();
      c.grow(1000);
      expect(c.cwnd).toBe(2000);
      expect(c.acknowledged(30_000, 0)).toBe('full');
      expect(c.cwnd).toBe(2000); // a timeout's recovery leaves cwnd as slow start made it
      expect(c.mode()).toBe('slow-start');
    });

    it('says nothing of an ACK outside recovery', () => {
      expect(fresh().acknowledged(5000, 0)).toBeUndefined();
    });
  });
});
