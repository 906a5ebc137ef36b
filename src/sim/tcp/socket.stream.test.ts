import { describe, expect, it } from 'vitest';
import { pair, runUntil, solo, write } from '../../../tests/support/tcpWire';

// Data and closing on a 10 ms wire (tests/support/tcpWire.ts); times and numbers worked by hand
// from RFC 9293 (§3.4 sequence numbers mod 2^32, §3.6 closing, §3.10.7.4 ACK of unsent data)
// and RFC 5681 §4.2 (delayed ACKs).
const concat = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const established = (options: Parameters<typeof pair>[0] = {}) => {
  const p = pair(options);
  p.client.socket.connect();
  while (p.client.socket.state !== 'ESTABLISHED') p.queue.runSome(1); // at 20 ms
  return p;
};

describe('sending a stream', () => {
  it('cuts a write into SMSS segments with PSH, numbered from ISN + 1, and stops the timer on the last ACK', () => {
    const p = established();
    p.client.socket.write(write('req', 2500));
    runUntil(p.queue, 1_000_000);
    const data = p.client.sent.filter((s) => s.reason === 'data');
    expect(data.map((s) => [s.seq, s.ack, s.payload!.bytes.length, s.flags.psh, s.flags.ack, s.flags.fin])).toEqual([
      [1001, 5001, 1000, true, true, false],
      [2001, 5001, 1000, true, true, false],
      [3001, 5001, 500, true, true, false],
    ]);
    expect(data.map((s) => s.payload!.label)).toEqual(['req 1/3', 'req 2/3', 'req 3/3']);
    expect(p.server.sent.filter((s) => s.reason === 'ack').map((s) => s.ack)).toEqual([2001, 3001, 3501]);
    expect(concat(p.server.socket.read())).toEqual(write('x', 2500).data);
    expect(p.server.app).toEqual(['established', 'data', 'data', 'data']);
    // The ACKs reach the client at 40 ms: the first restarts the 200 ms timer, the last stops it.
    expect(p.client.timers.at(-1)).toEqual({ kind: 'retransmission', startUs: 40_000, dueUs: 240_000, endUs: 40_000, fired: false });
    expect(data[0].sender).toEqual({ cwndBytes: 10_000, ssthreshBytes: -1, bytesInFlight: 1000, peerWindowBytes: 65_535, mode: 'slow-start' });
  });

  it('numbers sequence space mod 2^32 across the wrap (RFC 9293 §3.4)', () => {
    const iss = 2 ** 32 - 1500;
    const p = established({ clientIss: iss, serverIss: 2 ** 32 - 1 });
    p.client.socket.write(write('req', 2500));
    runUntil(p.queue, 1_000_000);
    expect(p.client.sent[0].seq).toBe(iss);
    expect(p.client.sent.filter((s) => s.reason === 'data').map((s) => s.seq)).toEqual([iss + 1, iss + 1001, 501]);
    expect(p.server.sent.filter((s) => s.reason === 'ack').map((s) => s.ack)).toEqual([iss + 1001, 501, 1001]);
    expect(p.server.sent.map((s) => s.seq)).toEqual([2 ** 32 - 1, 0, 0, 0]);
    expect(p.client.sent.filter((s) => s.reason === 'data').every((s) => s.ack === 0)).toBe(true);
    expect(concat(p.server.socket.read())).toEqual(write('x', 2500).data);
    expect(p.client.timers.filter((t) => t.fired)).toEqual([]);
  });

  it('opens with ten segments (RFC 6928) and grows by what each ACK acknowledges in slow start', () => {
    const p = established();
    p.client.socket.write(write('bulk', 30_000));
    runUntil(p.queue, 40_000);
    expect(p.client.sent.filter((s) => s.reason === 'data')).toHaveLength(10);
    runUntil(p.queue, 1_000_000);
    const data = p.client.sent.filter((s) => s.reason === 'data');
    expect(data[10]).toMatchObject({ atUs: 40_000, sender: { cwndBytes: 11_000, mode: 'slow-start' } });
    expect(data).toHaveLength(30);
    expect(data.at(-1)!.sender!.cwndBytes).toBe(20_000); // 10 000 + 10 ACKs × 1000
  });
});

describe('acknowledging (RFC 5681 §4.2, RFC 9293 §3.10.7.4)', () => {
  it('delays the ACK of a lone segment by 40 ms (Linux TCP_DELACK_MIN)', () => {
    const p = established({ server: { delayedAck: true } });
    p.client.socket.write(write('req', 500));
    runUntil(p.queue, 1_000_000);
    const acks = p.server.sent.filter((s) => s.reason === 'ack');
    expect(acks.map((s) => [s.atUs, s.ack])).toEqual([[70_000, 1501]]); // arrived at 30 ms
    expect(p.server.timers.filter((t) => t.kind === 'delayed-ack')).toEqual([{ kind: 'delayed-ack', startUs: 30_000, dueUs: 70_000, endUs: 70_000, fired: true }]);
  });

  it('acknowledges every second full segment at once', () => {
    const p = established({ server: { delayedAck: true } });
    p.client.socket.write(write('req', 4000));
    runUntil(p.queue, 1_000_000);
    const acks = p.server.sent.filter((s) => s.reason === 'ack');
    expect(acks.map((s) => [s.atUs, s.ack])).toEqual([
      [30_000, 3001],
      [30_000, 5001],
    ]);
    expect(p.server.timers.filter((t) => t.fired)).toEqual([]);
  });

  it('acknowledges out-of-order data at once, with SACK, even with delayed ACKs', () => {
    const p = established({ server: { delayedAck: true }, drop: (_s, side, n) => side === 'client' && n === 3 });
    p.client.socket.write(write('req', 2000));
    runUntil(p.queue, 35_000);
    expect(p.server.sent.at(-1)).toMatchObject({ atUs: 30_000, reason: 'dup-ack', ack: 1001, sack: [[2001, 3001]] });
  });

  it('answers an ACK of data never sent with an ACK and otherwise ignores it', () => {
    const { ep, socket, from } = solo();
    socket.connect();
    from({ seq: 9000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1460, windowScale: 0, sackPermitted: true } });
    socket.write(write('req', 100));
    from({ seq: 9001, ack: 1001 + 5000, flags: { ack: true } });
    expect(ep.sent.at(-1)).toMatchObject({ reason: 'ack', seq: 1101, ack: 9001 });
    from({ seq: 9001, ack: 1101, flags: { ack: true } });
    expect(ep.timers.at(-1)).toMatchObject({ kind: 'retransmission', fired: false, endUs: 0 });
  });

  it('answers data with an ACK that carries its window, and reopens it when the application reads', () => {
    const { ep, socket, from } = solo({ receiveBuffer: 3000 });
    socket.connect();
    from({ seq: 9000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1460, windowScale: 0, sackPermitted: true } });
    from({ seq: 9001, ack: 1001, flags: { ack: true, psh: true }, payload: new Uint8Array(2500) });
    expect(ep.sent.at(-1)).toMatchObject({ reason: 'ack', ack: 11501, window: 500 });
    expect(ep.app).toEqual(['established', 'data']);
    expect(socket.unreadBytes).toBe(2500);
    expect(socket.read(100).reduce((n, b) => n + b.length, 0)).toBe(100);
    expect(ep.sent).toHaveLength(3); // 600 free: less than a segment, no update yet
    socket.read();
    expect(ep.sent.at(-1)).toMatchObject({ reason: 'window-update', window: 3000, ack: 11501 });
  });

  it('is reset by a RST once established: CLOSED, and nothing is resent', () => {
    const { ep, socket, from, after } = solo();
    socket.connect();
    from({ seq: 9000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1460, windowScale: 0, sackPermitted: true } });
    socket.write(write('req', 100));
    const id = from({ seq: 9001, flags: { rst: true } });
    expect(ep.transitions.at(-1)).toEqual(['ESTABLISHED', 'CLOSED', id]);
    expect(ep.app).toEqual(['established', 'closed']);
    const before = ep.sent.length;
    after(10_000_000);
    expect(ep.sent).toHaveLength(before);
  });
});

describe('closing (RFC 9293 §3.6)', () => {
  it('closes actively through FIN_WAIT_1, FIN_WAIT_2 and TIME_WAIT; the peer passively through CLOSE_WAIT and LAST_ACK', () => {
    const p = established();
    p.client.socket.write(write('req', 100));
    p.client.socket.close();
    expect(() => p.client.socket.write(write('late', 1))).toThrow('TCP: write after close');
    runUntil(p.queue, 50_000);
    p.server.socket.close();
    runUntil(p.queue, 2_000_000);
    expect(p.client.sent[2]).toMatchObject({ seq: 1001, flags: { fin: false, psh: true, ack: true }, reason: 'data', stateAfter: 'ESTABLISHED' });
    expect(p.client.sent[3]).toMatchObject({ seq: 1101, flags: { fin: true, psh: false, ack: true }, reason: 'fin', stateAfter: 'FIN_WAIT_1' });
    expect(p.server.sent.slice(1, 3).map((s) => [s.ack, s.reason, s.stateAfter])).toEqual([
      [1101, 'ack', 'ESTABLISHED'],
      [1102, 'ack', 'CLOSE_WAIT'],
    ]);
    expect(p.server.sent[3]).toMatchObject({ atUs: 50_000, seq: 5001, ack: 1102, flags: { fin: true, psh: false, ack: true }, reason: 'fin', stateAfter: 'LAST_ACK', payload: undefined });
    expect(p.client.sent[4]).toMatchObject({ atUs: 60_000, seq: 1102, ack: 5002, reason: 'ack', stateAfter: 'TIME_WAIT' });
    expect(p.client.states()).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
    expect(p.server.states()).toEqual(['SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    expect(p.client.transitions[2][2]).toBe(4); // named by the FIN's packet
    expect(p.client.timers.at(-1)).toEqual({ kind: 'time-wait', startUs: 60_000, dueUs: 1_060_000, endUs: 1_060_000, fired: true });
    expect(p.client.notes).toEqual(['TIME_WAIT timer (1 s) expired: no stray segment can arrive any more']);
    expect(p.client.app).toEqual(['established', 'peer-closed', 'closed']);
    expect(p.server.app.slice(0, 2)).toEqual(['established', 'data']);
    expect(p.server.app.slice(-2)).toEqual(['peer-closed', 'closed']);
    expect(p.server.timers.filter((t) => t.fired)).toEqual([]);
  });

  it('puts the FIN on the last data segment when data still waits for the window at close', () => {
    const p = established();
    p.client.socket.write(write('req', 10_500));
    p.client.socket.close();
    runUntil(p.queue, 5_000_000);
    const last = p.client.sent.filter((s) => s.reason === 'data').at(-1)!;
    expect(last).toMatchObject({ seq: 11001, flags: { fin: true, psh: true }, stateAfter: 'FIN_WAIT_1' });
    expect(last.payload!.bytes.length).toBe(500);
    expect(p.client.sent.filter((s) => s.reason === 'fin')).toEqual([]);
    expect(p.server.socket.state).toBe('CLOSE_WAIT');
    expect(p.client.socket.state).toBe('FIN_WAIT_2');
  });

  it('sends a FIN alone when nothing is left to send, and names a fractional 2·MSL in tenths', () => {
    const p = established({ client: { timeWaitUs: 1_500_000 } });
    p.client.socket.close();
    runUntil(p.queue, 30_000);
    p.server.socket.close();
    runUntil(p.queue, 5_000_000);
    expect(p.client.sent[2]).toMatchObject({ seq: 1001, flags: { fin: true, psh: false }, reason: 'fin', payload: undefined, stateAfter: 'FIN_WAIT_1' });
    expect(p.client.notes).toEqual(['TIME_WAIT timer (1.5 s) expired: no stray segment can arrive any more']);
    expect(p.client.socket.state).toBe('CLOSED');
  });

  it('closes simultaneously through CLOSING on both sides (RFC 9293 §3.6 case 2)', () => {
    const p = established();
    runUntil(p.queue, 30_000);
    p.client.socket.close();
    p.server.socket.close();
    runUntil(p.queue, 5_000_000);
    const closing = ['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT', 'CLOSED'];
    expect(p.client.states()).toEqual(['SYN_SENT', 'ESTABLISHED', ...closing]);
    expect(p.server.states()).toEqual(['SYN_RCVD', 'ESTABLISHED', ...closing]);
  });

  it('resends a lost FIN on the timer, and closes when it is acknowledged', () => {
    const p = established({ drop: (s, side) => side === 'client' && s.flags.fin && !s.retransmission });
    p.client.socket.close();
    runUntil(p.queue, 5_000_000);
    const fins = p.client.sent.filter((s) => s.flags.fin);
    expect(fins.map((s) => [s.atUs, s.seq, s.retransmission])).toEqual([
      [20_000, 1001, undefined],
      [220_000, 1001, 'timeout'],
    ]);
    expect(p.client.socket.state).toBe('FIN_WAIT_2');
    expect(p.server.socket.state).toBe('CLOSE_WAIT');
  });
});
