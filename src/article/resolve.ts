import type { Simulation } from '../sim/types';
import type { Plan } from '../timeline/plan';
import { resolveMoment, type Moment } from './moments';
import { assignRanges, type StepRange } from './scrollMap';
import { referencesOf } from './references';
import type { Article, Block, Inline } from './syntax';
import { computeValue, type Value } from './values';

export interface ScenarioData {
  sim: Simulation;
  plan: Plan;
}

export interface ResolvedSection {
  id: string;
  title: string;
  scenario: string;
  /** Indices into ResolvedArticle.steps. */
  steps: number[];
  /** From its first step's start to its last step's end (what its video covers). */
  range: { from: number; to: number };
}

export interface ResolvedArticle {
  /** The scenario of the intro and of every section that names none. */
  mainScenario: string;
  sections: ResolvedSection[];
  /** Every block of every section, in reading order, with the range scrolling to it shows. */
  steps: { section: number; block: Block; range: StepRange }[];
  moment: (scenario: string, selector: string) => Moment;
  value: (scenario: string, name: string) => Value;
  /** The simulation and plan of a scenario the article uses. */
  data: (scenario: string) => ScenarioData;
}

const momentsIn = (nodes: Inline[]): string[] =>
  nodes.flatMap((n) => (n.kind === 'moment' ? [n.selector] : 'children' in n ? momentsIn(n.children) : []));

/** What a block shows when scrolled to: its `[[range]]`, else its moment links' span; checkpoints hold (the answer waits). */
function ownSelectors(b: Block): string[] {
  if (b.kind === 'paragraph') return b.range ? [b.range] : momentsIn(b.inline);
  if (b.kind === 'list') return b.items.flatMap(momentsIn);
  if (b.kind === 'heading' || b.kind === 'quote') return momentsIn(b.inline);
  if (b.kind === 'layers') return [b.selector];
  return [];
}

/**
 * Binds an article to its scenarios: every moment and value it names is looked up (all the
 * problems are reported at once, each naming its section), and every step gets its range.
 * `mainScenario` replaces the article's own where a section does not name one.
 */
export function resolveArticle(article: Article, mainScenario: string, data: (scenario: string) => ScenarioData): ResolvedArticle {
  const problems: string[] = [];
  const moments = new Map<string, Moment>();
  const values = new Map<string, Value>();
  const moment = (scenario: string, selector: string): Moment => {
    const key = `${scenario}|${selector}`;
    let m = moments.get(key);
    if (!m) {
      const d = data(scenario);
      m = resolveMoment(d.sim, d.plan, selector);
      moments.set(key, m);
    }
    return m;
  };
  const value = (scenario: string, name: string): Value => {
    const key = `${scenario}|${name}`;
    let v = values.get(key);
    if (!v) {
      v = computeValue(data(scenario).sim, name);
      values.set(key, v);
    }
    return v;
  };

  for (const name of referencesOf(article.intro).values) {
    try {
      value(mainScenario, name);
    } catch (e) {
      problems.push(`intro (${mainScenario}): ${(e as Error).message}`);
    }
  }
  const flat: { section: number; block: Block; scenario: string; own?: { from: number; to: number } }[] = [];
  article.sections.forEach((s, si) => {
    const scenario = s.scenario ?? mainScenario;
    const refs = referencesOf(s.blocks);
    const check = (what: () => unknown) => {
      try {
        what();
      } catch (e) {
        problems.push(`section #${s.id} (${scenario}): ${(e as Error).message}`);
      }
    };
    refs.moments.forEach((sel) => check(() => moment(scenario, sel)));
    refs.values.forEach((name) => check(() => value(scenario, name)));
    for (const block of s.blocks) {
      let own: { from: number; to: number } | undefined;
      for (const sel of ownSelectors(block)) {
        if (!moments.has(`${scenario}|${sel}`)) continue;
        const m = moment(scenario, sel);
        own = own ? { from: Math.min(own.from, m.from), to: Math.max(own.to, m.to) } : { from: m.from, to: m.to };
      }
      flat.push({ section: si, block, scenario, own });
    }
  });
  if (problems.length) throw new Error(`The article "${article.title}" names things its scenarios do not have:\n${problems.join('\n')}`);

  const ranges = assignRanges(flat);
  const steps = flat.map((f, i) => ({ section: f.section, block: f.block, range: ranges[i] }));
  const sections = article.sections.map((s, si) => {
    const idx = steps.flatMap((st, i) => (st.section === si ? [i] : []));
    const rs = idx.map((i) => steps[i].range);
    return {
      id: s.id,
      title: s.title,
      scenario: s.scenario ?? mainScenario,
      steps: idx,
      range: rs.length ? { from: Math.min(...rs.map((r) => r.from)), to: Math.max(...rs.map((r) => r.to)) } : { from: 0, to: 0 },
    };
  });
  return { mainScenario, sections, steps, moment, value, data };
}
