import type { ExportFormat, ExportProgress, ExportSettings } from '../export/index';
import type { Plan } from '../timeline/plan';
import { formatClock } from '../timeline/format';
import { loadExport } from '../export/load';
import { el } from '../overlay/dom';

export interface ExportPanelDeps {
  plan: Plan;
  scenarioId: string;
  /** The player's in/out range in seconds, if set. */
  range: () => { in: number; out: number } | undefined;
  record: (s: ExportSettings, onProgress: (p: ExportProgress) => void, signal: AbortSignal) => Promise<Uint8Array>;
}

const option = (value: string, text: string) => Object.assign(el('option', undefined, text), { value });

const labelled = (text: string, control: HTMLElement) => {
  const l = el('label', undefined, `${text} `);
  l.append(control);
  return l;
};

/**
 * The Export dialog: format, size, frame rate and range; a progress bar with frames,
 * speed and time left; Cancel; and the file to download at the end. Export code is
 * imported on first open, so it costs nothing at page load.
 */
export function openExportPanel(dialog: HTMLDialogElement, deps: ExportPanelDeps): void {
  const { plan } = deps;
  const format = el('select');
  const size = el('select');
  const fps = el('select');
  const range = el('select');
  const start = el('button', undefined, 'Export');
  const cancel = el('button', undefined, 'Cancel');
  const close = el('button', undefined, 'Close');
  const bar = el('progress');
  const status = el('p');
  const result = el('p');
  status.setAttribute('role', 'status');
  start.type = cancel.type = close.type = 'button';
  cancel.disabled = true;
  bar.max = 1;
  bar.value = 0;
  for (const [v, t] of [
    ['1280x720', '1280×720'],
    ['1920x1080', '1920×1080'],
    ['1080x1080', '1080×1080 square'],
    ['720x1280', '720×1280 vertical'],
    ['640x360', '640×360'],
    ['custom', 'custom…'],
  ])
    size.append(option(v, t));
  const customW = el('input');
  const customH = el('input');
  for (const [input, value, name] of [[customW, '1600', 'width'], [customH, '900', 'height']] as const) {
    input.type = 'number';
    input.min = '16';
    input.max = '3840';
    input.step = '2';
    input.value = value;
    input.setAttribute('aria-label', `custom ${name}`);
  }
  const custom = el('span');
  custom.append(customW, ' × ', customH);
  custom.hidden = true;
  size.onchange = () => (custom.hidden = size.value !== 'custom');
  const overlay = (name: string, on: boolean) => {
    const box = el('input');
    box.type = 'checkbox';
    box.checked = on;
    const l = el('label');
    l.append(box, ` ${name}`);
    return { box, label: l };
  };
  const captions = overlay('captions', true);
  const chapterTitle = overlay('chapter title', true);
  const timestamp = overlay('timestamp', true);
  const card = overlay('inspector card', false);
  const drawn = el('fieldset');
  drawn.append(el('legend', undefined, 'drawn into the video'), captions.label, chapterTitle.label, timestamp.label, card.label);
  for (const v of ['30', '24', '60']) fps.append(option(v, `${v} fps`));
  range.append(option(`0-${plan.durationS}`, `whole (${formatClock(plan.durationS)})`));
  for (const c of plan.chapters) range.append(option(`${c.startS}-${c.endS}`, `${c.title} (${formatClock(c.startS)}–${formatClock(c.endS)})`));
  const r = deps.range();
  if (r) range.append(option(`${r.in}-${r.out}`, `in/out (${formatClock(r.in)}–${formatClock(r.out)})`));
  if (r) range.value = `${r.in}-${r.out}`;

  const heading = el('h2', undefined, '$ export');
  const sizeRow = labelled('size', size);
  sizeRow.append(' ', custom);
  dialog.replaceChildren(heading, labelled('format', format), sizeRow, labelled('frame rate', fps), labelled('range', range), drawn, start, cancel, close, bar, status, result);
  dialog.showModal();
  status.textContent = 'checking what this browser can encode…';
  start.disabled = true;
  const exportModule = loadExport();
  void exportModule.then(async (mod) => {
    const formats = await mod.supportedFormats();
    const names: Record<ExportFormat, string> = { webm: 'WebM (VP9)', mp4: 'MP4 (H.264)', gif: 'animated GIF', png: 'PNG frames (.zip)' };
    format.replaceChildren(...formats.map((f) => option(f, names[f])));
    const missing = (Object.keys(names) as ExportFormat[]).filter((f) => !formats.includes(f)).map((f) => names[f]);
    status.textContent = missing.length ? `This browser cannot encode ${missing.join(' or ')}: choose one of the formats offered.` : 'ready';
    start.disabled = false;
  });

  let controller: AbortController | undefined;
  close.onclick = () => {
    controller?.abort();
    dialog.close();
  };
  cancel.onclick = () => controller?.abort();
  start.onclick = async () => {
    const [w, h] = size.value === 'custom' ? [Number(customW.value), Number(customH.value)] : size.value.split('x').map(Number);
    if (!(w >= 16 && h >= 16 && w <= 3840 && h <= 3840 && w % 2 === 0 && h % 2 === 0)) {
      status.textContent = 'The size must be even numbers from 16 to 3840, such as 1600 × 900.';
      return;
    }
    const [fromS, toS] = range.value.split('-').map(Number);
    const settings: ExportSettings = {
      format: format.value as ExportFormat,
      width: w,
      height: h,
      fps: Number(fps.value) as 24 | 30 | 60,
      fromS,
      toS,
      overlays: { caption: captions.box.checked, chapter: chapterTitle.box.checked, timestamp: timestamp.box.checked, card: card.box.checked },
    };
    controller = new AbortController();
    start.disabled = true;
    cancel.disabled = false;
    result.replaceChildren();
    bar.value = 0;
    try {
      const { formatDuration } = await exportModule;
      const bytes = await deps.record(
        settings,
        (p) => {
          bar.value = p.done / p.total;
          status.textContent = `${p.done} / ${p.total} frames · ${p.fps.toFixed(1)} fps · ${formatDuration(p.etaS)} left`;
        },
        controller.signal,
      );
      const ext = settings.format === 'png' ? 'zip' : settings.format;
      const name = `wirescene-${deps.scenarioId}-${w}x${h}-${settings.fps}fps.${ext}`;
      const link = el('a', undefined, `Download ${name} (${(bytes.length / 1e6).toFixed(2)} MB)`);
      link.href = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: { webm: 'video/webm', mp4: 'video/mp4', gif: 'image/gif', zip: 'application/zip' }[ext] }));
      link.download = name;
      result.append(link);
      status.textContent = 'done';
    } catch (e) {
      status.textContent = (e as Error).name === 'AbortError' ? 'Cancelled: nothing was written.' : `Export failed: ${(e as Error).message}`;
      bar.value = 0;
    } finally {
      controller = undefined;
      start.disabled = false;
      cancel.disabled = true;
    }
  };
}
