import type { TimerKind, TimerSpan } from '../sim/types';
import type { TimeAnchor, TimerRing } from './plan';
import { presentationTimeAt } from './timeMap';

/** "1.0 s", "60 s", "200 ms". */
export function formatDuration(us: number): string {
  const s = us / 1e6;
  if (s >= 10) return `${Math.round(s)} s`;
  if (s >= 1) return `${s.toFixed(1)} s`;
  return `${Math.round(us / 1000)} ms`;
}

const short: Record<TimerKind, string> = {
  retransmission: 'RTO',
  syn: 'RTO',
  persist: 'persist',
  'delayed-ack': 'delayed ACK',
  'time-wait': 'TIME_WAIT',
  dns: 'DNS retry',
};

/** What a wait is called when its timer ends it (the skip caption). */
export const waitName: Record<TimerKind, string> = {
  retransmission: 'retransmission timeout',
  syn: 'retransmission timeout',
  persist: 'persist timer',
  'delayed-ack': 'delayed ACK',
  'time-wait': 'TIME_WAIT',
  dns: 'DNS retry timeout',
};

/** Lower comes first when a node has more rings armed than it shows. */
export const timerRank: Record<TimerKind, number> = { syn: 0, retransmission: 0, 'time-wait': 1, persist: 2, dns: 2, 'delayed-ack': 3 };

/** "RTO 1.0 s", "TIME_WAIT 60 s": the ring's label. */
export const timerLabel = (t: TimerSpan): string => `${short[t.kind]} ${formatDuration(t.dueUs - t.startUs)}`;

/**
 * Places each armed timer in presentation time: it appears when the event that armed it is
 * shown (the end of any hold at that network time) and goes when the network clock first
 * reaches its end. Sorted by startS.
 */
export function timerRings(spans: readonly TimerSpan[], map: readonly TimeAnchor[]): TimerRing[] {
  const rings: TimerRing[] = [];
  // A long trace arms the same few timers (RTO 1.0 s, delayed ACK 200 ms) tens of thousands of times.
  const labels = new Map<TimerKind, Map<number, string>>();
  const labelOf = (t: TimerSpan) => {
    let byLength = labels.get(t.kind);
    if (!byLength) labels.set(t.kind, (byLength = new Map()));
    let label = byLength.get(t.dueUs - t.startUs);
    if (label === undefined) byLength.set(t.dueUs - t.startUs, (label = timerLabel(t)));
    return label;
  };
  for (const t of spans) {
    if (!(t.dueUs > t.startUs)) continue;
    const startS = presentationTimeAt(map, t.startUs, 'last');
    const endS = Math.max(startS, presentationTimeAt(map, t.endUs, 'first'));
    if (endS > startS) rings.push({ node: t.node, kind: t.kind, label: labelOf(t), startS, endS, startUs: t.startUs, dueUs: t.dueUs, fired: t.fired });
  }
  // Stable (ES2019): rings armed at the same moment keep the simulator's order.
  return rings.sort((a, b) => a.startS - b.startS);
}

/** The timer whose firing ends a wait at `atUs`, if any (the most telling one when several fire at once). */
export function timerFiringAt(spans: readonly TimerSpan[], atUs: number): TimerSpan | undefined {
  return spans.filter((t) => t.fired && t.dueUs === atUs).sort((a, b) => timerRank[a.kind] - timerRank[b.kind])[0];
}
