import { describe, expect, it } from 'vitest';
import { pair, runUntil, solo, write } from '../../../tests/support/tcpWire';

// One socket at a time, its peer played by hand (tests/support/tcpWire.ts): the expected segments
// are RFC 9293's (§3.5 three-way handshake, §3.10.7), RFC 6298's (timer values) and Linux's where
// the RFC leaves a choice (tcp_syn_retries, the ACK of a SYN-ACK at once).
const ACK = { ack: true };

describe('opening a connection (RFC 9293 §3.5)', () => {
  it('sends a SYN with its ISN, its window and options, and arms the SYN timer at 1 s (RFC 6298 §2.1)', () => {
    const { ep, socket } = solo({ receiveBuffer: 100_000, windowScale: 7 });
    socket.connect();
    expect(ep.sent).toHaveLength(1);
    expect(ep.sent[0]).toMatchObject({
      seq: 1000,
      ack: 0,
      flags: { syn: true, ack: false, fin: false, psh: false, rst: false },
      window: 65535, // the SYN's window is never scaled (RFC 7323 §2.2)
      reason: 'syn',
      retransmission: undefined,
      synOptions: { mss: 1012, windowScale: 7, sackPermitted: true },
      stateAfter: 'SYN_SENT',
    });
    expect(ep.transitions).toEqual([['CLOSED', 'SYN_SENT', undefined]]);
    expect(socket.state).toBe('SYN_SENT');
  });

  it('offers its whole buffer in the SYN when it is smaller than 64 KiB', () => {
    const { ep, socket } = solo({ receiveBuffer: 4000 });
    socket.connect();
    expect(ep.sent[0].window).toBe(4000);
  });

  it('ignores in SYN_SENT what is not a SYN-ACK of its SYN', () => {
    const { ep, socket, from } = solo();
    socket.connect();
    from({ seq: 9000, ack: 1001, flags: ACK }); // no SYN
    from({ seq: 9000, flags: { syn: true } }); // no ACK: simultaneous open, not modelled
    from({ seq: 9000, ack: 1002, flags: { syn: true, ack: true } }); // acknowledges more than the SYN
    from({ seq: 9000, ack: 1000, flags: { syn: true, ack: true } }); // acknowledges less
    expect(socket.state).toBe('SYN_SENT');
    expect(ep.sent).toHaveLength(1);
  });

  it('on the SYN-ACK: ESTABLISHED, the ACK at once (Linux), the SYN timer stopped', () => {
    const { ep, socket, from, after } = solo();
    socket.connect();
    after(30_000);
    const id = from({ seq: 9000, ack: 1001, flags: { syn: true, ack: true }, window: 30_000, synOptions: { mss: 1460, windowScale: 0, sackPermitted: true } });
    expect(socket.state).toBe('ESTABLISHED');
    expect(ep.transitions.at(-1)).toEqual(['SYN_SENT', 'ESTABLISHED', id]);
    expect(ep.app).toEqual(['established']);
    expect(ep.sent[1]).toMatchObject({ seq: 1001, ack: 9001, flags: { syn: false, ack: true, fin: false, psh: false, rst: false }, reason: 'ack-of-syn', stateAfter: 'ESTABLISHED' });
    expect(ep.timers).toEqual([{ kind: 'syn', startUs: 0, dueUs: 1_000_000, endUs: 30_000, fired: false }]);
    after(5_000_000);
    expect(ep.sent).toHaveLength(2); // nothing resent
  });

  it('times its first data with the RTT the SYN measured: 30 ms → RTO max(200 ms, 30 + 4·15) (RFC 6298 §2.2)', () => {
    const { ep, socket, from, after } = solo();
    socket.connect();
    after(30_000);
    from({ seq: 9000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1460, windowScale: 0, sackPermitted: true } });
    socket.write(write('req', 100));
    expect(ep.timers).toHaveLength(1);
    after(1_000_000);
    const data = ep.timers.filter((t) => t.kind === 'retransmission');
    expect(data[0]).toMatchObject({ startUs: 30_000, dueUs: 230_000, fired: true });
  });

  it('resends the SYN at 1 s, 3 s, … and gives up after synRetries, closing (RFC 6298 §5.5, Linux tcp_syn_retries)', () => {
    const { ep, socket, after } = solo({ synRetries: 2 });
    socket.connect();
    after(20_000_000);
    expect(ep.sent.map((s) => [s.atUs, s.reason, s.retransmission])).toEqual([
      [0, 'syn', undefined],
      [1_000_000, 'syn', 'timeout'],
      [3_000_000, 'syn', 'timeout'],
    ]);
    expect(ep.notes).toEqual([
      'SYN retransmission timer expired: sending it again, next timeout 2 s',
      'SYN retransmission timer expired: sending it again, next timeout 4 s',
      'connection attempt gave up after 2 retransmissions',
    ]);
    expect(ep.timers.map((t) => [t.kind, t.startUs, t.dueUs, t.fired])).toEqual([
      ['syn', 0, 1_000_000, true],
      ['syn', 1_000_000, 3_000_000, true],
      ['syn', 3_000_000, 7_000_000, true],
    ]);
    expect(socket.state).toBe('CLOSED');
    expect(ep.transitions.at(-1)).toEqual(['SYN_SENT', 'CLOSED', undefined]);
    expect(ep.app).toEqual(['closed']);
  });

  it("after a resent SYN, starts data with a 3 s timer, as nothing was measured (RFC 6298 §5.7, Karn's rule)", () => {
    const { ep, socket, from, after } = solo();
    socket.connect();
    after(1_100_000);
    from({ seq: 9000, ack: 1001, flags: { syn: true, ack: true }, synOptions: { mss: 1460, windowScale: 0, sackPermitted: true } });
    socket.write(write('req', 100));
    const t = ep.timers.at(-1)!;
    expect(ep.timers.filter((x) => x.kind === 'retransmission')).toEqual([]);
    after(10_000_000);
    const data = ep.timers.find((x) => x.kind === 'retransmission')!;
    expect(data.dueUs - data.startUs).toBe(3_000_000);
    expect(t.kind).toBe('syn');
  });

  it('is reset in SYN_SENT by a RST, and ignores a RST while CLOSED', () => {
    const { ep, socket, from } = solo();
    from({ seq: 1, flags: { rst: true } });
    expect(ep.transitions).toEqual([]);
    socket.connect();
    const id = from({ seq: 9000, ack: 1001, flags: { rst: true, ack: true } });
    expect(socket.state).toBe('CLOSED');
    expect(ep.transitions.at(-1)).toEqual(['SYN_SENT', 'CLOSED', id]);
    expect(ep.app).toEqual(['closed']);
  });
});

describe('accepting a connection (RFC 9293 §3.5)', () => {
  const syn = { seq: 9000, flags: { syn: true }, window: 20_000, synOptions: { mss: 1460, windowScale: 0, sackPermitted: true } };

  it('ignores a RST and anything but a SYN in LISTEN', () => {
    const { ep, socket, from } = solo({}, 'LISTEN', 5000);
    from({ seq: 9000, flags: { rst: true } });
    from({ seq: 9000, ack: 5001, flags: ACK });
    expect(socket.state).toBe('LISTEN');
    expect(ep.sent).toEqual([]);
  });

  it('answers a SYN with a SYN-ACK of its ISN + 1, and is established by the ACK', () => {
    const { ep, socket, from, after } = solo({}, 'LISTEN', 5000);
    const synId = from(syn);
    expect(ep.transitions).toEqual([['LISTEN', 'SYN_RCVD', synId]]);
    expect(ep.sent[0]).toMatchObject({ seq: 5000, ack: 9001, flags: { syn: true, ack: true, fin: false, psh: false, rst: false }, reason: 'syn-ack', window: 65535, stateAfter: 'SYN_RCVD' });
    socket.write(write('early', 10)); // nothing leaves before the handshake ends
    expect(ep.sent).toHaveLength(1);
    after(40_000);
    const ackId = from({ seq: 9001, ack: 5001, flags: ACK, window: 20_000 });
    expect(ep.transitions.at(-1)).toEqual(['SYN_RCVD', 'ESTABLISHED', ackId]);
    expect(ep.app).toEqual(['established']);
    expect(ep.sent[1]).toMatchObject({ seq: 5001, ack: 9001, reason: 'data', payload: { label: 'early' } });
    // The SYN-ACK's RTT (40 ms) times the data: max(200 ms, 40 + 4·20) = 200 ms.
    after(1_000_000);
    expect(ep.timers.find((t) => t.kind === 'retransmission')).toMatchObject({ startUs: 40_000, dueUs: 240_000 });
  });

  it("resends the SYN-ACK when the SYN comes again, and then does not time it (Karn's rule, RFC 6298 §3)", () => {
    const { ep, socket, from, after } = solo({}, 'LISTEN', 5000);
    from(syn);
    after(50_000);
    from(syn);
    expect(ep.sent[1]).toMatchObject({ reason: 'syn-ack', retransmission: 'timeout', seq: 5000, ack: 9001 });
    after(50_000);
    from({ seq: 9001, ack: 5001, flags: ACK });
    socket.write(write('data', 10));
    after(2_000_000);
    // No sample: the initial RTO of 1 s (§2.1), not one from a 100 ms "RTT".
    expect(ep.timers.find((t) => t.kind === 'retransmission')).toMatchObject({ startUs: 100_000, dueUs: 1_100_000 });
  });

  it('acknowledges a SYN that comes again once established', () => {
    const { ep, from } = solo({}, 'LISTEN', 5000);
    from(syn);
    from({ seq: 9001, ack: 5001, flags: ACK });
    from(syn);
    expect(ep.sent.at(-1)).toMatchObject({ reason: 'ack', seq: 5001, ack: 9001, flags: { syn: false, ack: true } });
  });

  it('resends its SYN-ACK on the SYN timer (a SYN-ACK retransmission)', () => {
    const { ep, after, from } = solo({}, 'LISTEN', 5000);
    from(syn);
    after(1_000_000);
    expect(ep.sent.map((s) => [s.atUs, s.reason, s.retransmission])).toEqual([
      [0, 'syn-ack', undefined],
      [1_000_000, 'syn-ack', 'timeout'],
    ]);
    expect(ep.notes).toEqual(['SYN-ACK retransmission timer expired: sending it again, next timeout 2 s']);
  });
});

describe('SACK is used only when both sides offer it (RFC 2018 §2)', () => {
  const sackOf = (client: boolean, server: boolean) => {
    const { client: c, server: s, queue } = pair({ client: { sack: client }, server: { sack: server }, drop: (_seg, side, n) => side === 'client' && n === 3 });
    c.socket.connect();
    runUntil(queue, 25_000);
    expect(c.socket.state).toBe('ESTABLISHED');
    c.socket.write(writeOf(3000));
    queue.run();
    return s.sent.filter((x) => x.sack).length;
  };
  const writeOf = (n: number) => write('req', n);

  it('sends SACK blocks when both offer it, none otherwise', () => {
    expect(sackOf(true, true)).toBeGreaterThan(0);
    expect(sackOf(true, false)).toBe(0);
    expect(sackOf(false, true)).toBe(0);
  });
});
