import { describe, expect, it } from 'vitest';
import type { Prng } from '../prng';
import { type DropRule, LinkDirection, type LinkOptions } from './link';

/** A Prng that hands out the given draws and counts them; it fails the test if drawn past its script. */
function scripted(...draws: number[]): Prng & { drawn: () => number } {
  let i = 0;
  return {
    u32: () => {
      if (i >= draws.length) throw new Error('drew more than scripted');
      return draws[i++];
    },
    bytes: () => {
      throw new Error('the link draws no bytes');
    },
    drawn: () => i,
  };
}

const options = (o: Partial<LinkOptions> = {}): LinkOptions => ({ oneWayUs: 5000, bandwidthMbps: 10, queuePackets: 2, lossRate: 0, drops: [], ...o });

describe('LinkDirection: a drop-tail queue, serialisation, propagation', () => {
  it('a packet takes bytes × 8 / rate to put on the wire, then the one-way delay (1500 B at 10 Mbit/s = 1200 µs)', () => {
    const link = new LinkDirection('c→s', options(), scripted());
    expect(link.transmit(1500, 0, 'data')).toEqual({ sendUs: 0, arriveUs: 1200 + 5000 });
    // After the wire is free again, the next one leaves when it is ready.
    expect(link.transmit(1500, 10_000, 'data')).toEqual({ sendUs: 10_000, arriveUs: 16_200 });
  });

  it('serialisation rounds up to a whole µs, the delay to the nearest', () => {
    const link = new LinkDirection('c→s', options({ bandwidthMbps: 3, oneWayUs: 2500.5 }), scripted());
    // 8 bits at 3 Mbit/s = 2.67 µs → 3; 2500.5 → 2501 (Math.round).
    expect(link.transmit(1, 0, 'x')).toEqual({ sendUs: 0, arriveUs: 3 + 2501 });
  });

  it('packets ready while the wire is busy wait their turn; the queue holds queuePackets and drops at the tail', () => {
    const link = new LinkDirection('c→s', options(), scripted());
    expect(link.transmit(1500, 0, 'd')).toEqual({ sendUs: 0, arriveUs: 6200 });
    expect(link.transmit(1500, 100, 'd')).toEqual({ sendUs: 1200, arriveUs: 7400 });
    expect(link.transmit(1500, 200, 'd')).toEqual({ sendUs: 2400, arriveUs: 8600 });
    // Two wait (the ones leaving at 1200 and 2400): the queue of 2 is full.
    expect(link.transmit(1500, 300, 'd')).toEqual({ sendUs: 300, arriveUs: 300, lost: { atUs: 300, reason: 'queue full (2 packets): dropped at the tail' } });
    // At 1200 the first of them starts on the wire, so it no longer waits: room for one.
    expect(link.transmit(1500, 1200, 'd')).toEqual({ sendUs: 3600, arriveUs: 9800 });
    expect(link.transmit(1500, 1200, 'd').lost?.reason).toBe('queue full (2 packets): dropped at the tail');
  });

  it('a packet sent at once does not take a place in the queue', () => {
    const link = new LinkDirection('c→s', options({ queuePackets: 1 }), scripted());
    expect(link.transmit(1500, 0, 'd').lost).toBeUndefined();
    expect(link.transmit(1500, 0, 'd')).toEqual({ sendUs: 1200, arriveUs: 7400 });
    expect(link.transmit(1500, 0, 'd').lost?.reason).toBe('queue full (1 packet): dropped at the tail');
  });
});

describe('LinkDirection: losses chosen by the scenario or by chance', () => {
  it('drops the n-th packet of its direction (every packet offered counts), halfway along the link', () => {
    const drops: DropRule[] = [{ direction: 'c→s', index: 2, occurrence: 1 }];
    const link = new LinkDirection('c→s', options({ drops }), scripted());
    const other = new LinkDirection('s→c', options({ drops }), scripted());
    expect(link.transmit(1500, 0, 'SYN').lost).toBeUndefined();
    // Lost where it would be after serialisation and half the delay: 1200 + 1200 + 2500.
    expect(link.transmit(1500, 1200, 'ACK')).toEqual({ sendUs: 1200, arriveUs: 7400, lost: { atUs: 4900, reason: 'dropped by the scenario' } });
    expect(link.transmit(1500, 10_000, 'ACK').lost).toBeUndefined();
    // The rule names a direction: the other one is not touched.
    expect([other.transmit(1500, 0, 'SYN').lost, other.transmit(1500, 5000, 'ACK').lost]).toEqual([undefined, undefined]);
  });

  it('drops the n-th packet with a label, counting that label only', () => {
    const link = new LinkDirection('c→s', options({ drops: [{ direction: 'c→s', label: 'SYN', occurrence: 2 }] }), scripted());
    const labels = ['SYN', 'data', 'data', 'SYN', 'SYN'];
    expect(labels.map((l, i) => link.transmit(40, i * 10_000, l).lost?.reason)).toEqual([undefined, undefined, undefined, 'dropped by the scenario', undefined]);
  });

  it('random loss: a draw below rate × 2^32 loses the packet, and the reason gives the rate', () => {
    const prng = scripted(2 ** 30 - 1, 2 ** 30, 0);
    const link = new LinkDirection('c→s', options({ lossRate: 0.25 }), prng);
    expect(link.transmit(1500, 0, 'd')).toEqual({ sendUs: 0, arriveUs: 6200, lost: { atUs: 3700, reason: 'random loss (25.0 %)' } });
    expect(link.transmit(1500, 10_000, 'd').lost).toBeUndefined();
    expect(link.transmit(1500, 20_000, 'd').lost?.reason).toBe('random loss (25.0 %)');
    expect(prng.drawn()).toBe(3);
  });

  it('every packet draws, a rule-dropped one too, so a new rule does not reshuffle the others; no rate, no draws', () => {
    const prng = scripted(0, 2 ** 32 - 1);
    const link = new LinkDirection('c→s', options({ lossRate: 0.5, drops: [{ direction: 'c→s', index: 1, occurrence: 1 }] }), prng);
    expect(link.transmit(1500, 0, 'd').lost?.reason).toBe('dropped by the scenario');
    expect(prng.drawn()).toBe(1);
    expect(link.transmit(1500, 10_000, 'd').lost).toBeUndefined();
    expect(prng.drawn()).toBe(2);
    const none = scripted();
    const clean = new LinkDirection('c→s', options(), none);
    for (let i = 0; i < 5; i++) clean.transmit(1500, i * 10_000, 'd');
    expect(none.drawn()).toBe(0);
  });
});
