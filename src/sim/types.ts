/** Who is on the wire. The simulator has exactly two endpoints. */
export type NodeId = 'client' | 'server';

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

export type Phase = 'tcp' | 'tls' | 'http' | 'close';

/** The outermost layer that gives a packet its meaning (and its colour). */
export type TopLayer = 'tcp' | 'tls' | 'http';

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
  /** 'IPv4' | 'TCP' | 'TLS' | 'HTTP' */
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
  tcp: TcpSegmentInfo;
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

export type Milestone = 'established' | 'tls-complete' | 'response-complete' | 'closed';

export type SimEvent = SendEvent | ArriveEvent | StateEvent | NoteEvent;

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
  rttUs: number;
  initialStates: Record<NodeId, TcpState>;
  /** NSS key log (SSLKEYLOGFILE) lines that decrypt the TLS records. */
  keyLog: string;
}
