import { EXPORT_SIZE, isExportDimension, stillAt, type ExportFormat, type ExportSettings } from '../export/exporter';
import type { SceneOverlays } from '../render/scene';
import type { Plan } from '../timeline/plan';
import { formatClock } from '../timeline/format';
import { el } from '../overlay/dom';
import { readSetting, writeSetting } from '../platform/storage';

export const FORMAT_NAMES: Record<ExportFormat, string> = { webm: 'WebM (VP9)', mp4: 'MP4 (H.264)', gif: 'animated GIF', png: 'PNG frames (.zip)', still: 'PNG image (this moment)' };

export const SIZE_PRESETS = [
  ['1280x720', '1280×720'],
  ['1920x1080', '1920×1080'],
  ['1080x1080', '1080×1080 square'],
  ['720x1280', '720×1280 vertical'],
  ['640x360', '640×360'],
] as const;

const OVERLAYS: [keyof SceneOverlays, string][] = [
  ['caption', 'captions'],
  ['chapter', 'chapter title'],
  ['timestamp', 'timestamp'],
  ['card', 'inspector card'],
];

/** What the dialog remembers between exports and visits (not the range: it belongs to a scenario). */
interface Choice {
  format: ExportFormat;
  size: string;
  custom: [number, number];
  fps: ExportSettings['fps'];
  overlays: SceneOverlays;
}

/** The overlay switches as a SceneOverlays, each one read by `on`. */
const overlaysFrom = (on: (key: keyof SceneOverlays) => boolean): SceneOverlays => ({ caption: on('caption'), chapter: on('chapter'), timestamp: on('timestamp'), card: on('card') });

const KEY = 'wirescene.export';
const DEFAULT: Choice = { format: 'webm', size: '1280x720', custom: [1600, 900], fps: 30, overlays: { caption: true, chapter: true, timestamp: true, card: false } };

/** The saved choice, each field checked; anything unreadable falls back to the default. */
function loadChoice(): Choice {
  let saved: Partial<Choice> = {};
  try {
    saved = JSON.parse(readSetting(KEY) ?? '{}') ?? {};
  } catch {
    // a hand-edited or foreign value: ignore it
  }
  const sizes: string[] = [...SIZE_PRESETS.map(([v]) => v), 'custom'];
  return {
    format: saved.format && saved.format in FORMAT_NAMES ? saved.format : DEFAULT.format,
    size: typeof saved.size === 'string' && sizes.includes(saved.size) ? saved.size : DEFAULT.size,
    custom: Array.isArray(saved.custom) && saved.custom.every(isExportDimension) ? [saved.custom[0], saved.custom[1]] : DEFAULT.custom,
    fps: saved.fps === 24 || saved.fps === 30 || saved.fps === 60 ? saved.fps : DEFAULT.fps,
    overlays: overlaysFrom((k) => (typeof saved.overlays?.[k] === 'boolean' ? saved.overlays[k] : DEFAULT.overlays[k])),
  };
}

const option = (value: string, text: string) => Object.assign(el('option', undefined, text), { value });

const labelled = (text: string, ...controls: (HTMLElement | string)[]) => {
  const l = el('label', undefined, `${text} `);
  l.append(...controls);
  return l;
};

export interface ExportForm {
  /** Everything the person can change; disabled while an export runs. */
  readonly root: HTMLFieldSetElement;
  /** The settings as chosen, or a sentence saying what to fix. */
  read(): ExportSettings | string;
  /** Offers only what this browser can encode (keeps the choice when it is among them). */
  offer(formats: ExportFormat[]): void;
  /** Saves the current choice for the next export and the next visit. */
  remember(): void;
  onChange(listener: () => void): void;
}

/**
 * Format, size (presets and custom), frame rate, range (whole, a chapter, in/out) and the
 * overlays drawn in. A still is the player's moment `momentS`: no range, no frame rate.
 */
export function createExportForm(plan: Plan, inOut: { in: number; out: number } | undefined, momentS: number): ExportForm {
  const choice = loadChoice();
  const format = el('select');
  const size = el('select');
  const fps = el('select');
  const range = el('select');
  format.append(...(Object.keys(FORMAT_NAMES) as ExportFormat[]).map((f) => option(f, FORMAT_NAMES[f])));
  size.append(...SIZE_PRESETS.map(([v, t]) => option(v, t)), option('custom', 'custom…'));
  fps.append(...['30', '24', '60'].map((v) => option(v, `${v} fps`)));
  range.append(option(`0-${plan.durationS}`, `whole (${formatClock(plan.durationS)})`));
  for (const c of plan.chapters) range.append(option(`${c.startS}-${c.endS}`, `${c.title} (${formatClock(c.startS)}–${formatClock(c.endS)})`));
  if (inOut) range.append(option(`${inOut.in}-${inOut.out}`, `in/out (${formatClock(inOut.in)}–${formatClock(inOut.out)})`));
  format.value = choice.format;
  size.value = choice.size;
  fps.value = String(choice.fps);
  range.value = inOut ? `${inOut.in}-${inOut.out}` : range.options[0].value;

  const [customW, customH] = (['width', 'height'] as const).map((name, i) => {
    const input = el('input');
    Object.assign(input, { type: 'number', min: String(EXPORT_SIZE.min), max: String(EXPORT_SIZE.max), step: '2', value: String(choice.custom[i]) });
    input.setAttribute('aria-label', `custom ${name}`);
    return input;
  });
  const custom = el('span');
  custom.append(customW, ' × ', customH);
  const showCustom = () => (custom.hidden = size.value !== 'custom');
  showCustom();

  const boxes = OVERLAYS.map(([key, name]) => {
    const box = Object.assign(el('input'), { type: 'checkbox', checked: choice.overlays[key] });
    const l = el('label');
    l.append(box, ` ${name}`);
    return { key, box, label: l };
  });
  const drawn = el('fieldset', 'drawn');
  drawn.append(el('legend', undefined, 'drawn into the picture'), ...boxes.map((b) => b.label));

  const root = el('fieldset', 'export-form');
  const fpsRow = labelled('frame rate', fps);
  const rangeRow = labelled('range', range);
  const momentRow = el('p', 'moment', `moment: ${formatClock(momentS)}, where the player is`);
  const showTime = () => {
    const still = format.value === 'still';
    fpsRow.hidden = rangeRow.hidden = still;
    momentRow.hidden = !still;
  };
  showTime();
  root.append(labelled('format', format), labelled('size', size, ' ', custom), fpsRow, rangeRow, momentRow, drawn);

  const listeners: (() => void)[] = [];
  root.addEventListener('change', () => {
    showCustom();
    showTime();
    for (const l of listeners) l();
  });
  root.addEventListener('input', (e) => {
    if (e.target === customW || e.target === customH) for (const l of listeners) l();
  });

  const dimensions = (): [number, number] => (size.value === 'custom' ? [Number(customW.value), Number(customH.value)] : (size.value.split('x').map(Number) as [number, number]));

  return {
    root,
    read() {
      const [width, height] = dimensions();
      if (!isExportDimension(width) || !isExportDimension(height)) {
        return `The size must be even numbers from ${EXPORT_SIZE.min} to ${EXPORT_SIZE.max}, such as 1600 × 900.`;
      }
      const [fromS, toS] = range.value.split('-').map(Number);
      const overlays = overlaysFrom((k) => boxes.find((b) => b.key === k)!.box.checked);
      const common = { width, height, fps: Number(fps.value) as ExportSettings['fps'], overlays };
      return format.value === 'still' ? stillAt(momentS, common) : { ...common, format: format.value as ExportFormat, fromS, toS };
    },
    offer(formats) {
      const keep = format.value as ExportFormat;
      format.replaceChildren(...formats.map((f) => option(f, FORMAT_NAMES[f])));
      format.value = formats.includes(keep) ? keep : formats[0];
      showTime();
    },
    remember() {
      const s = this.read();
      if (typeof s === 'string') return;
      const saved: Choice = { format: s.format, size: size.value, custom: [Number(customW.value), Number(customH.value)], fps: s.fps, overlays: s.overlays! };
      // Storage full or blocked (a sandboxed frame, a private window): the choice is simply not kept.
      writeSetting(KEY, JSON.stringify(saved));
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
