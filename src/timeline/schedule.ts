import type { NodeId, Packet, SimEvent, Simulation } from '../sim/types';
import { chaptersOf } from './chapters';
import type { Banner, BadgeChange, Flight, Plan, Skip, TimeAnchor, TimedEvent } from './plan';

export interface ScheduleOptions {
  fps: number;
  /** Screen seconds for one one-way trip across the link. */
  flightS: number;
  /** Least screen time between two departures on the same lane, when no laneGapS is given. */
  minLaneGapS: number;
  /**
   * Screen time the follower must wait after the leader on a lane so their sprites never
   * touch (the renderer knows their sizes: render/layout's minLaneGapS).
   */
  laneGapS?: (leader: { label: string; bytes: number }, follower: { label: string; bytes: number }) => number;
  /** Longest idle stretch shown at true (scaled) speed; longer ones are skipped. */
  maxIdleS: number;
  /** Screen time an idle skip takes. */
  skipS: number;
  leadInS: number;
  tailS: number;
  bannerS: number;
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

const laneOf = (from: NodeId): number => (from === 'client' ? 0 : 1);

/**
 * Places simulator events in presentation time. Network time is slowed so that one
 * one-way trip takes `flightS` on screen; a departure that would crowd the previous
 * sprite on its lane waits (the network clock pauses meanwhile), and idle stretches
 * with nothing in flight (TIME_WAIT) are skipped. Pure and deterministic.
 */
export function schedule(sim: Simulation, options: Partial<ScheduleOptions> = {}): Plan {
  const o = { ...defaultScheduleOptions, ...options };
  const scale = o.flightS / (sim.rttUs / 2 / 1e6); // presentation s per network s
  const anchors: TimeAnchor[] = [{ presS: 0, netUs: 0 }, { presS: o.leadInS, netUs: 0 }];
  const warp = (netUs: number) => {
    const last = anchors[anchors.length - 1];
    return last.presS + ((netUs - last.netUs) / 1e6) * scale;
  };
  const hold = (netUs: number, untilS: number) => {
    anchors.push({ presS: warp(netUs), netUs }, { presS: untilS, netUs });
  };

  const flights = new Map<number, Flight>();
  const laneLast: (Packet | undefined)[] = [undefined, undefined];
  const laneLastStart = [0, 0];
  const gapAfter = (leader: Packet | undefined, follower: Packet) =>
    !leader ? 0 : o.laneGapS ? o.laneGapS(shape(leader), shape(follower)) : o.minLaneGapS;
  const timed: TimedEvent[] = [];
  const skips: Skip[] = [];
  let inFlight = 0;
  let lastUs = 0;
  let lastS = o.leadInS;

  for (const event of sim.events) {
    if (inFlight === 0 && ((event.atUs - lastUs) / 1e6) * scale > o.maxIdleS) {
      const fromS = Math.max(lastS, warp(lastUs));
      anchors.push({ presS: fromS, netUs: lastUs }, { presS: fromS + o.skipS, netUs: event.atUs });
      skips.push({ atS: fromS, skippedUs: event.atUs - lastUs, text: `⏩ ${formatSkip(event.atUs - lastUs)} later` });
    }
    let atS: number;
    if (event.kind === 'send') {
      const lane = laneOf(event.packet.from);
      atS = Math.max(warp(event.atUs), laneLastStart[lane] + gapAfter(laneLast[lane], event.packet));
      if (atS > warp(event.atUs)) hold(event.atUs, atS);
      laneLast[lane] = event.packet;
      laneLastStart[lane] = atS;
      flights.set(event.packet.id, flightOf(event.packet, lane, atS, atS + o.flightS));
      inFlight++;
    } else if (event.kind === 'arrive') {
      atS = flights.get(event.packet.id)!.endS;
      inFlight--;
    } else {
      atS = causeTime(event, flights) ?? warp(event.atUs);
    }
    timed.push({ atS, event });
    lastUs = event.atUs;
    lastS = Math.max(lastS, atS);
  }

  const ordered = timed.map((t, i) => ({ t, i })).sort((a, b) => a.t.atS - b.t.atS || a.i - b.i).map(({ t }) => t);
  const endS = (ordered.at(-1)?.atS ?? 0) + o.tailS;
  anchors.push({ presS: Math.max(endS, lastS), netUs: sim.events.at(-1)?.atUs ?? 0 });
  const flightList = [...flights.values()].sort((a, b) => a.startS - b.startS);

  return {
    fps: o.fps,
    durationS: endS,
    flights: flightList,
    badges: ordered.flatMap(({ atS, event }): BadgeChange[] => (event.kind === 'state' ? [{ node: event.node, atS, state: event.to }] : [])),
    initialStates: sim.initialStates,
    banners: bannersOf(ordered, o.bannerS, endS),
    chapters: chaptersOf(flightList, sim.packets, endS),
    skips,
    timeline: ordered,
    timeMap: anchors,
    stepTimesS: [...new Set(flightList.flatMap((f) => [f.startS, f.endS]))].sort((a, b) => a - b),
    scaleNote: `1 RTT = ${fmt(sim.rttUs / 1000)} ms ⇒ ${fmt(2 * o.flightS)} s on screen (${Math.round(scale)}× slower)`,
  };
}

const shape = (p: Packet) => ({ label: p.label, bytes: p.totalLength });

function flightOf(p: Packet, lane: number, startS: number, endS: number): Flight {
  const card = {
    title: `#${p.id + 1} ${p.from} → ${p.to} · ${p.totalLength} bytes`,
    lines: [...p.layers, ...p.decrypted.flatMap((d) => d.layers)].map((l) => `${l.name.padEnd(4)} ${l.summary}`),
  };
  return { packetId: p.id, label: p.label, caption: p.caption, bytes: p.totalLength, card, layer: p.topLayer, from: p.from, to: p.to, lane, startS, endS };
}

/** A state change or note happens when the packet that caused it left (its sender) or landed (its receiver). */
function causeTime(event: SimEvent, flights: Map<number, Flight>): number | undefined {
  if ((event.kind !== 'state' && event.kind !== 'note') || event.packetId === undefined) return undefined;
  const f = flights.get(event.packetId);
  if (!f) return undefined;
  return f.from === event.node ? f.startS : f.endS;
}

function bannersOf(ordered: TimedEvent[], bannerS: number, endS: number): Banner[] {
  const starts = ordered.flatMap(({ atS, event }) =>
    event.kind === 'note' && event.milestone ? [{ atS, text: event.text }] : [],
  );
  return starts.map((b, i) => {
    const next = starts[i + 1]?.atS ?? Infinity;
    const isLast = i === starts.length - 1;
    return { text: b.text, startS: b.atS, endS: isLast ? endS : Math.min(b.atS + bannerS, next) };
  });
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function formatSkip(us: number): string {
  const s = us / 1e6;
  return s >= 1 ? `${fmt(Math.round(s * 10) / 10)} s` : `${fmt(us / 1000)} ms`;
}
