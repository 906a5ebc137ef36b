import { describe, expect, it } from 'vitest';
import type { Drop, Flight, Plan, Readout, TimedEvent, TimerRing } from '../timeline/plan';
import type { Packet, SimEvent } from '../sim/types';
import { compilePlan } from './compile';
import { createEvaluator } from './engine';
import { LONG_RING_S, timersAt } from './frameExtras';
import { frameView } from './frameState';
import { planIndex } from './planIndex';
import { DROP_TAIL_S } from './animate';

/**
 * The frame view's edges on a plan built by hand (no simulator): which rings a node shows when more
 * are armed than fit, and in which slot; a ring exactly LONG_RING_S long; a long ring that starts at t;
 * the readout and the chapter title in the view; a sprite at the very instant it dies; and the
 * sprites and ✕ marks listed a hair before or after they appear or fade, against GSAP's own
 * timeline of the same plan (compilePlan): listed exactly when GSAP shows them (alpha > 0).
 */
const flight = (packetId: number, from: 'client' | 'server', startS: number, endS: number, over: Partial<Flight> = {}): Flight =>
  ({ packetId, label: `P${packetId}`, caption: `P${packetId} caption`, bytes: 100 + packetId, card: { title: '', lines: [] }, layer: 'tcp', from, to: from === 'client' ? 'server' : 'client', lane: from === 'client' ? 0 : 1, startS, endS, ...over }) as Flight;
const ring = (node: 'client' | 'server', kind: TimerRing['kind'], startS: number, endS: number, startUs: number, dueUs: number): TimerRing => ({ node, kind, label: `${node} ${kind} ${startS}`, startS, endS, startUs, dueUs, fired: true });
const send = (atS: number, id: number): TimedEvent => ({ atS, event: { kind: 'send', atUs: 0, text: `send ${id}`, packet: { id } as Packet } as SimEvent });

/** Built afresh in each test (a mutation run must see each test run the code it checks). */
function handPlan(): Plan {
  return {
    fps: 10,
    durationS: 8,
    flights: [flight(0, 'client', 1, 2.2), flight(1, 'server', 2, 2.6, { lost: { trip: 0.5, reason: 'r' } })],
    drops: [{ packetId: 1, flight: 1, atS: 2.6, caption: '✕ P1 is lost' }] as Drop[],
    banners: [],
    skips: [],
    badges: [],
    initialStates: { client: 'CLOSED', server: 'LISTEN' },
    chapters: [],
    timers: [],
    longestTimerS: 0,
    readouts: [{ node: 'client', atS: 1, endS: 2, lines: ['cwnd 2.9 kB'] }] as Readout[],
    timeline: [send(1, 0), send(2, 1)],
    timeMap: [
      { presS: 0, netUs: 0 },
      { presS: 8, netUs: 800_000 },
    ],
    stepTimesS: [],
    scaleNote: '',
  } as unknown as Plan;
}

/** Five rings armed at 5 s (network 500 ms), sorted by start as a plan holds them, and two later ones. */
function ringPlan(): Plan {
  const timers = [
    ring('server', 'retransmission', 3, 7, 300_000, 900_000),
    ring('client', 'delayed-ack', 4, 6, 400_000, 600_000),
    ring('client', 'retransmission', 4.2, 7, 420_000, 1_420_000),
    ring('client', 'syn', 4.5, 6.5, 450_000, 1_000_000),
    ring('server', 'syn', 4.8, 7, 480_000, 900_000),
    // Exactly LONG_RING_S long: one ring, whichever list finds it.
    ring('server', 'delayed-ack', 10, 10 + LONG_RING_S, 1_000_000, 1_040_000),
    // Longer: found among the long rings, from the instant it starts.
    ring('client', 'time-wait', 12, 30, 1_200_000, 61_200_000),
  ];
  return { ...handPlan(), timers, longestTimerS: 18 } as Plan;
}

describe('timersAt: the rings a node shows', () => {
  it('shows each node’s two most telling rings (kind, then the soonest due, then the earliest armed), client first, each filled by network time', () => {
    const plan = ringPlan();
    // Client: the SYN and the resend timer (rank 0; the SYN is due first although armed later); its delayed ACK does not fit.
    // Server: two rank-0 rings due at the same moment: the one armed first takes slot 0.
    expect(timersAt(plan, 5, 500_000)).toEqual([
      { node: 'client', label: 'client syn 4.5', fraction: 50 / 550, slot: 0, due: false },
      { node: 'client', label: 'client retransmission 4.2', fraction: 0.08, slot: 1, due: false },
      { node: 'server', label: 'server retransmission 3', fraction: 200 / 600, slot: 0, due: false },
      { node: 'server', label: 'server syn 4.8', fraction: 20 / 420, slot: 1, due: false },
    ]);
    // Once the network clock passes a ring's due time it is full and due (the fill never passes 1).
    expect(timersAt(plan, 6.4, 950_000).map((t) => [t.label, t.fraction, t.due])).toEqual([
      ['client syn 4.5', 500 / 550, false],
      ['client retransmission 4.2', 530 / 1000, false],
      ['server retransmission 3', 1, true],
      ['server syn 4.8', 1, true],
    ]);
  });

  it('a ring exactly LONG_RING_S long is shown once, with or without the plan’s long rings given', () => {
    const plan = ringPlan();
    const long = plan.timers.filter((r) => r.endS - r.startS > LONG_RING_S);
    for (const t of [10, 11, 13.9]) {
      expect(timersAt(plan, t, 1_010_000).map((r) => r.label)).toEqual(t >= 12 ? ['client time-wait 12', 'server delayed-ack 10'] : ['server delayed-ack 10']);
      expect(timersAt(plan, t, 1_010_000, long)).toEqual(timersAt(plan, t, 1_010_000));
    }
    expect(timersAt(plan, 14, 1_040_000).map((r) => r.label)).toEqual(['client time-wait 12']);
  });

  it('a long ring shows from the instant it starts', () => {
    const plan = ringPlan();
    expect(timersAt(plan, 12, 1_200_000)).toEqual([
      { node: 'client', label: 'client time-wait 12', fraction: 0, slot: 0, due: false },
      { node: 'server', label: 'server delayed-ack 10', fraction: 1, slot: 0, due: true },
    ]);
    expect(timersAt(plan, 11.99, 1_199_000).map((r) => r.label)).toEqual(['server delayed-ack 10']);
  });

  it('the frame view shows the same rings, filled by the plan’s network time at t', () => {
    const ev = createEvaluator(ringPlan());
    expect(ev.evaluate(50).timers).toEqual(timersAt(ringPlan(), 5, 500_000));
    expect(ev.evaluate(120).timers.map((r) => r.label)).toEqual(['client time-wait 12', 'server delayed-ack 10']);
  });
});

describe('frameView: what the view holds at its edges', () => {
  it('holds the sender’s readout while it lasts, and no readout key otherwise', () => {
    const ev = createEvaluator(handPlan());
    expect(ev.evaluate(15).readout).toEqual({ node: 'client', lines: ['cwnd 2.9 kB'] });
    expect('readout' in ev.evaluate(5)).toBe(false);
    expect('readout' in ev.evaluate(20)).toBe(false);
  });

  it('a plan without chapters has an empty chapter title', () => {
    const ev = createEvaluator(handPlan());
    expect(ev.evaluate(15).chapterTitle).toBe('');
    expect(ev.evaluate(15).moment).toBe('P0 in flight');
  });

  it('a lost sprite is dead from the very instant it dies (off the page’s grid too)', () => {
    const ev = createEvaluator(handPlan());
    expect(ev.at(2.6).flights.find((f) => f.packetId === 1)).toMatchObject({ dead: true, alpha: 1, progress: 0.5 });
    expect(ev.at(2.5999).flights.find((f) => f.packetId === 1)?.dead).toBe(false);
    expect(ev.at(2.65).flights.find((f) => f.packetId === 1)?.dead).toBe(true);
  });

  it('lists a sprite or a ✕ exactly when GSAP shows it, a hair (1e-7 s steps) before and after it appears or fades', () => {
    for (const reduced of [false, true]) {
      const plan = handPlan();
      const index = planIndex(plan);
      const { timeline, state } = compilePlan(plan, { reducedMotion: reduced });
      const edges = [1, 2, 2.2 - 0.3, 2.2 + 0.15, 2.6, 2.6 + DROP_TAIL_S];
      let listed = 0;
      for (const edge of edges) {
        for (let k = -12; k <= 12; k++) {
          const t = edge + k * 1e-7;
          timeline.totalTime(t, true);
          // The frame view itself: the engine takes a time within a microframe of the page's grid for that frame.
          const v = frameView(plan, index, t, reduced);
          const flights = state.flights.flatMap((s, i) => (s.alpha > 0 ? [[i, s.progress, s.alpha]] : []));
          expect(v.flights.map((f) => [f.index, f.progress, f.alpha]), `t = ${t}${reduced ? ' (reduced)' : ''}`).toEqual(flights);
          expect(v.drops.map((d) => [d.alpha, d.scale]), `t = ${t}`).toEqual(state.drops[0].alpha > 0 ? [[state.drops[0].alpha, state.drops[0].scale]] : []);
          listed += v.flights.length + v.drops.length;
        }
      }
      expect(listed).toBeGreaterThan(60);
      timeline.kill();
    }
  });
});
