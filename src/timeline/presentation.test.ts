import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../playback/engine';
import { timeToFrame } from './eventsUpTo';
import { LANE } from './lanes';
import { LOST_TRIP_MAX, LOST_TRIP_MIN } from './motion';
import { defaultScheduleOptions, schedule } from './schedule';
import { networkTimeAt, presentationTimeAt } from './timeMap';
import { slowStart, traceBuilder } from './traceBuilder';

const F = defaultScheduleOptions.flightS;

describe('lost packets', () => {
  const b = traceBuilder();
  b.packet('client', 'server', 'SYN', 0, 20_000, { lost: { atUs: 10_000, reason: 'random loss' } });
  b.timer({ node: 'client', kind: 'syn', startUs: 0, dueUs: 1_000_000, endUs: 1_000_000, fired: true });
  b.note('client', 1_000_000, 'client  retransmission timer fired');
  b.packet('client', 'server', 'SYN', 1_000_000, 20_000, { retransmission: 'timeout' });
  const sim = b.build();
  const plan = schedule(sim);
  const [lost, again] = plan.flights;

  it('ends the flight where the link dropped it, mid-link, and counts it out of the air', () => {
    expect(lost.lost?.trip).toBeCloseTo(0.5, 9);
    expect(lost.endS - lost.startS).toBeCloseTo(0.5 * F, 9);
    expect(plan.drops).toEqual([{ packetId: 0, flight: 0, atS: lost.endS, caption: expect.stringContaining('✕ SYN is lost') }]);
    // Nothing was left in flight after the drop, so the wait for the RTO was skipped.
    expect(plan.skips).toHaveLength(1);
    expect(plan.skips[0].atS).toBeCloseTo(lost.endS, 9);
    expect(plan.skips[0].text).toBe('▶▶ 1 s retransmission timeout');
  });

  it('keeps the death on the visible link however early or late the link dropped it', () => {
    const early = traceBuilder();
    early.packet('client', 'server', 'A', 0, 20_000, { lost: { atUs: 0, reason: 'queue full' } });
    early.packet('server', 'client', 'B', 0, 20_000, { lost: { atUs: 20_000, reason: 'queue full' } });
    const [a, z] = schedule(early.build()).flights;
    expect(a.lost?.trip).toBe(LOST_TRIP_MIN);
    expect(z.lost?.trip).toBe(LOST_TRIP_MAX);
  });

  it('marks the resend and shows the sprite dying, a ✕ and a caption that says so', () => {
    expect(again.label).toBe('↻ SYN');
    expect(again.retransmission).toBe('timeout');
    const ev = createEvaluator(plan);
    const flying = ev.evaluate(timeToFrame(lost.startS + 0.2, plan.fps));
    expect(flying.drops).toHaveLength(0);
    const dying = ev.evaluate(timeToFrame(lost.endS + 0.05, plan.fps));
    expect(dying.flights[0].dead).toBe(true);
    expect(dying.drops).toHaveLength(1);
    expect(dying.drops[0].progress).toBeCloseTo(dying.flights[0].progress, 9);
    expect(dying.drops[0].progress).toBeGreaterThan(0.3);
    expect(dying.drops[0].progress).toBeLessThan(0.7);
    expect(dying.caption).toMatch(/^✕ SYN is lost .*random loss/);
    const resent = ev.evaluate(timeToFrame(again.startS + 0.3, plan.fps));
    expect(resent.flights.find((f) => f.packetId === 1)?.resend).toBe(true);
    expect(resent.caption).toBe('SYN caption');
  });

  it('makes a follower on the lane wait one fade longer behind a lost leader', () => {
    const t = traceBuilder();
    t.packet('server', 'client', 'A', 0, 20_000, { lost: { atUs: 10_000, reason: 'x' } });
    t.packet('server', 'client', 'B', 1, 20_000);
    const u = traceBuilder();
    u.packet('server', 'client', 'A', 0, 20_000);
    u.packet('server', 'client', 'B', 1, 20_000);
    const gap = (p: ReturnType<typeof schedule>) => p.flights[1].startS - p.flights[0].startS;
    expect(gap(schedule(t.build())) - gap(schedule(u.build()))).toBeCloseTo(0.15, 9);
  });
});

describe('timers', () => {
  const b = traceBuilder();
  b.packet('client', 'server', 'FIN', 0, 20_000);
  b.packet('server', 'client', 'ACK', 20_000, 20_000);
  b.timer({ node: 'client', kind: 'time-wait', startUs: 40_000, dueUs: 60_040_000, endUs: 60_040_000, fired: true });
  b.timer({ node: 'client', kind: 'delayed-ack', startUs: 40_000, dueUs: 80_000, endUs: 60_000, fired: false });
  b.timer({ node: 'client', kind: 'retransmission', startUs: 0, dueUs: 1_000_000, endUs: 40_000, fired: false });
  b.note('client', 60_040_000, 'client  TIME_WAIT timer fired');
  const plan = schedule(b.build());

  it('names a skip after the timer whose firing ends it, and keeps the network clock right', () => {
    expect(plan.skips).toHaveLength(1);
    expect(plan.skips[0].text).toBe('▶▶ 60 s TIME_WAIT');
    expect(plan.skips[0].timer).toBe('time-wait');
    expect(plan.skips[0].endS - plan.skips[0].atS).toBe(defaultScheduleOptions.skipS);
    expect(networkTimeAt(plan.timeMap, plan.skips[0].endS)).toBe(60_040_000);
  });

  it('places rings in presentation time with labels', () => {
    expect(plan.timers.map((r) => r.label)).toEqual(['RTO 1.0 s', 'TIME_WAIT 60 s', 'delayed ACK 40 ms']);
    const rto = plan.timers[0];
    expect(rto.startS).toBe(plan.flights[0].startS);
    expect(rto.endS).toBeCloseTo(plan.flights[1].endS, 6);
    expect(plan.timers[1].endS).toBeCloseTo(plan.skips[0].endS, 9);
  });

  it('fills a ring by the share of its network time that has passed, at most two per node', () => {
    const ev = createEvaluator(plan);
    const [, wait] = plan.timers;
    const mid = (plan.skips[0].atS + plan.skips[0].endS) / 2;
    const v = ev.evaluate(timeToFrame(mid, plan.fps));
    const ring = v.timers.find((t) => t.label === 'TIME_WAIT 60 s')!;
    expect(ring.fraction).toBeCloseTo((v.networkUs - wait.startUs) / (wait.dueUs - wait.startUs), 9);
    expect(ring.fraction).toBeGreaterThan(0.2);
    expect(ring.fraction).toBeLessThan(0.8);
    expect(v.timers.filter((t) => t.node === 'client').length).toBeLessThanOrEqual(2);
    const atStart = ev.evaluate(timeToFrame(plan.flights[0].startS + 0.5, plan.fps));
    expect(atStart.timers.map((t) => t.label)).toEqual(['RTO 1.0 s']);
    expect(atStart.timers[0].fraction).toBeGreaterThan(0);
    expect(atStart.timers[0].fraction).toBeLessThan(0.02);
    expect(ev.evaluate(timeToFrame(plan.durationS, plan.fps)).timers).toEqual([]);
  });

  it('maps network time back to presentation time, first or last where the clock holds', () => {
    expect(presentationTimeAt(plan.timeMap, 0, 'first')).toBe(0);
    expect(presentationTimeAt(plan.timeMap, 0, 'last')).toBe(defaultScheduleOptions.leadInS);
    for (const us of [5_000, 20_000, 30_000_000]) expect(networkTimeAt(plan.timeMap, presentationTimeAt(plan.timeMap, us, 'first'))).toBeCloseTo(us, 3);
  });
});

describe('resolver', () => {
  const b = traceBuilder({ resolver: true });
  // The resolver is 2 ms away: its answer comes back long before a 1.2 s flight could land on screen.
  b.packet('client', 'resolver', 'A? example.com', 0, 1_000);
  b.packet('resolver', 'client', 'A 203.0.113.5', 1_000, 1_000);
  b.packet('client', 'server', 'SYN', 2_000, 20_000);
  const plan = schedule(b.build());
  const [query, answer, syn] = plan.flights;

  it('gives the resolver its own lane pair', () => {
    expect([query.lane, answer.lane, syn.lane]).toEqual([LANE.toResolver, LANE.fromResolver, LANE.toServer]);
    expect(query.layer).toBe('dns');
  });

  it('never lets a node answer before what it answers has landed on screen', () => {
    expect(answer.startS).toBeGreaterThanOrEqual(query.endS);
    expect(syn.startS).toBeGreaterThanOrEqual(answer.endS);
    for (const f of plan.flights) expect(f.endS - f.startS).toBeCloseTo(F, 9);
    expect(plan.chapters[0]).toMatchObject({ id: 'dns', title: 'DNS lookup' });
  });
});

describe('congestion readout', () => {
  const b = traceBuilder();
  b.data('server', 'data 1', 0, 20_000, slowStart(14_480, 1_448));
  b.data('server', 'data 2', 100, 20_000, slowStart(14_480, 2_896));
  b.packet('client', 'server', 'ACK', 20_000, 20_000);
  b.data('server', 'data 3', 40_000, 20_000, { ...slowStart(15_928, 2_896), ssthreshBytes: 28_960, mode: 'congestion-avoidance' });
  const plan = schedule(b.build());
  const ev = createEvaluator(plan);
  const at = (label: string, dt: number) => ev.evaluate(timeToFrame(plan.flights.find((f) => f.label === label)!.startS + dt, plan.fps));

  it('shows the latest data segment sent, beside its sender', () => {
    expect(ev.evaluate(0).readout).toBeUndefined();
    expect(at('data 1', 0.1).readout).toEqual({ node: 'server', lines: ['cwnd 14.5 kB', 'in flight 1.4 kB · slow start'] });
    expect(at('data 2', 0.1).readout?.lines[1]).toBe('in flight 2.9 kB · slow start');
    expect(at('ACK', 0.1).readout?.lines[1]).toBe('in flight 2.9 kB · slow start');
    expect(at('data 3', 0.1).readout?.lines).toEqual(['cwnd 15.9 kB · ssthresh 29.0 kB', 'in flight 2.9 kB · congestion avoidance']);
  });
});
