import type { TcpFlags } from '../sim/types';
import { pcapFile, tcpPacket } from './testCaptures';

// Small hand-built captures for the TCP analysis' edges, one pattern each (tcpStreamsEdges.test records
// tshark's reading of every one). Client 192.0.2.1:40001, server 192.0.2.2:80; times in µs.

const C = '192.0.2.1';
const S = '192.0.2.2';
type Flags = Partial<TcpFlags>;
type Timed = [number, Uint8Array];

const fill = (n: number, byte: number) => new Uint8Array(n).fill(byte);
const c = (seq: number, ack: number, flags: Flags, payload?: Uint8Array, window?: number, windowScale?: number | null) => tcpPacket(C, S, 40001, 80, seq, ack, flags, payload, window, windowScale);
const s = (seq: number, ack: number, flags: Flags, payload?: Uint8Array, window?: number, windowScale?: number | null) => tcpPacket(S, C, 80, 40001, seq, ack, flags, payload, window, windowScale);
const file = (packets: Timed[]) => pcapFile(packets.map(([us, data]) => ({ s: 1_700_000_000, frac: us, data })));
/** Client ISN 100, server ISN 5000, the handshake's round trip 2 ms. */
const handshake = (): Timed[] => [[0, c(100, 0, { syn: true })], [1000, s(5000, 101, { syn: true, ack: true })], [2000, c(101, 5001, { ack: true })]];

/**
 * Starts mid-connection: the server's bytes 101-150 come after 201-300, 1 ms after (no SYN: 3 ms is
 * the bound), 251-300 again 1.5 ms after (ending where the highest ends), then 151-200 18 ms later.
 */
export const midConnectionOutOfOrder = () =>
  file([
    [0, s(5001, 101, { ack: true }, fill(100, 1))],
    [1000, c(101, 5101, { ack: true })],
    [2000, s(5201, 101, { ack: true }, fill(100, 3))],
    [3000, s(5101, 101, { ack: true }, fill(50, 2))],
    [3500, s(5251, 101, { ack: true }, fill(50, 3))],
    [20000, s(5151, 101, { ack: true }, fill(50, 2))],
  ]);

/** Starts mid-connection, the client's first segment 50 bytes past what the server's ACK expects. */
export const midConnectionAckBase = () => file([[0, s(5001, 101, { ack: true }, fill(100, 1))], [1000, c(151, 5101, { ack: true }, fill(10, 1))], [2000, s(5101, 161, { ack: true })]]);

/** Starts mid-connection (client seq 7777), then RST and a SYN with seq 7776, twice. */
export const midConnectionSyn = () => file([[0, c(7777, 1, { ack: true }, fill(3, 1))], [1000, c(7780, 1, { rst: true, ack: true })], [2000, c(7776, 0, { syn: true })], [3000, c(7776, 0, { syn: true })]]);

/** The client's FIN sent again 1 ms later (within the handshake's round trip, ending where the first ends) and 50 ms later. */
export const finRetransmitted = () =>
  file([...handshake(), [10000, c(101, 5001, { ack: true, fin: true })], [11000, c(101, 5001, { ack: true, fin: true })], [60000, c(101, 5001, { ack: true, fin: true })], [61000, s(5001, 102, { ack: true })]]);

/**
 * The round trip is timed to the first segment with ACK and without SYN: here the client's data
 * without ACK comes first (1.5 ms), its ACK at 10 ms. The server's 101-200 then come 2 ms after 201-300.
 */
export const roundTripToFirstAck = () =>
  file([
    [0, c(100, 0, { syn: true })],
    [1000, s(5000, 101, { syn: true, ack: true })],
    [1500, c(101, 0, {}, fill(10, 1))],
    [10000, c(111, 5001, { ack: true })],
    [20000, s(5001, 111, { ack: true }, fill(100, 1))],
    [20100, s(5201, 111, { ack: true }, fill(100, 3))],
    [22100, s(5101, 111, { ack: true }, fill(100, 2))],
  ]);

/** The client's FIN alone, acknowledged, then a SYN with another ISN and its SYN-ACK. */
export const oneFinThenSyn = () => file([...handshake(), [10000, c(101, 5001, { ack: true, fin: true })], [11000, s(5001, 102, { ack: true })], [20000, c(9000, 0, { syn: true })], [21000, s(7000, 9001, { syn: true, ack: true })]]);

/** No FIN: data, then a SYN with another ISN. */
export const openThenSyn = () => file([...handshake(), [10000, c(101, 5001, { ack: true }, fill(10, 1))], [11000, s(5001, 111, { ack: true })], [20000, c(9000, 0, { syn: true })]]);

/** The server sends a SYN (no ACK) with a sequence number of its own. */
export const serverSyn = () => file([...handshake(), [10000, s(9000, 0, { syn: true })]]);

/** Both FINs, then the client's first SYN again, same ISN. */
export const closedThenSameSyn = () => file([...handshake(), [10000, c(101, 5001, { ack: true, fin: true })], [11000, s(5001, 102, { ack: true, fin: true })], [12000, c(102, 5002, { ack: true })], [20000, c(100, 0, { syn: true })]]);

/** The server's data first, then client SYNs: one with seq = the server's ACK - 1, one with another. */
export const synAfterAckBase = () => file([[0, s(5001, 101, { ack: true }, fill(100, 1))], [10000, c(100, 0, { syn: true })], [20000, c(9000, 0, { syn: true })]]);

/** The server's data without the ACK flag, then a client SYN. */
export const synAfterNoAck = () => file([[0, s(5001, 0, {}, fill(100, 1))], [10000, c(9000, 0, { syn: true })]]);

/** A window scale offered by one SYN: the client's (7), the server's (7), or both (2 and 7). */
export const windowScales = (client: number | null, server: number | null) =>
  file([[0, c(100, 0, { syn: true }, undefined, 1000, client)], [1000, s(5000, 101, { syn: true, ack: true }, undefined, 1000, server)], [2000, c(101, 5001, { ack: true }, undefined, 300)], [3000, s(5001, 101, { ack: true }, undefined, 400)]]);

/** Segments of no bytes below the highest sequence number sent (not the keep-alive's place). */
export const emptyBelowHighest = () => file([...handshake(), [10000, c(101, 5001, { ack: true }, fill(100, 1))], [11000, c(151, 5001, { ack: true })], [12000, c(102, 5001, { ack: true })]]);

/**
 * Bytes 101-200 lost, two duplicate ACKs; then 201-300 again within 20 ms of the last ACK (not the
 * byte those ACKs ask for), 101-200 exactly 20 ms after it, and again.
 */
export const fastRetransmissionBounds = () =>
  file([
    ...handshake(),
    [10000, s(5001, 101, { ack: true }, fill(100, 1))],
    [10100, s(5201, 101, { ack: true }, fill(100, 3))],
    [10200, s(5301, 101, { ack: true }, fill(100, 4))],
    [11000, c(101, 5101, { ack: true })],
    [11100, c(101, 5101, { ack: true })],
    [11200, c(101, 5101, { ack: true })],
    [12000, s(5201, 101, { ack: true }, fill(100, 3))],
    [31200, s(5101, 101, { ack: true }, fill(100, 2))],
    [31300, s(5101, 101, { ack: true }, fill(100, 2))],
  ]);

/** Duplicate ACKs with a window update, data, a zero window and a window update between them, then a new ACK and its duplicate. */
export const duplicateAckCount = () =>
  file([
    ...handshake(),
    [10000, s(5001, 101, { ack: true }, fill(100, 1))],
    [11000, c(101, 5101, { ack: true })],
    [11100, c(101, 5101, { ack: true })],
    [11200, c(101, 5101, { ack: true }, undefined, 2000)],
    [11300, c(101, 5101, { ack: true }, undefined, 2000)],
    [11400, c(101, 5101, { ack: true }, fill(10, 9), 2000)],
    [11500, c(111, 5101, { ack: true }, undefined, 2000)],
    [11600, c(111, 5101, { ack: true }, undefined, 0)],
    [11700, c(111, 5101, { ack: true }, undefined, 2000)],
    [11800, c(111, 5101, { ack: true }, undefined, 2000)],
    [20000, s(5101, 111, { ack: true }, fill(100, 1))],
    [21000, c(111, 5201, { ack: true }, undefined, 2000)],
    [21100, c(111, 5201, { ack: true }, undefined, 2000)],
  ]);

/**
 * The server's bytes 1-10, then past a gap: 21-25 (3s), 21-30 again longer (4s), 31-40 (5s) and
 * again (6s); 11-20 fill the gap; then 31-40 (7s, ending exactly where the delivered bytes end) and
 * 1-10 (8s) again.
 */
export const heldOverlaps = () =>
  file([
    ...handshake(),
    [10000, s(5001, 101, { ack: true }, fill(10, 1))],
    [20000, s(5021, 101, { ack: true }, fill(5, 3))],
    [30000, s(5021, 101, { ack: true }, fill(10, 4))],
    [40000, s(5031, 101, { ack: true }, fill(10, 5))],
    [50000, s(5031, 101, { ack: true }, fill(10, 6))],
    [60000, s(5011, 101, { ack: true }, fill(10, 2))],
    [70000, s(5031, 101, { ack: true }, fill(10, 7))],
    [80000, s(5001, 101, { ack: true }, fill(10, 8))],
  ]);

// Held (out-of-order) segments overlapping one another at different offsets. The server's bytes
// 1-10 first, 10 ms apart (never out of order: the handshake's round trip is 2 ms); byte values name the segment.

/** Past a gap: 21-40 (3s), then 31-50 (4s) starting inside it; 11-20 (2s) fill the gap. */
export const heldStartsInsideHeld = () =>
  file([...handshake(), [10000, s(5001, 101, { ack: true }, fill(10, 1))], [20000, s(5021, 101, { ack: true }, fill(20, 3))], [30000, s(5031, 101, { ack: true }, fill(20, 4))], [40000, s(5011, 101, { ack: true }, fill(10, 2))]]);

/** Past a gap: 21-50 (3s), 31-40 (4s) wholly inside it, then 61-70 (6s), 51-80 (5s) wholly around that; 11-20 (2s) fill the gap. */
export const heldInsideHeld = () =>
  file([
    ...handshake(),
    [10000, s(5001, 101, { ack: true }, fill(10, 1))],
    [20000, s(5021, 101, { ack: true }, fill(30, 3))],
    [30000, s(5031, 101, { ack: true }, fill(10, 4))],
    [40000, s(5061, 101, { ack: true }, fill(10, 6))],
    [50000, s(5051, 101, { ack: true }, fill(30, 5))],
    [60000, s(5011, 101, { ack: true }, fill(10, 2))],
  ]);

/**
 * Held 21-40 (3s) and 51-60 (5s); 11-30 (2s) fill the first gap and reach into 21-40; 36-55 (4s) start
 * inside the delivered bytes, fill the second gap and reach into 51-60.
 */
export const heldAcrossEdgeAndHole = () =>
  file([
    ...handshake(),
    [10000, s(5001, 101, { ack: true }, fill(10, 1))],
    [20000, s(5021, 101, { ack: true }, fill(20, 3))],
    [30000, s(5051, 101, { ack: true }, fill(10, 5))],
    [40000, s(5011, 101, { ack: true }, fill(20, 2))],
    [50000, s(5036, 101, { ack: true }, fill(20, 4))],
  ]);

/** Held 21-30 (3s) and 41-50 (5s); one retransmission of 11-45 (2s) covers both gaps and ends inside 41-50. */
export const retransmissionAcrossTwoHoles = () =>
  file([...handshake(), [10000, s(5001, 101, { ack: true }, fill(10, 1))], [20000, s(5021, 101, { ack: true }, fill(10, 3))], [30000, s(5041, 101, { ack: true }, fill(10, 5))], [40000, s(5011, 101, { ack: true }, fill(35, 2))]]);

/** The server's first bytes in reverse order, overlapping: 21-35 (3s), 11-25 (2s), 1-15 (1s). */
export const reverseOverlapping = () =>
  file([...handshake(), [10000, s(5021, 101, { ack: true }, fill(15, 3))], [20000, s(5011, 101, { ack: true }, fill(15, 2))], [30000, s(5001, 101, { ack: true }, fill(15, 1))]]);

/** Past a gap: 21-25 (3s), 26-30 (5s), then 21-30 (4s) again longer; 11-20 (2s) fill the gap. */
export const heldCopyAfterNeighbour = () =>
  file([
    ...handshake(),
    [10000, s(5001, 101, { ack: true }, fill(10, 1))],
    [20000, s(5021, 101, { ack: true }, fill(5, 3))],
    [30000, s(5026, 101, { ack: true }, fill(5, 5))],
    [40000, s(5021, 101, { ack: true }, fill(10, 4))],
    [50000, s(5011, 101, { ack: true }, fill(10, 2))],
  ]);

/** Past a gap never filled: 31-50 (4s), 21-40 (3s), 21-30 (5s): 30 distinct bytes held. */
export const heldNeverFilled = () =>
  file([...handshake(), [10000, s(5001, 101, { ack: true }, fill(10, 1))], [20000, s(5031, 101, { ack: true }, fill(20, 4))], [30000, s(5021, 101, { ack: true }, fill(20, 3))], [40000, s(5021, 101, { ack: true }, fill(10, 5))]]);

/** Both ends on port 40001 (10.0.0.1 opens to 10.0.0.2): each side sends data, the opener 10 bytes (1s), the other 20 (2s). */
export const samePortBothEnds = () => {
  const a = (seq: number, ack: number, flags: Flags, payload?: Uint8Array) => tcpPacket('10.0.0.1', '10.0.0.2', 40001, 40001, seq, ack, flags, payload);
  const b = (seq: number, ack: number, flags: Flags, payload?: Uint8Array) => tcpPacket('10.0.0.2', '10.0.0.1', 40001, 40001, seq, ack, flags, payload);
  return file([[0, a(100, 0, { syn: true })], [1000, b(5000, 101, { syn: true, ack: true })], [2000, a(101, 5001, { ack: true })], [10000, a(101, 5001, { ack: true }, fill(10, 1))], [20000, b(5001, 111, { ack: true }, fill(20, 2))], [30000, a(111, 5021, { ack: true })]]);
};

/** The client's bytes 1-10, then 10-11 (two bytes from the keep-alive's place, one below the highest) 10 ms later. */
export const twoBytesAtKeepAlivePlace = () => file([...handshake(), [10000, c(101, 5001, { ack: true }, fill(10, 1))], [20000, c(110, 5001, { ack: true }, fill(2, 2))]]);

/** The server's 100 bytes, then the client's ACK with a zero window, twice. */
export const zeroWindowTwice = () => file([...handshake(), [10000, s(5001, 101, { ack: true }, fill(100, 1))], [11000, c(101, 5101, { ack: true }, undefined, 0)], [11100, c(101, 5101, { ack: true }, undefined, 0)]]);

/** The server's 100 bytes, the client's ACK; the client's 10 bytes without the ACK flag (ack field 0), then the same ACK again. */
export const ackAfterDataWithoutAck = () => file([...handshake(), [10000, s(5001, 101, { ack: true }, fill(100, 1))], [11000, c(101, 5101, { ack: true })], [11100, c(101, 0, {}, fill(10, 3))], [11200, c(111, 5101, { ack: true })]]);

/** The client's bytes 1-10, then FIN with byte 10 again (one below the highest, one byte: not new data) 10 ms later. */
export const oneByteFinAtKeepAlivePlace = () => file([...handshake(), [10000, c(101, 5001, { ack: true }, fill(10, 1))], [20000, c(110, 5001, { ack: true, fin: true }, fill(1, 2))]]);
