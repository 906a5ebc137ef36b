import { type EventQueue, Timer } from '../core/eventQueue';
import type { TimerKind } from '../types';
import type { TcpHooks } from './socketTypes';

/** Linux's minimum delayed-ACK timeout (TCP_DELACK_MIN). */
const DELAYED_ACK_US = 40_000;
/** However often a zero window is probed, probes stay at most a minute apart. */
const MAX_PERSIST_US = 60_000_000;

export const fmtS = (us: number) => `${(us / 1e6).toFixed(us % 1e6 === 0 ? 0 : 1)} s`;

/**
 * The four timers of one socket, each reporting its spans to the trace: retransmission (RFC 6298;
 * the SYN's too, tagged apart), persist (RFC 9293 §3.8.6.1, backing off while the window stays
 * shut), delayed ACK (RFC 5681 §4.2) and TIME_WAIT (RFC 9293 §3.6: 2·MSL). What an expiry does to
 * the connection is the socket's, handed in as `expired`.
 */
export class SocketTimers {
  private readonly retransmission: Timer;
  private readonly persist: Timer;
  private readonly delayedAck: Timer;
  private readonly timeWait: Timer;
  private persistBackoff = 0;

  constructor(
    queue: EventQueue,
    private readonly timeWaitUs: number,
    hooks: Pick<TcpHooks, 'timer' | 'note'>,
    expired: { retransmission(): void; persist(): void; delayedAck(): void; timeWait(): void },
  ) {
    const span = (kind: TimerKind) => (s: { startUs: number; dueUs: number; endUs: number; fired: boolean }) => hooks.timer(kind, s);
    this.retransmission = new Timer(queue, () => expired.retransmission(), (s) => hooks.timer(s.tag as TimerKind, s));
    this.persist = new Timer(queue, () => expired.persist(), span('persist'));
    this.delayedAck = new Timer(queue, () => expired.delayedAck(), span('delayed-ack'));
    this.timeWait = new Timer(queue, () => {
      hooks.note(`TIME_WAIT timer (${fmtS(timeWaitUs)}) expired: no stray segment can arrive any more`);
      expired.timeWait();
    }, span('time-wait'));
  }

  /** RFC 6298 §5.1: a segment left and the timer is not running; `tag` says whether it guards the SYN. */
  startRetransmission(rtoUs: number, tag: 'syn' | 'retransmission'): void {
    if (!this.retransmission.armed) this.retransmission.arm(rtoUs, tag);
  }

  /** RFC 6298 §5.3: new data acknowledged, some still outstanding. */
  restartRetransmission(rtoUs: number): void {
    this.retransmission.arm(rtoUs, 'retransmission');
  }

  /** RFC 6298 §5.2: all outstanding data acknowledged (or the SYN answered). */
  stopRetransmission(): void {
    this.retransmission.cancel();
  }

  /** Nothing in flight and the window too small: only the persist timer can get things moving. */
  armPersist(rtoUs: number): void {
    if (this.persist.armed) return;
    this.persist.arm(Math.min(rtoUs * 2 ** this.persistBackoff, MAX_PERSIST_US));
  }

  /** A zero-window probe went out: the next waits twice as long. */
  probed(): void {
    this.persistBackoff++;
  }

  windowOpened(): void {
    this.persist.cancel();
    this.persistBackoff = 0;
  }

  /** An in-order segment that need not be acknowledged at once. */
  delayAck(): void {
    if (!this.delayedAck.armed) this.delayedAck.arm(DELAYED_ACK_US);
  }

  /** Any segment carries the ACK: none is owed any more. */
  ackSent(): void {
    this.delayedAck.cancel();
  }

  startTimeWait(): void {
    this.timeWait.arm(this.timeWaitUs);
  }

  stopAll(): void {
    for (const t of [this.retransmission, this.persist, this.delayedAck, this.timeWait]) t.cancel();
  }
}
