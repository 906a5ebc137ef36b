import type { NodeId, Packet, Phase, SimEvent, TcpState, TimerKind, TopLayer } from '../sim/types';

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
  /** timeline/lanes: 0 client → server, 1 server → client, 2 client → resolver, 3 resolver → client. */
  lane: number;
  startS: number;
  /** When it lands, or (lost) when it dies on the link. */
  endS: number;
  /** A resend of something the sender already sent: the sprite is marked as such. */
  retransmission?: Packet['retransmission'];
  /** The link dropped it: it dies `trip` of the way (share of a whole flight's screen time). */
  lost?: { trip: number; reason: string };
  /**
   * One of a dense run of routine segments or ACKs (timeline/density): drawn as a small
   * unlabelled sprite that may follow the one ahead closely, so a full window streams by
   * at network speed instead of pausing the clock for each segment.
   */
  compact?: boolean;
}

/** Where and when a lost packet dies (the ✕ on the link and the caption that says so). */
export interface Drop {
  packetId: number;
  /** Index of its flight in Plan.flights. */
  flight: number;
  atS: number;
  caption: string;
}

/** An armed timer in presentation time (a countdown ring beside its node). */
export interface TimerRing {
  node: NodeId;
  kind: TimerKind;
  /** "RTO 1.0 s", "TIME_WAIT 60 s". */
  label: string;
  /** Shown while startS ≤ t < endS. */
  startS: number;
  endS: number;
  /** The ring's fill is the share of startUs → dueUs the network clock has covered. */
  startUs: number;
  dueUs: number;
  fired: boolean;
}

/** The sender's congestion state as of one data segment it sent: "cwnd 14.5 kB · in flight 8.7 kB · slow start". */
export interface Readout {
  node: 'client' | 'server';
  /** When the segment left; the readout holds until the next one, or until endS. */
  atS: number;
  endS: number;
  lines: string[];
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
  /** "TLS 1.2 handshake · connection #0": the one title every view shows (timeline/chapters). */
  title: string;
  /** The title without its connections ("TLS 1.2 handshake"): the timeline bar's mark where the whole title has no room. */
  shortTitle?: string;
  /** The TCP connections it is about, by stream number (Wireshark's tcp.stream, as the timing panel and stream= say); only when the trace has several. */
  connections?: number[];
  startS: number;
  endS: number;
}

/** A stretch of network time that the presentation skips (an idle wait), shown as a caption and a break on the timeline bar. */
export interface Skip {
  atS: number;
  /** Presentation time when the skip is over (the network clock has jumped by skippedUs). */
  endS: number;
  skippedUs: number;
  /** "▶▶ 1 s retransmission timeout", "▶▶ 60 s TIME_WAIT", "▶▶ 2.5 s later". */
  text: string;
  /** The timer whose firing ends the wait, if one does. */
  timer?: TimerKind;
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
  /** Only client and server have a TCP state badge. */
  initialStates: Record<'client' | 'server', TcpState>;
  banners: Banner[];
  chapters: Chapter[];
  /** Sorted by atS. */
  skips: Skip[];
  /** Sorted by atS. */
  drops: Drop[];
  /** Sorted by startS. */
  timers: TimerRing[];
  /** The longest endS − startS of any timer ring (bounds the search for the rings shown at t). */
  longestTimerS: number;
  /** Sorted by atS. */
  readouts: Readout[];
  /** Sorted by atS (stable): what the log and the inspector read. */
  timeline: TimedEvent[];
  timeMap: TimeAnchor[];
  /** Presentation seconds of every packet departure and arrival, sorted, unique. */
  stepTimesS: number[];
  /** "1 RTT = 40 ms ⇒ 2.0 s on screen". */
  scaleNote: string;
}
