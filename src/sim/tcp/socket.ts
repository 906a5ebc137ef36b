import type { EventQueue } from '../core/eventQueue';
import type { Phase, SenderView, TcpFlags, TcpState } from '../types';
import { Receiver } from './receiver';
import { RtoEstimator } from './rto';
import { Congestion } from './congestion';
import { DUP_THRESHOLD, Scoreboard, type Sent } from './scoreboard';
import { SendStream, type StreamWrite } from './sendStream';
import { nextTcpState, type TcpInput } from './stateMachine';
import { fmtS, SocketTimers } from './timers';

import type { IncomingSegment, OutSegment, SegmentReason, TcpConfig, TcpHooks } from './socketTypes';

export type { IncomingSegment, OutSegment, SegmentReason, TcpConfig, TcpHooks };

const NO_FLAGS: TcpFlags = { syn: false, ack: false, fin: false, psh: false, rst: false };

/**
 * One TCP connection endpoint (RFC 9293) with the loss recovery and congestion control
 * of RFC 5681/6582 (NewReno) and RFC 6675 (SACK), the retransmission timer of RFC 6298,
 * flow control with window scaling (RFC 7323), persist probes and delayed ACKs.
 * Offsets count sequence space from the ISN (SYN = 0, first data byte = 1).
 */
export class TcpSocket {
  state: TcpState;
  phase: Phase = 'tcp';
  readonly smss: number;
  private readonly stream: SendStream;
  private readonly receiver: Receiver;
  private readonly rto: RtoEstimator;
  private readonly timers: SocketTimers;
  private irs = 0;
  /** SND.UNA, SND.NXT as offsets. */
  private una = 0;
  private nxt = 0;
  private readonly scoreboard: Scoreboard;
  private finSent = false;
  private finQueued = false;
  private peerWindow: number;
  private wl1 = -1;
  private wl2 = -1;
  private readonly congestion: Congestion;
  private dupAcks = 0;
  private sackOk: boolean;
  private synTries = 0;
  private ackPending = false;
  private segmentsSinceAck = 0;

  constructor(
    private readonly queue: EventQueue,
    private readonly config: TcpConfig,
    private readonly iss: number,
    initial: 'CLOSED' | 'LISTEN',
    private readonly hooks: TcpHooks,
  ) {
    this.state = initial;
    this.smss = config.mss - 12;
    this.stream = new SendStream(this.smss);
    this.receiver = new Receiver(config.receiveBuffer, config.windowScale);
    this.rto = new RtoEstimator({ minRtoUs: config.minRtoUs });
    this.scoreboard = new Scoreboard(this.smss);
    this.congestion = new Congestion(this.smss, config.initialWindowSegments);
    this.peerWindow = this.smss;
    this.sackOk = config.sack;
    this.timers = new SocketTimers(queue, config.timeWaitUs, hooks, {
      retransmission: () => this.onRetransmissionTimeout(),
      persist: () => this.onPersist(),
      delayedAck: () => this.sendAck('ack'),
      timeWait: () => this.move('timeout-2msl'),
    });
  }

  // ── The application's side ─────────────────────────────────────────────

  connect(): void {
    this.move('active-open');
    this.sendSyn(false);
  }

  write(w: StreamWrite): void {
    if (this.finQueued) throw new Error('TCP: write after close');
    this.stream.append(w);
    this.output();
  }

  close(): void {
    this.finQueued = true;
    this.output();
  }

  read(max?: number): Uint8Array[] {
    const out = this.receiver.read(max);
    const after = this.receiver.window();
    // Window update (RFC 9293 §3.8.6.2.2): tell the peer once the window has opened by a
    // full segment, from a window it may have seen as too small to use.
    if (out.length && this.receiver.lastOffered < this.smss && after >= this.smss && this.isSynchronized()) this.sendAck('window-update');
    return out;
  }

  get unreadBytes(): number {
    return this.receiver.unreadBytes;
  }

  // ── Segments from the peer ─────────────────────────────────────────────

  receive(seg: IncomingSegment, packetId: number): void {
    if (seg.flags.rst) {
      if (this.state !== 'LISTEN' && this.state !== 'CLOSED') this.abort(packetId);
      return;
    }
    if (this.state === 'LISTEN') {
      if (!seg.flags.syn) return;
      this.takePeerSyn(seg);
      this.move('rcv-syn', packetId);
      this.sendSyn(false);
      return;
    }
    if (this.state === 'SYN_SENT') {
      if (!(seg.flags.syn && seg.flags.ack)) return;
      if (this.offsetOfOurs(seg.ack) !== 1) return;
      this.takePeerSyn(seg);
      this.timers.stopRetransmission();
      this.ackedUpTo(1);
      this.move('rcv-syn-ack', packetId);
      // Linux acknowledges a SYN-ACK at once, before the application writes (tcp_rcv_synsent_state_process).
      this.sendAck('ack-of-syn');
      this.hooks.onEstablished?.();
      // Data written in SYN_SENT was queued for ESTABLISHED (RFC 9293 §3.10.2).
      this.output();
      return;
    }
    if (this.state === 'CLOSED') return;
    if (seg.flags.syn) {
      // Our SYN-ACK's acknowledgment was lost and the peer resent its SYN, or the peer
      // resent its SYN-ACK: acknowledge again.
      if (this.state === 'SYN_RCVD') {
        this.scoreboard.first!.transmissions++; // a resent SYN-ACK is never timed (Karn)
        this.sendSyn(true);
      }
      else this.sendAck('ack');
      return;
    }
    if (seg.flags.ack) this.onAck(seg, packetId);
    if (this.closed) return;
    const start = this.offsetOfPeers(seg.seq);
    if (seg.payload.length || seg.flags.fin) this.onData(start, seg, packetId);
    this.flushAck();
  }

  /** The peer's ISN, its first window, and SACK if both sides offered it (RFC 2018 §2). */
  private takePeerSyn(seg: IncomingSegment): void {
    this.irs = seg.seq;
    this.receiver.nxt = 1;
    this.sackOk = this.config.sack && !!seg.synOptions?.sackPermitted;
    this.peerWindow = seg.window;
  }

  // ── Sending ────────────────────────────────────────────────────────────

  private sendSyn(retransmission: boolean): void {
    const withAck = this.state === 'SYN_RCVD';
    if (!retransmission) this.scoreboard.startWith({ start: 0, end: 1, sentUs: this.queue.nowUs, transmissions: 1, sacked: false, lost: false, resent: false, syn: true, fin: false });
    this.nxt = 1;
    const window = Math.min(65535, this.config.receiveBuffer);
    this.receiver.offered(window);
    this.emit({
      seq: this.iss,
      ack: withAck ? this.seqOfPeers(1) : 0,
      flags: { ...NO_FLAGS, syn: true, ack: withAck },
      window,
      reason: withAck ? 'syn-ack' : 'syn',
      retransmission: retransmission ? 'timeout' : undefined,
      synOptions: { mss: this.config.mss, windowScale: this.config.windowScale, sackPermitted: this.config.sack },
    });
    this.timers.startRetransmission(this.rto.rtoUs, 'syn');
  }

  /** Sends what the windows allow: lost segments first, then new data, then the FIN. */
  private output(): void {
    if (!this.isSynchronized() || this.state === 'SYN_RCVD') return;
    for (let guard = 0; guard < 100_000; guard++) {
      const lost = this.scoreboard.nextLost();
      if (lost && this.congestion.cwnd - this.pipe() >= Math.min(this.smss, lost.end - lost.start)) {
        this.retransmit(lost, 'recovery');
        continue;
      }
      if (!this.sendNew()) break;
    }
    if (this.ackPending) this.flushAck();
  }

  private sendNew(): boolean {
    const dataEnd = 1 + this.stream.length;
    const unsent = dataEnd - this.nxt;
    const finToSend = this.finQueued && this.nxt === dataEnd && !this.finSent;
    if (unsent <= 0 && !finToSend) return false;
    const flowRoom = this.una + this.peerWindow - this.nxt;
    const cwndRoom = this.congestion.cwnd - this.pipe();
    if (unsent > 0) {
      const room = Math.min(flowRoom, cwndRoom);
      let len = Math.min(unsent, this.smss);
      // Sender-side silly-window avoidance (RFC 9293 §3.8.6.2.1): no tiny slivers.
      if (room < len) {
        // Nothing in flight means no ACK will come to open the window: the persist timer must.
        if (this.una === this.nxt) this.timers.armPersist(this.rto.rtoUs);
        return false;
      }
      len = Math.min(len, room);
      const fin = this.finQueued && this.nxt + len === dataEnd;
      this.transmitNew(len, fin);
      return true;
    }
    // A FIN alone carries no data: it goes whatever the windows (Linux's tcp_cwnd_test is not strict
    // about the final FIN either).
    this.transmitNew(0, true);
    return true;
  }

  private transmitNew(len: number, fin: boolean): void {
    const start = this.nxt;
    const end = start + len + (fin ? 1 : 0);
    this.scoreboard.push({ start, end, sentUs: this.queue.nowUs, transmissions: 1, sacked: false, lost: false, resent: false, syn: false, fin });
    this.congestion.sent(this.pipe());
    if (fin) this.finSent = true;
    this.nxt = end;
    this.emitData(start, len, fin, undefined);
    this.timers.startRetransmission(this.rto.rtoUs, 'retransmission');
  }

  private retransmit(s: Sent, kind: 'timeout' | 'fast' | 'recovery'): void {
    this.scoreboard.markResent(s, this.queue.nowUs);
    if (s.syn) {
      this.sendSyn(true);
      return;
    }
    this.emitData(s.start, s.end - s.start - (s.fin ? 1 : 0), s.fin, kind);
    this.timers.startRetransmission(this.rto.rtoUs, 'retransmission');
  }

  private emitData(start: number, len: number, fin: boolean, retransmission: OutSegment['retransmission']): void {
    if (fin) this.enterFinState();
    const payload = len ? this.stream.slice(start - 1, start - 1 + len) : undefined;
    this.emit({
      seq: this.seqOfOurs(start),
      ack: this.seqOfPeers(this.receiver.nxt),
      flags: { ...NO_FLAGS, ack: true, psh: len > 0, fin },
      window: this.offer(),
      payload,
      reason: len ? 'data' : 'fin',
      retransmission,
      sack: this.sackOk && this.receiver.hasGap ? this.sackOfPeers() : undefined,
      sender: len ? this.senderView() : undefined,
    });
  }

  private enterFinState(): void {
    if (this.state === 'ESTABLISHED' || this.state === 'CLOSE_WAIT') this.pendingFinTransition = true;
  }

  private pendingFinTransition = false;

  private emit(seg: Omit<OutSegment, 'stateAfter'>): void {
    this.ackPending = false;
    this.segmentsSinceAck = 0;
    this.timers.ackSent();
    const willMove = this.pendingFinTransition;
    const id = this.hooks.emit({ ...seg, stateAfter: willMove ? nextTcpState(this.state, 'close') : this.state });
    if (willMove) {
      this.pendingFinTransition = false;
      this.move('close', id);
    }
  }

  private sendAck(reason: SegmentReason): void {
    if (!this.isSynchronized()) return;
    this.emit({
      seq: this.seqOfOurs(this.nxt),
      ack: this.seqOfPeers(this.receiver.nxt),
      flags: { ...NO_FLAGS, ack: true },
      window: this.offer(),
      reason,
      sack: this.sackOk && this.receiver.hasGap ? this.sackOfPeers() : undefined,
    });
  }

  private flushAck(): void {
    if (this.ackPending) this.sendAck(this.receiver.hasGap ? 'dup-ack' : 'ack');
  }

  private offer(): number {
    const w = this.receiver.window();
    this.receiver.offered(w);
    return w;
  }

  // ── Acknowledgments (the sender's side) ─────────────────────────────────

  private onAck(seg: IncomingSegment, packetId: number): void {
    const ack = this.offsetOfOurs(seg.ack);
    if (ack > this.nxt + (this.probeOutstanding ? 1 : 0)) {
      this.ackPending = true; // acknowledges something never sent (RFC 9293 §3.10.7.4)
      return;
    }
    if (this.probeOutstanding && ack === this.nxt + 1) {
      this.probeOutstanding = false;
    }
    const seqOff = this.offsetOfPeers(seg.seq);
    const windowChanged = seg.window !== this.peerWindow;
    if (this.wl1 < seqOff || (this.wl1 === seqOff && this.wl2 <= ack)) {
      this.peerWindow = seg.window;
      this.wl1 = seqOff;
      this.wl2 = ack;
      if (seg.window > 0) {
        this.timers.windowOpened();
      }
    }
    if (this.sackOk && seg.sack) {
      this.scoreboard.markSacked(seg.sack.map(([l, r]) => [this.offsetOfOurs(l), this.offsetOfOurs(r)]));
      // RFC 6675 §5 (C): in recovery, a hole with DupThresh segments SACKed above it goes at once.
      if (this.congestion.recovery === 'fast') this.scoreboard.markLostBySack();
    }
    if (ack > this.una) {
      this.ackedUpTo(ack);
      this.afterNewAck(packetId);
    } else if (ack === this.una && this.una < this.nxt && !seg.payload.length && !seg.flags.fin && !windowChanged) {
      this.onDupAck();
    }
    if (this.sackOk && this.congestion.recovery === undefined && this.una < this.nxt && this.scoreboard.firstHoleIsLost()) this.enterFastRecovery();
    this.output();
  }

  private probeOutstanding = false;

  /** Removes what `ack` covers from the retransmission queue; samples the RTT (Karn's rule). */
  private ackedUpTo(ack: number): void {
    const acked = ack - this.una;
    const sampleFrom = this.scoreboard.acknowledge(ack);
    if (sampleFrom !== undefined) this.rto.sample(this.queue.nowUs - sampleFrom);
    else if (this.una === 0 && ack >= 1 && this.synTries > 0) this.rto.afterSynRetransmission();
    this.una = ack;
    this.nxt = Math.max(this.nxt, ack);
    this.stream.release(Math.max(0, ack - 1));
    // The ACK of a SYN earns nothing: the SYN alone never fills the window (Congestion.grow, RFC 7661).
    this.congestion.grow(acked);
  }

  private afterNewAck(packetId: number): void {
    this.dupAcks = 0;
    const ended = this.congestion.acknowledged(this.una, this.flightSize());
    // A partial ACK keeps what the other duplicate ACKs said arrived (Scoreboard.acknowledge), so
    // the pipe lets the next hole go at once (RFC 6582 §3.2 step 4), not at the timeout.
    if (ended === 'full') this.scoreboard.renoSacked = 0;
    if (ended === 'partial') this.scoreboard.markHoleAfterPartialAck();
    if (this.una === this.nxt) {
      this.timers.stopRetransmission();
      this.congestion.drained();
    } else this.timers.restartRetransmission(this.rto.rtoUs);
    this.noteEstablishment(packetId);
  }

  private noteEstablishment(packetId: number): void {
    // New data acknowledged in SYN_RCVD: the ACK covers our SYN-ACK.
    if (this.state === 'SYN_RCVD') {
      this.move('rcv-ack-of-syn', packetId);
      this.hooks.onEstablished?.();
    }
    // In these states our FIN is the last thing sent: it is acknowledged once everything is.
    const finAcked = this.una === this.nxt && (this.state === 'FIN_WAIT_1' || this.state === 'CLOSING' || this.state === 'LAST_ACK');
    if (finAcked) {
      this.move('rcv-ack-of-fin', packetId);
      if (this.timeWaiting) this.timers.startTimeWait();
    }
  }

  private onDupAck(): void {
    this.dupAcks++;
    if (!this.sackOk) this.scoreboard.renoSacked = Math.min(this.scoreboard.renoSacked + 1, this.scoreboard.outstanding);
    if (this.dupAcks === DUP_THRESHOLD && this.congestion.mayEnterFastRecovery(this.una)) this.enterFastRecovery();
  }

  /** RFC 5681 §3.2 / RFC 6675 §5: halve, retransmit the first hole at once. */
  private enterFastRecovery(): void {
    this.congestion.enterFastRecovery(this.flightSize(), this.nxt);
    const head = this.scoreboard.markFirstHoleLost();
    if (!head) return;
    if (this.sackOk) this.scoreboard.markLostBySack();
    this.hooks.note(`${this.sackOk ? 'SACKs show a hole:' : `${DUP_THRESHOLD} duplicate ACKs:`} fast retransmit of seq ${this.seqOfOurs(head.start)}; cwnd ${Math.round(this.congestion.cwnd)} bytes`);
    this.retransmit(head, 'fast');
  }

  private pipe(): number {
    return this.scoreboard.pipe();
  }

  private flightSize(): number {
    return this.nxt - this.una;
  }

  private senderView(): SenderView {
    return {
      cwndBytes: Math.round(this.congestion.cwnd),
      ssthreshBytes: this.congestion.ssthresh === Infinity ? -1 : Math.round(this.congestion.ssthresh),
      bytesInFlight: this.pipe(),
      peerWindowBytes: this.peerWindow,
      mode: this.congestion.mode(),
    };
  }

  // ── Timers ─────────────────────────────────────────────────────────────

  private onRetransmissionTimeout(): void {
    if (this.una === this.nxt || this.state === 'CLOSED' || this.state === 'TIME_WAIT') return;
    const head = this.scoreboard.first;
    if (head?.syn) {
      if (this.synTries >= this.config.synRetries) {
        this.hooks.note(`connection attempt gave up after ${this.synTries} retransmissions`);
        this.abort();
        return;
      }
      this.synTries++;
      this.rto.backOff();
      this.hooks.note(`${this.state === 'SYN_SENT' ? 'SYN' : 'SYN-ACK'} retransmission timer expired: sending it again, next timeout ${fmtS(this.rto.rtoUs)}`);
      this.retransmit(head, 'timeout');
      return;
    }
    // RFC 5681 §3.1 eq. 4 and RFC 6298 §5.4–5.6: collapse to one segment, back off, resend.
    this.congestion.timedOut(this.flightSize(), this.nxt);
    this.scoreboard.renoSacked = 0;
    this.dupAcks = 0;
    this.scoreboard.markAllLost();
    this.rto.backOff();
    const first = this.scoreboard.nextLost()!;
    this.hooks.note(`retransmission timer expired: resending seq ${this.seqOfOurs(first.start)}, cwnd back to 1 segment, next timeout ${fmtS(this.rto.rtoUs)}`);
    this.retransmit(first, 'timeout');
    this.output();
  }

  /** RFC 9293 §3.8.6.1: probe a zero window with one byte of new data. */
  private onPersist(): void {
    const unsent = 1 + this.stream.length - this.nxt;
    if (unsent <= 0 || this.una !== this.nxt) return;
    const flowRoom = this.una + this.peerWindow - this.nxt;
    if (flowRoom > 0) {
      // RFC 9293 §3.8.6.2.1's override timeout (Linux's tcp_write_wakeup): silly-window
      // avoidance held back a segment smaller than the window; send what fits.
      this.transmitNew(Math.min(flowRoom, unsent, this.smss), false);
      return;
    }
    this.timers.probed();
    this.probeOutstanding = true;
    this.hooks.note(`persist timer: the peer's window is 0; probing it with 1 byte`);
    this.emit({
      seq: this.seqOfOurs(this.nxt),
      ack: this.seqOfPeers(this.receiver.nxt),
      flags: { ...NO_FLAGS, ack: true },
      window: this.offer(),
      payload: this.stream.slice(this.nxt - 1, this.nxt),
      reason: 'probe',
    });
    this.timers.armPersist(this.rto.rtoUs);
  }

  // ── Received data ───────────────────────────────────────────────────────

  private onData(start: number, seg: IncomingSegment, packetId: number): void {
    const result = this.receiver.accept(start, seg.payload, seg.flags.fin);
    if (result === 'in-order' && !seg.flags.fin && this.config.delayedAck) {
      // RFC 5681 §4.2: ACK at least every second full-sized segment, and within 500 ms (Linux: 40 ms).
      this.segmentsSinceAck++;
      if (this.segmentsSinceAck >= 2) this.ackPending = true;
      else this.timers.delayAck();
    } else {
      this.ackPending = true;
    }
    if (this.receiver.unreadBytes) this.hooks.onData?.();
    if (this.receiver.finReceived && !this.peerFinSeen) {
      this.peerFinSeen = true;
      this.ackPending = true;
      this.move('rcv-fin', packetId);
      if (this.timeWaiting) this.timers.startTimeWait();
      this.hooks.onPeerClosed?.();
    }
  }

  private peerFinSeen = false;

  // ── State and numbers ──────────────────────────────────────────────────

  private move(input: TcpInput, packetId?: number): void {
    const from = this.state;
    this.state = nextTcpState(from, input);
    this.hooks.transition(from, this.state, packetId);
    if (this.closed) {
      this.timers.stopAll();
      this.hooks.onClosed?.();
    }
  }

  private abort(packetId?: number): void {
    const from = this.state;
    this.state = 'CLOSED';
    this.timers.stopAll();
    this.hooks.transition(from, 'CLOSED', packetId);
    this.hooks.onClosed?.();
  }

  // Getters, so that TypeScript does not narrow `state` across calls that change it.
  get closed(): boolean {
    return this.state === 'CLOSED';
  }

  private get timeWaiting(): boolean {
    return this.state === 'TIME_WAIT';
  }

  private isSynchronized(): boolean {
    return this.state !== 'CLOSED' && this.state !== 'LISTEN' && this.state !== 'SYN_SENT';
  }

  private seqOfOurs(offset: number): number {
    return (this.iss + offset) >>> 0;
  }

  private seqOfPeers(offset: number): number {
    return (this.irs + offset) >>> 0;
  }

  private offsetOfOurs(seq: number): number {
    return (seq - this.iss) >>> 0;
  }

  private offsetOfPeers(seq: number): number {
    return (seq - this.irs) >>> 0;
  }

  private sackOfPeers(): [number, number][] {
    return this.receiver.sackBlocks().map(([l, r]) => [this.seqOfPeers(l), this.seqOfPeers(r)]);
  }
}
