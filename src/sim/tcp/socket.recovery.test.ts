import { describe, expect, it } from 'vitest';
import { pair, runUntil, write } from '../../../tests/support/tcpWire';

// Loss recovery on a 10 ms wire, hand-checked against RFC 5681 §3.2, RFC 6582 §3.2 (NewReno),
// RFC 6675 (SACK) and RFC 6298 §5 (the timer). SMSS is 1000 bytes; the client writes ten segments
// at once (IW10, RFC 6928); the client's segments are numbered from 1: SYN, ACK, then data 1001…
const bulk = (options: Parameters<typeof pair>[0], bytes = 10_000) => {
  const p = pair(options);
  p.client.socket.connect();
  runUntil(p.queue, 25_000);
  p.client.socket.write(write('bulk', bytes));
  runUntil(p.queue, 30_000_000);
  const data = p.wire.filter((w) => w.side === 'client' && w.seg.reason === 'data');
  return { ...p, data, received: p.server.socket.read() };
};

describe('fast retransmit and fast recovery', () => {
  it('without SACK: resends after exactly three duplicate ACKs, with ssthresh = cwnd = FlightSize/2 (RFC 5681 §3.2)', () => {
    const { client, data } = bulk({ client: { sack: false }, drop: (_s, side, n) => side === 'client' && n === 3 });
    const resent = data.filter((w) => w.seg.retransmission);
    expect(resent).toHaveLength(1);
    expect(resent[0].seg).toMatchObject({ seq: 1001, retransmission: 'fast', sender: { cwndBytes: 5000, ssthreshBytes: 5000, mode: 'fast-recovery' } });
    // Nine segments arrive 10 ms after they left at 25 ms; their duplicate ACKs reach the client at 45 ms.
    expect(resent[0].atUs).toBe(45_000);
    expect(client.notes[0]).toBe('3 duplicate ACKs: fast retransmit of seq 1001; cwnd 5000 bytes');
    expect(client.timers.filter((t) => t.fired)).toEqual([]);
  });

  it('without SACK: a partial ACK resends the next hole at once (RFC 6582 §3.2 step 4), not at the timeout', () => {
    // Segments 1001 and 3001 are lost. The fast retransmit of 1001 brings the partial ACK 3001.
    const { client, data, received } = bulk({ client: { sack: false }, drop: (_s, side, n) => side === 'client' && (n === 3 || n === 5) });
    const resent = data.filter((w) => w.seg.retransmission).map((w) => [w.atUs, w.seg.seq, w.seg.retransmission]);
    expect(resent).toEqual([
      [45_000, 1001, 'fast'],
      [65_000, 3001, 'recovery'], // the partial ACK left the server at 55 ms
    ]);
    expect(client.timers.filter((t) => t.fired)).toEqual([]);
    expect(received.reduce((n, b) => n + b.length, 0)).toBe(10_000);
  });

  it('with SACK: resends the hole once three segments above it are SACKed (RFC 6675 §5, IsLost)', () => {
    const { client, server, data } = bulk({ drop: (_s, side, n) => side === 'client' && n === 4 });
    const dupAcks = server.sent.filter((s) => s.reason === 'dup-ack');
    expect(dupAcks.map((s) => s.sack)).toEqual([
      [[3001, 4001]],
      [[3001, 5001]],
      [[3001, 6001]],
      [[3001, 7001]],
      [[3001, 8001]],
      [[3001, 9001]],
      [[3001, 10001]],
      [[3001, 11001]],
    ]);
    expect(dupAcks.every((s) => s.ack === 2001)).toBe(true);
    const resent = data.filter((w) => w.seg.retransmission);
    expect(resent.map((w) => [w.atUs, w.seg.seq, w.seg.retransmission])).toEqual([[45_000, 2001, 'fast']]);
    // The first segment was acknowledged: FlightSize = 11001 − 2001 = 9000, so cwnd = 4500.
    expect(client.notes[0]).toBe('SACKs show a hole: fast retransmit of seq 2001; cwnd 4500 bytes');
    expect(resent[0].seg.sender).toMatchObject({ cwndBytes: 4500, ssthreshBytes: 4500, mode: 'fast-recovery' });
  });
  it('with SACK: a second hole goes as soon as three segments above it are SACKed, not one round trip later at the partial ACK (RFC 6675 §5 (C))', () => {
    // Segments 1001 and 3001 are lost, as in the NewReno case above; eight duplicate ACKs reach the client at 45 ms.
    // 3rd: 2001, 4001, 5001 SACKed above 1001 → fast retransmit, cwnd = 10 000 / 2 = 5000, pipe 7 segments.
    // 4th: 4001, 5001, 6001 above 3001 → 3001 is lost too (pipe 5 segments, no room yet).
    // 5th: 7001 SACKed, the pipe falls to 4 segments → 3001 goes.
    const { client, server, data, received } = bulk({ drop: (_s, side, n) => side === 'client' && (n === 3 || n === 5) });
    const resent = data.filter((w) => w.seg.retransmission).map((w) => [w.atUs, w.seg.seq, w.seg.retransmission]);
    expect(resent).toEqual([
      [45_000, 1001, 'fast'],
      [45_000, 3001, 'recovery'],
    ]);
    // Both holes filled at 55 ms: the full ACK ends recovery at 65 ms, and nothing is resent twice.
    expect(data.at(-1)).toMatchObject({ atUs: 45_000, seg: { seq: 3001 } });
    expect(server.sent.at(-1)).toMatchObject({ atUs: 55_000, ack: 11_001 });
    expect(client.timers.filter((t) => t.fired)).toEqual([]);
    expect(received.reduce((n, b) => n + b.length, 0)).toBe(10_000);
  });
});

describe('the end of NewReno recovery (RFC 6582 §3.2 step 3, RFC 5681 FlightSize)', () => {
  it('without SACK: after the full ACK the window counts everything not cumulatively acknowledged, even segments duplicate ACKs said arrived', () => {
    // 30 000 bytes. Lost: 1001 and 5001 of the first flight, and 13001, the first new segment sent in recovery.
    // 45 ms: eight duplicate ACKs of 1001. 1st, 2nd: limited transmit (11001, 12001). 3rd: FlightSize 12 000
    //   → cwnd = ssthresh = 6000, recover = 13001, 1001 resent; 4th–8th: five more left the network → 13001, 14001.
    // 55 ms (server): 11001, 12001: duplicates of 1001; 1001 → partial ACK 5001; 14001: a duplicate of 5001.
    // 65 ms: the partial ACK resends 5001 (RFC 6582 step 4), with new data around it up to 18001.
    // 75 ms (server): 15001, 16001: duplicates of 5001; 5001 → ACK 13001; 17001, 18001: duplicates of 13001.
    // 85 ms: ACK 13001 ≥ recover: full. cwnd = min(ssthresh, FlightSize + SMSS) = 6000 with FlightSize
    //   = 19001 − 13001 = 6000 (RFC 5681 §2: sent, not cumulatively acknowledged): no room, although
    //   14001–16001 have arrived (their duplicate ACKs were about the old hole; Linux's
    //   tcp_reset_reno_sack forgets them too). The next two duplicate ACKs are RFC 3042's limited
    //   transmit: one new segment each, 19001 and 20001.
    // 95 ms (server): 19001, 20001: the 3rd and 4th duplicates of 13001 → fast retransmit at 105 ms,
    //   cwnd = FlightSize / 2 = 8000 / 2.
    const p = pair({ client: { sack: false }, drop: (_s, side, n) => side === 'client' && (n === 3 || n === 7 || n === 16) });
    p.client.socket.connect();
    runUntil(p.queue, 25_000);
    p.client.socket.write(write('bulk', 30_000));
    runUntil(p.queue, 106_000);
    const sentAt = (us: number) => p.wire.filter((w) => w.side === 'client' && w.atUs === us).map((w) => [w.seg.seq, w.seg.retransmission]);
    expect(p.wire.filter((w) => w.side === 'client' && w.dropped).map((w) => w.seg.seq)).toEqual([1001, 5001, 13001]);
    expect(p.server.sent.filter((s) => s.atUs === 75_000).map((s) => s.ack)).toEqual([5001, 5001, 13001, 13001, 13001]);
    expect(sentAt(85_000)).toEqual([
      [19001, undefined],
      [20001, undefined],
    ]);
    expect(sentAt(105_000)).toEqual([[13001, 'fast']]);
    expect(p.client.notes).toEqual(['3 duplicate ACKs: fast retransmit of seq 1001; cwnd 6000 bytes', '3 duplicate ACKs: fast retransmit of seq 13001; cwnd 4000 bytes']);
  });
});

describe('a lost segment shorter than SMSS (RFC 6675 §5 (C): it needs only its own length of cwnd − pipe)', () => {
  it('with SACK: the 500-byte hole goes as soon as cwnd − pipe is 500 bytes, not at the partial ACK', () => {
    // IW20. Two writes at 25 ms: 4500 bytes (1001…4001, then 5001 of 500 bytes), then 15 000 (5501…19501).
    // Lost: 1001, 5001 and the tail 12501…19501 (eight segments), so the last SACK leaves cwnd − pipe
    // between 500 and 1000 bytes. 45 ms, the duplicate ACKs of 1001:
    //   3rd (2001…4001 SACKed): FlightSize 19 500 → cwnd = ssthresh = 9750; 1001 resent.
    //     pipe = 1000 (1001 again) + 500 (5001) + 15 000 (5501…19501) = 16 500.
    //   6th (5501…7501 SACKed): three segments above 5001, IsLost: pipe = 1000 + 12 000 = 13 000.
    //   10th, the last (up to 11501): pipe = 1000 + 8000 (the lost tail) = 9000: cwnd − pipe = 750 ≥ 500.
    const p = pair({
      client: { initialWindowSegments: 20 },
      drop: (s, side) => side === 'client' && s.reason === 'data' && !s.retransmission && (s.seq === 1001 || s.seq === 5001 || s.seq >= 12501),
    });
    p.client.socket.connect();
    runUntil(p.queue, 25_000);
    p.client.socket.write(write('head', 4500));
    p.client.socket.write(write('rest', 15_000));
    runUntil(p.queue, 46_000);
    const resent = p.wire.filter((w) => w.side === 'client' && w.seg.retransmission);
    expect(resent.map((w) => [w.atUs, w.seg.seq, w.seg.payload?.bytes.length, w.seg.retransmission])).toEqual([
      [45_000, 1001, 1000, 'fast'],
      [45_000, 5001, 500, 'recovery'],
    ]);
    expect(resent[1].seg.sender).toMatchObject({ cwndBytes: 9750, bytesInFlight: 9500 });
  });
});

describe('new data during fast recovery: what the pipe lets go (RFC 3042, RFC 6675 §5)', () => {
  for (const sack of [false, true]) {
    it(`${sack ? 'with SACK' : 'without SACK'}: one new segment on each of the first two duplicate ACKs, then as many as cwnd − pipe allows`, () => {
      // 30 000 bytes to send, the first segment lost. Nine duplicate ACKs reach the client at 45 ms.
      // 1st, 2nd: limited transmit (RFC 3042) sends 11001 and 12001.
      // 3rd: FlightSize 12 000 → cwnd = ssthresh = 6000; 1001 goes again.
      // 9th: 2001…10001 have arrived (SACKed, or counted by the duplicate ACKs), so the pipe is
      // 1001's resend, 11001 and 12001: three segments, and three new ones fit.
      const p = pair({ client: { sack }, drop: (_s, side, n) => side === 'client' && n === 3 });
      p.client.socket.connect();
      runUntil(p.queue, 25_000);
      p.client.socket.write(write('bulk', 30_000));
      runUntil(p.queue, 46_000);
      const at45 = p.wire.filter((w) => w.side === 'client' && w.atUs === 45_000).map((w) => [w.seg.seq, w.seg.retransmission]);
      expect(at45).toEqual([
        [11001, undefined],
        [12001, undefined],
        [1001, 'fast'],
        [13001, undefined],
        [14001, undefined],
        [15001, undefined],
      ]);
      expect(p.client.notes[0]).toMatch(/fast retransmit of seq 1001; cwnd 6000 bytes$/);
    });
  }
});

describe('the retransmission timer (RFC 6298 §5)', () => {
  it('resends the first unacknowledged segment when no ACK comes, with cwnd one segment (RFC 5681 §3.1) and the RTO doubled', () => {
    // The last of three segments is lost: no duplicate ACKs follow it.
    const { client, data } = bulk({ drop: (_s, side, n) => side === 'client' && n === 5 }, 3000);
    const resent = data.filter((w) => w.seg.retransmission);
    // The handshake measured 20 ms: RTO = max(200 ms, 20 + 4·10) = 200 ms, restarted by the ACK at 45 ms.
    expect(resent.map((w) => [w.atUs, w.seg.seq, w.seg.retransmission])).toEqual([[245_000, 3001, 'timeout']]);
    expect(resent[0].seg.sender).toMatchObject({ cwndBytes: 1000, ssthreshBytes: 2000, mode: 'rto-recovery' });
    expect(client.notes).toEqual(['retransmission timer expired: resending seq 3001, cwnd back to 1 segment, next timeout 0.4 s']);
  });
});

describe('the RTO after the ACK of a retransmitted segment (RFC 6298 §5, Karn)', () => {
  // RFC 6298 §3 (Karn): a retransmitted segment's ACK gives no RTT sample; §5.5 doubled the RTO,
  // and only a new sample may bring it back down (the note after §5.7). So a timer armed after
  // that ACK is still the backed-off one. §5.7: after a resent SYN, the RTO is 3 s until a sample.
  for (const synLost of [false, true]) {
    it(`${synLost ? 'with the SYN resent once' : 'after a plain handshake'}: the next timeout is 2·RTO, not RTO`, () => {
      // Client segments: [SYN, SYN again,] ACK, 1001, 2001, 3001 (lost), 3001 resent, 4001 (lost).
      const base = synLost ? 2 : 1;
      const t0 = synLost ? 1_000_000 : 0; // the SYN that arrives leaves at t0 (the first SYN's RTO is 1 s, §2.1)
      const p = pair({ drop: (_s, side, n) => side === 'client' && (n === base + 4 || n === base + 6 || (synLost && n === 1)) });
      p.client.socket.connect();
      runUntil(p.queue, t0 + 25_000);
      // The SYN-ACK came at t0 + 20 ms. A resent SYN gives no sample: RTO = 3 s (§5.7).
      p.client.socket.write(write('bulk', 3000));
      // 1001 and 2001 are acknowledged at t0 + 45 ms: RTT 20 ms, SRTT 20, RTTVAR 10 (or 7.5 after a
      // first sample from the handshake): RTO = max(200 ms, 20 + 4·RTTVAR) = 200 ms, restarted then.
      // It expires at t0 + 245 ms: 3001 goes again and the RTO doubles to 400 ms (§5.5).
      runUntil(p.queue, t0 + 300_000);
      // 3001's resend is acknowledged at t0 + 265 ms: no sample (Karn), so the RTO stays 400 ms.
      p.client.socket.write(write('more', 1000));
      runUntil(p.queue, t0 + 2_000_000);
      const resent = p.wire.filter((w) => w.side === 'client' && w.seg.retransmission && w.seg.reason === 'data');
      expect(resent.map((w) => [w.atUs - t0, w.seg.seq, w.seg.retransmission])).toEqual([
        [245_000, 3001, 'timeout'],
        [700_000, 4001, 'timeout'], // written at t0 + 300 ms, timer 400 ms
      ]);
      expect(p.client.notes.filter((n) => n.startsWith('retransmission timer'))).toEqual([
        'retransmission timer expired: resending seq 3001, cwnd back to 1 segment, next timeout 0.4 s',
        'retransmission timer expired: resending seq 4001, cwnd back to 1 segment, next timeout 0.8 s',
      ]);
    });
  }
});

describe('flow control (RFC 9293 §3.8.6)', () => {
  it('probes a zero window at RTO, 2·RTO, 4·RTO … and sends as soon as the window opens', () => {
    const p = pair({ server: { receiveBuffer: 2000 } });
    p.client.socket.connect();
    runUntil(p.queue, 25_000);
    p.client.socket.write(write('bulk', 3000));
    runUntil(p.queue, 1_500_000);
    const probes = p.client.sent.filter((s) => s.reason === 'probe');
    // The window closes at 45 ms (the ACK of 2000 bytes); RTO is 200 ms.
    expect(probes.map((s) => [s.atUs, s.seq, s.payload?.bytes.length])).toEqual([
      [245_000, 3001, 1],
      [645_000, 3001, 1],
      [1_445_000, 3001, 1],
    ]);
    expect(p.client.notes).toEqual(Array(3).fill("persist timer: the peer's window is 0; probing it with 1 byte"));
    p.server.socket.read();
    const update = p.server.sent.at(-1)!;
    expect(update).toMatchObject({ reason: 'window-update', window: 2000, ack: 3001 });
    runUntil(p.queue, 1_600_000);
    expect(p.client.sent.at(-1)).toMatchObject({ reason: 'data', seq: 3001, atUs: 1_510_000 });
    expect(p.client.timers.filter((t) => t.kind === 'persist').map((t) => [t.startUs, t.dueUs, t.fired])).toEqual([
      [45_000, 245_000, true],
      [245_000, 645_000, true],
      [645_000, 1_445_000, true],
      [1_445_000, 3_045_000, false],
    ]);
  });
});
