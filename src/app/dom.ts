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
