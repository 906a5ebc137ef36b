import { copyText } from '../app/share';
import type { Model } from '../playback/model';
import { openExportPanel } from '../controls/exportPanel';
import { loadExport } from '../export/load';
import { themes } from '../render/theme';
import { captioned } from './caption';
import type { ArticleFigure } from './figure';
import type { ResolvedArticle, ResolvedSection } from './resolve';

export interface SectionToolDeps {
  figure: ArticleFigure;
  model: (id: string) => Model;
  sectionElement: (id: string) => HTMLElement;
  linkTo: (section: string, scenario: string, frame?: number) => string;
  theme: () => keyof typeof themes;
}

/** "copy link to this moment" and "export this section as a video" under each section's title. */
export function bindSectionTools(resolved: ResolvedArticle, deps: SectionToolDeps): void {
  for (const section of resolved.sections) {
    const root = deps.sectionElement(section.id);
    const copy = root.querySelector<HTMLButtonElement>('.copy-moment')!;
    const video = root.querySelector<HTMLButtonElement>('.export-section')!;
    copy.onclick = () => {
      const now = deps.figure.current;
      // The figure's moment if it shows this section's scenario, else the section's start.
      const frame = now.scenario === section.scenario ? now.frame : section.range.from;
      copyText(`${location.origin}${location.pathname}${deps.linkTo(section.id, section.scenario, frame)}`, 'link');
    };
    video.onclick = () => exportSection(section, deps);
  }
}

function exportSection(section: ResolvedSection, deps: SectionToolDeps): void {
  const model = captioned(deps.model(section.scenario), section.title);
  const fps = model.plan.fps;
  deps.figure.currentPlayer?.pause();
  openExportPanel(document.querySelector('#export-dialog') as HTMLDialogElement, {
    plan: model.plan,
    scenarioId: section.scenario,
    range: () => ({ in: section.range.from / fps, out: Math.max(section.range.to, section.range.from + 1) / fps }),
    moment: () => section.range.to / fps,
    record: async (settings, onProgress, signal) => {
      const mod = await loadExport();
      return mod.runExport(model, settings, mod.exporterFor(settings.format), { onProgress, signal, theme: themes[deps.theme()] });
    },
    preview: { labels: model.labels, theme: themes[deps.theme()], frameAt: (seconds) => model.evaluator.at(seconds) },
  });
}

/** One still per section for print: its last frame, drawn into the section's canvas. */
export function renderPrintStills(resolved: ResolvedArticle, figure: ArticleFigure): void {
  for (const section of resolved.sections) {
    const canvas = document.querySelector<HTMLCanvasElement>(`#${section.id} .print-still`);
    if (!canvas) continue;
    const image = figure.still(section.scenario, section.range.to);
    canvas.width = image.width;
    canvas.height = image.height;
    canvas.getContext('2d')!.putImageData(image, 0, 0);
    canvas.dataset.drawn = 'true';
  }
}
