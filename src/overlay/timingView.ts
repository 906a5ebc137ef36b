import type { Simulation } from '../sim/types';
import { el } from './dom';
import { formatDuration, phaseAt, timingTable, type TimingRow, type TimingTable } from './timing';

/** What a panel needs to move the player: the frame that shows a network time, and a seek. */
export interface NetworkSeek {
  frameOf(networkUs: number): number;
  seek(frame: number): void;
}

/**
 * $ timing: each request's phases as a browser's network panel shows them (DNS lookup,
 * Initial connection, SSL/TLS, Request sent, Waiting (TTFB), Content download), with the
 * duration, the round trips it cost, and a bar on one time axis. The phase under way at the
 * current network time is marked; a row is a button that jumps to the start of its phase.
 */
export class TimingView {
  private readonly table: TimingTable;
  private readonly rows: { row: TimingRow; button: HTMLButtonElement }[][] = [];
  private readonly cursors: HTMLElement[] = [];
  private current?: HTMLButtonElement;
  private cursorAt = NaN;

  constructor(root: HTMLElement, sim: Pick<Simulation, 'timing' | 'rttUs'>, nav: NetworkSeek) {
    this.table = timingTable(sim);
    if (this.table.requests.length === 0) {
      root.replaceChildren(el('p', 'empty', 'no request timing in this scenario'));
      return;
    }
    const parts: HTMLElement[] = [];
    for (const request of this.table.requests) {
      const section = el('section', 'timing-request');
      section.setAttribute('aria-label', `Timing of ${request.label}`);
      const head = el('p', 'timing-head');
      head.append(el('span', 'timing-label', request.label), el('span', 'meta', `connection #${request.stream} · 1 RTT = ${formatDuration(sim.rttUs)}`));
      // The handshake's round trips, counted by the client (not measured): tls12-vs-tls13 shows 2 vs 1.
      if (request.handshake) head.append(el('span', 'timing-handshake', request.handshake));
      const list = el('ol', 'timing-rows');
      const buttons = request.phases.map((row) => ({ row, button: this.rowButton(row, nav) }));
      this.rows.push(buttons);
      for (const { button } of buttons) list.append(this.item(button));
      const total = this.rowButton(request.total, nav);
      list.append(this.item(total, 'timing-total'));
      section.append(head, list);
      parts.push(section);
    }
    // The axis under the bars, laid out like a row so its ends line up with the tracks.
    const axis = el('div', 'timing-axis');
    axis.setAttribute('aria-hidden', 'true');
    const range = el('span', 'timing-track');
    range.append(el('span', 'axis-start', formatDuration(this.table.axisStartUs)), el('span', 'axis-end', formatDuration(this.table.axisEndUs)));
    for (const b of this.table.breaks) range.append(this.positioned('axis-break', b, `⋯${formatDuration(b.endUs - b.startUs)}⋯`));
    axis.append(el('span', 'timing-name'), range);
    parts.push(axis);
    root.replaceChildren(...parts);
  }

  /** Marks the phase under way at `networkUs` and moves the time cursor on every bar. */
  show(networkUs: number): void {
    const at = phaseAt(this.table, networkUs);
    const button = at && this.rows[at[0]][at[1]].button;
    if (button !== this.current) {
      this.current?.classList.remove('current');
      this.current?.removeAttribute('aria-current');
      button?.classList.add('current');
      button?.setAttribute('aria-current', 'time');
      this.current = button;
    }
    const { axisStartUs, axisEndUs } = this.table;
    const inside = networkUs >= axisStartUs && networkUs <= axisEndUs;
    const f = inside ? this.table.fraction(networkUs) : -1;
    if (f === this.cursorAt) return;
    this.cursorAt = f;
    for (const c of this.cursors) {
      c.hidden = !inside;
      if (inside) c.style.left = `${f * 100}%`;
    }
  }

  private positioned(className: string, at: { left: number; width: number }, text?: string): HTMLElement {
    const e = el('span', className, text);
    e.style.left = `${at.left * 100}%`;
    e.style.width = `${at.width * 100}%`;
    return e;
  }

  private item(button: HTMLButtonElement, className?: string): HTMLLIElement {
    const li = el('li', className);
    li.append(button);
    return li;
  }

  private rowButton(row: TimingRow, nav: NetworkSeek): HTMLButtonElement {
    const button = el('button', `timing-row phase-${row.id}`);
    button.type = 'button';
    // Named by its visible text (name, duration, round trips); the sentence is its description.
    button.title = `${row.description}. Click to jump to its start.`;
    const track = el('span', 'timing-track');
    track.setAttribute('aria-hidden', 'true');
    const bar = el('span', 'timing-bar');
    // Positions come from data, through the CSSOM (allowed by a style-src policy without 'unsafe-inline').
    bar.style.left = `${row.left * 100}%`;
    bar.style.width = `${row.width * 100}%`;
    for (const b of this.table.breaks) track.append(this.positioned('timing-break', b));
    const cursor = el('span', 'timing-cursor');
    cursor.hidden = true;
    this.cursors.push(cursor);
    track.append(bar, cursor);
    button.append(el('span', 'timing-name', row.name), track, el('span', 'timing-ms', row.duration), el('span', 'timing-rtt', row.rtts));
    button.addEventListener('click', () => nav.seek(nav.frameOf(row.startUs)));
    return button;
  }
}
