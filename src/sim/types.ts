/** Who is on the wire: the client, the web server and (in scenarios with a DNS lookup) the resolver. */
export type NodeId = 'client' | 'server' | 'resolver';

/** RFC 9293 §3.3.2 connection states. */
export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RCVD'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT';

export type Phase = 'dns' | 'tcp' | 'tls' | 'http' | 'close';

/** The outermost layer that gives a packet its meaning (and its colour). */
export type TopLayer = 'dns' | 'tcp' | 'tls' | 'http';

export interface Field {
  name: string;
  value: string;
  /** Why the field has this value, in one short sentence. */
  note?: string;
  /** Where the field's bytes are, from the start of the packet (IP header). */
  offset?: number;
  length?: number;
  children?: Field[];
}

export interface Layer {
  /** 'IPv4' | 'TCP' | 'UDP' | 'DNS' | 'TLS' | 'HTTP' */
  name: string;
  /** One line, e.g. "192.0.2.10 → 203.0.113.5". */
  summary: string;
  fields: Field[];
}

export interface TcpFlags {
  syn: boolean;
  ack: boolean;
  fin: boolean;
  psh: boolean;
  rst: boolean;
}

/** What the TCP layer of one segment carries, in numbers. */
export interface TcpSegmentInfo {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: TcpFlags;
  window: number;
  payloadLength: number;
  /** SACK blocks (RFC 2018) the receiver reports: [left, right) edges. */
  sack?: [number, number][];
}

export interface UdpDatagramInfo {
  srcPort: number;
  dstPort: number;
  payloadLength: number;
}

/** What the TCP sender knew when it sent a segment (the cwnd readout). */
export interface SenderView {
  cwndBytes: number;
  ssthreshBytes: number;
  /** Bytes sent and not yet acknowledged, this segment included. */
  bytesInFlight: number;
  /** The peer's advertised receive window. */
  peerWindowBytes: number;
  /** slow start, congestion avoidance, fast recovery, loss recovery (after an RTO). */
  mode: 'slow-start' | 'congestion-avoidance' | 'fast-recovery' | 'rto-recovery';
}

export interface DecryptedRecord {
  title: string;
  /** Which key opens it, in words: "server handshake traffic key". */
  key: string;
  bytes: Uint8Array;
  layers: Layer[];
}

export interface Packet {
  id: number;
  from: NodeId;
  to: NodeId;
  /** Sprite label: "SYN", "ClientHello", "GET /". */
  label: string;
  /** One sentence on what this packet is for, with its key numbers. */
  caption: string;
  topLayer: TopLayer;
  /** Which TCP connection (0, 1, …) or UDP exchange the packet belongs to. */
  stream: number;
  /** Set for TCP segments. */
  tcp?: TcpSegmentInfo;
  /** Set for UDP datagrams. */
  udp?: UdpDatagramInfo;
  /** The sender sends these bytes (or this SYN/FIN) a second time or more. */
  retransmission?: 'timeout' | 'fast' | 'recovery';
  /** Data segments: what the TCP sender's congestion state was. */
  sender?: SenderView;
  /** Set when the link drops the packet: it never arrives (arriveUs is when it would have). */
  lost?: { atUs: number; reason: string };
  /** Outermost first: IPv4, TCP, then TLS / HTTP when present. */
  layers: Layer[];
  /** IP total length in bytes. */
  totalLength: number;
  /** The whole packet as it is on the wire, from the IPv4 header on. */
  bytes: Uint8Array;
  /** TLS records that complete in this packet, decrypted (field offsets into their plaintext). */
  decrypted: DecryptedRecord[];
  /** Which part of the story the packet belongs to (chapters). */
  phase: Phase;
  /** Set when one application write was cut into several segments. */
  segment?: { index: number; count: number };
  sendUs: number;
  arriveUs: number;
  /** When the scenario's capture point sees the packet (pcapng time); absent if it never does. */
  captureUs?: number;
}

interface EventBase {
  /** Simulated network time in microseconds since the scenario started. */
  atUs: number;
  /** One line for simulation.log, without the timestamp. */
  text: string;
}

export interface SendEvent extends EventBase {
  kind: 'send';
  packet: Packet;
}

export interface ArriveEvent extends EventBase {
  kind: 'arrive';
  packet: Packet;
}

export interface StateEvent extends EventBase {
  kind: 'state';
  node: NodeId;
  from: TcpState;
  to: TcpState;
  /** The packet whose sending or arrival caused the change; absent for timers. */
  packetId?: number;
}

export interface NoteEvent extends EventBase {
  kind: 'note';
  node: NodeId;
  /** Milestones the scheduler can show as a banner. */
  milestone?: Milestone;
  /** The packet whose arrival led to the note, if any. */
  packetId?: number;
}

export interface DropEvent extends EventBase {
  kind: 'drop';
  packet: Packet;
}

export type Milestone = 'resolved' | 'established' | 'tls-complete' | 'response-complete' | 'closed';

export type SimEvent = SendEvent | ArriveEvent | DropEvent | StateEvent | NoteEvent;

export type TimerKind = 'retransmission' | 'syn' | 'persist' | 'delayed-ack' | 'time-wait' | 'dns';

/** An armed timer, from arming to firing or cancelling (a countdown ring on its node). */
export interface TimerSpan {
  node: NodeId;
  stream: number;
  kind: TimerKind;
  startUs: number;
  /** When it fires, or would have. */
  dueUs: number;
  /** When it stopped: dueUs if it fired, earlier if it was cancelled or re-armed. */
  endUs: number;
  fired: boolean;
}

/** Browser-style timing of one request (as in a network panel), network microseconds. */
export interface RequestTiming {
  label: string;
  stream: number;
  phases: TimingPhase[];
}

export type TimingPhaseId = 'dns' | 'connect' | 'tls' | 'request' | 'wait' | 'download';

export interface TimingPhase {
  id: TimingPhaseId;
  startUs: number;
  endUs: number;
  /** The TLS phase: the version spoken ("TLS 1.2"). */
  protocol?: string;
  /** The TLS phase: flights the client sent and had to wait for an answer to before its request could leave (TLS 1.3: 1, TLS 1.2: 2). */
  roundTrips?: number;
}

export interface Endpoint {
  id: NodeId;
  name: string;
  ip: string;
  port: number;
  /** Host name, when the endpoint has one (the server). */
  host?: string;
}

export interface Simulation {
  events: SimEvent[];
  packets: Packet[];
  client: Endpoint;
  server: Endpoint;
  /** Present when the scenario looks the server's name up first. */
  resolver?: Endpoint;
  rttUs: number;
  /** The nodes with a TCP state badge (the resolver speaks only UDP and has none). */
  initialStates: Record<'client' | 'server', TcpState>;
  timers: TimerSpan[];
  timing: RequestTiming[];
  /** NSS key log (SSLKEYLOGFILE) lines that decrypt the TLS records. */
  keyLog: string;
}
