import { describe, expect, it } from 'vitest';
import { openCapture } from './openCapture';
import * as cap from './tcpEdgeCaptures';

// Held (out-of-order) segments overlapping one another at different offsets, as tshark 4.0.17 reads
// them (recorded; tcpStreams.tshark.test compares live). Rows: the tcpStreamsEdges.test fields
// (frame.number, tcp.stream, tcp.seq, tcp.ack, tcp.nxtseq, retransmission, fast, out of order,
// duplicate ACK, window update, keep-alive, zero window, tcp.window_size). Chunks: the server's lines
// of `tshark -q -z follow,tcp,raw,0`. Frames: which frame made each chunk readable (the one that filled
// the gap); tshark's `-z follow,tcp,yaml,0` names instead the frame each chunk's bytes came in, given
// beside each test, and `-o tcp.reassemble_out_of_order:TRUE` completes a PDU in the filling frame.

function reading(bytes: Uint8Array) {
  const opened = openCapture(bytes);
  if (!opened.ok) throw new Error(opened.error);
  const v = opened.value;
  const rows = v.frames.map((_, i) => {
    const s = v.segments.get(i)!;
    return [i + 1, s.stream, s.relSeq, s.relAck, s.nextRelSeq, s.retransmission ? 1 : '', s.retransmission === 'fast' ? 1 : '', s.outOfOrder ? 1 : '', s.duplicateAck ?? '', s.windowUpdate ? 1 : '', s.keepAlive ? 1 : '', s.zeroWindow ? 1 : '', s.windowBytes].join(',');
  });
  const server = v.tcpStreams[0].data[1];
  const chunks = server.runs.map((r) => Buffer.from(server.bytes.subarray(r.offset, r.offset + r.length)).toString('hex'));
  return { rows, chunks, frames: server.runs.map((r) => r.frame + 1), missing: server.missingBytes, length: server.bytes.length };
}

const lines = (s: string) => s.split('\n');
const handshake = `1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,1,1,11,,,,,,,,1000`;

describe('held segments overlapping one another, as tshark reads them', () => {
  it('a later held segment starting inside an earlier one adds only its tail', () => {
    const r = reading(cap.heldStartsInsideHeld());
    expect(r.rows).toEqual(lines(`${handshake}
5,0,21,1,41,,,,,,,,1000
6,0,31,1,51,1,,,,,,,1000
7,0,11,1,21,1,,,,,,,1000`));
    expect(r.chunks).toEqual(['01'.repeat(10), '02'.repeat(10), '03'.repeat(20), '04'.repeat(10)]);
    expect([r.frames, r.missing]).toEqual([[4, 7, 7, 7], 0]); // follow yaml: 4, 7, 5, 6
  });

  it('a held segment wholly inside another adds nothing, whichever came first', () => {
    const r = reading(cap.heldInsideHeld());
    expect(r.rows).toEqual(lines(`${handshake}
5,0,21,1,51,,,,,,,,1000
6,0,31,1,41,1,,,,,,,1000
7,0,61,1,71,,,,,,,,1000
8,0,51,1,81,1,,,,,,,1000
9,0,11,1,21,1,,,,,,,1000`));
    // 61-70 (6s) came first but the later 51-80 (5s) reaches the delivered end first: its bytes are kept
    expect(r.chunks).toEqual(['01'.repeat(10), '02'.repeat(10), '03'.repeat(30), '05'.repeat(30)]);
    expect([r.frames, r.missing]).toEqual([[4, 9, 9, 9], 0]); // follow yaml: 4, 9, 5, 8
  });

  it('a segment from inside the delivered bytes across a hole into a held one: each adds the bytes past the delivered end', () => {
    const r = reading(cap.heldAcrossEdgeAndHole());
    expect(r.rows).toEqual(lines(`${handshake}
5,0,21,1,41,,,,,,,,1000
6,0,51,1,61,,,,,,,,1000
7,0,11,1,31,1,,,,,,,1000
8,0,36,1,56,1,,,,,,,1000`));
    expect(r.chunks).toEqual(['01'.repeat(10), '02'.repeat(20), '03'.repeat(10), '04'.repeat(15), '05'.repeat(5)]);
    expect([r.frames, r.missing]).toEqual([[4, 7, 7, 8, 8], 0]); // follow yaml: 4, 7, 5, 8, 6
  });

  it('one retransmission covering two holes: its bytes over both held segments, the second\'s tail after it', () => {
    const r = reading(cap.retransmissionAcrossTwoHoles());
    expect(r.rows).toEqual(lines(`${handshake}
5,0,21,1,31,,,,,,,,1000
6,0,41,1,51,,,,,,,,1000
7,0,11,1,46,1,,,,,,,1000`));
    expect(r.chunks).toEqual(['01'.repeat(10), '02'.repeat(35), '05'.repeat(5)]);
    expect([r.frames, r.missing]).toEqual([[4, 7, 7], 0]); // follow yaml: 4, 7, 6
  });

  it('three overlapping segments in reverse order: the first bytes whole, then each later one\'s tail', () => {
    const r = reading(cap.reverseOverlapping());
    expect(r.rows).toEqual(lines(`1,0,0,0,1,,,,,,,,1000
2,0,0,1,1,,,,,,,,1000
3,0,1,1,1,,,,,,,,1000
4,0,21,1,36,,,,,,,,1000
5,0,11,1,26,1,,,,,,,1000
6,0,1,1,16,1,,,,,,,1000`));
    expect(r.chunks).toEqual(['01'.repeat(15), '02'.repeat(10), '03'.repeat(10)]);
    expect([r.frames, r.missing]).toEqual([[6, 6, 6], 0]); // follow yaml: 6, 5, 4
  });

  it('a longer copy of a held segment gives way to a neighbour that came before it (tshark goes through held segments in arrival order)', () => {
    const r = reading(cap.heldCopyAfterNeighbour());
    expect(r.rows).toEqual(lines(`${handshake}
5,0,21,1,26,,,,,,,,1000
6,0,26,1,31,,,,,,,,1000
7,0,21,1,31,1,,,,,,,1000
8,0,11,1,21,1,,,,,,,1000`));
    // bytes 26-30 are 26-30's (5s), not the copy's (4s)
    expect(r.chunks).toEqual(['01'.repeat(10), '02'.repeat(10), '03'.repeat(5), '05'.repeat(5)]);
    expect([r.frames, r.missing]).toEqual([[4, 8, 8, 8], 0]); // follow yaml: 4, 8, 5, 6
  });

  it('overlapping held segments never filled count their distinct bytes once', () => {
    const r = reading(cap.heldNeverFilled());
    expect(r.rows).toEqual(lines(`${handshake}
5,0,31,1,51,,,,,,,,1000
6,0,21,1,41,1,,,,,,,1000
7,0,21,1,31,1,,,,,,,1000`));
    expect(r.chunks).toEqual(['01'.repeat(10)]);
    // 31-50, 21-40 and 21-30 held: bytes 21-50
    expect([r.frames, r.missing, r.length]).toEqual([[4], 30, 10]);
  });
});
