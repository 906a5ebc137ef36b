import type { NodeId, Phase, SimEvent, TcpState, TopLayer } from '../sim/types';

/** One packet sprite crossing the link, in presentation seconds. */
export interface Flight {
  packetId: number;
  label: string;
  caption: string;
  /** Bytes on the wire (IP total length). */
  bytes: number;
  /** "#6 server → client" and one summary line per layer, for the canvas's inspector card. */
  card: { title: string; lines: string[] };
  layer: TopLayer;
  from: NodeId;
  to: NodeId;
  /** 0: client → server (upper lane), 1: server → client (lower lane). */
  lane: number;
  startS: number;
  endS: number;
}

export interface BadgeChange {
  node: NodeId;
  atS: number;
  state: TcpState;
}

export interface Banner {
  text: string;
  startS: number;
  endS: number;
}

export type ChapterId = Phase;

export interface Chapter {
  id: ChapterId;
  title: string;
  startS: number;
  endS: number;
}

/** A stretch of network time that the presentation skips (an idle timer), shown as a caption. */
export interface Skip {
  atS: number;
  skippedUs: number;
  text: string;
}

/** A simulator event placed in presentation time. */
export interface TimedEvent {
  atS: number;
  event: SimEvent;
}

/** Presentation seconds ↔ network microseconds, piecewise linear, both non-decreasing. */
export interface TimeAnchor {
  presS: number;
  netUs: number;
}

export interface Plan {
  fps: number;
  durationS: number;
  /** Sorted by startS. */
  flights: Flight[];
  /** Sorted by atS. */
  badges: BadgeChange[];
  initialStates: Record<NodeId, TcpState>;
  banners: Banner[];
  chapters: Chapter[];
  skips: Skip[];
  /** Sorted by atS (stable): what the log and the inspector read. */
  timeline: TimedEvent[];
  timeMap: TimeAnchor[];
  /** Presentation seconds of every packet departure and arrival, sorted, unique. */
  stepTimesS: number[];
  /** "1 RTT = 40 ms ⇒ 2.0 s on screen". */
  scaleNote: string;
}
