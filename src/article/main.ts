import '../platform/strictPolicy';
import { $, showNotice } from '../app/dom';
import { buildModel, type Model } from '../playback/model';
import { prefersReducedMotion, reducedMotionNotice, saveReducedMotion, saveTheme, type ThemeName } from '../app/preferences';
import { onSystemMotionChange } from '../platform/reducedMotion';
import { findScenario, pageScenarioIds } from '../sim/scenarios';
import { ArticleFigure } from './figure';
import { formatArticleHash, parseArticleHash } from './hash';
import { buildProse } from './prose';
import { resolveArticle } from './resolve';
import { frameInStep, readingLine, stepAtLine, stepForFrame } from './scrollMap';
import { bindSectionTools, renderPrintStills } from './sectionTools';
import type { Article } from './syntax';
import https from '../../assets/articles/https.article.json';
import lostSyn from '../../assets/articles/lost-syn.article.json';
import { createAnnouncer } from './announcer';

/**
 * The articles this page can show, by id: their Markdown read by markdown-it at build time
 * (`npm run articles`, checked by a test), so the page ships plain data and no parser.
 */
const ARTICLES: Record<string, Article> = {
  https: https as Article,
  'lost-syn': lostSyn as Article,
};
const DEFAULT_ARTICLE = 'https';

function initialTheme(): ThemeName {
  const saved = localStorage.getItem('wirescene.theme');
  return saved === 'light' || saved === 'dark' ? saved : matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

async function start() {
  let theme = initialTheme();
  document.documentElement.dataset.theme = theme;
  const hash = parseArticleHash(location.hash);
  const notice = [...hash.problems];
  let articleId = hash.article ?? DEFAULT_ARTICLE;
  if (!ARTICLES[articleId]) {
    notice.push(`There is no article "${articleId.slice(0, 40)}" (there are ${Object.keys(ARTICLES).join(', ')}): showing "${DEFAULT_ARTICLE}".`);
    articleId = DEFAULT_ARTICLE;
  }
  const article = ARTICLES[articleId];
  let mainScenario = hash.scenario ?? article.scenario;
  if (!pageScenarioIds().includes(mainScenario)) {
    notice.push(`There is no scenario "${mainScenario.slice(0, 40)}": the article uses "${article.scenario}".`);
    mainScenario = article.scenario;
  }
  const models = new Map<string, Model>();
  const model = (id: string): Model => {
    let m = models.get(id);
    if (!m) {
      const scenario = findScenario(id);
      if (!scenario) throw new Error(`the article asks for the scenario "${id}", which is not built in`);
      m = buildModel(scenario);
      models.set(id, m);
    }
    return m;
  };
  const resolved = resolveArticle(article, mainScenario, model);
  let reducedMotion = prefersReducedMotion();
  document.title = `wirescene · ${article.title}`;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('[data-article]')) a.setAttribute('aria-current', String(a.dataset.article === articleId));

  // Prose first: it needs only the simulations; the canvas comes right after.
  let figure: ArticleFigure | undefined;
  const linkTo = (section: string, scenario: string, frame?: number) =>
    formatArticleHash({ article: articleId, scenario: mainScenario, section, t: frame === undefined ? undefined : frame / model(scenario).plan.fps }, { article: DEFAULT_ARTICLE, scenario: article.scenario });
  const prose = buildProse($('#prose'), article, resolved, {
    linkTo,
    seek: (scenario, frame) => figure?.show(scenario, frame),
    playTo: (scenario, from, to) => figure?.playTo(scenario, from, to),
  });
  showNotice([...notice, ...reducedMotionNotice(reducedMotion)]);

  figure = await ArticleFigure.create($('#canvas-host'), model, resolved.steps[0]?.range.scenario ?? mainScenario, theme, () => reducedMotion);
  const fig = figure;
  const announce = createAnnouncer($('#figure-status'), 1200);

  // Scroll drives the figure: the step under the reading line, and how far through it.
  let scrollStep = 0;
  /** What scrolling last put on the figure: while it is still shown, its step is the one highlighted. */
  let scrollShown: { scenario: string; frame: number; index: number } | undefined;
  let lastKey = '';
  const lineNow = () => readingLine(innerHeight, $('.figure').getBoundingClientRect().bottom, matchMedia('(max-width: 900px)').matches);
  const fromScroll = () => {
    const { index, progress } = stepAtLine(prose.boxes(), scrollY + lineNow());
    if (index < 0) return;
    scrollStep = index;
    const range = resolved.steps[index].range;
    const frame = frameInStep(range, progress, reducedMotion);
    const key = `${index}|${range.scenario}|${frame}`;
    if (key === lastKey) return;
    lastKey = key;
    scrollShown = { scenario: range.scenario, frame, index };
    fig.show(range.scenario, frame);
  };
  let scrollQueued = false;
  addEventListener(
    'scroll',
    () => {
      if (scrollQueued) return;
      scrollQueued = true;
      requestAnimationFrame(() => {
        scrollQueued = false;
        fromScroll();
      });
    },
    { passive: true },
  );

  // The figure → the prose: the step that describes what it shows is highlighted.
  let shownStep = -1;
  fig.onChange((s) => {
    const byScroll = scrollShown && scrollShown.scenario === s.scenario && scrollShown.frame === s.frame ? scrollShown.index : undefined;
    const step = byScroll ?? stepForFrame(resolved.steps.map((x) => x.range), s.scenario, s.frame, scrollStep);
    prose.highlight(step, s.scenario, s.frame);
    if (step !== shownStep) {
      shownStep = step;
      announce(() => {
        const m = fig.currentModel;
        const view = m.evaluator.evaluate(fig.current.frame);
        return `Figure, ${m.scenario.title}: ${view.chapterTitle}. ${view.caption} Client ${view.badges.client.state}, server ${view.badges.server.state}.`;
      });
    }
  });

  bindSectionTools(resolved, {
    figure: fig,
    model,
    sectionElement: (id) => $(`#${id}`),
    linkTo,
    theme: () => theme,
  });

  const motionBox = $('#reduced-motion') as HTMLInputElement;
  motionBox.checked = reducedMotion;
  motionBox.onchange = () => {
    reducedMotion = motionBox.checked;
    saveReducedMotion(reducedMotion);
    showNotice(reducedMotionNotice(reducedMotion));
    lastKey = '';
    fromScroll();
  };
  onSystemMotionChange(() => {
    reducedMotion = motionBox.checked = prefersReducedMotion();
    lastKey = '';
    fromScroll();
  });
  const themeButton = $('#theme') as HTMLButtonElement;
  const showThemeButton = () => {
    const other = theme === 'dark' ? 'light' : 'dark';
    themeButton.textContent = other;
    themeButton.setAttribute('aria-label', `${other[0].toUpperCase()}${other.slice(1)} theme`);
  };
  showThemeButton();
  themeButton.onclick = () => {
    theme = theme === 'dark' ? 'light' : 'dark';
    saveTheme(theme);
    showThemeButton();
    fig.setTheme(theme);
  };

  // A link to a section (and a moment in it), or a change of article or scenario.
  const goTo = (h: ReturnType<typeof parseArticleHash>) => {
    const section = resolved.sections.find((s) => s.id === h.section);
    if (section) $(`#${section.id}`).scrollIntoView({ block: 'start' });
    fromScroll();
    if (section && h.t !== undefined) {
      const m = model(section.scenario);
      fig.show(section.scenario, Math.min(Math.round(h.t * m.plan.fps), m.frameCount - 1));
    }
  };
  addEventListener('hashchange', () => {
    const next = parseArticleHash(location.hash);
    if ((next.article ?? DEFAULT_ARTICLE) !== articleId || (next.scenario ?? article.scenario) !== mainScenario) location.reload();
    else goTo(next);
  });
  goTo(hash);
  fromScroll();
  if (hash.section && hash.t !== undefined) goTo(hash);
  (window as ArticleWindow).wiresceneArticle = { figure: fig, resolved, article, mainScenario, model, boxes: () => prose.boxes(), readingLine: lineNow };
  // Print: one still per section, drawn when the page is idle (a print cannot wait for WebGL).
  setTimeout(() => renderPrintStills(resolved, fig), 500);
}

export interface ArticleWindow extends Window {
  wiresceneArticle?: unknown;
}

start().catch((err: unknown) => {
  console.error(err);
  showNotice([`The article could not start: ${err instanceof Error ? err.message : String(err)}`]);
});
