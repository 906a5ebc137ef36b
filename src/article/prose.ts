import { el } from '../overlay/dom';
import { renderCheckpoint } from './checkpointView';
import { renderBlock, type RenderContext } from './render';
import type { ResolvedArticle } from './resolve';
import type { Article } from './syntax';
import { findPacket } from './moments';

export interface ProseHooks {
  linkTo: (section: string, scenario: string, frame?: number) => string;
  seek: (scenario: string, frame: number) => void;
  /** Plays a moment: from where the figure is if that is inside it, else from its start. */
  playTo: (scenario: string, from: number, to: number) => void;
}

/**
 * The article's prose as DOM: the title, the intro, and per section its heading, tools and
 * steps. Moment links seek the figure (one delegated listener, so copies in hints work too).
 */
export function buildProse(root: HTMLElement, article: Article, resolved: ResolvedArticle, hooks: ProseHooks) {
  const steps: HTMLElement[] = [];
  const links: HTMLAnchorElement[][] = [];
  const contextFor = (scenario: string, section: string): RenderContext => ({
    value: (name) => resolved.value(scenario, name),
    momentLink: (selector, children) => {
      const m = resolved.moment(scenario, selector);
      const a = el('a', 'moment');
      a.href = hooks.linkTo(section, scenario, m.at);
      a.dataset.moment = selector;
      a.dataset.scenario = scenario;
      a.dataset.at = String(m.at);
      a.dataset.from = String(m.from);
      a.dataset.to = String(m.to);
      a.append(...children);
      return a;
    },
    checkpoint: (block, ask, hint) =>
      renderCheckpoint(ask, hint, resolved.value(scenario, block.answer), () => {
        if (!block.show) return;
        const m = resolved.moment(scenario, block.show);
        hooks.playTo(scenario, m.from, m.at);
      }),
    packet: (selector) => findPacket(resolved.data(scenario).sim, selector),
  });

  const head = el('header', 'article-head');
  head.append(el('h1', undefined, article.title), el('p', 'lede', article.description));
  const intro = contextFor(resolved.mainScenario, resolved.sections[0].id);
  head.append(...article.intro.map((b) => renderBlock(b, intro)));
  for (const v of head.querySelectorAll<HTMLElement>('.value')) v.dataset.scenario = resolved.mainScenario;
  const toc = el('nav', 'toc');
  toc.setAttribute('aria-label', 'Sections');
  const tocList = el('ol');
  for (const s of resolved.sections) {
    const li = el('li');
    const a = el('a', undefined, s.title);
    a.href = `#${s.id}`;
    li.append(a);
    tocList.append(li);
  }
  toc.append(tocList);
  head.append(toc);
  const parts: HTMLElement[] = [head];

  resolved.sections.forEach((s) => {
    const section = el('section', 'article-section');
    section.id = s.id;
    section.setAttribute('aria-labelledby', `${s.id}-title`);
    const h2 = el('h2');
    h2.id = `${s.id}-title`;
    const anchor = el('a', 'anchor', '#');
    anchor.href = `#${s.id}`;
    anchor.setAttribute('aria-label', `Link to the section ${s.title}`);
    h2.append(el('span', 'prompt', '$ '), s.title, ' ', anchor);
    const tools = el('div', 'section-tools');
    tools.dataset.section = s.id;
    const copy = Object.assign(el('button', 'copy-moment', 'copy link to this moment'), { type: 'button' });
    const video = Object.assign(el('button', 'export-section', 'export this section as a video'), { type: 'button' });
    tools.append(copy, video);
    const still = el('canvas', 'print-still');
    still.setAttribute('aria-hidden', 'true');
    section.append(h2, tools, still);
    const ctx = contextFor(s.scenario, s.id);
    for (const i of s.steps) {
      const node = renderBlock(resolved.steps[i].block, ctx);
      node.classList.add('step');
      node.dataset.step = String(i);
      steps[i] = node;
      links[i] = [...node.querySelectorAll<HTMLAnchorElement>('a.moment')];
      section.append(node);
    }
    for (const v of section.querySelectorAll<HTMLElement>('.value')) v.dataset.scenario = s.scenario;
    parts.push(section);
  });
  root.replaceChildren(...parts);

  root.addEventListener('click', (e) => {
    const a = (e.target as Element).closest<HTMLAnchorElement>('a.moment');
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    hooks.seek(a.dataset.scenario!, Number(a.dataset.at));
  });

  let current = -1;
  return {
    boxes: () =>
      steps.map((s) => {
        const r = s.getBoundingClientRect();
        return { top: r.top + scrollY, bottom: r.bottom + scrollY };
      }),
    /** Marks the step that describes the figure's frame, and in it the link for that moment. */
    highlight(step: number, scenario: string, frame: number) {
      if (step !== current) {
        steps[current]?.classList.remove('current');
        steps[current]?.removeAttribute('aria-current');
        current = step;
        steps[current]?.classList.add('current');
        steps[current]?.setAttribute('aria-current', 'step');
      }
      for (const a of root.querySelectorAll<HTMLAnchorElement>('a.moment.at')) a.classList.remove('at');
      const inStep = (links[step] ?? []).filter((a) => a.dataset.scenario === scenario && Number(a.dataset.from) <= frame && frame <= Number(a.dataset.to));
      inStep.at(-1)?.classList.add('at');
    },
  };
}

