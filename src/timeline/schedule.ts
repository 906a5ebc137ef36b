import type { NodeId, Packet, SimEvent, Simulation, TimerSpan } from '../sim/types';
import { bannersOf } from './banners';
import { chaptersOf } from './chapters';
import { compactPackets } from './density';
import { COMPACT_SHAPE, dropCaption, flightEndS, flightOf, spriteShape } from './flights';
import { laneOf, LANES } from './lanes';
import { FADE_S } from './motion';
import type { BadgeChange, Drop, Flight, Plan, Skip, TimeAnchor, TimedEvent } from './plan';
import { readoutsOf } from './readouts';
import { timerFiringAt, timerRings, waitName } from './timers';

export interface ScheduleOptions {
  fps: number;
  /** Screen seconds for one one-way trip across the link. */
  flightS: number;
  /** Least screen time between two departures on the same lane, when no laneGapS is given. */
  minLaneGapS: number;
  /**
   * Screen time the follower must wait after the leader on a lane so their sprites never
   * touch (stage/ knows their sizes and the lane's length: timeline/laneGap's minLaneGapS).
   */
  laneGapS?: (leader: { label: string; bytes: number }, follower: { label: string; bytes: number }, lane: number) => number;
  /** Longest idle stretch shown at true (scaled) speed; longer ones are skipped. */
  maxIdleS: number;
  /** Screen time an idle skip takes. */
  skipS: number;
  leadInS: number;
  tailS: number;
  bannerS: number;
  /** Presentation seconds per network second; by default one one-way trip (half the RTT) lasts flightS. */
  networkScale?: number;
  /**
   * Whether a departure waits for the last packet its sender received to land on screen
   * (default true). A fast-forward or a real-time view lets it go at its own (scaled) time.
   */
  causal?: boolean;
}

export const defaultScheduleOptions: ScheduleOptions = {
  fps: 60,
  flightS: 1.2,
  minLaneGapS: 0.72,
  maxIdleS: 1.5,
  skipS: 1.0,
  leadInS: 0.6,
  tailS: 1.8,
  bannerS: 2.2,
};

/**
 * Places simulator events in presentation time. Network time is slowed so that one
 * one-way trip on the client–server link takes `flightS` on screen, and every flight takes
 * that long. The network clock pauses (a hold) while a departure waits: for the sprite ahead
 * on its lane, or for a packet its sender has received to land on screen (a resolver nearer
 * than the server answers sooner than a flight lasts). Idle stretches with nothing in
 * flight are skipped, named after the timer that ends them. Pure and deterministic.
 */
export function schedule(sim: Simulation, options: Partial<ScheduleOptions> = {}): Plan {
  const run = scheduling(sim, options, Infinity);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/**
 * The same plan built in slices of `sliceEvents` events, yielding the share of events placed
 * after each (a page loading 100,000 packets draws its progress bar in between).
 */
export function* scheduling(sim: Simulation, options: Partial<ScheduleOptions> = {}, sliceEvents = 20_000): Generator<number, Plan> {
  return (yield* placing(sim, options, sliceEvents, true)) as Plan;
}

/**
 * Only the plan's `durationS`, by the very same placement, keeping nothing else: a "fit"
 * fast-forward (timeScale) schedules a long trace several times to learn its length, and only
 * the last pass's plan is kept.
 */
export function* scheduledDuration(sim: Simulation, options: Partial<ScheduleOptions> = {}, sliceEvents = 20_000): Generator<number, number> {
  return (yield* placing(sim, options, sliceEvents, false)) as number;
}

function* placing(sim: Simulation, options: Partial<ScheduleOptions>, sliceEvents: number, keep: boolean): Generator<number, Plan | number> {
  const o = { ...defaultScheduleOptions, ...options };
  const scale = o.networkScale ?? o.flightS / (sim.rttUs / 2 / 1e6); // presentation s per network s
  const causal = o.causal ?? true;
  const anchors: TimeAnchor[] = [{ presS: 0, netUs: 0 }, { presS: o.leadInS, netUs: 0 }];
  const warp = (netUs: number) => {
    const last = anchors[anchors.length - 1];
    return last.presS + ((netUs - last.netUs) / 1e6) * scale;
  };
  const hold = (netUs: number, untilS: number) => {
    anchors.push({ presS: warp(netUs), netUs }, { presS: untilS, netUs });
  };

  // Packet ids count 0..n-1: arrays indexed by id, not maps (a 100,000-packet trace looks each up several times).
  /** Each packet's flight on screen, by id (NaN until it leaves); the Flight objects only when the plan is kept. */
  const startOf = new Float64Array(sim.packets.length).fill(Number.NaN);
  const endOf = new Float64Array(sim.packets.length);
  const sent: Flight[] = [];
  const laneLast = LANES.map((): Packet | undefined => undefined);
  const laneLastStart = LANES.map(() => 0);
  const compact = new Uint8Array(sim.packets.length);
  for (const id of compactPackets(sim.packets, scale, o.minLaneGapS)) compact[id] = 1;
  const shapeOf = (p: Packet) => (compact[p.id] ? COMPACT_SHAPE : spriteShape(p));
  // Two compact sprites of a dense run may follow each other a frame apart (they read as a
  // stream); any other pair keeps clear of each other. A lost leader stops early and fades
  // where it died: the follower waits one fade longer (it would catch up otherwise).
  const gapAfter = (leader: Packet | undefined, follower: Packet, lane: number) => {
    if (!leader) return 0;
    if (compact[leader.id] && compact[follower.id]) return 1 / o.fps;
    return (o.laneGapS ? o.laneGapS(shapeOf(leader), shapeOf(follower), lane) : o.minLaneGapS) + (leader.lost ? FADE_S : 0);
  };
  /** When the last packet to reach each node has landed on screen: it cannot answer before. */
  const landedS: Record<NodeId, number> = { client: 0, server: 0, resolver: 0 };
  /** Each node's latest send or arrival: a note or state change at the same instant goes with it. */
  const lastAt: Partial<Record<NodeId, { atUs: number; atS: number }>> = {};
  const seen = (node: NodeId, atUs: number, atS: number) => {
    const at = lastAt[node];
    if (at) {
      at.atUs = atUs;
      at.atS = atS;
    } else lastAt[node] = { atUs, atS };
  };
  const timed: TimedEvent[] = [];
  const skips: Skip[] = [];
  const drops: Omit<Drop, 'flight'>[] = [];
  let inFlight = 0;
  let lastUs = 0;
  let lastS = o.leadInS;
  /** The latest event on screen: the last of the sorted timeline. */
  let lastAtS = sim.events.length ? Number.NEGATIVE_INFINITY : 0;

  for (let e = 0; e < sim.events.length; e++) {
    if (e > 0 && e % sliceEvents === 0) yield e / sim.events.length;
    const event = sim.events[e];
    if (inFlight === 0 && ((event.atUs - lastUs) / 1e6) * scale > o.maxIdleS) {
      const fromS = Math.max(lastS, warp(lastUs));
      anchors.push({ presS: fromS, netUs: lastUs }, { presS: fromS + o.skipS, netUs: event.atUs });
      if (keep) skips.push(skipOf(fromS, o.skipS, event.atUs - lastUs, timerFiringAt(sim.timers, event.atUs)));
    }
    let atS: number;
    if (event.kind === 'send') {
      const p = event.packet;
      const lane = laneOf(p.from, p.to);
      atS = Math.max(warp(event.atUs), laneLastStart[lane] + gapAfter(laneLast[lane], p, lane), causal ? landedS[p.from] : 0);
      if (atS > warp(event.atUs)) hold(event.atUs, atS);
      laneLast[lane] = p;
      laneLastStart[lane] = atS;
      startOf[p.id] = atS;
      endOf[p.id] = flightEndS(p, atS, o.flightS);
      if (keep) sent.push(flightOf(p, lane, atS, o.flightS, compact[p.id] === 1));
      seen(p.from, event.atUs, atS);
      inFlight++;
    } else if (event.kind === 'arrive') {
      atS = endOf[event.packet.id];
      landedS[event.packet.to] = Math.max(landedS[event.packet.to], atS);
      seen(event.packet.to, event.atUs, atS);
      inFlight--;
    } else if (event.kind === 'drop') {
      atS = endOf[event.packet.id];
      if (keep) drops.push({ packetId: event.packet.id, atS, caption: dropCaption(event.packet) });
      inFlight--;
    } else {
      const same = lastAt[event.node];
      atS = causeTime(event, sim.packets, startOf, endOf) ?? (same?.atUs === event.atUs ? same.atS : warp(event.atUs));
    }
    if (keep) timed.push({ atS, event });
    lastAtS = Math.max(lastAtS, atS);
    lastUs = event.atUs;
    lastS = Math.max(lastS, atS);
  }

  const endS = lastAtS + o.tailS;
  if (!keep) return endS;
  // Array.prototype.sort is stable (ES2019): ties keep the simulator's order. Nearly sorted input, so nearly linear.
  const ordered = timed.sort((a, b) => a.atS - b.atS);
  // The lists below cost a pass each over 100,000 flights: a slice each.
  if (sliceEvents < sim.events.length) yield 1;
  anchors.push({ presS: Math.max(endS, lastS), netUs: sim.events.at(-1)?.atUs ?? 0 });
  const flightList = sent.sort((a, b) => a.startS - b.startS);
  const flightIndex = new Int32Array(sim.packets.length);
  for (let i = 0; i < flightList.length; i++) flightIndex[flightList[i].packetId] = i;
  const timers = timerRings(sim.timers ?? [], anchors);
  if (sliceEvents < sim.events.length) yield 1;
  const chapters = chaptersOf(flightList, sim.packets, endS);
  const readouts = readoutsOf(flightList, sim.packets);
  if (sliceEvents < sim.events.length) yield 1;

  return {
    fps: o.fps,
    durationS: endS,
    flights: flightList,
    badges: badgesOf(ordered),
    initialStates: sim.initialStates,
    banners: bannersOf(ordered, o.bannerS, endS),
    chapters,
    skips,
    drops: drops.map((d) => ({ ...d, flight: flightIndex[d.packetId] })).sort((a, b) => a.atS - b.atS),
    timers,
    longestTimerS: timers.reduce((m, r) => Math.max(m, r.endS - r.startS), 0),
    readouts,
    timeline: ordered,
    timeMap: anchors,
    stepTimesS: stepTimesOf(flightList),
    scaleNote: `1 RTT = ${formatRtt(sim.rttUs)} ⇒ ${fmt(2 * o.flightS)} s on screen (${Math.round(scale)}× slower)`,
  };
}

function badgesOf(ordered: readonly TimedEvent[]): BadgeChange[] {
  const out: BadgeChange[] = [];
  for (const { atS, event } of ordered) if (event.kind === 'state' && event.node !== 'resolver') out.push({ node: event.node, atS, state: event.to });
  return out;
}

/** Every departure and arrival time, sorted, unique (a typed array sorts numerically without a comparator). */
function stepTimesOf(flights: readonly Flight[]): number[] {
  const all = new Float64Array(flights.length * 2);
  for (let i = 0; i < flights.length; i++) {
    all[2 * i] = flights[i].startS;
    all[2 * i + 1] = flights[i].endS;
  }
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return out;
}

/** A state change or note happens when the packet that caused it left (its sender) or landed (its receiver). */
function causeTime(event: SimEvent, packets: readonly Packet[], startOf: Float64Array, endOf: Float64Array): number | undefined {
  if ((event.kind !== 'state' && event.kind !== 'note') || event.packetId === undefined) return undefined;
  const id = event.packetId;
  // NaN: the packet has not left yet, so it has no flight.
  if (!(id >= 0 && id < packets.length) || Number.isNaN(startOf[id])) return undefined;
  return packets[id].from === event.node ? startOf[id] : endOf[id];
}

/** Drawn by the canvas's own font (it has no ⏩): reads as fast-forward. */
export const SKIP_MARK = '▶▶';

/**
 * "▶▶ 1 s retransmission timeout" when a timer's firing ends the wait (the timer's length,
 * when the skip is most of it), "▶▶ 0.4 s until TIME_WAIT ends" when only its tail was idle,
 * else "▶▶ 2.5 s later".
 */
function skipOf(atS: number, skipS: number, skippedUs: number, timer: TimerSpan | undefined): Skip {
  const base = { atS, endS: atS + skipS, skippedUs };
  if (!timer) return { ...base, text: `${SKIP_MARK} ${formatSkip(skippedUs)} later` };
  const lengthUs = timer.dueUs - timer.startUs;
  const text = skippedUs >= lengthUs / 2 ? `${SKIP_MARK} ${formatSkip(lengthUs)} ${waitName[timer.kind]}` : `${SKIP_MARK} ${formatSkip(skippedUs)} until ${waitName[timer.kind]} ends`;
  return { ...base, text, timer: timer.kind };
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
/** "40 ms", "29 µs" (a loopback capture's round trip is far below a millisecond). */
export const formatRtt = (rttUs: number): string => (rttUs >= 1000 ? `${fmt(rttUs / 1000)} ms` : `${Math.round(rttUs)} µs`);

function formatSkip(us: number): string {
  const s = us / 1e6;
  return s >= 1 ? `${fmt(Math.round(s * 10) / 10)} s` : `${fmt(us / 1000)} ms`;
}
