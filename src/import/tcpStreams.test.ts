import { describe, expect, it } from 'vitest';
import { openCapture } from './openCapture';
import { analysisEdges, capture, lossyBody as body, lossyDownload, tcpPacket } from './testCaptures';

const C = '192.0.2.1';
const S = '192.0.2.2';



describe('TCP reassembly and analysis', () => {
  it('puts the bytes back together in order despite loss, reordering and overlap', () => {
    const opened = openCapture(capture(lossyDownload()));
    if (!opened.ok) throw new Error(opened.error);
    const [stream] = opened.value.tcpStreams;
    expect(stream.data[1].bytes).toEqual(body);
    expect(stream.data[1].missingBytes).toBe(0);
    // The bytes after the hole became readable with the retransmission (frame index 10).
    expect(stream.data[1].runs.filter((r) => r.offset >= 1000).map((r) => r.frame)).toEqual([10, 10, 10, 10]);
    expect(stream.data[0].bytes).toHaveLength(0);
  });

  it('flags retransmissions, duplicate ACKs and zero windows where tshark does (its reading recorded)', () => {
    // tshark 4.0.17 on this capture: -e frame.number -e tcp.analysis.retransmission -e tcp.analysis.fast_retransmission
    // -e tcp.analysis.duplicate_ack_num -e tcp.analysis.zero_window -e tcp.seq -e tcp.ack -e tcp.analysis.out_of_order
    // -e tcp.analysis.window_update -e tcp.analysis.keep_alive (tcpStreams.tshark.test.ts asks tshark itself).
    const TSHARK = `1,,,,,0,0,,,
2,,,,,0,1,,,
3,,,,,1,1,,,
4,,,,,1,1,,,
5,,,,,2001,1,,,
6,,,,,1,1001,,,
7,,,,,3001,1,,,
8,,,1,,1,1001,,,
9,,,,,4001,1,,,
10,,,2,,1,1001,,,
11,1,1,,,1001,1,,,
12,1,,,,1501,1,,,
13,,,,,1,5001,,,
14,,,,1,1,5001,,,
15,,,,,5001,1,,,`;
    const opened = openCapture(capture(lossyDownload()));
    if (!opened.ok) throw new Error(opened.error);
    const ours = opened.value.frames.map((_, i) => {
      const s = opened.value.segments.get(i)!;
      return [String(i + 1), s.retransmission ? '1' : '', s.retransmission === 'fast' ? '1' : '', s.duplicateAck ? String(s.duplicateAck) : '', s.zeroWindow ? '1' : '', String(s.relSeq), String(s.relAck), s.outOfOrder ? '1' : '', s.windowUpdate ? '1' : '', s.keepAlive ? '1' : ''].join(',');
    });
    expect(ours).toEqual(TSHARK.split('\n'));
  });

  it('out of order within the handshake round trip (not at exactly that time after the highest), window update, duplicate ACK, keep-alives, FIN then RST, the pair reused: as tshark reads them (recorded)', () => {
    // tshark 4.0.17 on analysisEdges(): -e frame.number -e tcp.stream -e tcp.seq -e tcp.ack -e tcp.analysis.retransmission
    // -e tcp.analysis.fast_retransmission -e tcp.analysis.out_of_order -e tcp.analysis.duplicate_ack_num
    // -e tcp.analysis.window_update -e tcp.analysis.keep_alive -e tcp.analysis.zero_window (and tcp.analysis.initial_rtt 0.002)
    const TSHARK = `1,0,0,0,,,,,,,
2,0,0,1,,,,,,,
3,0,1,1,,,,,,,
4,0,1,1,,,,,,,
5,0,201,1,,,,,,,
6,0,101,1,,,1,,,,
7,0,151,1,,,1,,,,
8,0,101,1,1,,,,,,
9,0,1,301,,,,,,,
10,0,1,301,,,,,1,,
11,0,1,301,,,,1,,,
12,0,0,301,,,,,,1,
13,0,0,301,,,,,,1,
14,0,301,1,,,,,,,
15,0,301,1,1,,,,,,
16,0,1,351,,,,,,,
17,0,351,2,,,,,,,
18,1,0,0,,,,,,,`;
    const opened = openCapture(analysisEdges());
    if (!opened.ok) throw new Error(opened.error);
    const ours = opened.value.frames.map((_, i) => {
      const s = opened.value.segments.get(i)!;
      return [i + 1, s.stream, s.relSeq, s.relAck, s.retransmission ? 1 : '', s.retransmission === 'fast' ? 1 : '', s.outOfOrder ? 1 : '', s.duplicateAck ?? '', s.windowUpdate ? 1 : '', s.keepAlive ? 1 : '', s.zeroWindow ? 1 : ''].join(',');
    });
    expect(ours).toEqual(TSHARK.split('\n'));
    // the server's bytes in stream order (1, 3, 4 then 2 overlapping), the client's keep-alive byte not among its data
    const [stream] = opened.value.tcpStreams;
    expect([...stream.data[1].bytes.subarray(0, 300)].map((b, i) => (i % 50 === 0 ? b : 0)).filter(Boolean)).toEqual([1, 1, 3, 3, 2, 2]);
    expect(stream.data[1].bytes).toHaveLength(350);
    expect(stream.data[0].bytes).toHaveLength(0);
  });

  it('a reused address/port pair after FIN becomes a new stream; a capture that starts mid-connection still numbers from 1', () => {
    const one = [tcpPacket(C, S, 40000, 80, 100, 0, { syn: true }), tcpPacket(S, C, 80, 40000, 500, 101, { syn: true, ack: true }), tcpPacket(C, S, 40000, 80, 101, 501, { fin: true, ack: true }), tcpPacket(S, C, 80, 40000, 501, 102, { fin: true, ack: true })];
    const two = [tcpPacket(C, S, 40000, 80, 9000, 0, { syn: true })];
    const mid = [tcpPacket(C, S, 40001, 80, 7777, 1, { ack: true }, Uint8Array.of(1, 2, 3))];
    const opened = openCapture(capture([...one, ...two, ...mid]));
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.tcpStreams.map((s) => s.frames.length)).toEqual([4, 1, 1]);
    expect(opened.value.segments.get(5)?.relSeq).toBe(1);
  });
});
