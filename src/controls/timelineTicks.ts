import type { Plan } from '../timeline/plan';
import { tickColumns, tickHeight } from './tickDensity';

const BASE_PX = 6;
const MAX_PX = 12;

/**
 * The timeline bar's packet ticks on one canvas (density per pixel column, timeline/tickDensity),
 * the skipped waits as hatched breaks, and chapter marks whose titles hide where the next
 * mark leaves no room (the title stays in the mark's tooltip). Redrawn on resize and theme
 * change, never per frame. Returns its cleanup.
 */
export function drawTimelineTicks(ticks: HTMLElement, chapters: HTMLElement, plan: Plan, lastFrame: number): () => void {
  const share = (s: number) => (s * plan.fps) / Math.max(1, lastFrame);
  chapters.replaceChildren(
    ...plan.chapters.map((c) => {
      const mark = document.createElement('span');
      mark.style.left = `${share(c.startS) * 100}%`;
      mark.textContent = c.title;
      mark.title = c.title;
      if (c.shortTitle) mark.dataset.short = c.shortTitle;
      return mark;
    }),
  );
  const canvas = document.createElement('canvas');
  canvas.className = 'tick-canvas';
  canvas.dataset.packets = String(plan.flights.length);
  ticks.replaceChildren(
    canvas,
    // A break in the bar where network time jumps (an idle wait skipped): the hover tip names it.
    ...plan.skips.map((k) => {
      const mark = document.createElement('span');
      mark.className = 'skip';
      mark.style.left = `${share(k.atS) * 100}%`;
      mark.style.width = `${share(k.endS - k.atS) * 100}%`;
      return mark;
    }),
  );
  const draw = () => {
    const width = Math.round(ticks.clientWidth);
    if (width <= 0) return;
    const dpr = devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(MAX_PX * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${MAX_PX}px`;
    const g = canvas.getContext('2d');
    if (!g) return;
    const style = getComputedStyle(ticks);
    const colour = (layer: string) => style.getPropertyValue(`--${layer}`).trim() || '#888';
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, width, MAX_PX);
    for (const c of tickColumns(plan.flights, width, (s) => share(s) * width)) {
      const h = tickHeight(c.count, BASE_PX, MAX_PX);
      g.fillStyle = colour(c.layer);
      g.fillRect(c.x, MAX_PX - h, 1, h);
    }
    fitChapterTitles(chapters);
  };
  const resize = new ResizeObserver(draw);
  resize.observe(ticks);
  const theme = new MutationObserver(draw);
  theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  draw();
  return () => {
    resize.disconnect();
    theme.disconnect();
  };
}

/**
 * A chapter's title shows only if it ends before the next mark begins; else its short title
 * without the connection ("TLS 1.2 handshake"), if that fits; else just its mark (bulk's
 * chapters crowd the start). The whole title stays in the tooltip.
 */
function fitChapterTitles(chapters: HTMLElement): void {
  const marks = [...chapters.children] as HTMLElement[];
  for (const m of marks) {
    m.classList.remove('tight');
    m.textContent = m.title;
  }
  const crowded = (i: number) => marks[i].offsetLeft + marks[i].scrollWidth > marks[i + 1].offsetLeft - 4;
  for (let i = 0; i < marks.length - 1; i++) {
    if (!crowded(i)) continue;
    const short = marks[i].dataset.short;
    if (short) marks[i].textContent = short;
    if (crowded(i)) marks[i].classList.add('tight');
  }
}
