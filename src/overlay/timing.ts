import type { RequestTiming, Simulation, TimingPhaseId } from '../sim/types';
import { timeAxis, type AxisBreak } from './timeAxis';

/** The names a browser's network panel gives these phases (Chrome DevTools, Timing tab). */
export const PHASE_NAMES: Record<TimingPhaseId, string> = {
  dns: 'DNS lookup',
  connect: 'Initial connection',
  tls: 'SSL/TLS',
  request: 'Request sent',
  wait: 'Waiting (TTFB)',
  download: 'Content download',
};

export interface TimingRow {
  id: TimingPhaseId | 'total';
  name: string;
  startUs: number;
  endUs: number;
  /** "20.00 ms" */
  duration: string;
  /** "1 RTT", "0.5 RTT", "<0.1 RTT": the duration in round trips of the client–server path. */
  rtts: string;
  /** Where the bar sits on the shared axis, as fractions of its length (0…1). */
  left: number;
  width: number;
  /** One sentence for assistive technology. */
  description: string;
  /** The TLS row: the handshake's round trips as the client counted them, "TLS 1.2 handshake: 2 round trips". */
  handshake?: string;
}

export interface RequestRows {
  label: string;
  stream: number;
  /** Its TLS handshake in words, from the TLS row ("TLS 1.2 handshake: 2 round trips"), when the trace counts them. */
  handshake?: string;
  phases: TimingRow[];
  total: TimingRow;
}

export interface TimingTable {
  axisStartUs: number;
  axisEndUs: number;
  /** Long idle stretches between requests, drawn narrow (see timeAxis). */
  breaks: AxisBreak[];
  /** Where a network time sits on the shared axis, 0…1. */
  fraction(us: number): number;
  requests: RequestRows[];
}

/** "20.00 ms" below a second, "1.25 s" above (two decimals, like a network panel). */
export function formatDuration(us: number): string {
  return us < 1e6 ? `${(us / 1000).toFixed(2)} ms` : `${(us / 1e6).toFixed(2)} s`;
}

/** A duration in round trips: "1 RTT", "1.5 RTT", "<0.1 RTT", "0 RTT". */
export function formatRtts(us: number, rttUs: number): string {
  if (!(rttUs > 0)) return '';
  if (us <= 0) return '0 RTT';
  const r = us / rttUs;
  if (r < 0.05) return '<0.1 RTT';
  const rounded = Math.round(r * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)} RTT`;
}

const roundTrips = (us: number, rttUs: number): string => {
  const r = formatRtts(us, rttUs);
  if (!r) return '';
  const n = r.replace(' RTT', '');
  return n === '1' ? ', 1 round trip' : n.startsWith('<') ? ', under a tenth of a round trip' : `, ${n} round trips`;
};

/**
 * The timing view of every request in the trace: one row per phase and a total, all on one
 * time axis (the earliest phase start to the latest phase end). Pure.
 */
export function timingTable(sim: Pick<Simulation, 'timing' | 'rttUs'>): TimingTable {
  const timing = (sim.timing ?? []).filter((t) => t.phases.length > 0);
  const axis = timeAxis(timing.flatMap((t) => t.phases.map((p): [number, number] => [p.startUs, p.endUs])));
  const row = (id: TimingRow['id'], name: string, startUs: number, endUs: number): TimingRow => {
    const us = Math.max(0, endUs - startUs);
    const duration = formatDuration(us);
    return {
      id,
      name,
      startUs,
      endUs,
      duration,
      rtts: formatRtts(us, sim.rttUs),
      left: axis.fraction(startUs),
      width: axis.fraction(endUs) - axis.fraction(startUs),
      description: `${name}: ${duration}${roundTrips(us, sim.rttUs)}, from ${formatDuration(startUs)} to ${formatDuration(endUs)}`,
    };
  };
  const requests = timing.map((t: RequestTiming): RequestRows => {
    const phases = [...t.phases].sort((a, b) => a.startUs - b.startUs);
    const start = Math.min(...phases.map((p) => p.startUs));
    const end = Math.max(...phases.map((p) => p.endUs));
    const rows = phases.map((p) => {
      const r = row(p.id, PHASE_NAMES[p.id] ?? p.id, p.startUs, p.endUs);
      if (p.roundTrips === undefined) return r;
      const handshake = `${p.protocol ?? 'TLS'} handshake: ${p.roundTrips} round trip${p.roundTrips === 1 ? '' : 's'}`;
      return { ...r, handshake, description: `${r.description} (${handshake})` };
    });
    const handshake = rows.find((r) => r.handshake)?.handshake;
    return {
      label: t.label,
      stream: t.stream,
      ...(handshake ? { handshake } : {}),
      phases: rows,
      total: row('total', 'Total', start, end),
    };
  });
  return { axisStartUs: axis.startUs, axisEndUs: axis.endUs, breaks: axis.breaks, fraction: axis.fraction, requests };
}

/**
 * The phase under way at network time `us`, as [request index, phase index], or undefined
 * between phases and outside every request. A phase holds [startUs, endUs); where two touch,
 * the later one has the moment.
 */
export function phaseAt(table: TimingTable, us: number): [number, number] | undefined {
  let found: [number, number] | undefined;
  table.requests.forEach((r, ri) =>
    r.phases.forEach((p, pi) => {
      if (us >= p.startUs && us < p.endUs && (!found || p.startUs >= table.requests[found[0]].phases[found[1]].startUs)) found = [ri, pi];
    }),
  );
  return found;
}
