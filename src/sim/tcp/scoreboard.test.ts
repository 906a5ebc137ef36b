import { describe, expect, it } from 'vitest';
import { DUP_THRESHOLD, Scoreboard, type Sent } from './scoreboard';

// The scoreboard of RFC 6675 §4 by hand: SMSS 100, segments of 100 bytes from offset 1 (after the
// SYN). pipe counts a segment unless it is SACKed, or lost and not resent (§4 "SetPipe"); IsLost is
// "DupThresh·SMSS SACKed bytes above it" (§4); a timeout marks all un-SACKed data lost (§5.1).
const SMSS = 100;
const seg = (start: number, end = start + SMSS, sentUs = 0): Sent => ({ start, end, sentUs, transmissions: 1, sacked: false, lost: false, resent: false, syn: false, fin: false });

/** `n` segments of SMSS bytes, the i-th sent at i µs. */
function board(n: number): { sb: Scoreboard; segs: Sent[] } {
  const sb = new Scoreboard(SMSS);
  const segs: Sent[] = [];
  for (let i = 0; i < n; i++) {
    const s = seg(1 + i * SMSS, 1 + (i + 1) * SMSS, i);
    segs.push(s);
    sb.push(s);
  }
  return { sb, segs };
}
/** The SACK block [left, right) covering segments i..j (inclusive). */
const block = (i: number, j: number): [number, number] => [1 + i * SMSS, 1 + (j + 1) * SMSS];

describe('Scoreboard (RFC 6675 §4)', () => {
  it('uses DupThresh = 3 (RFC 5681 §3.2, RFC 6675 §2)', () => {
    expect(DUP_THRESHOLD).toBe(3);
  });

  it('starts with the SYN alone, one sequence number in the pipe, whatever came before', () => {
    const { sb } = board(5);
    sb.markSacked([block(1, 4)]);
    const syn: Sent = { ...seg(0, 1), syn: true };
    sb.startWith(syn);
    expect(sb.first).toBe(syn);
    expect(sb.outstanding).toBe(1);
    expect(sb.pipe()).toBe(1);
    expect(sb.firstHoleIsLost()).toBe(false);
  });

  it('counts pushed segments in the pipe', () => {
    const { sb } = board(3);
    expect(sb.pipe()).toBe(300);
    expect(sb.outstanding).toBe(3);
    expect(new Scoreboard(SMSS).first).toBeUndefined();
  });

  describe('acknowledge', () => {
    it('drops wholly acknowledged segments and trims a partly acknowledged one', () => {
      const { sb, segs } = board(3);
      sb.acknowledge(201);
      expect(sb.outstanding).toBe(1);
      expect(sb.first).toBe(segs[2]);
      expect(sb.pipe()).toBe(100);
      expect(sb.acknowledge(251)).toBeUndefined(); // nothing wholly acknowledged: no sample
      expect(sb.first!.start).toBe(251);
      expect(sb.pipe()).toBe(50);
      sb.acknowledge(301);
      expect(sb.outstanding).toBe(0);
      expect(sb.pipe()).toBe(0);
    });

    it('an ACK at a segment start trims nothing', () => {
      const { sb, segs } = board(2);
      sb.acknowledge(101);
      expect(segs[1].start).toBe(101);
      expect(sb.pipe()).toBe(100);
    });

    it("samples from the newest wholly acknowledged segment sent once, never a resent one (Karn's rule, RFC 6298 §3)", () => {
      const { sb, segs } = board(3);
      expect(sb.acknowledge(301)).toBe(2);
      const again = board(3);
      again.sb.markFirstHoleLost();
      again.sb.markResent(again.segs[0], 50);
      expect(again.sb.acknowledge(101)).toBeUndefined();
      expect(segs[2].sentUs).toBe(2);
      const mixed = board(3);
      mixed.sb.markAllLost();
      mixed.sb.markResent(mixed.segs[2], 70);
      expect(mixed.sb.acknowledge(301)).toBe(1);
    });

    it('keeps its place in a long queue after forgetting the acknowledged front', () => {
      const { sb, segs } = board(2000);
      sb.markSacked([block(1501, 1503)]);
      sb.markLostBySack(); // segments 0..1500 lost
      sb.acknowledge(segs[1100].start); // 1100 dropped: the queue is compacted
      expect(sb.outstanding).toBe(900);
      expect(sb.first).toBe(segs[1100]);
      expect(sb.nextLost()).toBe(segs[1100]);
      sb.markResent(segs[1100], 5);
      expect(sb.nextLost()).toBe(segs[1101]);
      expect(sb.pipe()).toBe(100 + (2000 - 1504) * 100); // the resent one and the never-SACKed tail
    });
  });

  it('a resent lost segment counts in the pipe again, with its new time (§4 SetPipe (b))', () => {
    const { sb, segs } = board(3);
    expect(sb.markFirstHoleLost()).toBe(segs[0]);
    expect(sb.pipe()).toBe(200);
    sb.markResent(segs[0], 99);
    expect(sb.pipe()).toBe(300);
    expect(segs[0]).toMatchObject({ transmissions: 2, resent: true, lost: true, sentUs: 99 });
    expect(sb.nextLost()).toBeUndefined();
  });

  it('marks the first segment the peer lacks lost, skipping SACKed ones', () => {
    const { sb, segs } = board(4);
    sb.markSacked([block(0, 0)]);
    expect(sb.markFirstHoleLost()).toBe(segs[1]);
    expect(segs[1].lost).toBe(true);
    expect(sb.pipe()).toBe(200);
    const all = board(2);
    all.sb.markSacked([block(0, 1)]);
    expect(all.sb.markFirstHoleLost()).toBeUndefined();
    expect(all.segs.some((s) => s.lost)).toBe(false);
  });

  it('after a timeout marks all un-SACKed data lost: the pipe empties (§5.1)', () => {
    const { sb, segs } = board(4);
    sb.markSacked([block(2, 2)]);
    sb.markAllLost();
    expect(segs.map((s) => s.lost)).toEqual([true, true, false, true]);
    expect(sb.pipe()).toBe(0);
    expect(sb.nextLost()).toBe(segs[0]);
  });

  describe('markSacked', () => {
    it('marks the segments a block wholly covers, and takes them out of the pipe', () => {
      const { sb, segs } = board(4);
      sb.markSacked([block(1, 2)]);
      expect(segs.map((s) => s.sacked)).toEqual([false, true, true, false]);
      expect(sb.pipe()).toBe(200);
      sb.markSacked([block(1, 2)]); // the same block again counts once
      expect(sb.pipe()).toBe(200);
    });

    it('does not mark a segment a block covers only in part', () => {
      const { sb, segs } = board(4);
      sb.markSacked([[segs[1].start + 1, segs[2].end - 1]]);
      expect(segs.map((s) => s.sacked)).toEqual([false, false, false, false]);
      sb.markSacked([[segs[1].start, segs[2].end - 1]]);
      expect(segs.map((s) => s.sacked)).toEqual([false, true, false, false]);
    });

    it('takes several blocks, in any order', () => {
      const { sb, segs } = board(6);
      sb.markSacked([block(4, 4), block(1, 1)]);
      expect(segs.map((s) => s.sacked)).toEqual([false, true, false, false, true, false]);
    });

    it('ignores a block below what is outstanding', () => {
      const { sb, segs } = board(3);
      sb.acknowledge(101);
      sb.markSacked([[1, 101]]);
      expect(segs.slice(1).some((s) => s.sacked)).toBe(false);
      expect(sb.pipe()).toBe(200);
    });
  });

  describe('IsLost (§4): DupThresh·SMSS SACKed bytes above a segment', () => {
    it('marks what has 3·SMSS SACKed above it, exactly at the threshold too', () => {
      const { sb, segs } = board(6);
      sb.markSacked([block(3, 5)]);
      sb.markLostBySack();
      expect(segs.map((s) => s.lost)).toEqual([true, true, true, false, false, false]);
      expect(sb.pipe()).toBe(0);
    });

    it('does not mark with less above', () => {
      const { sb, segs } = board(6);
      sb.markSacked([block(4, 5), block(1, 1)]);
      sb.markLostBySack(); // 200 above 2 and 3; 300 above 0 only
      expect(segs.map((s) => s.lost)).toEqual([true, false, false, false, false, false]);
    });

    it('leaves a segment already resent as resent', () => {
      const { sb, segs } = board(6);
      sb.markSacked([block(3, 5)]);
      sb.markLostBySack();
      sb.markResent(segs[0], 10);
      sb.markLostBySack();
      expect(segs[0].resent).toBe(true);
      expect(sb.nextLost()).toBe(segs[1]);
      expect(sb.pipe()).toBe(100);
    });

    it('firstHoleIsLost counts only the SACKed bytes above the first hole', () => {
      const { sb } = board(6);
      sb.markSacked([block(0, 0), block(2, 3)]);
      expect(sb.firstHoleIsLost()).toBe(false); // 200 above the hole at 1, 100 below it
      sb.markSacked([block(4, 4)]);
      expect(sb.firstHoleIsLost()).toBe(true); // 300 above
      const none = board(2);
      none.sb.markSacked([block(0, 1)]);
      expect(none.sb.firstHoleIsLost()).toBe(false); // no hole
    });
  });

  describe('nextLost', () => {
    it('goes through lost segments in order, skipping resent and SACKed ones', () => {
      const { sb, segs } = board(5);
      sb.markAllLost();
      sb.markSacked([block(1, 1)]);
      expect(sb.nextLost()).toBe(segs[0]);
      sb.markResent(segs[0], 1);
      expect(sb.nextLost()).toBe(segs[2]);
      sb.markResent(segs[2], 1);
      sb.markResent(segs[3], 1);
      expect(sb.nextLost()).toBe(segs[4]);
      sb.markResent(segs[4], 1);
      expect(sb.nextLost()).toBeUndefined();
    });

    it('finds a segment marked lost after it last found none, even before where it stopped', () => {
      const { sb, segs } = board(3);
      expect(sb.nextLost()).toBeUndefined();
      sb.markFirstHoleLost();
      expect(sb.nextLost()).toBe(segs[0]);
      sb.markResent(segs[0], 1);
      expect(sb.nextLost()).toBeUndefined();
      sb.acknowledge(101); // a partial ACK (RFC 6582 §3.2 step 4): the next hole is lost too
      expect(sb.markFirstHoleLost()).toBe(segs[1]);
      expect(sb.nextLost()).toBe(segs[1]);
    });
  });

  it("without SACK, takes SMSS out of the pipe per segment duplicate ACKs say arrived (Linux's Reno emulation), never below 0", () => {
    const { sb } = board(4);
    sb.renoSacked = 3;
    expect(sb.pipe()).toBe(100);
    sb.renoSacked = 5;
    expect(sb.pipe()).toBe(0);
  });

  it('a cumulative ACK fills one hole; the other segments it covers were counted by duplicate ACKs already (Linux tcp_remove_reno_sacks)', () => {
    const { sb } = board(10);
    sb.renoSacked = 8; // eight duplicate ACKs: eight segments past the hole arrived
    sb.acknowledge(201); // the hole and one segment the duplicate ACKs had counted
    expect(sb.renoSacked).toBe(7);
    sb.acknowledge(251); // nothing wholly acknowledged: nothing to take back
    expect(sb.renoSacked).toBe(7);
    sb.acknowledge(1001);
    expect(sb.renoSacked).toBe(0); // never below 0
  });

  it('an ACK below what is already acknowledged (a reordered ACK) changes nothing', () => {
    const { sb, segs } = board(3);
    sb.acknowledge(151);
    sb.acknowledge(51);
    expect(segs[1].start).toBe(151);
    expect(sb.pipe()).toBe(150);
  });

  it('does not resend a lost segment the cumulative ACK covered before its turn', () => {
    const { sb, segs } = board(3);
    sb.markFirstHoleLost();
    sb.acknowledge(101);
    expect(sb.nextLost()).toBeUndefined();
    sb.markFirstHoleLost();
    expect(sb.nextLost()).toBe(segs[1]);
  });

  it('IsLost of a hole at the head of the queue, and no hole when everything is SACKed', () => {
    const { sb } = board(4);
    sb.markSacked([block(1, 3)]);
    expect(sb.firstHoleIsLost()).toBe(true); // 300 above segment 0
    const all = board(4);
    all.sb.markSacked([block(0, 3)]);
    expect(all.sb.firstHoleIsLost()).toBe(false);
  });

  it('forgets the SACKed bytes of segments the cumulative ACK covers', () => {
    const { sb } = board(6);
    sb.markSacked([block(1, 3)]);
    sb.acknowledge(401); // segments 0–3 gone
    sb.markSacked([block(5, 5)]);
    expect(sb.firstHoleIsLost()).toBe(false); // only 100 SACKed above the hole at 4
  });
});
