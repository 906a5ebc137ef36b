import type { DecodedFrame, TcpHeader } from './decode';

/** What tshark's TCP analysis would say of a segment (tcp.analysis.*), and its relative numbers. */
export interface SegmentAnalysis {
  /** tshark's tcp.stream. */
  stream: number;
  /** 0: from the side that opened (SYN) or, without a SYN, the first sender; 1: the other side. */
  direction: 0 | 1;
  relSeq: number;
  /** Relative to the peer's base; as tshark, the raw field when the ACK flag is clear. */
  relAck: number;
  /** Relative sequence number after this segment (SYN and FIN count one). */
  nextRelSeq: number;
  /** The window in bytes, scaled when both SYNs carried the option (RFC 7323 §2.2). */
  windowBytes: number;
  retransmission?: 'fast' | 'timeout';
  outOfOrder?: boolean;
  /** Which duplicate this ACK is (1 = the first duplicate). */
  duplicateAck?: number;
  zeroWindow?: boolean;
  windowUpdate?: boolean;
  keepAlive?: boolean;
}

interface DirectionState {
  isn?: number;
  /** Relative sequence number just past the highest byte sent (tshark's nextseq). */
  highest: number;
  lastAck?: number;
  /** When this side last sent an ACK (tshark's lastacktime: a fast retransmission follows within 20 ms). */
  lastAckUs: number;
  lastWindow?: number;
  dupAcks: number;
  windowScale?: number;
  /** Reassembled bytes delivered in order, and which frame delivered each run. */
  chunks: Uint8Array[];
  delivered: number;
  /** Segments past a gap, [stream offset, bytes] in arrival order, copies and all, until the gap fills. */
  pending: [number, Uint8Array][];
  runs: DeliveredRun[];
  lastDataUs: number;
  /** Where the stream's bytes begin: the first segment's offset (tshark's follow starts there). */
  start?: number;
}

/** Bytes [offset, offset + length) of a direction's stream were completed by frame `frame` (index in the decoded list). */
export interface DeliveredRun {
  offset: number;
  length: number;
  frame: number;
}

export interface TcpStream {
  index: number;
  /** Endpoints: [opener, other]. */
  hosts: [{ ip: string; port: number }, { ip: string; port: number }];
  /** Indices into the decoded frame list, in capture order. */
  frames: number[];
  /** Per direction: the stream's bytes in order as far as contiguous, and who delivered them. */
  data: [{ bytes: Uint8Array; runs: DeliveredRun[]; missingBytes: number }, { bytes: Uint8Array; runs: DeliveredRun[]; missingBytes: number }];
  handshake: boolean;
}

const MOD = 2 ** 32;
const rel = (seq: number, isn: number) => (seq - isn + MOD) % MOD;
const segmentLength = (t: TcpHeader) => t.payload.length + (t.flags.syn ? 1 : 0) + (t.flags.fin ? 1 : 0);

function newDirection(): DirectionState {
  return { highest: 0, dupAcks: 0, chunks: [], delivered: 0, pending: [], runs: [], lastDataUs: 0, lastAckUs: 0 };
}

/** Places payload at its stream offset; in-order bytes are delivered, later ones wait; of overlapping bytes, the copy that reaches the delivered end first is kept. */
function deliver(d: DirectionState, offset: number, payload: Uint8Array, frame: number): void {
  if (!payload.length) return;
  const end = offset + payload.length;
  if (end <= d.delivered) return;
  if (offset > d.delivered) {
    d.pending.push([offset, payload]);
    return;
  }
  const fresh = payload.subarray(d.delivered - offset);
  d.chunks.push(fresh);
  d.runs.push({ offset: d.delivered, length: fresh.length, frame });
  d.delivered += fresh.length;
  for (;;) {
    // tshark's follow (check_follow_fragments): the first held segment, in arrival order, that reaches
    // the delivered end goes next, adding its bytes past that end; so a copy of a held segment gives
    // way to a neighbour that came before it.
    const next = d.pending.findIndex(([at]) => at <= d.delivered);
    if (next < 0) return;
    const [[at, held]] = d.pending.splice(next, 1);
    // This frame filled the gap: it made the held bytes readable (what it already covers, deliver drops).
    deliver(d, at, held, frame);
  }
}

const sideOf = (s: TcpStream, ip: string, port: number): 0 | 1 => (s.hosts[0].ip === ip && s.hosts[0].port === port ? 0 : 1);

function join(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Groups TCP segments into connections (tcp.stream: by address/port pair in order of first
 * appearance; as in Wireshark's dissect_tcp, a SYN whose sequence number is not its sender's base
 * starts a new one, ports reused, whether or not the old one closed), works out relative numbers
 * and the analysis flags, and reassembles each direction.
 */
export function analyseTcp(frames: DecodedFrame[]): { streams: TcpStream[]; segments: Map<number, SegmentAnalysis> } {
  const streams: TcpStream[] = [];
  const states: [DirectionState, DirectionState][] = [];
  const byPair = new Map<string, number>();
  const segments = new Map<number, SegmentAnalysis>();
  // Per stream, as tshark keeps them: when the latest SYN was sent, and the handshake's round trip
  // (that SYN to the first segment that acknowledges without SYN), under which a segment below the
  // highest sequence number counts as out of order rather than retransmitted (3 ms without one).
  const synUs: (number | undefined)[] = [];
  const irttUs: (number | undefined)[] = [];
  frames.forEach((f, i) => {
    const t = f.tcp;
    if (!t || !f.ip) return;
    const a = `${f.ip.src}|${t.srcPort}`;
    const b = `${f.ip.dst}|${t.dstPort}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let index = byPair.get(key);
    const opening = t.flags.syn && !t.flags.ack;
    if (index !== undefined && opening) {
      const base = states[index][sideOf(streams[index], f.ip.src, t.srcPort)].isn;
      if (base !== undefined && base !== t.seq) index = undefined;
    }
    if (index === undefined) {
      index = streams.length;
      byPair.set(key, index);
      streams.push({ index, hosts: [{ ip: f.ip.src, port: t.srcPort }, { ip: f.ip.dst, port: t.dstPort }], frames: [], data: [] as unknown as TcpStream['data'], handshake: opening });
      states.push([newDirection(), newDirection()]);
    }
    const stream = streams[index];
    stream.frames.push(i);
    const direction = sideOf(stream, f.ip.src, t.srcPort);
    const me = states[index][direction];
    const peer = states[index][1 - direction];
    me.isn ??= t.flags.syn ? t.seq : (t.seq - 1 + MOD) % MOD;
    // Wireshark's tcp_analyze_sequence_number: a peer not seen yet has its base from the first ACK, ack - 1.
    if (t.flags.ack) peer.isn ??= (t.ack - 1 + MOD) % MOD;
    if (t.flags.syn) me.windowScale = t.windowScale;
    const now = f.frame.timeUs;
    const synAt = synUs[index];
    if (t.flags.syn && !t.flags.ack) synUs[index] = now;
    else if (t.flags.ack && !t.flags.syn && irttUs[index] === undefined && synAt !== undefined) irttUs[index] = now - synAt;
    const relSeq = rel(t.seq, me.isn);
    const relAck = t.flags.ack ? rel(t.ack, peer.isn ?? 0) : t.ack;
    const length = segmentLength(t);
    const scaled = !t.flags.syn && me.windowScale !== undefined && peer.windowScale !== undefined ? t.window * 2 ** me.windowScale : t.window;
    const analysis: SegmentAnalysis = { stream: index, direction, relSeq, relAck, nextRelSeq: relSeq + length, windowBytes: scaled };
    const control = t.flags.syn || t.flags.fin || t.flags.rst;
    if (t.window === 0 && !control) analysis.zeroWindow = true;
    // RFC 9293 §3.8.4 keep-alive: one byte (or none) just below what was already sent.
    if (length <= 1 && !control && relSeq === me.highest - 1) analysis.keepAlive = true;
    // Wireshark's tcp_analyze_sequence_number: two or more bytes from one below the highest add new data
    // (after a possible zero window probe), so are neither retransmitted nor out of order.
    else if (length > 0 && relSeq < me.highest && !(t.payload.length > 1 && relSeq === me.highest - 1)) {
      // Wireshark's tcp_analyze_sequence_number: fast after two duplicate ACKs for it (within 20 ms of
      // the last ACK), out of order soon after the highest segment unless it ends exactly there.
      if (peer.dupAcks >= 2 && peer.lastAck === relSeq && now - peer.lastAckUs < 20_000) analysis.retransmission = 'fast';
      else if (now - me.lastDataUs < (irttUs[index] ?? 3000) && relSeq + length !== me.highest) analysis.outOfOrder = true; // the end counts a SYN or FIN, as Wireshark's
      else analysis.retransmission = 'timeout';
    }
    if (length === 0 && !control && t.flags.ack) {
      // tshark's duplicate ACK: same ACK and window as this side's last, a window that is not 0, and nothing new sent
      if (me.lastAck === relAck && me.lastWindow === t.window && t.window !== 0 && relSeq === me.highest) {
        me.dupAcks++;
        analysis.duplicateAck = me.dupAcks;
      } else if (me.lastAck === relAck && t.window !== 0 && me.lastWindow !== undefined && me.lastWindow !== t.window) analysis.windowUpdate = true; // a window closing to 0 is no update (Wireshark: tcp.analysis.window_update needs a non-zero window)
    }
    // Only a new ACK number resets the count (tshark 4.0: data or a window update in between does not).
    if (me.lastAck !== relAck) me.dupAcks = 0;
    // Every segment, as tshark: one without the ACK flag leaves its raw ack field as the last ACK.
    me.lastAck = relAck;
    me.lastAckUs = now;
    me.lastWindow = t.window;
    if (analysis.nextRelSeq > me.highest) {
      me.highest = analysis.nextRelSeq;
      me.lastDataUs = now;
    }
    // Offset 0 is the first byte after the SYN; the bytes begin at the direction's first segment, wherever
    // the base put it (tshark's follow_tcp_tap_listener: the first segment sets the next expected sequence number).
    const offset = relSeq - 1 + (t.flags.syn ? 1 : 0);
    me.start ??= offset;
    deliver(me, offset - me.start, t.payload, i);
    segments.set(i, analysis);
  });
  for (const s of streams) {
    s.data = states[s.index].map((d) => {
      // Distinct stream bytes held (overlapping copies count once).
      let missing = 0;
      let end = 0;
      for (const [at, p] of d.pending.toSorted((x, y) => x[0] - y[0])) {
        missing += Math.max(0, at + p.length - Math.max(at, end));
        end = Math.max(end, at + p.length);
      }
      return { bytes: join(d.chunks, d.delivered), runs: d.runs, missingBytes: missing };
    }) as TcpStream['data'];
  }
  return { streams, segments };
}
