import { beforeEach, describe, expect, it } from 'vitest';
import type { NodeId, SimEvent, Simulation, TcpState } from '../sim/types';
import type { Plan } from './plan';
import { defaultScheduleOptions, formatRtt, schedule, scheduledDuration, scheduling } from './schedule';
import { networkTimeAt } from './timeMap';
import { traceBuilder } from './traceBuilder';

/**
 * The scheduler on hand-built traces, every time worked out by hand from its rules: network time is
 * slowed so that half the round trip lasts one flight (40 ms RTT, 1.2 s flights: 60 s on screen per
 * network second) after a 0.6 s lead-in; a flight lasts 1.2 s whatever its link took; a departure
 * waits for the sprite ahead on its lane (0.72 s) and for what its sender received to land, and the
 * network clock holds meanwhile; idle stretches longer than 1.5 s on screen are skipped in 1 s.
 */
const span = (plan: Plan) => plan.flights.map((f) => [f.label, round(f.startS), round(f.endS)]);
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const anchors = (plan: Plan) => plan.timeMap.map((a) => [round(a.presS), a.netUs]);
const state = (node: NodeId, atUs: number, from: TcpState, to: TcpState, packetId?: number): SimEvent => ({ kind: 'state', node, atUs, from, to, text: `${node} ${to}`, ...(packetId !== undefined && { packetId }) });
const note = (node: NodeId, atUs: number, text: string, extra: { packetId?: number; milestone?: 'established' } = {}): SimEvent => ({ kind: 'note', node, atUs, text, ...extra });
const stepsOf = (run: Generator<number, unknown>) => {
  const out: number[] = [];
  for (let s = run.next(); !s.done; s = run.next()) out.push(s.value);
  return out;
};

describe('a handshake at the natural scale', () => {
  const b = traceBuilder();
  b.packet('client', 'server', 'SYN', 0, 20_000);
  b.packet('server', 'client', 'SYN-ACK', 20_000, 20_000);
  b.packet('client', 'server', 'ACK', 40_000, 20_000);
  b.event(state('client', 0, 'CLOSED', 'SYN_SENT', 0));
  b.event(state('server', 20_000, 'LISTEN', 'SYN_RCVD', 0));
  b.event(state('client', 40_000, 'SYN_SENT', 'ESTABLISHED', 1));
  b.event(state('server', 60_000, 'SYN_RCVD', 'ESTABLISHED', 2));
  b.event(note('server', 60_000, 'server  ✓ Connection ESTABLISHED', { milestone: 'established' }));
  const sim = b.build();
  // Planned in each test, not while collecting them: a mutation run sees which test ran the scheduler.
  let plan: Plan;
  beforeEach(() => {
    plan = schedule(sim);
  });

  it('each packet leaves at 0.6 s + its send time × 60 and lands one flight (1.2 s) later', () => {
    expect(span(plan)).toEqual([
      ['SYN', 0.6, 1.8],
      ['SYN-ACK', 1.8, 3],
      ['ACK', 3, 4.2],
    ]);
    expect(plan.stepTimesS.map(round)).toEqual([0.6, 1.8, 3, 4.2]);
    expect(plan.flights.map((f) => f.lane)).toEqual([0, 1, 0]);
  });

  it('a state change happens as its packet leaves (the sender) or lands (the receiver); badges only for client and server', () => {
    expect(plan.badges.map((x) => [x.node, round(x.atS), x.state])).toEqual([
      ['client', 0.6, 'SYN_SENT'],
      ['server', 1.8, 'SYN_RCVD'],
      ['client', 3, 'ESTABLISHED'],
      ['server', 4.2, 'ESTABLISHED'],
    ]);
    expect(plan.initialStates).toEqual({ client: 'CLOSED', server: 'LISTEN' });
  });

  it('lasts to the last event plus the 1.8 s tail; the last banner stays to the end; one chapter from 0', () => {
    expect(plan.durationS).toBeCloseTo(4.2 + 1.8, 9);
    expect(plan.banners).toEqual([{ text: '✓ Connection ESTABLISHED', startS: plan.timeline.at(-1)!.atS, endS: plan.durationS }]);
    expect(plan.banners[0].startS).toBeCloseTo(4.2, 9);
    expect(plan.chapters).toEqual([{ id: 'tcp', title: 'TCP handshake', startS: 0, endS: plan.durationS }]);
    expect(plan.fps).toBe(60);
    expect(plan.skips).toEqual([]);
    expect(plan.drops).toEqual([]);
    expect([plan.timers, plan.longestTimerS, plan.readouts]).toEqual([[], 0, []]);
  });

  it('keeps every event, in presentation order (ties in the simulator’s order)', () => {
    expect(plan.timeline.map((e) => e.event)).toHaveLength(sim.events.length);
    expect(plan.timeline.map((e) => [round(e.atS), e.event.kind])).toEqual([
      [0.6, 'send'],
      [0.6, 'state'],
      [1.8, 'arrive'],
      [1.8, 'send'],
      [1.8, 'state'],
      [3, 'arrive'],
      [3, 'send'],
      [3, 'state'],
      [4.2, 'arrive'],
      [4.2, 'state'],
      [4.2, 'note'],
    ]);
  });

  it('holds the network clock at 0 through the lead-in, then runs it to the last event at the end (over the tail), and says the scale', () => {
    expect(anchors(plan)).toEqual([
      [0, 0],
      [0.6, 0],
      [6, 60_000],
    ]);
    for (const [s, us] of [[0.3, 0], [3.3, 30_000], [6, 60_000]]) expect(networkTimeAt(plan.timeMap, s)).toBeCloseTo(us, 3);
    expect(plan.scaleNote).toBe('1 RTT = 40 ms ⇒ 2.4 s on screen (60× slower)');
  });

  it('in slices: the share of events placed after each slice, then one step per list, and the same plan', () => {
    // 11 events: 3 sends, 3 arrivals, 4 state changes, a note.
    expect(stepsOf(scheduling(sim, {}, 4))).toEqual([4 / 11, 8 / 11, 1, 1, 1]);
    expect(stepsOf(scheduling(sim, {}, 10))).toEqual([10 / 11, 1, 1, 1]);
    expect(stepsOf(scheduling(sim, {}, 11))).toEqual([]);
    expect(stepsOf(scheduling(sim, {}, 20))).toEqual([]);
    const run = scheduling(sim, {}, 4);
    let step = run.next();
    while (!step.done) step = run.next();
    expect(step.value).toEqual(plan);
    const length = scheduledDuration(sim, {}, 4);
    expect(stepsOf(scheduledDuration(sim, {}, 4))).toEqual([4 / 11, 8 / 11]);
    let l = length.next();
    while (!l.done) l = length.next();
    expect(l.value).toBe(plan.durationS);
  });
});

describe('holds: the network clock waits while a departure waits', () => {
  const b = traceBuilder();
  b.packet('client', 'server', 'A', 0, 20_000);
  b.packet('client', 'server', 'B', 1_000, 20_000);
  b.packet('server', 'client', 'C', 20_000, 20_000);
  const sim = b.build();

  it('a follower leaves a lane gap (0.72 s) after its leader; the clock holds at its send time meanwhile', () => {
    const plan = schedule(sim);
    // B: 0.66 s by the clock, held to 0.6 + 0.72; C: 19 ms after B's send, from the held clock: 1.32 + 1.14.
    expect(span(plan)).toEqual([
      ['A', 0.6, 1.8],
      ['B', 1.32, 2.52],
      ['C', 2.46, 3.66],
    ]);
    expect(anchors(plan)).toEqual([
      [0, 0],
      [0.6, 0],
      [0.66, 1_000],
      [1.32, 1_000],
      [5.46, 40_000],
    ]);
    expect(networkTimeAt(plan.timeMap, 1)).toBe(1_000);
    expect(plan.durationS).toBeCloseTo(3.66 + 1.8, 9);
  });

  it('the lane gap is the minLaneGapS option, or what laneGapS says for the two sprites and the lane', () => {
    expect(span(schedule(sim, { minLaneGapS: 0.9 }))[1]).toEqual(['B', 1.5, 2.7]);
    const asked: unknown[] = [];
    const plan = schedule(sim, {
      laneGapS: (leader, follower, lane) => {
        asked.push([leader.label, follower.label, lane]);
        return 0.5;
      },
    });
    expect(span(plan)[1]).toEqual(['B', 1.1, 2.3]);
    expect(asked).toEqual([['A', 'B', 0]]);
  });

  it('never holds when nothing waits: sends far enough apart leave at their own time', () => {
    const plan = schedule(sim, { minLaneGapS: 0.06 });
    expect(span(plan)).toEqual([
      ['A', 0.6, 1.8],
      ['B', 0.66, 1.86],
      ['C', 1.8, 3],
    ]);
    expect(anchors(plan)).toEqual([
      [0, 0],
      [0.6, 0],
      [4.8, 40_000],
    ]);
  });

  it('networkScale sets the clock’s rate instead of the round trip', () => {
    const plan = schedule(sim, { networkScale: 100, minLaneGapS: 0 });
    expect(span(plan)).toEqual([
      ['A', 0.6, 1.8],
      ['B', 0.7, 1.9],
      ['C', 2.6, 3.8],
    ]);
    expect(plan.scaleNote).toBe('1 RTT = 40 ms ⇒ 2.4 s on screen (100× slower)');
  });
});

describe('a dense run', () => {
  it('compact sprites inside it follow each other a frame apart; any other pair keeps the lane gap', () => {
    const b = traceBuilder();
    const tcp = { srcPort: 443, dstPort: 50_000, seq: 1, ack: 1, window: 65_535, payloadLength: 1448, flags: { syn: false, ack: true, fin: false, psh: false, rst: false } };
    // Eight segments 0.1 ms apart (6 ms on screen, dense against 0.72 s, closer than a frame): the six inside are drawn compact.
    for (let i = 0; i < 8; i++) b.packet('server', 'client', 'data', i * 100, 20_000, { tcp, totalLength: 1500 });
    const asked: unknown[] = [];
    const plan = schedule(b.build(), {
      laneGapS: (leader, follower, lane) => {
        asked.push([leader, follower, lane]);
        return 0.72;
      },
    });
    const starts = plan.flights.map((f) => f.startS - plan.flights[1].startS);
    expect(plan.flights.map((f) => !!f.compact)).toEqual([false, true, true, true, true, true, true, false]);
    expect(round(plan.flights[1].startS)).toBe(1.32);
    starts.slice(1, 7).forEach((s, i) => expect(s).toBeCloseTo(i / 60, 9));
    expect(starts[7]).toBeCloseTo(5 / 60 + 0.72, 9);
    // Only the two pairs that are not both compact ask the stage, with the compact sprite's shape.
    expect(asked).toEqual([
      [{ label: 'data', bytes: 1500 }, { label: '', bytes: 0 }, 1],
      [{ label: '', bytes: 0 }, { label: 'data', bytes: 1500 }, 1],
    ]);
  });
});

describe('causality: a node cannot answer before what it answers has landed on screen', () => {
  const b = traceBuilder({ resolver: true });
  // The resolver is 1 ms away: its answer would leave long before a 1.2 s flight has landed.
  b.packet('client', 'resolver', 'A? example.com', 0, 1_000);
  b.packet('resolver', 'client', 'A 203.0.113.5', 1_000, 1_000);
  b.packet('client', 'server', 'SYN', 2_000, 20_000);
  b.event(state('resolver', 1_000, 'CLOSED', 'LISTEN'));
  const sim = b.build();

  it('holds each answer until its question has landed', () => {
    const plan = schedule(sim);
    expect(span(plan)).toEqual([
      ['A? example.com', 0.6, 1.8],
      ['A 203.0.113.5', 1.8, 3],
      ['SYN', 3, 4.2],
    ]);
    expect(anchors(plan)).toEqual([
      [0, 0],
      [0.6, 0],
      [0.66, 1_000],
      [1.8, 1_000],
      [1.86, 2_000],
      [3, 2_000],
      [6, 22_000],
    ]);
    expect(plan.badges).toEqual([]); // the resolver has no badge
  });

  it('waits for the latest landing on screen, not the latest arrival on the network clock', () => {
    const t = traceBuilder({ resolver: true });
    t.packet('server', 'client', 'A', 0, 10_000); // arrives at 10 ms, lands at 1.8 s
    t.packet('resolver', 'client', 'B', 1_000, 1_000); // arrives sooner (2 ms) but lands later (0.66 + 1.2 s)
    t.packet('client', 'server', 'C', 10_000, 20_000);
    expect(span(schedule(t.build()))).toEqual([
      ['A', 0.6, 1.8],
      ['B', 0.66, 1.86],
      ['C', 1.86, 3.06],
    ]);
  });

  it('causal: false lets each leave at its own (scaled) time', () => {
    const plan = schedule(sim, { causal: false });
    expect(span(plan)).toEqual([
      ['A? example.com', 0.6, 1.8],
      ['A 203.0.113.5', 0.66, 1.86],
      ['SYN', 0.72, 1.92],
    ]);
    expect(plan.durationS).toBeCloseTo(1.92 + 1.8, 9);
  });
});

describe('notes and state changes', () => {
  const b = traceBuilder();
  // Half the usual one-way trip: the clock says it lands at 1.2 s, the sprite lands at 1.8 s.
  b.packet('client', 'server', 'SYN', 0, 10_000);
  b.packet('server', 'client', 'RST', 15_000, 10_000);
  b.event(state('client', 0, 'CLOSED', 'SYN_SENT', 0));
  b.event(state('server', 0, 'LISTEN', 'LISTEN', 1)); // its packet has not left yet: by the clock
  b.event(note('client', 5_000, 'client  halfway'));
  b.event(note('server', 10_000, 'server  got the SYN'));
  b.event(state('server', 10_000, 'LISTEN', 'SYN_RCVD', 0));
  b.event(note('server', 12_000, 'server  by id', { packetId: 0 }));
  b.event(state('server', 12_000, 'SYN_RCVD', 'ESTABLISHED', 0)); // at 12 ms by the clock (1.32 s), caused by the SYN's landing
  b.event(note('client', 12_000, 'client  no such packet', { packetId: 2 }));
  b.event(note('client', 12_000, 'client  no such packet either', { packetId: -1 }));
  const sim = b.build();
  let plan: Plan;
  beforeEach(() => {
    plan = schedule(sim);
  });
  const at = (text: string) => round(plan.timeline.find((e) => e.event.text === text)!.atS);

  it('with a packet: when it left (its sender) or landed (its receiver)', () => {
    expect(at('client SYN_SENT')).toBe(0.6);
    expect(at('server SYN_RCVD')).toBe(1.8);
    expect(at('server  by id')).toBe(1.8);
    expect(at('server ESTABLISHED')).toBe(1.8);
  });

  it('without one (or one that has not left, or no such packet): with its node’s send or arrival at that instant, else by the clock', () => {
    expect(at('server LISTEN')).toBe(0.6);
    expect(at('client  halfway')).toBe(0.9);
    expect(at('server  got the SYN')).toBe(1.8); // the clock says 1.2: the SYN's arrival says 1.8
    expect(at('client  no such packet')).toBe(1.32);
    expect(at('client  no such packet either')).toBe(1.32);
    // Placed out of the network's order (12 ms by the clock, before the SYN's landing at 1.8 s): sorted, ties kept.
    expect(plan.timeline.map((e) => round(e.atS))).toEqual([0.6, 0.6, 0.6, 0.9, 1.32, 1.32, 1.8, 1.8, 1.8, 1.8, 1.8, 1.8, 3]);
    expect(plan.timeline.slice(4, 6).map((e) => e.event.text)).toEqual(['client  no such packet', 'client  no such packet either']);
    // RST: 15 ms by the clock is 1.5 s; the server answers once the SYN has landed at 1.8.
    expect(span(plan)).toEqual([
      ['SYN', 0.6, 1.8],
      ['RST', 1.8, 3],
    ]);
  });
});

describe('idle skips', () => {
  /** A SYN, then a second one `idleUs` after the first has landed. */
  const pair = (idleUs: number, timer?: { kind: 'syn' | 'time-wait'; startUs: number }) => {
    const b = traceBuilder();
    b.packet('client', 'server', 'SYN', 0, 20_000);
    b.packet('client', 'server', 'SYN', 20_000 + idleUs, 20_000);
    if (timer) b.timer({ node: 'client', kind: timer.kind, startUs: timer.startUs, dueUs: 20_000 + idleUs, endUs: 20_000 + idleUs, fired: true });
    return schedule(b.build());
  };

  it('skips a stretch with nothing in flight longer than 1.5 s on screen (25 ms here), in 1 s', () => {
    expect(pair(25_000).skips).toEqual([]);
    const plan = pair(25_001);
    expect(plan.skips).toEqual([{ atS: plan.flights[0].endS, endS: plan.flights[0].endS + 1, skippedUs: 25_001, text: '▶▶ 25.0 ms later' }]);
    expect(span(plan)[1]).toEqual(['SYN', 2.8, 4]);
    expect(networkTimeAt(plan.timeMap, 2.8)).toBe(45_001);
    expect(schedule(traceBuilder().build()).skips).toEqual([]);
  });

  it('says how long the wait was, in the timer’s name when its firing ends it', () => {
    expect(pair(2_480_000).skips[0].text).toBe('▶▶ 2.5 s later');
    expect(pair(1_030_000).skips[0].text).toBe('▶▶ 1 s later');
    expect(pair(999_000).skips[0].text).toBe('▶▶ 999 ms later');
    expect(pair(1_000_000).skips[0].text).toBe('▶▶ 1 s later');
    expect(pair(980_000, { kind: 'syn', startUs: 0 }).skips[0]).toMatchObject({ text: '▶▶ 1 s retransmission timeout', timer: 'syn' });
    // Exactly half the timer idle still names the timer's length; less names the idle tail.
    expect(pair(1_000_000, { kind: 'time-wait', startUs: 20_000 - 1_000_000 }).skips[0].text).toBe('▶▶ 2 s TIME_WAIT');
    expect(pair(999_000, { kind: 'time-wait', startUs: 20_000 - 1_000_000 }).skips[0]).toMatchObject({ text: '▶▶ 999 ms until TIME_WAIT ends', timer: 'time-wait' });
  });

  it('a skip starts where the last flight landed on screen, even when the clock is behind it', () => {
    const b = traceBuilder({ resolver: true });
    b.packet('client', 'resolver', 'A?', 0, 1_000);
    b.packet('client', 'server', 'SYN', 2_000_000, 20_000);
    const plan = schedule(b.build());
    expect(plan.skips.map((k) => [round(k.atS), round(k.endS)])).toEqual([[1.8, 2.8]]);
    expect(span(plan)[1]).toEqual(['SYN', 2.8, 4]);
  });

  it('rings: the timers in presentation time, the longest ring’s length kept for the seek’s look-back', () => {
    const b = traceBuilder();
    b.packet('client', 'server', 'SYN', 0, 20_000);
    b.timer({ node: 'client', kind: 'syn', startUs: 0, dueUs: 1_000_000, endUs: 20_000, fired: false });
    b.timer({ node: 'client', kind: 'delayed-ack', startUs: 0, dueUs: 10_000, endUs: 10_000, fired: true });
    const plan = schedule(b.build());
    // The clock's last stretch runs from the lead-in (0.6 s, 0 ms) to the end (3.6 s, 20 ms, the last event):
    // the SYN's ring ends at its cancel (20 ms: 3.6 s), the delayed ACK's at 10 ms, halfway (2.1 s).
    expect(plan.timers.map((r) => [r.kind, round(r.startS), round(r.endS)])).toEqual([
      ['syn', 0.6, 3.6],
      ['delayed-ack', 0.6, 2.1],
    ]);
    expect(plan.longestTimerS).toBeCloseTo(3, 9);
  });

  it('a drop takes its packet out of the air too', () => {
    const b = traceBuilder();
    b.packet('client', 'server', 'SYN', 0, 20_000, { lost: { atUs: 10_000, reason: 'r' } });
    b.packet('client', 'server', 'SYN', 2_000_000, 20_000);
    expect(schedule(b.build()).skips).toHaveLength(1);
  });
});

describe('drops', () => {
  it('in presentation order (not the network’s), each with its flight’s index', () => {
    const b = traceBuilder();
    b.packet('client', 'server', 'X', 10_000, 20_000);
    // A dies at 6 ms (30 % of its trip: 0.6 + 0.36 s); B dies sooner on the network clock (5 ms) but its
    // share is kept at 30 % too, from its later start (0.618 s): later on screen.
    b.packet('client', 'server', 'A', 0, 20_000, { lost: { atUs: 6_000, reason: 'r' } });
    b.packet('server', 'client', 'B', 300, 20_000, { lost: { atUs: 5_000, reason: 'r' } });
    const plan = schedule(b.build());
    expect(span(plan).map((f) => f[0])).toEqual(['A', 'B', 'X']);
    expect(plan.drops.map((d) => [d.packetId, d.flight, round(d.atS)])).toEqual([
      [1, 0, 0.96],
      [2, 1, 0.978],
    ]);
    expect(plan.drops[0].caption).toMatch(/^✕ A is lost/);
    // Every departure and landing once, in time order (a lost flight ends before the one after it).
    expect(plan.stepTimesS.map(round)).toEqual([0.6, 0.618, 0.96, 0.978, 1.47, 2.67]);
    // X waits for A's sprite: the lane gap and one fade more behind a lost leader.
    expect(span(plan)[2]).toEqual(['X', 1.47, 2.67]);
  });
});

describe('the edges', () => {
  it('an empty trace: the lead-in and the tail, nothing else', () => {
    const plan = schedule(traceBuilder().build());
    expect(plan.durationS).toBe(defaultScheduleOptions.tailS);
    expect(anchors(plan)).toEqual([
      [0, 0],
      [0.6, 0],
      [1.8, 0],
    ]);
    expect([plan.flights, plan.timeline, plan.chapters, plan.stepTimesS]).toEqual([[], [], [], []]);
  });

  it('says a round trip in ms, or in µs below a millisecond (a loopback capture)', () => {
    expect([999, 29.4, 1_000, 1_500, 40_000].map(formatRtt)).toEqual(['999 µs', '29 µs', '1 ms', '1.5 ms', '40 ms']);
    const sim: Simulation = { ...traceBuilder().build(), rttUs: 1_500 };
    expect(schedule(sim, { flightS: 1 }).scaleNote).toBe('1 RTT = 1.5 ms ⇒ 2 s on screen (1333× slower)');
  });
});
