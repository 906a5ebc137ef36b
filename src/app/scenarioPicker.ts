import { el } from '../overlay/dom';
import type { Scenario } from '../sim/scenario';
import { MAX_TRACE_FILE_BYTES } from '../import/traceFile';
import { isCaptureName, isKeyLogName } from './captureFiles';

/** The value of the picker's option for a scenario loaded from a file (ids of built-ins never contain a dot or a space). */
export const FILE_OPTION = 'file';
/** The value of the picker's option for the open capture. */
export const CAPTURE_OPTION = 'capture';

export interface PickerElements {
  select: HTMLSelectElement;
  description: HTMLElement;
  openButton: HTMLButtonElement;
  fileInput: HTMLInputElement;
  openCaptureButton: HTMLButtonElement;
  captureInput: HTMLInputElement;
  /** Where a dropped .json file, capture or key log is accepted (the page). */
  dropZone: HTMLElement;
}

export interface PickerHooks {
  pick: (value: string) => void;
  /** A file was chosen or dropped: its name and text (a file too big to be a scenario or trace file is not read). */
  file: (name: string, text: string | { tooBig: number }) => void;
  /** Captures and key logs chosen or dropped together (app/captureFiles sorts them). */
  captureFiles: (files: File[]) => void;
  /** Drops are refused (embed mode). */
  dropsAllowed: () => boolean;
}

/**
 * The scenario picker: each built-in by its title, the scenario file in use (if any), the
 * description of the one shown, "open scenario file…" and drag-and-drop of a .json file.
 * Text goes in as textContent only: titles and descriptions can come from a file.
 */
export function bindScenarioPicker(els: PickerElements, builtIns: readonly Scenario[], hooks: PickerHooks) {
  const { select, description, openButton, fileInput, dropZone, openCaptureButton, captureInput } = els;
  const builtInOptions = builtIns.map((s) => Object.assign(el('option', undefined, s.title), { value: s.id, title: s.id }));
  let fileOption: HTMLOptionElement | undefined;

  const read = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_TRACE_FILE_BYTES) hooks.file(file.name, { tooBig: file.size });
    else void file.text().then((text) => hooks.file(file.name, text));
  };

  select.replaceChildren(...builtInOptions);
  select.addEventListener('change', () => hooks.pick(select.value));
  openButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    read(fileInput.files?.[0]);
    fileInput.value = ''; // choosing the same file again (after editing it) is a change too
  });

  openCaptureButton.addEventListener('click', () => captureInput.click());
  captureInput.addEventListener('change', () => {
    const files = [...(captureInput.files ?? [])];
    captureInput.value = '';
    if (files.length) hooks.captureFiles(files);
  });

  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;
  const dropping = (on: boolean) => document.body.classList.toggle('dropping', on);
  dropZone.addEventListener('dragover', (e) => {
    if (!hasFiles(e) || !hooks.dropsAllowed()) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = 'copy';
    dropping(true);
  });
  dropZone.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) dropping(false);
  });
  dropZone.addEventListener('drop', (e) => {
    dropping(false);
    if (!hasFiles(e) || !hooks.dropsAllowed()) return;
    e.preventDefault();
    const files = [...e.dataTransfer!.files];
    if (files.some((f) => isCaptureName(f.name) || isKeyLogName(f.name))) hooks.captureFiles(files);
    else read(files[0]);
  });

  return {
    /** Shows this scenario as the current one: built-in by id, or the file's. */
    show(value: string, scenario: Scenario, fileName?: string) {
      if (fileName !== undefined) {
        fileOption ??= el('option');
        fileOption.value = value;
        fileOption.textContent = value === CAPTURE_OPTION ? scenario.title : `${fileName}: ${scenario.title}`;
        fileOption.title = `from the file ${fileName}`;
        if (!fileOption.isConnected) select.append(fileOption);
      }
      select.value = value;
      description.textContent = scenario.description;
      description.hidden = scenario.description === '';
    },
  };
}
