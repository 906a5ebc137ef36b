import type { Packet, Simulation, TimingPhaseId } from '../sim/types';
import { findPacket, MomentError } from './moments';

/**
 * The numbers an article prints, computed from its scenario's simulation (never typed into
 * the prose). A value is a name (`rtt`, `rtts.firstByte`) or a packet selector and a field
 * (`SYN-ACK.ack`, `GET.TCP`). Every value is a string as printed, with the number beside it
 * for checkpoints.
 */
export interface Value {
  text: string;
  number?: number;
}

export class ValueError extends Error {
  constructor(name: string, why: string) {
    super(`value "{{${name}}}": ${why}`);
    this.name = 'ValueError';
  }
}

const num = (n: number, text = String(n)): Value => ({ text, number: n });
const ms = (us: number) => Math.round(us / 100) / 10;
/** Bytes with a thousands separator that does not depend on the reader's locale. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** How many bytes of the packet each layer takes (from its fields' offsets; the last layer runs to the end). */
export function layerSpans(packet: Packet): { name: string; offset: number; length: number }[] {
  const spans = packet.layers.map((l) => {
    const offs = l.fields.filter((f) => f.offset !== undefined);
    const start = Math.min(...offs.map((f) => f.offset!));
    return { name: l.name, offset: Number.isFinite(start) ? start : 0 };
  });
  return spans.map((s, i) => ({ ...s, length: (i + 1 < spans.length ? spans[i + 1].offset : packet.totalLength) - s.offset }));
}

function phaseUs(sim: Simulation, ids: TimingPhaseId[], connection: Simulation['timing'][number] | undefined = sim.timing[0]): number {
  const phases = (connection?.phases ?? []).filter((p) => ids.includes(p.id));
  if (!phases.length) return 0;
  return Math.max(...phases.map((p) => p.endUs)) - Math.min(...phases.map((p) => p.startUs));
}

/** Whole round trips a stretch of network time takes (the rest is transmission and processing). */
const roundTrips = (us: number, rttUs: number) => Math.round(us / rttUs);

const VERSIONS = { tls12: 'TLS 1.2', tls13: 'TLS 1.3' } as const;

/**
 * The connection that negotiated a TLS version (tls12-vs-tls13 makes one of each), so a value can
 * be measured on it: `rtts.tls12`, `ms.firstByte.tls13`.
 */
function connectionOf(sim: Simulation, name: string, version: keyof typeof VERSIONS) {
  const c = sim.timing.find((t) => t.phases.some((p) => p.id === 'tls' && p.protocol === VERSIONS[version]));
  if (!c) throw new ValueError(name, `no connection in this scenario negotiates ${VERSIONS[version]} (a scenario such as tls12-vs-tls13 has one)`);
  return c;
}

/** Values measured on one connection: the one of a TLS version (`.tls12`), or the n-th (`.2`). */
function perVersion(sim: Simulation, name: string): Value | undefined {
  const m = /^(?:rtts\.(tls1[23])|(rtts\.connect|rtts\.tls|rtts\.firstByte|ms\.firstByte)\.(tls1[23]|\d+))$/.exec(name);
  if (!m) return undefined;
  const which = m[1] ?? m[3];
  const c = /^\d+$/.test(which) ? sim.timing[Number(which) - 1] : connectionOf(sim, name, which as keyof typeof VERSIONS);
  if (!c) throw new ValueError(name, `this scenario has ${sim.timing.length} connection${sim.timing.length === 1 ? '' : 's'}`);
  const what = m[2] ?? 'rtts.tls';
  if (what === 'ms.firstByte') {
    const us = phaseUs(sim, ['dns', 'connect', 'tls', 'request', 'wait'], c);
    return num(ms(us), `${ms(us)} ms`);
  }
  const ids: TimingPhaseId[] = what === 'rtts.tls' ? ['tls'] : what === 'rtts.connect' ? ['connect'] : ['connect', 'tls', 'request', 'wait'];
  return num(roundTrips(phaseUs(sim, ids, c), sim.rttUs));
}

function scalar(sim: Simulation, name: string): Value | undefined {
  const timer = (kind: 'syn' | 'retransmission') => sim.timers.find((t) => t.kind === kind && t.fired) ?? sim.timers.find((t) => t.kind === kind);
  const rtt = sim.rttUs;
  switch (name) {
    case 'rtt':
      return num(ms(rtt), `${ms(rtt)} ms`);
    case 'oneWay':
      return num(ms(rtt / 2), `${ms(rtt / 2)} ms`);
    case 'rto': {
      const t = timer('syn') ?? timer('retransmission');
      if (!t) return undefined;
      const s = (t.dueUs - t.startUs) / 1e6;
      return num(s, `${s} s`);
    }
    case 'rto.fired': {
      const t = sim.timers.find((x) => x.fired && (x.kind === 'syn' || x.kind === 'retransmission'));
      if (!t) return undefined;
      const s = (t.dueUs - t.startUs) / 1e6;
      return num(s, `${s} s`);
    }
    case 'timeWait': {
      const t = sim.timers.find((x) => x.kind === 'time-wait');
      if (!t) return undefined;
      const s = (t.dueUs - t.startUs) / 1e6;
      return num(s, `${s} s`);
    }
    case 'packets':
      return num(sim.packets.length);
    case 'bytes.total': {
      const n = sim.packets.reduce((a, p) => a + p.totalLength, 0);
      return num(n, grouped(n));
    }
    case 'ms.dns': {
      const us = phaseUs(sim, ['dns']);
      return num(ms(us), `${ms(us)} ms`);
    }
    case 'rtts.connect':
      return num(roundTrips(phaseUs(sim, ['connect']), rtt));
    case 'rtts.tls':
      return num(roundTrips(phaseUs(sim, ['tls']), rtt));
    case 'rtts.firstByte':
      return num(roundTrips(phaseUs(sim, ['connect', 'tls', 'request', 'wait']), rtt));
    case 'ms.firstByte': {
      const us = phaseUs(sim, ['dns', 'connect', 'tls', 'request', 'wait']);
      return num(ms(us), `${ms(us)} ms`);
    }
    case 'isnSpace':
      return num(2 ** 32, grouped(2 ** 32));
  }
  const endpoint = /^(client|server|resolver)\.(ip|port|host|name)$/.exec(name);
  if (endpoint) {
    const e = sim[endpoint[1] as 'client' | 'server' | 'resolver'];
    const v = e?.[endpoint[2] as 'ip' | 'port' | 'host' | 'name'];
    if (v === undefined) return undefined;
    return typeof v === 'number' ? num(v) : { text: v };
  }
  return undefined;
}

const PACKET_FIELDS = 'seq, ack, len, nextSeq, bytes, window, sentMs, or a layer: IPv4, TCP, UDP, TLS, DNS, plain';

function packetField(p: Packet, field: string, name: string): Value {
  const tcp = p.tcp;
  const needTcp = () => {
    if (!tcp) throw new ValueError(name, `${p.label} is not a TCP segment`);
    return tcp;
  };
  switch (field) {
    case 'seq':
      return num(needTcp().seq);
    case 'ack':
      return num(needTcp().ack);
    case 'len':
      return num(p.tcp?.payloadLength ?? p.udp?.payloadLength ?? 0);
    case 'nextSeq': {
      // RFC 9293 §3.4: SYN and FIN each take one sequence number.
      const t = needTcp();
      return num((t.seq + t.payloadLength + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0)) % 2 ** 32);
    }
    case 'bytes':
      return num(p.totalLength, grouped(p.totalLength));
    case 'window':
      return num(needTcp().window);
    case 'sentMs':
      return num(ms(p.sendUs), `${ms(p.sendUs)} ms`);
    case 'plain': {
      const n = p.decrypted.reduce((a, d) => a + d.bytes.length, 0);
      if (!n) throw new ValueError(name, `${p.label} carries nothing decrypted`);
      return num(n, grouped(n));
    }
  }
  const span = layerSpans(p).find((s) => s.name === field);
  if (span) return num(span.length, grouped(span.length));
  throw new ValueError(name, `unknown field "${field}" of ${p.label} (fields: ${PACKET_FIELDS})`);
}

/** A value by name; throws a ValueError that names the problem. */
export function computeValue(sim: Simulation, name: string): Value {
  const s = scalar(sim, name) ?? perVersion(sim, name);
  if (s) return s;
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || /^(?:rtts|ms)\./.test(name)) throw new ValueError(name, 'not a known value (rtt, oneWay, rto, rto.fired, timeWait, packets, bytes.total, rtts.connect, rtts.tls, rtts.firstByte, rtts.tls12, rtts.tls13, ms.firstByte.tls12, ms.dns, ms.firstByte, isnSpace, client.ip …) nor PACKET.field');
  try {
    return packetField(findPacket(sim, name.slice(0, dot)), name.slice(dot + 1), name);
  } catch (e) {
    if (e instanceof MomentError) throw new ValueError(name, e.message);
    throw e;
  }
}
