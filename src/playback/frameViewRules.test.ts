import { beforeEach, describe, expect, it } from 'vitest';
import type { BadgeChange, Banner, Drop, Flight, Plan, Readout, Skip, TimedEvent, TimerRing } from '../timeline/plan';
import type { Packet, SimEvent } from '../sim/types';
import { compilePlan } from './compile';
import { createEvaluator } from './engine';
import { captionAt, dropsAt, LONG_RING_S, readoutAt, RINGS_PER_NODE, timersAt } from './frameExtras';
import { DROP_TAIL_S } from './animate';
import { lostProgress } from '../timeline/motion';

/**
 * The frame view on a plan built by hand (no simulator): which sprites, marks, rings, readouts,
 * banners and skips are up at a moment, each list written out from the rules; the numbers that move
 * (progress, alpha, scale) against GSAP's own timeline of the same plan (compilePlan).
 */
const flight = (packetId: number, from: 'client' | 'server', startS: number, endS: number, over: Partial<Flight> = {}): Flight =>
  ({ packetId, label: `P${packetId}`, caption: `P${packetId} caption`, bytes: 100 + packetId, card: { title: `card ${packetId}`, lines: [`line ${packetId}`] }, layer: 'tcp', from, to: from === 'client' ? 'server' : 'client', lane: from === 'client' ? 0 : 1, startS, endS, ...over }) as Flight;
const ring = (node: 'client' | 'server', kind: TimerRing['kind'], startS: number, endS: number, startUs: number, dueUs: number): TimerRing => ({ node, kind, label: `${kind} ${startS}`, startS, endS, startUs, dueUs, fired: true });
const send = (atS: number, id: number): TimedEvent => ({ atS, event: { kind: 'send', atUs: 0, text: `send ${id}`, packet: { id } as Packet } as SimEvent });

const plan = {
  fps: 10,
  durationS: 12,
  flights: [
    flight(0, 'client', 1, 2.2),
    flight(1, 'server', 1.5, 2.7, { compact: true, retransmission: 'fast' }),
    flight(2, 'client', 3, 3.36, { lost: { trip: 0.3, reason: 'r' } }),
    flight(3, 'server', 3.2, 4.4),
    flight(4, 'client', 6, 7.2),
  ],
  drops: [{ packetId: 2, flight: 2, atS: 3.36, caption: '✕ P2 is lost' }] as Drop[],
  banners: [{ text: 'B1', startS: 2, endS: 4 }, { text: 'B2', startS: 9, endS: 12 }] as Banner[],
  skips: [{ atS: 4.5, endS: 5.5, skippedUs: 1e6, text: '▶▶ 1 s later' }] as Skip[],
  badges: [
    { node: 'client', atS: 1, state: 'SYN_SENT' },
    { node: 'server', atS: 2.2, state: 'SYN_RCVD' },
    { node: 'client', atS: 2.7, state: 'ESTABLISHED' },
  ] as BadgeChange[],
  initialStates: { client: 'CLOSED', server: 'LISTEN' },
  chapters: [{ id: 'tcp', title: 'TCP handshake', startS: 0, endS: 12 }],
  timers: [ring('client', 'syn', 1, 3, 0, 1_000_000), ring('client', 'delayed-ack', 1.5, 2, 500_000, 540_000), ring('client', 'time-wait', 2, 10, 100_000, 60_100_000), ring('server', 'delayed-ack', 2.5, 2.6, 0, 40_000)],
  longestTimerS: 8,
  readouts: [{ node: 'server', atS: 1.5, endS: 3.2, lines: ['cwnd 14.5 kB'] }, { node: 'server', atS: 3.2, endS: 8.2, lines: ['cwnd 15.9 kB'] }] as Readout[],
  timeline: [send(1, 0), send(1.5, 1), send(3, 2), send(3.2, 3), send(6, 4)],
  timeMap: [
    { presS: 0, netUs: 0 },
    { presS: 12, netUs: 1_200_000 },
  ],
  stepTimesS: [],
  scaleNote: '',
} as unknown as Plan;

describe('frameView on a hand-built plan', () => {
  // Made in each test, not while collecting them: a mutation run sees which test ran the evaluator.
  let ev: ReturnType<typeof createEvaluator>;
  beforeEach(() => {
    ev = createEvaluator(plan);
  });

  it('lists the sprites alive at t with their marks; a compact one unlabelled; a lost one dead once it stopped', () => {
    const v = ev.evaluate(20); // 2.0 s
    expect(v.flights.map((f) => [f.index, f.packetId, f.label, f.bytes, f.lane, f.leftToRight, f.resend, f.dead])).toEqual([
      [0, 0, 'P0', 100, 0, true, false, false],
      [1, 1, '', 0, 1, false, true, false],
    ]);
    expect(ev.evaluate(34).flights.map((f) => [f.packetId, f.dead])).toEqual([
      [2, true],
      [3, false],
    ]);
    expect(ev.evaluate(33).flights.find((f) => f.packetId === 2)?.dead).toBe(false);
    expect(ev.evaluate(0).flights).toEqual([]);
    expect(ev.evaluate(50).flights).toEqual([]); // 5.0 s: every sprite has faded
  });

  it('moves them exactly as GSAP’s timeline of the same plan', () => {
    for (const reduced of [false, true]) {
      const e = createEvaluator(plan, { reducedMotion: reduced });
      const { timeline, state } = compilePlan(plan, { reducedMotion: reduced });
      for (let frame = 0; frame <= 120; frame++) {
        timeline.totalTime(frame / 10, true);
        const v = e.evaluate(frame);
        for (const f of v.flights) expect([f.progress, f.alpha], `frame ${frame} flight ${f.index}`).toEqual([state.flights[f.index].progress, state.flights[f.index].alpha]);
        const shown = state.flights.map((s, i) => (s.alpha > 0 ? i : -1)).filter((i) => i >= 0);
        expect(v.flights.map((f) => f.index), `frame ${frame}`).toEqual(shown);
        const b = plan.banners.findLastIndex((x) => x.startS <= frame / 10);
        expect(v.banner, `frame ${frame}`).toEqual(b >= 0 && state.banners[b].alpha > 0 ? { text: plan.banners[b].text, alpha: state.banners[b].alpha, scale: state.banners[b].scale } : undefined);
        expect(v.skip?.alpha ?? 0, `frame ${frame}`).toBe(frame / 10 >= 4.5 ? state.skips[0].alpha : 0);
        expect([v.badges.client.pulse, v.badges.server.pulse]).toEqual([state.pulse.client.value, state.pulse.server.value]);
        expect(v.drops.map((d) => [d.alpha, d.scale])).toEqual(state.drops[0].alpha > 0 ? [[state.drops[0].alpha, state.drops[0].scale]] : []);
      }
      timeline.kill();
    }
  });

  it('says the states, the chapter, the log position, the packet in focus and its card', () => {
    const v = ev.evaluate(25);
    expect(v.badges.client).toMatchObject({ state: 'SYN_SENT', tone: 'opening' });
    expect(v.badges.server).toMatchObject({ state: 'SYN_RCVD', tone: 'opening' });
    expect(ev.evaluate(5).badges.client.state).toBe('CLOSED');
    expect(ev.evaluate(5).badges.server.state).toBe('LISTEN');
    expect(ev.evaluate(27).badges.client.state).toBe('ESTABLISHED');
    expect([v.frame, v.timeS, v.networkUs, v.chapterTitle, v.logPosition, v.focusPacketId]).toEqual([25, 2.5, 250_000, 'TCP handshake', 2, 1]);
    expect(v.card).toEqual({ packetId: 1, label: 'P1', layer: 'tcp', title: 'card 1', lines: ['line 1'] });
    expect(v.caption).toBe('P1 caption');
    expect(v.moment).toMatch(/P0|P1/);
    const before = ev.evaluate(5);
    expect([before.card, before.caption, before.logPosition, 'focusPacketId' in before]).toEqual([undefined, '', 0, false]);
  });

  it('the engine: a time on the page’s grid is that frame; between frames, the time itself', () => {
    expect(ev.at(2.5)).toEqual(ev.evaluate(25));
    expect(ev.at(3 + 2 / 24 - 3 / 24 + 1 / 24)).toEqual(ev.evaluate(30));
    const off = ev.at(2.55);
    expect([off.frame, off.timeS]).toEqual([25.5, 2.55]);
    expect(off.flights[0].progress).toBeGreaterThan(ev.evaluate(25).flights[0].progress);
    expect(ev.plan).toBe(plan);
    expect(ev.reducedMotion).toBe(false);
    expect(createEvaluator(plan, { reducedMotion: true }).reducedMotion).toBe(true);
  });
});

describe('frameExtras', () => {
  const longRings = plan.timers.filter((r) => r.endS - r.startS > LONG_RING_S);

  it('timers: those armed at t, the most telling two per node, filled by network time', () => {
    expect(RINGS_PER_NODE).toBe(2);
    // 1.7 s = 170 ms of network time: SYN (0→1 s) 17 %, delayed ACK (500→540 ms): not started.
    expect(timersAt(plan, 1.7, 170_000)).toEqual([
      { node: 'client', label: 'syn 1', fraction: 0.17, slot: 0, due: false },
      { node: 'client', label: 'delayed-ack 1.5', fraction: 0, slot: 1, due: false },
    ]);
    // 2.55 s: SYN, TIME_WAIT (a long ring) and the server's due delayed ACK; the client shows its two most telling.
    expect(timersAt(plan, 2.55, 255_000, longRings).map((t) => [t.node, t.label, t.slot, t.due])).toEqual([
      ['client', 'syn 1', 0, false],
      ['client', 'time-wait 2', 1, false],
      ['server', 'delayed-ack 2.5', 0, true],
    ]);
    expect(timersAt(plan, 2.55, 255_000)).toEqual(timersAt(plan, 2.55, 255_000, longRings));
    expect(timersAt(plan, 9.9, 990_000).map((t) => t.label)).toEqual(['time-wait 2']);
    expect(timersAt(plan, 10, 1_000_000)).toEqual([]); // ended
    expect(timersAt(plan, 3, 300_000).map((t) => t.label)).toEqual(['time-wait 2']); // the SYN ring ends at 3
    expect(timersAt(plan, 0.5, 50_000)).toEqual([]);
  });

  it('readout: the latest to have started, while it holds', () => {
    expect([1.4, 1.5, 3.19, 3.2, 8.19, 8.2].map((t) => readoutAt(plan, t)?.lines[0])).toEqual([undefined, 'cwnd 14.5 kB', 'cwnd 14.5 kB', 'cwnd 15.9 kB', 'cwnd 15.9 kB', undefined]);
    expect(readoutAt(plan, 2)).toEqual({ node: 'server', lines: ['cwnd 14.5 kB'] });
  });

  it('drops: the ✕ where the packet died, up until its fade ends DROP_TAIL_S later', () => {
    const at = (t: number) => dropsAt(plan, t, t);
    expect(at(3.35)).toEqual([]);
    expect(at(3.36)).toEqual([]); // popping from alpha 0
    expect(at(3.4)).toEqual([{ packetId: 2, label: 'P2', bytes: 102, lane: 0, progress: lostProgress(0.3), alpha: expect.any(Number), scale: expect.any(Number) }]);
    expect(at(3.36 + DROP_TAIL_S - 0.01)).toHaveLength(1);
    expect(at(3.36 + DROP_TAIL_S + 0.01)).toEqual([]);
    const unknownTrip = { ...plan, flights: plan.flights.map((f, i) => (i === 2 ? { ...f, lost: undefined } : f)) } as Plan;
    expect(dropsAt(unknownTrip, 3.5, 3.5)[0].progress).toBe(lostProgress(0.5));
  });

  it('caption: the latest packet’s, unless one has died since', () => {
    expect(captionAt(plan, 3.1, 3, 'P2 caption')).toBe('P2 caption');
    expect(captionAt(plan, 3.36, 3, 'P2 caption')).toBe('✕ P2 is lost');
    expect(captionAt(plan, 3.36, 3.36, 'x')).toBe('✕ P2 is lost');
    expect(captionAt(plan, 3.4, 3.37, 'P9 caption')).toBe('P9 caption');
    expect(captionAt(plan, 3.4, undefined, '')).toBe('✕ P2 is lost');
  });
});
