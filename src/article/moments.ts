import type { Milestone, Packet, Simulation, TcpState } from '../sim/types';
import type { Chapter, ChapterId, Plan } from '../timeline/plan';
import { timeToFrame } from '../timeline/eventsUpTo';

/**
 * A moment in a scenario, named the way the prose names it, resolved against that scenario's
 * plan (so it follows the simulation when timings change). Selectors:
 *
 *   SYN, SYN-ACK, ServerHello, GET, 200   the first packet whose label (or one of its comma-separated
 *                                         parts: `CCS, Finished`) is that, or starts with it and a space;
 *                                         failing that, whose TLS records name it (ServerKeyExchange)
 *   SYN.2, ACK.last                       the second such packet, the last one
 *   SYN_RCVD, server:ESTABLISHED          the first change to that TCP state (at that node)
 *   milestone:closed                      resolved, established, tls-complete, response-complete, closed
 *   chapter:tls, chapter:tls.2            the whole chapter (dns, tcp, tls, http, close); .2 the second
 *                                         of that phase (the second connection's), .last the last
 *   lost, retransmission                  the first packet the link drops / the first one sent again
 *   start, end                            the first and last frame
 *   a..b                                  from the start of a to the end of b
 */
export interface Moment {
  /** Frames (60 fps of the plan): where it begins, where a link to it seeks, where it ends. */
  from: number;
  at: number;
  to: number;
}

const STATES: readonly TcpState[] = ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'];
const MILESTONES: readonly Milestone[] = ['resolved', 'established', 'tls-complete', 'response-complete', 'closed'];

export class MomentError extends Error {
  constructor(selector: string, why: string) {
    super(`moment "${selector}": ${why}`);
    this.name = 'MomentError';
  }
}

/** The TLS records a packet carries, by message name (`ServerKeyExchange`, `Finished (encrypted)`). */
const tlsRecords = (p: Packet): string[] =>
  (p.layers.find((l) => l.name === 'TLS')?.fields ?? []).flatMap((f) => (f.name.startsWith('TLS record: ') ? [f.name.slice('TLS record: '.length)] : []));

/** The packet a selector names (`SYN`, `GET.2`, `lost`, `retransmission`), or an error that says why not. */
export function findPacket(sim: Simulation, selector: string): Packet {
  if (selector === 'lost' || selector === 'retransmission') {
    const p = sim.packets.find((q) => (selector === 'lost' ? q.lost : q.retransmission));
    if (!p) throw new MomentError(selector, `no packet in this scenario is ${selector === 'lost' ? 'lost' : 'sent again'}`);
    return p;
  }
  const m = /^(.*?)(?:\.(\d+|last))?$/.exec(selector)!;
  const label = m[1];
  const names = (part: string) => part === label || part.startsWith(`${label} `);
  let matches = sim.packets.filter((p) => p.label.split(', ').some(names));
  // A label sums up a flight ("ServerHello … Done"); the TLS records it carries are named in full.
  if (!matches.length) matches = sim.packets.filter((p) => tlsRecords(p).some(names));
  const nth = m[2] === 'last' ? Math.max(1, matches.length) : m[2] ? Number(m[2]) : 1;
  if (matches.length < nth) {
    const labels = [...new Set(sim.packets.map((p) => p.label.split(' ')[0]))].join(', ');
    throw new MomentError(selector, matches.length ? `there are only ${matches.length} such packets` : `no packet is labelled "${label}" (labels here: ${labels})`);
  }
  return matches[nth - 1];
}

/** `chapter:tls`, `chapter:tls.2`, `chapter:tcp.last`: the n-th chapter of that phase (the 2nd connection's handshake). */
function chapterNamed(plan: Plan, selector: string): Chapter {
  const m = /^chapter:([a-z]+)(?:\.(\d+|last))?$/.exec(selector);
  const same = plan.chapters.filter((x) => x.id === (m?.[1] as ChapterId));
  const nth = m?.[2] === 'last' ? same.length : Number(m?.[2] ?? 1);
  const c = same[nth - 1];
  if (c) return c;
  const names = plan.chapters.map((x, i) => {
    const k = plan.chapters.slice(0, i).filter((y) => y.id === x.id).length;
    return `chapter:${x.id}${k ? `.${k + 1}` : ''} (${x.title})`;
  });
  throw new MomentError(selector, `this scenario has no such chapter; it has ${names.join(', ')}`);
}

function one(sim: Simulation, plan: Plan, selector: string): { fromS: number; atS: number; toS: number } {
  const fps = plan.fps;
  if (selector === 'start') return { fromS: 0, atS: 0, toS: 0 };
  if (selector === 'end') return { fromS: plan.durationS, atS: plan.durationS, toS: plan.durationS };
  if (selector.startsWith('chapter:')) {
    const c = chapterNamed(plan, selector);
    // A chapter ends where the next begins: its last frame is the one before.
    const endS = Math.max(c.startS, c.endS - 1 / fps);
    return { fromS: c.startS, atS: c.startS, toS: endS };
  }
  if (selector.startsWith('milestone:')) {
    const name = selector.slice(10) as Milestone;
    if (!MILESTONES.includes(name)) throw new MomentError(selector, `milestones are ${MILESTONES.join(', ')}`);
    const e = plan.timeline.find((x) => x.event.kind === 'note' && x.event.milestone === name);
    if (!e) throw new MomentError(selector, 'this scenario never gets there');
    return { fromS: e.atS, atS: e.atS, toS: e.atS };
  }
  const state = /^(?:(client|server):)?([A-Z_0-9]+)$/.exec(selector);
  if (state && STATES.includes(state[2] as TcpState)) {
    const b = plan.badges.find((x) => x.state === state[2] && (!state[1] || x.node === state[1]));
    if (!b) throw new MomentError(selector, `no endpoint enters ${state[2]} here`);
    return { fromS: b.atS, atS: b.atS, toS: b.atS };
  }
  const packet = findPacket(sim, selector);
  const f = plan.flights.find((x) => x.packetId === packet.id);
  if (!f) throw new MomentError(selector, 'that packet is not drawn');
  // A link seeks to the middle of the flight: the packet is on the wire, its label readable.
  return { fromS: f.startS, atS: (f.startS + f.endS) / 2, toS: f.endS };
}

/** Resolves a selector (or an `a..b` range) to frames; throws a MomentError naming the problem. */
export function resolveMoment(sim: Simulation, plan: Plan, selector: string): Moment {
  const parts = selector.split('..');
  if (parts.length > 2 || parts.some((p) => !p.trim())) throw new MomentError(selector, 'a range is two moments joined by "..": "SYN..ACK"');
  const a = one(sim, plan, parts[0].trim());
  const b = parts.length === 2 ? one(sim, plan, parts[1].trim()) : a;
  const frame = (s: number) => Math.min(timeToFrame(s, plan.fps), timeToFrame(plan.durationS, plan.fps));
  const from = frame(a.fromS);
  const to = Math.max(from, frame(b.toS));
  return { from, at: parts.length === 2 ? to : Math.min(to, Math.max(from, frame(a.atS))), to };
}
