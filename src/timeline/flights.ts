import type { Packet } from '../sim/types';
import { LOST_TRIP_MAX, LOST_TRIP_MIN } from './motion';
import type { Flight } from './plan';

/** A resend carries this mark before its label (the sprite draws it as an icon; its width is kept). */
export const RESEND_MARK = '↻ ';

/** The label a packet's sprite shows, and the one its size (and so its lane gap) follows. */
export const displayLabel = (p: Packet): string => (p.retransmission ? `${RESEND_MARK}${p.label}` : p.label);

/** What decides a sprite's size: its label and its bytes. */
export const spriteShape = (p: Packet) => ({ label: displayLabel(p), bytes: p.totalLength });

/** A compact sprite (one of a dense run): no label, no length for its bytes. */
export const COMPACT_SHAPE = { label: '', bytes: 0 };

/** Share of the one-way trip that had passed when the link dropped the packet, kept on the visible link. */
export function lostTrip(p: Packet): number | undefined {
  if (!p.lost) return undefined;
  const span = p.arriveUs - p.sendUs;
  const share = span > 0 ? (p.lost.atUs - p.sendUs) / span : 0.5;
  return Math.min(LOST_TRIP_MAX, Math.max(LOST_TRIP_MIN, share));
}

/** The card's title and lines (one summary per layer), made only when the card shows this flight. */
class PacketCard {
  private made?: string[];

  constructor(private readonly p: Packet) {}

  get title(): string {
    const p = this.p;
    return `#${p.id + 1} ${p.from} → ${p.to} · ${p.totalLength} bytes${p.lost ? ' · lost' : ''}`;
  }

  get lines(): string[] {
    return (this.made ??= [...this.p.layers, ...this.p.decrypted.flatMap((d) => d.layers)].map((l) => `${l.name.padEnd(4)} ${l.summary}`));
  }
}

/** When a flight leaving at `startS` ends: on landing, or where a lost packet dies. */
export const flightEndS = (p: Packet, startS: number, flightS: number): number => startS + (lostTrip(p) ?? 1) * flightS;

export function flightOf(p: Packet, lane: number, startS: number, flightS: number, compact = false): Flight {
  const trip = lostTrip(p);
  const flight: Flight = {
    packetId: p.id,
    label: displayLabel(p),
    // The packet's caption is made when first read (a long trace shows few of them).
    get caption() {
      return p.caption;
    },
    bytes: p.totalLength,
    card: new PacketCard(p),
    layer: p.topLayer,
    from: p.from,
    to: p.to,
    lane,
    startS,
    endS: flightEndS(p, startS, flightS),
  };
  if (p.retransmission) flight.retransmission = p.retransmission;
  if (p.lost && trip !== undefined) flight.lost = { trip, reason: p.lost.reason };
  if (compact) flight.compact = true;
  return flight;
}

/** The caption while a lost packet dies: what was lost, where, and why. */
export function dropCaption(p: Packet): string {
  return `✕ ${displayLabel(p)} is lost on the way to the ${p.to} (${p.lost?.reason ?? 'dropped'}): it never arrives.`;
}
