import type { TimedEvent } from '../timeline/plan';
import { logKind, logTimestamp } from './logLine';
import { VirtualRows } from './virtualRows';

/**
 * simulation.log: one row per event that has happened, as a virtual list. The `<ol>` scrolls
 * over `count` rows of one fixed height, but only the rows in view (and a few around them)
 * exist as `<li>`; the rest is padding. It follows the playhead (the latest row at the
 * bottom), rows can be clicked, and a screen reader hears only the row of the moment (a
 * polite status line beside the list), not every row a scroll brings into the DOM.
 */
export class LogView {
  private count = -1;
  private readonly rows: VirtualRows<HTMLLIElement>;

  constructor(
    list: HTMLOListElement,
    private readonly timeline: readonly TimedEvent[],
    onPick: (index: number) => void,
    private readonly announcer?: HTMLElement,
  ) {
    list.replaceChildren();
    list.addEventListener('click', (ev) => {
      const li = (ev.target as HTMLElement).closest('li');
      if (li?.dataset.index) onPick(Number(li.dataset.index));
    });
    this.rows = new VirtualRows(
      list,
      'li',
      (i) => this.line(i),
      (i, li) => this.mark(i, li),
    );
  }

  /** The log as of `count` events: scrolled so the latest is the last row in view. */
  show(count: number): void {
    if (count === this.count) return;
    this.count = count;
    this.rows.grow(count);
    this.rows.reveal(count - 1, 'end');
    const latest = this.timeline[count - 1];
    if (this.announcer) this.announcer.textContent = latest ? `${logTimestamp(latest.event.atUs)} ${latest.event.text}` : '';
  }

  destroy(): void {
    this.rows.destroy();
  }

  private mark(index: number, li: HTMLLIElement): void {
    li.setAttribute('aria-setsize', String(this.count));
    const current = index === this.count - 1;
    li.classList.toggle('current', current);
    if (current) li.setAttribute('aria-current', 'true');
    else li.removeAttribute('aria-current');
  }

  private line(index: number): HTMLLIElement | undefined {
    const entry = this.timeline[index];
    if (!entry) return undefined;
    const { event } = entry;
    const li = document.createElement('li');
    li.dataset.index = String(index);
    li.dataset.kind = logKind(event);
    li.setAttribute('aria-posinset', String(index + 1));
    const time = document.createElement('span');
    time.className = 'time';
    time.textContent = logTimestamp(event.atUs);
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = ` ${event.text}`;
    li.append(time, text);
    li.title = `${event.text}\nClick to jump here`;
    return li;
  }
}
