import { fromBase64 } from '../sim/bytes/hex';
import { PacketArrived, PacketDropped, PacketSent } from '../sim/net/simPacket';
import type { DecryptedRecord, Packet, SimEvent, Simulation } from '../sim/types';
import { fail, ok, type Result } from './capture';

/**
 * The trace file (`npm run import -- … --out trace.json`): our event model as JSON, versioned.
 * Packets carry their bytes in base64; send/arrive/drop events name their packet by id.
 * Version 1 — fields as in src/sim/types.ts (Simulation, Packet, SimEvent).
 */
export const TRACE_FORMAT = 'wirescene-trace';
export const TRACE_VERSION = 1;
/** The page reads trace files up to this size (a trace of the largest capture it opens, 200 MB, in base64 and JSON). */
export const MAX_TRACE_FILE_BYTES = 400e6;

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const record = (r: DecryptedRecord) => ({ title: r.title, key: r.key, bytes: base64(r.bytes), layers: r.layers });

export function traceToJson(sim: Simulation, source: Record<string, unknown> = {}): string {
  const packets = sim.packets.map((p) => ({
    id: p.id, from: p.from, to: p.to, label: p.label, caption: p.caption, topLayer: p.topLayer, stream: p.stream,
    ...(p.tcp ? { tcp: p.tcp } : {}), ...(p.udp ? { udp: p.udp } : {}), ...(p.retransmission ? { retransmission: p.retransmission } : {}),
    ...(p.sender ? { sender: p.sender } : {}), ...(p.lost ? { lost: p.lost } : {}), ...(p.segment ? { segment: p.segment } : {}),
    phase: p.phase, sendUs: p.sendUs, arriveUs: p.arriveUs, ...(p.captureUs !== undefined ? { captureUs: p.captureUs } : {}),
    totalLength: p.totalLength, bytes: base64(p.bytes), layers: p.layers, decrypted: p.decrypted.map(record),
  }));
  const events = sim.events.map((e) => (e.kind === 'send' || e.kind === 'arrive' || e.kind === 'drop' ? { kind: e.kind, atUs: e.atUs, packetId: e.packet.id } : { ...e }));
  const { client, server, resolver, rttUs, initialStates, timers, timing, keyLog } = sim;
  return JSON.stringify({ format: TRACE_FORMAT, version: TRACE_VERSION, source, client, server, ...(resolver ? { resolver } : {}), rttUs, initialStates, timers, timing, keyLog, packets, events });
}

/** What every trace file written by traceToJson has besides its packets and events (a resolver only with DNS). */
const REQUIRED_FIELDS = ['client', 'server', 'rttUs', 'initialStates', 'timers', 'timing'] as const;

interface PacketJson extends Omit<Packet, 'bytes' | 'decrypted'> {
  bytes: string;
  decrypted: (Omit<DecryptedRecord, 'bytes'> & { bytes: string })[];
}

/** Reads a trace file back; a file that is not one, or of another version, gets a sentence saying so. */
export function traceFromJson(text: string): Result<Simulation> {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`not a trace file: it is not JSON (${(e as Error).message})`);
  }
  if (data?.format !== TRACE_FORMAT) return fail(`not a trace file: "format" should be "${TRACE_FORMAT}" (make one with npm run import)`);
  if (data.version !== TRACE_VERSION) return fail(`trace file version ${String(data.version)} is not ${TRACE_VERSION}: import the capture again with this version`);
  if (!Array.isArray(data.packets) || !Array.isArray(data.events)) return fail('trace file has no "packets" or "events" list');
  const missing = REQUIRED_FIELDS.filter((k) => data[k] === undefined);
  if (missing.length) return fail(`trace file is damaged: it has no ${missing.map((k) => `"${k}"`).join(', ')} (import the capture again)`);
  try {
    const packets: Packet[] = (data.packets as PacketJson[]).map((p) => ({ ...p, bytes: fromBase64(p.bytes), decrypted: p.decrypted.map((r) => ({ ...r, bytes: fromBase64(r.bytes) })) }));
    const byId = new Map(packets.map((p) => [p.id, p]));
    const events: SimEvent[] = (data.events as (SimEvent & { packetId?: number })[]).map((e, i) => {
      if (e.kind !== 'send' && e.kind !== 'arrive' && e.kind !== 'drop') return e;
      const p = byId.get(e.packetId ?? -1);
      if (!p) throw new Error(`event ${i} names packet ${e.packetId}, which the file does not have`);
      return e.kind === 'send' ? new PacketSent(e.atUs, p) : e.kind === 'arrive' ? new PacketArrived(e.atUs, p) : new PacketDropped(e.atUs, p);
    });
    const sim = { ...(data as unknown as Simulation), packets, events };
    delete (sim as unknown as Record<string, unknown>).format;
    delete (sim as unknown as Record<string, unknown>).version;
    delete (sim as unknown as Record<string, unknown>).source;
    return ok(sim);
  } catch (e) {
    return fail(`trace file is damaged: ${(e as Error).message}`);
  }
}
