import { COMPACT_SHAPE } from '../timeline/flights';
import type { TcpState, TopLayer } from '../sim/types';
import type { Plan } from '../timeline/plan';
import { countUpTo } from '../timeline/search';
import { networkTimeAt } from '../timeline/timeMap';
import { bannerMotion, flightMotion, pulseAt, skipMotion } from './animate';
import type { PlanIndex } from './planIndex';
import { playhead } from './tweenMath';
import { latestSentPacket } from '../timeline/focus';
import { chapterAt, describeMoment } from '../timeline/inFlight';
import { stateTone, type Tone } from '../timeline/tone';
import { captionAt, dropsAt, readoutAt, timersAt, type DropView, type TimerView } from './frameExtras';

type TcpNode = 'client' | 'server';

/** What the canvas shows at one frame, as plain data: labels and numbers, no protocol logic. */
export interface FrameView {
  frame: number;
  timeS: number;
  networkUs: number;
  chapterTitle: string;
  /** What a screen reader hears for this moment: the packet in flight, else the chapter (the scrubber's value text). */
  moment: string;
  /** How many log events have happened: the log's position, decided here once for every view. */
  logPosition: number;
  /** The packet in focus (the latest to leave), what the inspector and the stream graph show unless one is pinned. */
  focusPacketId?: number;
  /** What the latest packet to leave is for. */
  caption: string;
  /** The latest packet to leave, for an inspector card drawn on the canvas. */
  card?: { packetId: number; label: string; layer: TopLayer; title: string; lines: string[] };
  flights: {
    index: number;
    packetId: number;
    label: string;
    bytes: number;
    layer: TopLayer;
    lane: number;
    /** Away from the client (towards the server or the resolver). */
    leftToRight: boolean;
    progress: number;
    alpha: number;
    /** A resend: the sprite is marked. */
    resend: boolean;
    /** It has died on the link (lost) and is fading where it stopped. */
    dead: boolean;
  }[];
  /** Only the TCP endpoints have a state badge. */
  badges: Record<TcpNode, { state: TcpState; tone: Tone; pulse: number }>;
  /** ✕ marks where lost packets died. */
  drops: DropView[];
  /** Countdown rings of armed timers, at most two per node. */
  timers: TimerView[];
  /** The congestion state of the latest data segment's sender. */
  readout?: { node: TcpNode; lines: string[] };
  banner?: { text: string; alpha: number; scale: number };
  skip?: { text: string; alpha: number };
}

const badge = (state: TcpState, pulse: number) => ({ state, tone: stateTone(state), pulse });

/** The state of a node at t: its latest change (binary search in its own changes). */
function stateAt(index: PlanIndex, plan: Plan, node: TcpNode, t: number): TcpState {
  const changes = index.badges[node];
  const n = countUpTo(changes, t, (b) => b.atS);
  return n === 0 ? plan.initialStates[node] : changes[n - 1].state;
}

/**
 * The picture at presentation time t (frame = t × fps on the page's grid, or between two
 * of its frames for an export at another rate). Touches only what is alive at t: the
 * flights that left within the longest trip before it, the ✕ marks of the last seconds.
 */
export function frameView(plan: Plan, index: PlanIndex, t: number, reducedMotion: boolean, frame = t * plan.fps): FrameView {
  const at = playhead(t);
  const latest = plan.flights[countUpTo(plan.flights, t, (f) => f.startS) - 1];
  const chapter = chapterAt(plan, t);
  const flights: FrameView['flights'] = [];
  const last = countUpTo(plan.flights, t + 1e-6, (f) => f.startS);
  for (let i = countUpTo(plan.flights, t - index.flightTailS, (f) => f.startS); i < last; i++) {
    const f = plan.flights[i];
    const m = flightMotion(f, at, reducedMotion);
    if (m.alpha > 0) {
      flights.push({
        index: i,
        packetId: f.packetId,
        // A compact sprite (one of a dense run) is drawn small and unlabelled.
        label: f.compact ? COMPACT_SHAPE.label : f.label,
        bytes: f.compact ? COMPACT_SHAPE.bytes : f.bytes,
        layer: f.layer,
        lane: f.lane,
        leftToRight: f.from === 'client',
        progress: m.progress,
        alpha: m.alpha,
        resend: !!f.retransmission,
        dead: !!f.lost && t >= f.endS,
      });
    }
  }
  const bannerIndex = countUpTo(plan.banners, t, (b) => b.startS) - 1;
  const bt = bannerIndex >= 0 ? bannerMotion(plan.banners[bannerIndex], at, plan.durationS) : undefined;
  const banner = bt && bt.alpha > 0 ? { text: plan.banners[bannerIndex].text, alpha: bt.alpha, scale: bt.scale } : undefined;
  const skipIndex = countUpTo(plan.skips, t, (k) => k.atS) - 1;
  const skipAlpha = skipIndex >= 0 ? skipMotion(plan.skips[skipIndex], at) : 0;
  const skip = skipAlpha > 0 ? { text: plan.skips[skipIndex].text, alpha: skipAlpha } : undefined;
  const networkUs = networkTimeAt(plan.timeMap, t);
  const readout = readoutAt(plan, t);
  const logPosition = countUpTo(plan.timeline, t, (e) => e.atS);
  const focus = latestSentPacket(plan.timeline, logPosition);
  return {
    frame,
    timeS: t,
    networkUs,
    chapterTitle: chapter?.title ?? '',
    moment: describeMoment(plan, t),
    logPosition,
    ...(focus && { focusPacketId: focus.id }),
    caption: captionAt(plan, t, latest?.startS, latest?.caption ?? ''),
    card: latest && { packetId: latest.packetId, label: latest.label, layer: latest.layer, title: latest.card.title, lines: latest.card.lines },
    flights,
    badges: {
      client: badge(stateAt(index, plan, 'client', t), pulseAt(index.badges.client, at)),
      server: badge(stateAt(index, plan, 'server', t), pulseAt(index.badges.server, at)),
    },
    drops: dropsAt(plan, t, at),
    timers: timersAt(plan, t, networkUs, index.longRings),
    ...(readout && { readout }),
    banner,
    skip,
  };
}
