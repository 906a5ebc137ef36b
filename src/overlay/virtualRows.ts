/** Rows drawn above and below the visible ones, so a short scroll shows no gap. */
const OVERSCAN = 8;

/**
 * A scrolling box over `count` rows of one fixed height where only the rows in view (and a few
 * around them) exist as elements; the rest is the height of two spacers. simulation.log (100,000
 * events) and the inspector's bytes pane (a 64 kB segment is 4,096 rows) both use it, so the DOM
 * grows with the box, not with the trace or the packet.
 */
export class VirtualRows<Row extends HTMLElement> {
  private count = 0;
  private rowPx = 0;
  private padPx = 0;
  private readonly drawn = new Map<number, Row>();
  private readonly above: HTMLElement;
  private readonly below: HTMLElement;
  private readonly resize: ResizeObserver;

  /**
   * `make(i)` builds row i; `decorate(i, row)` runs on every drawn row at each draw (state that
   * changes without the row's content changing: the current row, a highlight).
   */
  constructor(
    private readonly box: HTMLElement,
    spacerTag: 'li' | 'div',
    private readonly make: (index: number) => Row | undefined,
    private readonly decorate: (index: number, row: Row) => void = () => {},
  ) {
    this.above = spacer(spacerTag);
    this.below = spacer(spacerTag);
    box.addEventListener('scroll', () => this.draw(), { passive: true });
    // A closed panel has no height: draw the rows when it opens.
    this.resize = new ResizeObserver(() => this.draw());
    this.resize.observe(box, { box: 'border-box' });
  }

  /** New content of `count` rows: every drawn row is made again. */
  reset(count: number): void {
    this.count = count;
    this.drawn.clear();
    this.draw();
  }

  /** The same content, `count` rows of it (rows already drawn are kept). */
  grow(count: number): void {
    this.count = count;
    this.draw();
  }

  /** Scrolls so row `index` is in view: as the last row (`end`), or by the least scroll (`nearest`). */
  reveal(index: number, align: 'end' | 'nearest'): void {
    const row = this.rowHeight();
    if (row <= 0) return;
    // The rows start below the box's top padding (the bytes pane has some, the log none).
    const top = this.padPx + index * row;
    const view = this.box.clientHeight;
    if (align === 'end') this.box.scrollTop = Math.max(0, top + row - view);
    else if (top < this.box.scrollTop) this.box.scrollTop = top;
    else if (top + row > this.box.scrollTop + view) this.box.scrollTop = top + row - view;
    this.draw();
  }

  destroy(): void {
    this.resize.disconnect();
    this.drawn.clear();
    this.box.replaceChildren();
  }

  /** Rows of one height, measured once on a drawn row (the font decides it). */
  private rowHeight(): number {
    if (this.rowPx > 0) return this.rowPx;
    const probe = this.count > 0 ? this.make(0) : undefined;
    if (!probe) return 0;
    this.box.append(probe);
    this.rowPx = probe.getBoundingClientRect().height;
    probe.remove();
    this.padPx = Number.parseFloat(getComputedStyle(this.box).paddingTop) || 0;
    return this.rowPx;
  }

  /** Redraws the rows in view, e.g. after `decorate`'s state changed. */
  draw(): void {
    const row = this.rowHeight() || 20;
    const view = this.box.clientHeight || row * 24;
    const first = Math.max(0, Math.floor(this.box.scrollTop / row) - OVERSCAN);
    const end = Math.min(this.count, Math.ceil((this.box.scrollTop + view) / row) + OVERSCAN);
    for (const [i, el] of this.drawn) {
      if (i < first || i >= end) {
        el.remove();
        this.drawn.delete(i);
      }
    }
    const wanted: HTMLElement[] = [];
    for (let i = first; i < end; i++) {
      let el = this.drawn.get(i);
      if (!el) {
        el = this.make(i);
        if (!el) continue;
        this.drawn.set(i, el);
      }
      this.decorate(i, el);
      wanted.push(el);
    }
    // Spacers, not the box's own padding: a box's padding larger than its height makes the box
    // that tall (CSS box sizing), and the box would then hold every row deep into a long trace.
    this.above.style.height = `${first * row}px`;
    this.below.style.height = `${Math.max(0, this.count - end) * row}px`;
    const children = this.count > 0 ? [this.above, ...wanted, this.below] : [];
    const now = this.box.children;
    if (children.length !== now.length || children.some((el, k) => now[k] !== el)) this.box.replaceChildren(...children);
  }
}

/** The height of the rows not drawn (hidden from screen readers, not clickable). */
function spacer(tag: 'li' | 'div'): HTMLElement {
  const el = document.createElement(tag);
  el.setAttribute('aria-hidden', 'true');
  el.style.padding = '0';
  el.style.pointerEvents = 'none';
  return el;
}
