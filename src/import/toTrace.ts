import { PacketArrived, type PacketFacts, PacketSent, SimPacket } from '../sim/net/simPacket';
import type { DecryptedRecord, Layer, NodeId, NoteEvent, Packet, Phase, SimEvent, Simulation, StateEvent, TcpState, TopLayer } from '../sim/types';
import { type AppUnit, dissectStream, dnsUnit } from './appUnits';
import { fail, ok, type Result } from './capture';
import type { Conversation } from './conversations';
import type { TcpHeader } from './decode';
import { placeHosts } from './hosts';
import { type KeyLog, mergeKeyLogs, parseKeyLog } from './keyLog';
import type { OpenedCapture } from './openCapture';
import { transportLayers } from './packetLayers';
import { stateAfter } from './tcpStates';

export interface ImportOptions {
  /** "tcp 0", "udp 1" (Conversation.id), or several to show together; the first TCP connection by default. */
  conversation?: string | readonly string[];
  /** NSS key log text (a file or pasted), used with any the capture carries itself. */
  keyLog?: string;
}

export interface ImportedTrace {
  sim: Simulation;
  /** The first of `conversations` in time. */
  conversation: Conversation;
  /** The picked conversations in time order of their first packet. */
  conversations: Conversation[];
  /** Things the user should know: key log matched nothing, cipher not supported, stream holes. */
  notices: string[];
  /** Per packet (by id): its frame number in the capture, the TLS handshake messages and HTTP messages it completes. */
  perPacket: { frame: number; handshakeTypes: number[]; http: { method?: string; path?: string; status?: number }[] }[];
}

/** The name of a segment with SYN, FIN or RST set (RST first: whatever else is set, it ends the connection). */
const controlLabel = (t: NonNullable<Packet['tcp']>) => (t.flags.rst ? 'RST' : t.flags.syn ? (t.flags.ack ? 'SYN-ACK' : 'SYN') : 'FIN');

/** What one conversation's packets carry along while they are made in capture order. */
interface Thread {
  conversation: Conversation;
  udp: boolean;
  a: NodeId;
  b: NodeId;
  halfUs: number;
  completes: Map<number, AppUnit[]>;
  starts: Map<number, AppUnit[]>;
  states: Record<'a' | 'b', TcpState>;
  finSeq: Partial<Record<'a' | 'b', number>>;
  phase: Phase;
}

/**
 * Conversations of a capture as one trace the whole app reads (canvas, inspector, log,
 * export). The capture point is taken to be at the host on the left (the one that spoke
 * first): its packets leave when captured and arrive half of their conversation's round trip
 * later; its peers' packets arrive when captured and left half a round trip before. Pure:
 * the same capture, picks and key log give the same trace.
 */
export function captureToTrace(opened: OpenedCapture, options: ImportOptions = {}): Result<ImportedTrace> {
  const { frames, conversations, tcpStreams, segments } = opened;
  if (!conversations.length) return fail(`the capture has ${frames.length} frame${frames.length === 1 ? '' : 's'} but no TCP or UDP conversation to show`);
  const wanted = [...new Set(typeof options.conversation === 'string' ? [options.conversation] : (options.conversation ?? [conversations[0].id]))];
  if (!wanted.length) return fail('no conversation picked: name at least one, such as "tcp 0"');
  const picked: Conversation[] = [];
  for (const id of wanted) {
    const c = conversations.find((c) => c.id === id);
    if (!c) return fail(`no conversation "${id}" in this capture; it has ${conversations.map((c) => c.id).join(', ')}`);
    picked.push(c);
  }
  const isDns = (c: Conversation) => c.protocol === 'udp' && (c.b.port === 53 || c.a.port === 53 || (frames[c.frames[0]].udp?.payload.length ? dnsUnit(frames[c.frames[0]].udp!.payload) !== undefined : false));
  const placed = placeHosts(picked, isDns);
  if (!placed.ok) return placed;
  const { sides, endpoints } = placed.value;
  picked.sort((x, y) => x.startUs - y.startUs || x.frames[0] - y.frames[0]);
  const notices: string[] = [];
  const keyText = mergeKeyLogs(opened.capture.keyLog, options.keyLog ?? '');
  const keyLog: KeyLog | undefined = keyText ? parseKeyLog(keyText) : undefined;
  if (options.keyLog && keyLog && !keyLog.lines) notices.push('the key log has no lines in NSS format ("CLIENT_RANDOM …", "CLIENT_TRAFFIC_SECRET_0 …"): records stay encrypted');
  const several = picked.length > 1;

  const threads = new Map<number, Thread>();
  let rttUs = 0;
  for (const conversation of picked) {
    const udp = conversation.protocol === 'udp';
    const isA = (i: number) => {
      const f = frames[i];
      return f.ip?.src === conversation.a.ip && (f.tcp?.srcPort ?? f.udp?.srcPort) === conversation.a.port;
    };
    // Round trip: SYN → SYN-ACK at the client, or query → answer for UDP.
    const times = conversation.frames.map((i) => frames[i].frame.timeUs);
    let convRttUs = 0;
    const answer = conversation.frames.findIndex((i) => (udp ? !isA(i) : frames[i].tcp?.flags.syn && frames[i].tcp?.flags.ack));
    if (answer > 0) convRttUs = times[answer] - times[0];
    if (!(convRttUs > 0)) {
      const gaps = times.slice(1).map((t, i) => t - times[i]).filter((g) => g > 0);
      convRttUs = gaps.length ? gaps.reduce((m, g) => Math.min(m, g), Infinity) * 2 : 1000;
      notices.push(`${several ? `${conversation.id}: ` : ''}no handshake to time: one round trip is taken as ${Math.round(convRttUs)} µs`);
    }
    convRttUs = Math.max(1, Math.round(convRttUs));
    // The trace's round trip (the one the time scale is made from) is the first TCP connection's, else the first conversation's.
    if (!rttUs || (!udp && threads.size && [...threads.values()].every((t) => t.udp))) rttUs = convRttUs;

    // What each packet completes at the application level.
    const completes = new Map<number, AppUnit[]>();
    const starts = new Map<number, AppUnit[]>();
    const stream = tcpStreams[conversation.stream];
    if (!udp) {
      const dissection = dissectStream(stream, keyLog);
      const prefix = several ? `${conversation.id}: ` : '';
      notices.push(...dissection.problems.map((p) => prefix + p));
      if (dissection.tls && dissection.tls.decryption === 'no matching keys') notices.push(`${prefix}the key log has no secrets for this connection’s client random: records stay encrypted`);
      if (dissection.tls && dissection.tls.decryption === 'no key log') notices.push(`${prefix}TLS records stay encrypted: open a key log (SSLKEYLOGFILE) to see inside`);
      for (const d of [0, 1] as const) if (stream.data[d].missingBytes) notices.push(`${prefix}${d ? 'server' : 'client'} → ${d ? 'client' : 'server'}: ${stream.data[d].missingBytes} bytes arrived after a hole the capture never filled (not reassembled)`);
      const frameAt = (d: 0 | 1, offset: number) => stream.data[d].runs.find((r) => offset >= r.offset && offset < r.offset + r.length)?.frame;
      for (const u of dissection.units) {
        const end = frameAt(u.direction, u.end - 1);
        if (end !== undefined) completes.set(end, [...(completes.get(end) ?? []), u]);
        const start = frameAt(u.direction, u.start);
        if (start !== undefined && u.record) starts.set(start, [...(starts.get(start) ?? []), u]);
      }
    }
    const opening = !udp && !!stream?.handshake;
    const { a, b } = sides.get(conversation.id)!;
    for (const i of conversation.frames) threads.set(i, { conversation, udp, a, b, halfUs: Math.round(convRttUs / 2), completes, starts, states: { a: opening ? 'CLOSED' : 'ESTABLISHED', b: opening ? 'LISTEN' : 'ESTABLISHED' }, finSeq: {}, phase: udp ? 'dns' : 'tcp' });
  }
  // One Thread object per conversation (the map holds it under each of its frames).
  for (const conversation of picked) {
    const first = threads.get(conversation.frames[0])!;
    for (const i of conversation.frames) threads.set(i, first);
  }
  const firstTcp = picked.map((c) => threads.get(c.frames[0])!).find((t) => !t.udp);
  const serverTcp = picked.map((c) => threads.get(c.frames[0])!).find((t) => !t.udp && t.b === 'server');
  const initialStates: Simulation['initialStates'] = { client: firstTcp?.states.a ?? 'CLOSED', server: serverTcp?.states.b ?? 'ESTABLISHED' };
  const t0 = Math.min(...picked.map((c) => frames[c.frames[0]].frame.timeUs));
  const order = picked.flatMap((c) => c.frames).sort((x, y) => x - y);

  const packets: Packet[] = [];
  const events: SimEvent[] = [];
  const pending: SimEvent[] = [];
  // What each end sends and receives, replayed in each end's own time once all packets are timed.
  const seen: { th: Thread; who: 'a' | 'b'; event: 'send' | 'arrive'; atUs: number; header: TcpHeader; ack?: number; finSeq?: number; packetId: number; k: number }[] = [];
  const perPacket: ImportedTrace['perPacket'] = [];

  order.forEach((i, n) => {
    const f = frames[i];
    const th = threads.get(i)!;
    const { conversation, udp, halfUs } = th;
    const fromA = f.ip?.src === conversation.a.ip && (f.tcp?.srcPort ?? f.udp?.srcPort) === conversation.a.port;
    const from: NodeId = fromA ? th.a : th.b;
    const to: NodeId = fromA ? th.b : th.a;
    // Whole microseconds: the pcapng writer and the timeline count in them.
    const capturedUs = Math.round(f.frame.timeUs - t0);
    // The capture point is at the left host: what it sends is captured as it leaves.
    const leaves = from === 'client';
    const sendUs = leaves ? capturedUs : capturedUs - halfUs;
    const arriveUs = leaves ? capturedUs + halfUs : capturedUs;
    const s = segments.get(i);
    // IP and transport fields are made when someone looks (as the simulator's packets): a big capture keeps numbers, not field trees.
    const layers: Layer[] = [];
    const decrypted: DecryptedRecord[] = [];
    let label = '';
    let topLayer: TopLayer = 'tcp';
    const done = th.completes.get(i) ?? [];
    const begun = th.starts.get(i) ?? [];
    if (begun.length) {
      layers.push({
        name: 'TLS',
        summary: begun.map((u) => `${u.record!.encrypted ? 'encrypted ' : ''}${u.record!.innerName} (${u.record!.length} B)`).join(', '),
        fields: begun.map((u) => ({ name: `record: ${u.record!.encrypted ? 'encrypted' : u.record!.innerName}`, value: `${u.record!.length} bytes${u.record!.encrypted ? `, holds ${u.record!.innerName}` : ''}` })),
      });
    }
    const http = done.filter((u) => u.http);
    const tlsDone = done.filter((u) => u.record);
    for (const u of done) if (u.decrypted) decrypted.push(u.decrypted);
    if (http.length) {
      label = http.map((u) => u.label).join(', ');
      topLayer = 'http';
      th.phase = 'http';
    } else if (tlsDone.length) {
      label = tlsDone.map((u) => u.label).filter((l, k, all) => all.indexOf(l) === k).join(', ');
      topLayer = 'tls';
      if (th.phase === 'tcp') th.phase = 'tls';
      if (tlsDone.every((u) => u.phase === 'http')) th.phase = 'http';
      // A close_notify alert starts the close before the FIN does (RFC 8446 §6.1), as in a simulated trace.
      if (tlsDone.some((u) => u.phase === 'close')) th.phase = 'close';
    }
    if (f.udp) {
      const dns = dnsUnit(f.udp.payload);
      if (dns) {
        layers.push(dns.layer);
        label = dns.label;
        topLayer = 'dns';
      } else label = `UDP ${f.udp.payload.length} B`;
    }
    const tcp = f.tcp && s ? { srcPort: f.tcp.srcPort, dstPort: f.tcp.dstPort, seq: s.relSeq, ack: f.tcp.flags.ack ? s.relAck : 0, flags: { syn: f.tcp.flags.syn, ack: f.tcp.flags.ack, fin: f.tcp.flags.fin, psh: f.tcp.flags.psh, rst: f.tcp.flags.rst }, window: s.windowBytes, payloadLength: f.tcp.payload.length, ...(f.tcp.sack ? { sack: f.tcp.sack } : {}) } : undefined;
    if (tcp) {
      if (tcp.flags.syn || tcp.flags.fin || tcp.flags.rst) label = label ? `${controlLabel(tcp)} ${label}` : controlLabel(tcp);
      else if (!label) label = tcp.payloadLength ? (begun.length ? 'TLS data' : `${tcp.payloadLength} B`) : 'ACK';
      if (tcp.flags.fin || tcp.flags.rst) th.phase = 'close';
    }
    const caption = `${from} → ${to}: ${label}${s?.retransmission ? ' (retransmission)' : ''} · frame ${f.frame.number} of the capture`;
    const facts: PacketFacts = {
      from,
      to,
      stream: udp ? 0 : conversation.stream,
      label,
      topLayer,
      phase: (tcp?.flags.syn ? 'tcp' : th.phase) as Phase,
      ...(tcp ? { tcp } : {}),
      ...(f.udp ? { udp: { srcPort: f.udp.srcPort, dstPort: f.udp.dstPort, payloadLength: f.udp.payload.length } } : {}),
      ...(s?.retransmission ? { retransmission: s.retransmission } : {}),
      decrypted,
      totalLength: f.ipBytes.length,
    };
    const packet = new SimPacket(n, facts, { sendUs, arriveUs }, { bytes: () => f.ipBytes, layers: () => [...transportLayers(f, s), ...layers], caption: () => caption });
    packet.captureUs = capturedUs;
    packets.push(packet);
    perPacket.push({ frame: f.frame.number, handshakeTypes: tlsDone.flatMap((u) => u.record!.handshakeTypes), http: http.map((u) => u.http!) });
    pending.push(new PacketSent(sendUs, packet), new PacketArrived(arriveUs, packet));
    const note = (atUs: number, node: NodeId, text: string) => pending.push({ kind: 'note', atUs, node, text, packetId: packet.id } as NoteEvent);
    if (s?.retransmission) note(sendUs, from, `${label}: ${s.retransmission === 'fast' ? 'fast ' : ''}retransmission (tshark: tcp.analysis.retransmission)`);
    if (s?.duplicateAck) note(sendUs, from, `duplicate ACK #${s.duplicateAck} of ${s.relAck}`);
    if (s?.zeroWindow) note(sendUs, from, `zero window: ${from} cannot take more data`);
    if (s?.outOfOrder) note(arriveUs, to, `${label} arrives out of order`);
    if (f.tcp && tcp) {
      const side = fromA ? 'a' : 'b';
      const ack = tcp.flags.ack ? tcp.ack : undefined;
      const finSeq = tcp.flags.fin ? tcp.seq + tcp.payloadLength + 1 : undefined;
      // Placed after this packet's own events when times tie, as if made right after them.
      const k = pending.length - 0.5;
      seen.push({ th, who: side, event: 'send', atUs: sendUs, header: f.tcp, ack, finSeq, packetId: packet.id, k }, { th, who: side === 'a' ? 'b' : 'a', event: 'arrive', atUs: arriveUs, header: f.tcp, ack, packetId: packet.id, k });
    }
  });
  // TCP states (RFC 9293 figure 5) follow what each end sends and receives in its own time, not in capture
  // order: a peer's packet captured after one of ours may have left before ours reached it (a simultaneous close).
  const made: { e: SimEvent; k: number }[] = pending.map((e, k) => ({ e, k }));
  // Array.prototype.sort is stable (ES2019): events at one time keep capture order.
  for (const x of seen.sort((p, q) => p.atUs - q.atUs)) {
    const { th, who, event, atUs, packetId, k } = x;
    const tag = several ? ` (${th.conversation.id})` : '';
    if (x.finSeq !== undefined) th.finSeq[who] = x.finSeq;
    const node = who === 'a' ? th.a : th.b;
    const ours = th.finSeq[who];
    // Whether this ACK covers the end's own FIN (stateAfter reads it on arrivals only).
    const covers = x.ack !== undefined && ours !== undefined && x.ack >= ours;
    const was = th.states[who];
    const next = stateAfter(was, event, x.header, covers);
    if (next) {
      made.push({ e: { kind: 'state', atUs, node, from: was, to: next, text: `${node}${tag}: ${was} → ${next}`, packetId } as StateEvent, k });
      if (next === 'ESTABLISHED' && who === 'a') made.push({ e: { kind: 'note', atUs, node, text: `connection established${tag}`, milestone: 'established', packetId } as NoteEvent, k });
      th.states[who] = next;
    }
  }
  // Events in network time; ties keep the order they were made in (send before its own arrival).
  for (const { e } of made.sort((x, y) => x.e.atUs - y.e.atUs || x.k - y.k)) events.push(e);
  // Half a round trip before the first capture can be negative: shift so time starts at 0.
  const shift = events.reduce((m, e) => Math.min(m, e.atUs), 0);
  if (shift < 0) {
    for (const e of events) (e as { atUs: number }).atUs -= shift;
    for (const p of packets) {
      p.sendUs -= shift;
      p.arriveUs -= shift;
      p.captureUs! -= shift;
    }
  }
  const { client, server, resolver } = endpoints;
  const sim: Simulation = {
    events,
    packets,
    client,
    // A lone resolver is drawn with the stage's resolver place; the trace still names a server (the same host).
    server: server ?? { ...resolver!, id: 'server', name: 'server' },
    ...(resolver ? { resolver } : {}),
    rttUs,
    initialStates,
    timers: [],
    timing: [],
    keyLog: keyText,
  };
  return ok({ sim, conversation: picked[0], conversations: picked, notices, perPacket });
}
