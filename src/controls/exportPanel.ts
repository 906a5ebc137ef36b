import { exportFrameCount, FORMAT_FILES, type ExportSettings } from '../export/exporter';
import { formatClock } from '../timeline/format';
import type { ExportProgress } from '../export/progress';
import type { Plan } from '../timeline/plan';
import { loadExport } from '../export/load';
import { el } from '../overlay/dom';
import { createExportForm, FORMAT_NAMES } from './exportForm';
import { ExportPreview, type PreviewSource } from './exportPreview';
import { exportFileName, flagGroups, recordCommand } from './recordCommand';
import { copyToClipboard } from '../platform/clipboard';
import { inOpaqueOrigin, SANDBOXED_DOWNLOAD_HINT } from '../platform/frame';

export interface ExportPanelDeps {
  plan: Plan;
  scenarioId: string;
  /** The record CLI's flags for the scenario, when not just `--scenario ID` (a file, what-if changes). */
  scenarioFlags?: string[];
  /** The player's in/out range in seconds, if set. */
  range: () => { in: number; out: number } | undefined;
  /** Where the player is, in seconds (the moment of a still). */
  moment: () => number;
  record: (s: ExportSettings, onProgress: (p: ExportProgress) => void, signal: AbortSignal) => Promise<Uint8Array>;
  preview: PreviewSource;
}

/** "8.00 s · 240 frames · 1920×1080 at 30 fps; …", or for a still "a 1280×720 PNG of 0:05.80". */
const summary = (s: ExportSettings) =>
  s.format === 'still'
    ? `a ${s.width}×${s.height} PNG of ${formatClock(s.fromS)}, as the preview shows it`
    : `${(s.toS - s.fromS).toFixed(2)} s · ${exportFrameCount(s)} frames · ${s.width}×${s.height} at ${s.fps} fps; the preview is the middle of the range`;

/** The last file offered, freed when the next one is made or the dialog opens again. */
let offeredUrl: string | undefined;
const forgetOffered = () => {
  if (offeredUrl) URL.revokeObjectURL(offeredUrl);
  offeredUrl = undefined;
};

/**
 * The Export dialog: the form and a live preview of the video, a progress bar with frames,
 * speed and time left, Cancel, and the file to download at the end. The choices are
 * remembered. Export code is imported on first open, so it costs nothing at page load.
 */
export function openExportPanel(dialog: HTMLDialogElement, deps: ExportPanelDeps): void {
  forgetOffered();
  const form = createExportForm(deps.plan, deps.range(), deps.moment());
  const preview = new ExportPreview(deps.preview);
  const start = Object.assign(el('button', undefined, 'Export'), { type: 'button' });
  const cancel = Object.assign(el('button', undefined, 'Cancel'), { type: 'button', disabled: true });
  const close = Object.assign(el('button', undefined, 'Close'), { type: 'button' });
  const bar = Object.assign(el('progress'), { max: 1, value: 0 });
  const status = el('p');
  status.setAttribute('role', 'status');
  const result = el('p');
  // The same export from a terminal (the CLI runs this page's export headlessly: WebM, GIF and
  // PNG come out byte for byte the same; MP4 too below 720p, and always the same frames).
  const command = el('code');
  const copy = Object.assign(el('button', undefined, 'copy command'), { type: 'button' });
  const cli = el('p', 'export-cli', 'The same export from a terminal: ');
  cli.append(command, ' ', copy);
  copy.onclick = () =>
    void copyToClipboard(command.textContent ?? '').then((copied) => {
      copy.textContent = copied ? 'copied' : 'select and copy it';
    });
  const body = el('div', 'export-body');
  body.append(form.root, preview.root);
  const buttons = el('div', 'export-buttons');
  buttons.append(start, cancel, close);
  dialog.replaceChildren(el('h2', undefined, '$ export'), body, buttons, bar, status, result, cli);

  const refresh = () => {
    const s = form.read();
    if (typeof s === 'string') return void (status.textContent = s);
    if (status.textContent?.startsWith('The size')) status.textContent = 'ready';
    void preview.show(s, s.format === 'still' ? s.fromS : (s.fromS + s.toS) / 2, summary(s));
    // Lines break only between a flag and the next ("--size 1280x720" stays whole).
    const groups = flagGroups(recordCommand(s, deps.scenarioId, deps.preview.theme.name, deps.scenarioFlags));
    command.replaceChildren(...groups.flatMap((g, i) => [...(i ? [' '] : []), el('span', undefined, g)]));
    copy.textContent = 'copy command';
  };
  form.onChange(refresh);

  let controller: AbortController | undefined;
  dialog.addEventListener(
    'close',
    () => {
      controller?.abort(); // Escape closes the dialog too: stop the export with it
      preview.destroy();
    },
    { once: true },
  );
  close.onclick = () => dialog.close();
  cancel.onclick = () => controller?.abort();

  dialog.showModal();
  status.textContent = 'checking what this browser can encode…';
  start.disabled = true;
  const exportModule = loadExport();
  void exportModule.then(async (mod) => {
    const formats = await mod.supportedFormats();
    form.offer(formats);
    const missing = (Object.keys(FORMAT_NAMES) as (keyof typeof FORMAT_NAMES)[]).filter((f) => !formats.includes(f)).map((f) => FORMAT_NAMES[f]);
    status.textContent = missing.length ? `This browser cannot encode ${missing.join(' or ')}: choose one of the formats offered.` : 'ready';
    start.disabled = false;
    refresh();
  });

  start.onclick = async () => {
    const settings = form.read();
    if (typeof settings === 'string') return void (status.textContent = settings);
    form.remember();
    forgetOffered();
    controller = new AbortController();
    form.root.disabled = start.disabled = true;
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
      const name = exportFileName(settings, deps.scenarioId);
      offeredUrl = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: FORMAT_FILES[settings.format].mimeType }));
      const link = Object.assign(el('a', undefined, `Download ${name} (${(bytes.length / 1e6).toFixed(2)} MB)`), { href: offeredUrl, download: name });
      result.append(link);
      if (inOpaqueOrigin()) result.append(el('span', undefined, ` ${SANDBOXED_DOWNLOAD_HINT}`));
      status.textContent = 'done';
    } catch (e) {
      status.textContent = (e as Error).name === 'AbortError' ? 'Cancelled: nothing was written.' : `Export failed: ${(e as Error).message}`;
      bar.value = 0;
    } finally {
      controller = undefined;
      form.root.disabled = start.disabled = false;
      cancel.disabled = true;
    }
  };
}
