import type { Prng } from '../prng';

/** A drop chosen by the scenario: the n-th packet in a direction, or the n-th with a label. */
export interface DropRule {
  direction: string;
  index?: number;
  label?: string;
  occurrence: number;
}

export interface LinkOptions {
  /** One-way propagation delay. */
  oneWayUs: number;
  bandwidthMbps: number;
  /** Drop-tail queue in front of the link, in packets. */
  queuePackets: number;
  lossRate: number;
  drops: DropRule[];
}

export interface Transmission {
  /** When the first bit leaves (after waiting in the queue). */
  sendUs: number;
  /** When the last bit arrives at the far end. */
  arriveUs: number;
  /** Set when the packet never arrives. */
  lost?: { atUs: number; reason: string };
}

/**
 * One direction of a link: a drop-tail queue, serialisation at the link's bandwidth, then
 * propagation. Packets can be lost by rule (the n-th, or the n-th "SYN"), by a seeded
 * random rate, or because the queue is full.
 */
export class LinkDirection {
  private busyUntilUs = 0;
  /** Serialisation start times of packets still waiting, oldest first. */
  private waiting: number[] = [];
  private sent = 0;
  private sentByLabel = new Map<string, number>();

  constructor(
    readonly direction: string,
    private readonly options: LinkOptions,
    private readonly random: Prng,
  ) {}

  transmit(bytes: number, readyUs: number, label: string): Transmission {
    const o = this.options;
    this.sent++;
    const nth = (this.sentByLabel.get(label) ?? 0) + 1;
    this.sentByLabel.set(label, nth);
    while (this.waiting.length && this.waiting[0] <= readyUs) this.waiting.shift();
    if (this.waiting.length >= o.queuePackets) {
      return { sendUs: readyUs, arriveUs: readyUs, lost: { atUs: readyUs, reason: `queue full (${o.queuePackets} packet${o.queuePackets === 1 ? '' : 's'}): dropped at the tail` } };
    }
    const sendUs = Math.max(readyUs, this.busyUntilUs);
    if (sendUs > readyUs) this.waiting.push(sendUs);
    const serialisationUs = Math.ceil((bytes * 8) / o.bandwidthMbps);
    this.busyUntilUs = sendUs + serialisationUs;
    const arriveUs = sendUs + serialisationUs + Math.round(o.oneWayUs);
    const rule = o.drops.find((d) => d.direction === this.direction && (d.index !== undefined ? d.index === this.sent : d.label === label && d.occurrence === nth));
    // The random draw happens for every packet, so adding a rule does not reshuffle the others.
    const unlucky = o.lossRate > 0 && this.random.u32() / 2 ** 32 < o.lossRate;
    if (rule || unlucky) {
      const atUs = sendUs + serialisationUs + Math.round(o.oneWayUs / 2);
      return { sendUs, arriveUs, lost: { atUs, reason: rule ? 'dropped by the scenario' : `random loss (${(o.lossRate * 100).toFixed(1)} %)` } };
    }
    return { sendUs, arriveUs };
  }
}
