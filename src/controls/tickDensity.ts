import type { TopLayer } from '../sim/types';

/** Which layer a column of ticks takes its colour from when packets of several share it: the rarest-telling first. */
const rank: Record<TopLayer, number> = { http: 3, tls: 2, dns: 1, tcp: 0 };

export interface TickColumn {
  /** Pixel column (0 … width − 1). */
  x: number;
  count: number;
  layer: TopLayer;
}

/**
 * Packets per pixel column of the timeline bar: one column per pixel, however many packets
 * (100,000 departures become at most `width` columns). Each column keeps its count (drawn as
 * height) and the most telling layer in it (drawn as colour), so a TLS record among a
 * thousand ACKs still shows. `xOf` maps a departure time to a column.
 */
export function tickColumns(flights: readonly { startS: number; layer: TopLayer }[], width: number, xOf: (s: number) => number): TickColumn[] {
  const counts = new Uint32Array(width);
  const layers = new Int8Array(width).fill(-1);
  const order: TopLayer[] = ['tcp', 'dns', 'tls', 'http'];
  for (const f of flights) {
    const x = Math.min(width - 1, Math.max(0, Math.round(xOf(f.startS))));
    counts[x]++;
    layers[x] = Math.max(layers[x], rank[f.layer]);
  }
  const out: TickColumn[] = [];
  for (let x = 0; x < width; x++) if (counts[x] > 0) out.push({ x, count: counts[x], layer: order[layers[x]] });
  return out;
}

/** Height of a column in CSS pixels: one packet is a full tick as before; denser columns grow with log₂ of their count. */
export const tickHeight = (count: number, base: number, max: number): number => Math.min(max, base + Math.log2(count));
