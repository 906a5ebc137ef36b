import type { TransportElements } from '../controls/transport';

/** The element for a selector that index.html guarantees; a missing one is a bug worth a clear message. */
export function $(selector: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(selector);
  if (!el) throw new Error(`index.html has no ${selector}`);
  return el;
}

/** Shows plain-text problems (bad URL, bad scenario) above the animation; an empty list hides it. */
export function showNotice(problems: readonly string[]): void {
  const notice = $('#notice');
  notice.textContent = problems.join('\n');
  notice.hidden = problems.length === 0;
}

/** The player bar's elements, by the ids index.html and article.html both give them. */
export function transportElements(): TransportElements {
  return {
    play: $('#play') as HTMLButtonElement,
    stepBack: $('#step-back') as HTMLButtonElement,
    stepForward: $('#step-forward') as HTMLButtonElement,
    scrubber: $('#scrubber') as HTMLInputElement,
    chapters: $('#chapters'),
    time: $('#time') as HTMLOutputElement,
    speed: $('#speed') as HTMLSelectElement,
    loop: $('#loop') as HTMLButtonElement,
    range: $('#range'),
    ticks: $('#ticks'),
    tip: $('#scrub-tip'),
  };
}
