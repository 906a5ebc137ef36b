import { describe, expect, it } from 'vitest';
import { openCapture } from './openCapture';
import * as cap from './tcpEdgeCaptures';

// Each expected reading is tshark 4.0.17's (recorded; these tests do not run it):
//   tshark -r FILE -T fields -E separator=, -e frame.number -e tcp.stream -e tcp.seq -e tcp.ack -e tcp.nxtseq
//     -e tcp.analysis.retransmission -e tcp.analysis.fast_retransmission -e tcp.analysis.out_of_order
//     -e tcp.analysis.duplicate_ack_num -e tcp.analysis.window_update -e tcp.analysis.keep_alive
//     -e tcp.analysis.zero_window -e tcp.window_size
// with the flag fields written as 1. Stream bytes: tshark -q -z follow,tcp,raw,0 (node 1, the server).

function open(bytes: Uint8Array) {
  const opened = openCapture(bytes);
  if (!opened.ok) throw new Error(opened.error);
  return opened.value;
}

/** Our reading in tshark's columns. */
function rows(bytes: Uint8Array): string[] {
  const v = open(bytes);
  return v.frames.map((_, i) => {
    const s = v.segments.get(i);
    if (!s) return `${i + 1}: not TCP`;
    return [i + 1, s.stream, s.relSeq, s.relAck, s.nextRelSeq, s.retransmission ? 1 : '', s.retransmission === 'fast' ? 1 : '', s.outOfOrder ? 1 : '', s.duplicateAck ?? '', s.windowUpdate ? 1 : '', s.keepAlive ? 1 : '', s.zeroWindow ? 1 : '', s.windowBytes].join(',');
  });
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const lines = (s: string) => s.split('\n');

describe('TCP analysis edges, as tshark reads them', () => {
  it('a capture that starts mid-connection: out of order within 3 ms (no SYN, so no handshake round trip) unless it ends at the highest, relative numbers from the first segment and ack - 1', () => {
    expect(rows(cap.midConnectionOutOfOrder())).toEqual(lines(`1,0,1,1,101,,,,,,,,1000
2,0,1,101,1,,,,,,,,1000
3,0,201,1,301,,,,,,,,1000
4,0,101,1,151,,,1,,,,,1000
5,0,251,1,301,1,,,,,,,1000
6,0,151,1,201,1,,,,,,,1000`));
    expect(hex(open(cap.midConnectionOutOfOrder()).tcpStreams[0].data[0].bytes)).toBe(`${'01'.repeat(100)}${'02'.repeat(100)}${'03'.repeat(100)}`);
    // the client's base comes from the server's ACK (101 - 1), not from its own first segment (151)
    expect(rows(cap.midConnectionAckBase())).toEqual(lines(`1,0,1,1,101,,,,,,,,1000
2,0,51,101,61,,,,,,,,1000
3,0,101,61,101,,,,,,,,1000`));
    // but its bytes begin at that first segment (follow,tcp,raw,0: node 0 is the server, the first sender; node 1 the client, 10 bytes)
    const client = open(cap.midConnectionAckBase()).tcpStreams[0].data[1];
    expect([hex(client.bytes), client.runs.map((r) => [r.offset, r.length, r.frame + 1]), client.missingBytes]).toEqual(['01'.repeat(10), [[0, 10, 2]], 0]);
  });

  it('a SYN on a pair seen before starts a new stream when its sequence number is not its sender\'s base, closed or not', () => {
    expect(rows(cap.oneFinThenSyn())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,2,,,,,,,,1000
5,0,1,2,1,,,,,,,,1000
6,1,0,0,1,,,,,,,,1000
7,1,0,1,1,,,,,,,,1000`));
    expect(rows(cap.openThenSyn())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,11,,,,,,,,1000
5,0,1,11,1,,,,,,,,1000
6,1,0,0,1,,,,,,,,1000`));
    expect(rows(cap.serverSyn())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,1,0,0,1,,,,,,,,1000`));
    // the sender's base taken from the peer's ACK counts; without an ACK flag there is none
    expect(rows(cap.synAfterAckBase())).toEqual(lines(`1,0,1,1,101,,,,,,,,1000
2,0,0,0,1,,,,,,,,1000
3,1,0,0,1,,,,,,,,1000`));
    expect(rows(cap.synAfterNoAck())).toEqual(lines(`1,0,1,0,101,,,,,,,,1000
2,0,0,0,1,,,,,,,,1000`));
  });

  it('a SYN with its sender\'s base stays in the stream: a retransmission after both FINs, out of order after an RST mid-connection', () => {
    expect(rows(cap.closedThenSameSyn())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,2,,,,,,,,1000
5,0,1,2,2,,,,,,,,1000
6,0,2,2,2,,,,,,,,1000
7,0,0,0,1,1,,,,,,,1000`));
    expect(rows(cap.midConnectionSyn())).toEqual(lines(`1,0,1,1,4,,,,,,,,1000
2,0,4,1,4,,,,,,,,1000
3,0,0,0,1,,,1,,,,,1000
4,0,0,0,1,1,,,,,,,1000`));
  });

  it('a FIN sent again counts one sequence number and is a retransmission, also within the round trip (it ends where the first ends)', () => {
    expect(rows(cap.finRetransmitted())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,2,,,,,,,,1000
5,0,1,1,2,1,,,,,,,1000
6,0,1,1,2,1,,,,,,,1000
7,0,1,2,1,,,,,,,,1000`));
  });

  it('the handshake round trip ends at the first segment with ACK and without SYN, not at data without ACK', () => {
    expect(rows(cap.roundTripToFirstAck())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,0,11,,,,,,,,1000
4,0,11,1,11,,,,,,,,1000
5,0,1,11,101,,,,,,,,1000
6,0,201,11,301,,,,,,,,1000
7,0,101,11,201,,,1,,,,,1000`));
  });

  it('windows are scaled only when both SYNs offered a scale', () => {
    expect(rows(cap.windowScales(7, null))).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,300
4,0,1,1,1,,,,,1,,,400`));
    expect(rows(cap.windowScales(null, 7))).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,300
4,0,1,1,1,,,,,1,,,400`));
    expect(rows(cap.windowScales(2, 7))).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1200
4,0,1,1,1,,,,,1,,,51200`));
  });

  it('a segment of no bytes below the highest sent is neither a retransmission nor out of order', () => {
    expect(rows(cap.emptyBelowHighest())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,101,,,,,,,,1000
5,0,51,1,51,,,,,,,,1000
6,0,2,1,2,,,,,,,,1000`));
  });

  it('a fast retransmission resends what two duplicate ACKs ask for, less than 20 ms after the last', () => {
    expect(rows(cap.fastRetransmissionBounds())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,101,,,,,,,,1000
5,0,201,1,301,,,,,,,,1000
6,0,301,1,401,,,,,,,,1000
7,0,1,101,1,,,,,,,,1000
8,0,1,101,1,,,,1,,,,1000
9,0,1,101,1,,,,2,,,,1000
10,0,201,1,301,,,1,,,,,1000
11,0,101,1,201,1,,,,,,,1000
12,0,101,1,201,1,,,,,,,1000`));
  });

  it('duplicate ACKs count on through data, window updates and a zero window; a new ACK number starts over', () => {
    expect(rows(cap.duplicateAckCount())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,101,,,,,,,,1000
5,0,1,101,1,,,,,,,,1000
6,0,1,101,1,,,,1,,,,1000
7,0,1,101,1,,,,,1,,,2000
8,0,1,101,1,,,,2,,,,2000
9,0,1,101,11,,,,,,,,2000
10,0,11,101,11,,,,3,,,,2000
11,0,11,101,11,,,,,,,1,0
12,0,11,101,11,,,,,1,,,2000
13,0,11,101,11,,,,4,,,,2000
14,0,101,11,201,,,,,,,,1000
15,0,11,201,11,,,,,,,,2000
16,0,11,201,11,,,,1,,,,2000`));
  });

  it('held segments: a longer copy adds only its tail, a second copy of one adds nothing, copies of delivered bytes add no run', () => {
    const bytes = cap.heldOverlaps();
    expect(rows(bytes)).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,11,,,,,,,,1000
5,0,21,1,26,,,,,,,,1000
6,0,21,1,31,1,,,,,,,1000
7,0,31,1,41,,,,,,,,1000
8,0,31,1,41,1,,,,,,,1000
9,0,11,1,21,1,,,,,,,1000
10,0,31,1,41,1,,,,,,,1000
11,0,1,1,11,1,,,,,,,1000`));
    const server = open(bytes).tcpStreams[0].data[1];
    expect(hex(server.bytes)).toBe('01010101010101010101020202020202020202020303030303040404040405050505050505050505');
    expect(server.missingBytes).toBe(0);
    // the runs tile the bytes, none empty, cut as tshark's follow cuts them (a held copy's tail is a chunk of its own)
    expect(server.runs.map((r) => [r.offset, r.length])).toEqual([[0, 10], [10, 10], [20, 5], [25, 5], [30, 10]]);
  });

  it('both ends on one port: each side\'s segments and bytes are its own (sides told apart by address), hosts are [opener, other]', () => {
    const bytes = cap.samePortBothEnds();
    expect(rows(bytes)).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,11,,,,,,,,1000
5,0,1,11,21,,,,,,,,1000
6,0,11,21,11,,,,,,,,1000`));
    const [stream] = open(bytes).tcpStreams;
    // follow,tcp,raw,0: node 0 10.0.0.1:40001 sent the 1s, node 1 10.0.0.2:40001 the 2s
    expect(stream.hosts).toEqual([{ ip: '10.0.0.1', port: 40001 }, { ip: '10.0.0.2', port: 40001 }]);
    expect(stream.data.map((d) => [hex(d.bytes), d.runs.map((r) => [r.offset, r.length, r.frame + 1])])).toEqual([['01'.repeat(10), [[0, 10, 4]]], ['02'.repeat(20), [[0, 20, 5]]]]);
  });

  it('two bytes from one below the highest are neither a keep-alive nor a retransmission (they add new data)', () => {
    const bytes = cap.twoBytesAtKeepAlivePlace();
    expect(rows(bytes)).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,11,,,,,,,,1000
5,0,10,1,12,,,,,,,,1000`));
    // follow: the 1s, then one new byte
    const client = open(bytes).tcpStreams[0].data[0];
    expect([hex(client.bytes), client.runs.map((r) => [r.offset, r.length, r.frame + 1])]).toEqual([`${'01'.repeat(10)}02`, [[0, 10, 4], [10, 1, 5]]]);
    // one byte there with a FIN is no keep-alive (a FIN never is) and no new data: a retransmission
    expect(rows(cap.oneByteFinAtKeepAlivePlace())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,11,,,,,,,,1000
5,0,10,1,12,1,,,,,,,1000`));
  });

  it('the same pure ACK twice with a zero window: a zero window each time, no duplicate ACK', () => {
    expect(rows(cap.zeroWindowTwice())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,101,,,,,,,,1000
5,0,1,101,1,,,,,,,1,0
6,0,1,101,1,,,,,,,1,0`));
  });

  it('a segment without the ACK flag leaves its raw ack field as the last ACK: the same ACK after it is no duplicate', () => {
    expect(rows(cap.ackAfterDataWithoutAck())).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,101,,,,,,,,1000
5,0,1,101,1,,,,,,,,1000
6,0,1,0,11,,,,,,,,1000
7,0,11,101,11,,,,,,,,1000`));
  });
});
