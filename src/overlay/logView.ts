import type { TimedEvent } from '../timeline/plan';
import { logKind, logTimestamp } from './logLine';

/** The height of the rows not drawn, above or below those that are (hidden from screen readers, not clickable). */
function spacer(): HTMLLIElement {
  const li = document.createElement('li');
  li.setAttribute('aria-hidden', 'true');
  li.style.padding = '0';
  li.style.pointerEvents = 'none';
  return li;
}

/** Rows drawn above and below the visible ones, so a short scroll shows no gap. */
const OVERSCAN = 8;

/**
 * simulation.log: one row per event that has happened, as a virtual list. The `<ol>` scrolls
 * over `count` rows of one fixed height, but only the rows in view (and a few around them)
 * exist as `<li>`; the rest is padding. It follows the playhead (the latest row at the
 * bottom), rows can be clicked, and a screen reader hears only the row of the moment (a
 * polite status line beside the list), not every row a scroll brings into the DOM.
 */
export class LogView {
  private count = -1;
  private rowPx = 0;
  private readonly rows = new Map<number, HTMLLIElement>();
  private readonly resize: ResizeObserver;
  private readonly above = spacer();
  private readonly below = spacer();

  constructor(
    private readonly list: HTMLOListElement,
    private readonly timeline: readonly TimedEvent[],
    onPick: (index: number) => void,
    private readonly announcer?: HTMLElement,
  ) {
    list.replaceChildren();
    list.addEventListener('click', (ev) => {
      const li = (ev.target as HTMLElement).closest('li');
      if (li?.dataset.index) onPick(Number(li.dataset.index));
    });
    list.addEventListener('scroll', () => this.render(), { passive: true });
    // A closed panel has no height: draw the rows when it opens.
    this.resize = new ResizeObserver(() => this.render());
    this.resize.observe(list, { box: 'border-box' });
  }

  /** The log as of `count` events: scrolled so the latest is the last row in view. */
  show(count: number): void {
    if (count === this.count) return;
    this.count = count;
    const row = this.rowHeight();
    this.render();
    if (row > 0) this.list.scrollTop = Math.max(0, count * row - this.list.clientHeight);
    this.render();
    const latest = this.timeline[count - 1];
    if (this.announcer) this.announcer.textContent = latest ? `${logTimestamp(latest.event.atUs)} ${latest.event.text}` : '';
  }

  destroy(): void {
    this.resize.disconnect();
  }

  /** Rows of one height (measured once on a drawn row: the font decides it). */
  private rowHeight(): number {
    if (this.rowPx > 0) return this.rowPx;
    const probe = this.line(0);
    if (!probe) return 0;
    this.list.append(probe);
    this.rowPx = probe.getBoundingClientRect().height;
    probe.remove();
    return this.rowPx;
  }

  private render(): void {
    const count = Math.max(0, this.count);
    const row = this.rowHeight() || 20;
    const view = this.list.clientHeight || row * 24;
    const first = Math.max(0, Math.floor(this.list.scrollTop / row) - OVERSCAN);
    const end = Math.min(count, Math.ceil((this.list.scrollTop + view) / row) + OVERSCAN);
    for (const [i, li] of this.rows) {
      if (i < first || i >= end) {
        li.remove();
        this.rows.delete(i);
      }
    }
    const wanted: HTMLLIElement[] = [];
    for (let i = first; i < end; i++) {
      let li = this.rows.get(i);
      if (!li) {
        li = this.line(i)!;
        this.rows.set(i, li);
      }
      li.setAttribute('aria-setsize', String(count));
      li.classList.toggle('current', i === count - 1);
      if (i === count - 1) li.setAttribute('aria-current', 'true');
      else li.removeAttribute('aria-current');
      wanted.push(li);
    }
    // Spacers, not the list's own padding: a box's padding larger than its height makes the box
    // that tall (CSS box sizing), and the list would then hold every row deep into a long trace.
    this.above.style.height = `${first * row}px`;
    this.below.style.height = `${(count - end) * row}px`;
    const children = [this.above, ...wanted, this.below];
    if (children.length !== this.list.children.length || children.some((li, k) => this.list.children[k] !== li)) this.list.replaceChildren(...children);
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
