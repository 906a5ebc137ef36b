import type { Packet, SenderView } from '../sim/types';
import type { Flight, Readout } from './plan';

/** Screen seconds a readout stays after the last data segment, when no other follows. */
export const READOUT_HOLD_S = 5;

const modeName: Record<SenderView['mode'], string> = {
  'slow-start': 'slow start',
  'congestion-avoidance': 'congestion avoidance',
  'fast-recovery': 'fast recovery',
  'rto-recovery': 'loss recovery',
};

/** "536 B", "14.5 kB", "1.25 MB" (decimal units, as congestion windows are usually quoted). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${Math.round(n)} B`;
  if (n < 1e6) return `${(n / 1000).toFixed(1)} kB`;
  return `${(n / 1e6).toFixed(2)} MB`;
}

/** Two short lines: the window and what limits it, then what is out and the sender's mode. */
export function readoutLines(v: SenderView): string[] {
  // Before the first loss ssthresh is "infinite" (RFC 5681 §3.1: arbitrarily high; the trace may say -1); saying so adds nothing.
  const ssthresh = v.ssthreshBytes > 0 && v.ssthreshBytes < 1e9 ? ` · ssthresh ${formatBytes(v.ssthreshBytes)}` : '';
  return [`cwnd ${formatBytes(v.cwndBytes)}${ssthresh}`, `in flight ${formatBytes(v.bytesInFlight)} · ${modeName[v.mode]}`];
}

/** A readout whose lines are written when shown: a bulk download has 50,000 of them, and a frame shows one. */
class SenderReadout implements Readout {
  private made?: string[];

  constructor(
    readonly node: 'client' | 'server',
    readonly atS: number,
    public endS: number,
    private readonly view: SenderView,
  ) {}

  get lines(): string[] {
    return (this.made ??= readoutLines(this.view));
  }
}

/** One readout per data segment with a sender view, in departure order; each holds until the next. */
export function readoutsOf(flights: readonly Flight[], packets: readonly Packet[]): Readout[] {
  const out: Readout[] = [];
  for (const f of flights) {
    const view = packets[f.packetId].sender;
    if (!view || f.from === 'resolver') continue;
    out.push(new SenderReadout(f.from, f.startS, f.startS + READOUT_HOLD_S, view));
  }
  for (let i = 0; i + 1 < out.length; i++) out[i].endS = Math.min(out[i].endS, out[i + 1].atS);
  return out;
}
