import { parseScenario, type Scenario } from './scenario';
import type { NodeId, Packet, Simulation } from './types';

/**
 * "What if": a scenario with its network changed (RTT, bandwidth, loss, response size) and
 * some packets lost on purpose. Pure data in, a validated scenario or a cost out; the page
 * keeps a Variant in the URL hash so a link reproduces it.
 */

export type DropDirection = Scenario['link']['drop'][number]['direction'];

/** Values that replace the scenario's own; absent: the scenario's. */
export interface NetKnobs {
  rttMs?: number;
  bandwidthMbps?: number;
  lossRate?: number;
  bodyBytes?: number;
}

/** Lose the index-th packet (1-based) sent in this direction. */
export interface DropSpec {
  direction: DropDirection;
  index: number;
}

export interface Variant {
  net: NetKnobs;
  drops: DropSpec[];
}

export const noVariant = (): Variant => ({ net: {}, drops: [] });
export const isNoVariant = (v: Variant): boolean => v.drops.length === 0 && Object.values(v.net).every((x) => x === undefined);

export interface KnobSpec {
  key: keyof NetKnobs;
  /** Its name in the URL hash. */
  hash: string;
  /** Its flag on the record and capture CLIs (--size there is the video's size). */
  flag: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  integer: boolean;
  /** An example for messages: "rtt=80". */
  example: string;
}

/**
 * The knobs, with the schema's bounds, except the response size: the page simulates at most
 * 2 MB (about 1,400 packets per MB; a second or so to simulate and schedule each) so that it
 * stays responsive.
 */
export const KNOBS: readonly KnobSpec[] = [
  { key: 'rttMs', hash: 'rtt', flag: 'rtt', label: 'RTT', unit: 'ms', min: 1, max: 2000, integer: false, example: 'rtt=80' },
  { key: 'bandwidthMbps', hash: 'bw', flag: 'bandwidth', label: 'bandwidth', unit: 'Mbit/s', min: 0.1, max: 100000, integer: false, example: 'bw=10' },
  { key: 'lossRate', hash: 'loss', flag: 'loss', label: 'loss', unit: '', min: 0, max: 0.5, integer: false, example: 'loss=0.01' },
  { key: 'bodyBytes', hash: 'size', flag: 'response-size', label: 'response size', unit: 'bytes', min: 0, max: 2_000_000, integer: true, example: 'size=100000' },
];

/** A knob's value as typed (in a URL or a field): plain decimals within its bounds, else what is wrong. */
export function readKnob(k: KnobSpec, raw: string): { value: number } | { problem: string } {
  const text = raw.trim();
  const value = text.length <= 32 && /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
  if (Number.isFinite(value) && value >= k.min && value <= k.max && (!k.integer || Number.isInteger(value))) return { value };
  const what = `${k.integer ? 'a whole number' : 'a number'} from ${k.min} to ${k.max.toLocaleString('en-US')}${k.unit ? ` (${k.unit})` : ''}`;
  return { problem: `expected ${what}, such as ${k.example}` };
}

/** "c2s:3,s2c:5" (the CLI's --drop, the hash's drop=): the drops, or what is wrong with the first bad one. */
export function readDropList(raw: string): { drops: DropSpec[] } | { problem: string; item: string } {
  const drops: DropSpec[] = [];
  for (const item of raw.split(',')) {
    const m = /^(c2s|s2c|c2r|r2c):([1-9]\d{0,5})$/.exec(item.trim());
    if (!m) return { item, problem: 'expected DIRECTION:N such as c2s:3 (c2s, s2c, c2r or r2c; N counts the packets sent that way from 1)' };
    const drop = { direction: DIRECTION_CODES[m[1]], index: Number(m[2]) };
    if (!drops.some((d) => d.direction === drop.direction && d.index === drop.index)) drops.push(drop);
  }
  return drops.length > 100 ? { item: raw, problem: 'at most 100 drops' } : { drops };
}

/** Short names of the directions, as the URL hash writes them (drop=c2s:3). */
export const DIRECTION_CODES: Record<string, DropDirection> = {
  c2s: 'client-to-server',
  s2c: 'server-to-client',
  c2r: 'client-to-resolver',
  r2c: 'resolver-to-client',
};
export const directionCode = (d: DropDirection): string => Object.keys(DIRECTION_CODES).find((c) => DIRECTION_CODES[c] === d)!;

/** The scenario's own value of a knob. */
export function knobValue(s: Scenario, key: keyof NetKnobs): number {
  if (key === 'rttMs') return s.link.rttMs;
  if (key === 'bandwidthMbps') return s.link.bandwidthMbps;
  if (key === 'lossRate') return s.link.lossRate;
  return s.http.bodyBytes;
}

/** The scenario with the variant applied (drops added to the scenario's own), validated again. */
export function applyVariant(s: Scenario, v: Variant): Scenario {
  if (isNoVariant(v)) return s;
  const { rttMs, bandwidthMbps, lossRate, bodyBytes } = v.net;
  return parseScenario({
    ...s,
    link: {
      ...s.link,
      rttMs: rttMs ?? s.link.rttMs,
      bandwidthMbps: bandwidthMbps ?? s.link.bandwidthMbps,
      lossRate: lossRate ?? s.link.lossRate,
      drop: [...s.link.drop, ...v.drops.map((d) => ({ ...d, occurrence: 1 }))],
    },
    http: { ...s.http, bodyBytes: bodyBytes ?? s.http.bodyBytes },
  });
}

const DIRECTIONS: Partial<Record<`${NodeId}>${NodeId}`, DropDirection>> = {
  'client>server': 'client-to-server',
  'server>client': 'server-to-client',
  'client>resolver': 'client-to-resolver',
  'resolver>client': 'resolver-to-client',
};

/** The drop rule that loses this packet: its direction, and its place among the packets sent that way (1-based, lost ones included). */
export function dropFor(sim: Pick<Simulation, 'packets'>, packet: Packet): DropSpec | undefined {
  const direction = DIRECTIONS[`${packet.from}>${packet.to}`];
  if (!direction) return undefined;
  // Packet ids are in the order packets are handed to the link, which is how the link counts.
  const index = 1 + sim.packets.filter((p) => p.from === packet.from && p.to === packet.to && p.id < packet.id).length;
  return { direction, index };
}

/** When the last request is over: the end of its last timing phase (else the last arrival). */
export function completionUs(sim: Pick<Simulation, 'timing' | 'packets'>): number | undefined {
  const last = sim.timing.at(-1);
  if (last && last.phases.length) return Math.max(...last.phases.map((p) => p.endUs));
  const arrivals = sim.packets.filter((p) => !p.lost).map((p) => p.arriveUs);
  return arrivals.length ? Math.max(...arrivals) : undefined;
}

export interface Cost {
  originalUs: number;
  changedUs: number;
  deltaUs: number;
  /** The difference in round trips of the original run's RTT, rounded. */
  roundTrips: number;
  rttUs: number;
}

/** What a change costs: how much later (or sooner) the last request is over. */
export function costOf(original: Pick<Simulation, 'timing' | 'packets' | 'rttUs'>, changed: Pick<Simulation, 'timing' | 'packets'>): Cost | undefined {
  const originalUs = completionUs(original);
  const changedUs = completionUs(changed);
  if (originalUs === undefined || changedUs === undefined) return undefined;
  const deltaUs = changedUs - originalUs;
  return { originalUs, changedUs, deltaUs, roundTrips: original.rttUs > 0 ? Math.round(deltaUs / original.rttUs) : 0, rttUs: original.rttUs };
}

const ms = (us: number) => {
  const v = Math.abs(us) / 1000;
  return v >= 10 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 10) / 10);
};
const signed = (n: number, text: string) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${text}`;

/** "+1,004 ms, +25 round trips of 40 ms"; "−12 ms, ±0 round trips of 40 ms". */
export function formatCost(c: Cost): string {
  const trips = Math.abs(c.roundTrips);
  return `${signed(c.deltaUs, `${ms(c.deltaUs)} ms`)}, ${signed(c.roundTrips, `${trips} round trip${trips === 1 ? '' : 's'}`)} of ${ms(c.rttUs)} ms`;
}

/** The notice after a what-if: "+1,004 ms, +1 round trip: the last response is complete at 1,284 ms instead of 280 ms." */
export function describeCost(c: Cost | undefined): string {
  if (!c) return 'the request never completes.';
  if (c.deltaUs === 0) return `no difference: the last response is complete at ${ms(c.changedUs)} ms either way.`;
  return `${formatCost(c)}: the last response is complete at ${ms(c.changedUs)} ms instead of ${ms(c.originalUs)} ms.`;
}
