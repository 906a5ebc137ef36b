import { COMPACT_SHAPE } from '../timeline/flights';
import type { TcpState, TopLayer } from '../sim/types';
import { frameToTime } from '../timeline/eventsUpTo';
import type { Plan } from '../timeline/plan';
import { countUpTo } from '../timeline/search';
import { networkTimeAt } from '../timeline/timeMap';
import type { TweenState } from './compile';
import { stateTone, type Tone } from '../timeline/tone';
import { captionAt, dropsAt, readoutAt, timersAt, type DropView, type TimerView } from './frameExtras';

type TcpNode = 'client' | 'server';

/** What the canvas shows at one frame, as plain data: labels and numbers, no protocol logic. */
export interface FrameView {
  frame: number;
  timeS: number;
  networkUs: number;
  chapterTitle: string;
  /** What the latest packet to leave is for. */
  caption: string;
  /** The latest packet to leave, for an inspector card drawn on the canvas. */
  card?: { label: string; layer: TopLayer; title: string; lines: string[] };
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

function stateAt(plan: Plan, node: TcpNode, t: number): TcpState {
  const changes = plan.badges.filter((b) => b.node === node);
  const n = countUpTo(changes, t, (b) => b.atS);
  return n === 0 ? plan.initialStates[node] : changes[n - 1].state;
}

const badge = (state: TcpState, pulse: number) => ({ state, tone: stateTone(state), pulse });

/** Reads the tweened values (after the timeline was sought to `frame`) and the plan's discrete state. */
export function frameView(plan: Plan, tweens: TweenState, frame: number): FrameView {
  const t = frameToTime(frame, plan.fps);
  const latest = plan.flights[countUpTo(plan.flights, t, (f) => f.startS) - 1];
  const chapter = plan.chapters[Math.max(0, countUpTo(plan.chapters, t, (c) => c.startS) - 1)];
  const flights: FrameView['flights'] = [];
  plan.flights.forEach((f, index) => {
    const tw = tweens.flights[index];
    if (tw.alpha > 0) {
      flights.push({
        index,
        packetId: f.packetId,
        // A compact sprite (one of a dense run) is drawn small and unlabelled.
        label: f.compact ? COMPACT_SHAPE.label : f.label,
        bytes: f.compact ? COMPACT_SHAPE.bytes : f.bytes,
        layer: f.layer,
        lane: f.lane,
        leftToRight: f.from === 'client',
        progress: tw.progress,
        alpha: tw.alpha,
        resend: !!f.retransmission,
        dead: !!f.lost && t >= f.endS,
      });
    }
  });
  const bannerIndex = countUpTo(plan.banners, t, (b) => b.startS) - 1;
  const bt = tweens.banners[bannerIndex];
  const banner = bt && bt.alpha > 0 ? { text: plan.banners[bannerIndex].text, alpha: bt.alpha, scale: bt.scale } : undefined;
  const skipIndex = countUpTo(plan.skips, t, (k) => k.atS) - 1;
  const skip = skipIndex >= 0 && tweens.skips[skipIndex].alpha > 0 ? { text: plan.skips[skipIndex].text, alpha: tweens.skips[skipIndex].alpha } : undefined;
  const networkUs = networkTimeAt(plan.timeMap, t);
  const readout = readoutAt(plan, t);
  return {
    frame,
    timeS: t,
    networkUs,
    chapterTitle: chapter?.title ?? '',
    caption: captionAt(plan, t, latest?.startS, latest?.caption ?? ''),
    card: latest && { label: latest.label, layer: latest.layer, title: latest.card.title, lines: latest.card.lines },
    flights,
    badges: {
      client: badge(stateAt(plan, 'client', t), tweens.pulse.client.value),
      server: badge(stateAt(plan, 'server', t), tweens.pulse.server.value),
    },
    drops: dropsAt(plan, tweens),
    timers: timersAt(plan, t, networkUs),
    ...(readout && { readout }),
    banner,
    skip,
  };
}
