import type { TimedEvent } from '../timeline/plan';
import { logKind, logTimestamp } from './logLine';

/**
 * simulation.log: one line per event that has happened. Kept in step with a count, so
 * scrubbing back removes lines and scrubbing forward appends them: never rebuilt from callbacks.
 */
export class LogView {
  private shown = 0;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly timeline: readonly TimedEvent[],
    onPick: (index: number) => void,
  ) {
    list.replaceChildren();
    list.addEventListener('click', (ev) => {
      const li = (ev.target as HTMLElement).closest('li');
      if (li?.dataset.index) onPick(Number(li.dataset.index));
    });
  }

  show(count: number): void {
    if (count === this.shown) return;
    this.list.querySelector('.current')?.classList.remove('current');
    while (this.shown > count) {
      this.list.lastElementChild?.remove();
      this.shown--;
    }
    const fragment = document.createDocumentFragment();
    for (; this.shown < count; this.shown++) fragment.append(this.line(this.shown));
    this.list.append(fragment);
    const last = this.list.lastElementChild as HTMLElement | null;
    last?.classList.add('current');
    if (last) this.list.scrollTop = this.list.scrollHeight;
  }

  private line(index: number): HTMLLIElement {
    const { event } = this.timeline[index];
    const li = document.createElement('li');
    li.dataset.index = String(index);
    li.dataset.kind = logKind(event);
    const time = document.createElement('span');
    time.className = 'time';
    time.textContent = logTimestamp(event.atUs);
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = ` ${event.text}`;
    li.append(time, text);
    li.title = 'Click to jump here';
    return li;
  }
}
