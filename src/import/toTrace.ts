import { PacketArrived, type PacketFacts, PacketSent, SimPacket } from '../sim/net/simPacket';
import type { DecryptedRecord, Endpoint, Layer, NodeId, NoteEvent, Packet, Phase, SimEvent, Simulation, StateEvent, TcpState, TopLayer } from '../sim/types';
import { type AppUnit, dissectStream, dnsUnit } from './appUnits';
import { fail, ok, type Result } from './capture';
import type { Conversation } from './conversations';
import { type KeyLog, mergeKeyLogs, parseKeyLog } from './keyLog';
import type { OpenedCapture } from './openCapture';
import { transportLayers } from './packetLayers';
import { stateAfter } from './tcpStates';

export interface ImportOptions {
  /** "tcp 0", "udp 1" (Conversation.id); the first TCP connection by default. */
  conversation?: string;
  /** NSS key log text (a file or pasted), used with any the capture carries itself. */
  keyLog?: string;
}

export interface ImportedTrace {
  sim: Simulation;
  conversation: Conversation;
  /** Things the user should know: key log matched nothing, cipher not supported, stream holes. */
  notices: string[];
  /** Per packet (by id): its frame number in the capture, the TLS handshake messages and HTTP messages it completes. */
  perPacket: { frame: number; handshakeTypes: number[]; http: { method?: string; path?: string; status?: number }[] }[];
}

const flagLabel = (t: NonNullable<Packet['tcp']>) =>
  t.flags.rst ? 'RST' : t.flags.syn ? (t.flags.ack ? 'SYN-ACK' : 'SYN') : t.flags.fin ? 'FIN' : t.payloadLength ? `${t.payloadLength} B` : 'ACK';

/**
 * One conversation of a capture as a trace the whole app reads (canvas, inspector, log,
 * export). The capture point is taken to be at the side that spoke first: its packets leave
 * when captured and arrive half a round trip later; the other side's packets arrive when
 * captured and left half a round trip before. Pure: the same capture and key log give the same trace.
 */
export function captureToTrace(opened: OpenedCapture, options: ImportOptions = {}): Result<ImportedTrace> {
  const { frames, conversations, tcpStreams, segments } = opened;
  if (!conversations.length) return fail(`the capture has ${frames.length} frame${frames.length === 1 ? '' : 's'} but no TCP or UDP conversation to show`);
  const wanted = options.conversation ?? conversations[0].id;
  const conversation = conversations.find((c) => c.id === wanted);
  if (!conversation) return fail(`no conversation "${wanted}" in this capture; it has ${conversations.map((c) => c.id).join(', ')}`);
  const notices: string[] = [];
  const keyText = mergeKeyLogs(opened.capture.keyLog, options.keyLog ?? '');
  const keyLog: KeyLog | undefined = keyText ? parseKeyLog(keyText) : undefined;
  if (options.keyLog && keyLog && !keyLog.lines) notices.push('the key log has no lines in NSS format ("CLIENT_RANDOM …", "CLIENT_TRAFFIC_SECRET_0 …"): records stay encrypted');

  const udp = conversation.protocol === 'udp';
  const dnsPort = udp && (conversation.b.port === 53 || conversation.a.port === 53 || frames[conversation.frames[0]].udp?.payload.length ? dnsUnit(frames[conversation.frames[0]].udp!.payload) !== undefined : false);
  const otherId: NodeId = udp && dnsPort ? 'resolver' : 'server';
  const client: Endpoint = { id: 'client', name: 'client', ip: conversation.a.ip, port: conversation.a.port };
  const other: Endpoint = { id: otherId, name: otherId, ip: conversation.b.ip, port: conversation.b.port };
  const isA = (i: number) => {
    const f = frames[i];
    const port = f.tcp?.srcPort ?? f.udp?.srcPort;
    return f.ip?.src === conversation.a.ip && port === conversation.a.port;
  };

  // Round trip: SYN → first ACK of the handshake at the client, or query → answer for UDP.
  const times = conversation.frames.map((i) => frames[i].frame.timeUs);
  let rttUs = 0;
  if (!udp) {
    const synAck = conversation.frames.findIndex((i) => frames[i].tcp?.flags.syn && frames[i].tcp?.flags.ack);
    if (synAck > 0) rttUs = times[synAck] - times[0];
  } else {
    const reply = conversation.frames.findIndex((i) => !isA(i));
    if (reply > 0) rttUs = times[reply] - times[0];
  }
  if (!(rttUs > 0)) {
    const gaps = times.slice(1).map((t, i) => t - times[i]).filter((g) => g > 0);
    rttUs = gaps.length ? gaps.reduce((m, g) => Math.min(m, g), Infinity) * 2 : 1000;
    notices.push(`no handshake to time: one round trip is taken as ${Math.round(rttUs)} µs`);
  }
  rttUs = Math.max(1, Math.round(rttUs));
  const halfUs = Math.round(rttUs / 2);
  const t0 = times[0];

  // What each packet completes at the application level.
  const completes = new Map<number, AppUnit[]>();
  const starts = new Map<number, AppUnit[]>();
  if (!udp) {
    const stream = tcpStreams[conversation.stream];
    const dissection = dissectStream(stream, keyLog);
    notices.push(...dissection.problems);
    if (dissection.tls && dissection.tls.decryption === 'no matching keys') notices.push('the key log has no secrets for this connection’s client random: records stay encrypted');
    if (dissection.tls && dissection.tls.decryption === 'no key log') notices.push('TLS records stay encrypted: open a key log (SSLKEYLOGFILE) to see inside');
    for (const d of [0, 1] as const) if (stream.data[d].missingBytes) notices.push(`${d ? 'server' : 'client'} → ${d ? 'client' : 'server'}: ${stream.data[d].missingBytes} bytes arrived after a hole the capture never filled (not reassembled)`);
    const frameAt = (d: 0 | 1, offset: number) => stream.data[d].runs.find((r) => offset >= r.offset && offset < r.offset + r.length)?.frame;
    for (const u of dissection.units) {
      const end = frameAt(u.direction, u.end - 1);
      if (end !== undefined) completes.set(end, [...(completes.get(end) ?? []), u]);
      const start = frameAt(u.direction, u.start);
      if (start !== undefined && u.record) starts.set(start, [...(starts.get(start) ?? []), u]);
    }
  }

  const packets: Packet[] = [];
  const events: SimEvent[] = [];
  const states: Record<'client' | 'server', TcpState> = { client: 'CLOSED', server: tcpStreams[conversation.stream]?.handshake ? 'LISTEN' : 'ESTABLISHED' };
  const initialStates = { ...states };
  if (udp || !tcpStreams[conversation.stream]?.handshake) initialStates.client = states.client = udp ? 'CLOSED' : 'ESTABLISHED';
  const finSeq: Partial<Record<'client' | 'server', number>> = {};
  let phase: Phase = udp ? 'dns' : 'tcp';
  let sawHttp = false;
  const pending: SimEvent[] = [];
  const perPacket: ImportedTrace['perPacket'] = [];

  conversation.frames.forEach((i, n) => {
    const f = frames[i];
    const fromA = isA(i);
    const from: NodeId = fromA ? 'client' : otherId;
    const to: NodeId = fromA ? otherId : 'client';
    // Whole microseconds: the pcapng writer and the timeline count in them.
    const capturedUs = Math.round(f.frame.timeUs - t0);
    const sendUs = fromA ? capturedUs : capturedUs - halfUs;
    const arriveUs = fromA ? capturedUs + halfUs : capturedUs;
    const s = segments.get(i);
    // IP and transport fields are made when someone looks (as the simulator's packets): a big capture keeps numbers, not field trees.
    const layers: Layer[] = [];
    const decrypted: DecryptedRecord[] = [];
    let label = '';
    let topLayer: TopLayer = 'tcp';
    const done = completes.get(i) ?? [];
    const begun = starts.get(i) ?? [];
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
      sawHttp = true;
      phase = 'http';
    } else if (tlsDone.length) {
      label = tlsDone.map((u) => u.label).filter((l, k, all) => all.indexOf(l) === k).join(', ');
      topLayer = 'tls';
      if (phase === 'tcp' || phase === 'tls') phase = tlsDone.some((u) => u.phase === 'http') && sawHttp ? 'http' : 'tls';
      if (tlsDone.every((u) => u.phase === 'http')) phase = 'http';
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
      if (tcp.flags.syn || tcp.flags.fin || tcp.flags.rst) label = label ? `${flagLabel(tcp)} ${label}` : flagLabel(tcp);
      else if (!label) label = tcp.payloadLength ? (begun.length || topLayer === 'tls' ? 'TLS data' : `${tcp.payloadLength} B`) : 'ACK';
      if (tcp.flags.fin || tcp.flags.rst) phase = 'close';
    }
    if (!label) label = f.problem ?? 'frame';
    const caption = `${from} → ${to}: ${label}${s?.retransmission ? ' (retransmission)' : ''} · frame ${f.frame.number} of the capture`;
    const facts: PacketFacts = {
      from,
      to,
      stream: udp ? 0 : conversation.stream,
      label,
      topLayer,
      phase: (tcp?.flags.syn ? 'tcp' : phase) as Phase,
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
    if (f.tcp && tcp && !udp) {
      const side = (node: NodeId) => (node === 'client' ? 'client' : 'server') as 'client' | 'server';
      if (tcp.flags.fin) finSeq[side(from)] = (s?.relSeq ?? 0) + tcp.payloadLength + 1;
      for (const [event, node, atUs] of [['send', from, sendUs], ['arrive', to, arriveUs]] as const) {
        const who = side(node);
        const ours = finSeq[who];
        const covers = event === 'arrive' && tcp.flags.ack && ours !== undefined && tcp.ack >= ours;
        const next = stateAfter(states[who], event, f.tcp, covers);
        if (next && next !== states[who]) {
          pending.push({ kind: 'state', atUs, node: who, from: states[who], to: next, text: `${who}: ${states[who]} → ${next}`, packetId: packet.id } as StateEvent);
          if (next === 'ESTABLISHED' && who === 'client') pending.push({ kind: 'note', atUs, node: who, text: 'connection established', milestone: 'established', packetId: packet.id } as NoteEvent);
          states[who] = next;
        }
      }
    }
  });
  // Events in network time; ties keep the order they were made in (send before its own arrival).
  for (const { e } of pending.map((e, k) => ({ e, k })).sort((x, y) => x.e.atUs - y.e.atUs || x.k - y.k)) events.push(e);
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
  const sim: Simulation = {
    events,
    packets,
    client,
    server: otherId === 'server' ? other : { ...other, id: 'server', name: 'server' },
    ...(otherId === 'resolver' ? { resolver: other } : {}),
    rttUs,
    initialStates,
    timers: [],
    timing: [],
    keyLog: keyText,
  };
  return ok({ sim, conversation, notices, perPacket });
}
