import type { HashState } from '../controls/hash';
import { noVariant } from '../sim/variant';
import { type FileLike, type OpenCaptureFile, readCaptureFile, sortCaptureFiles, streamName, traceOf } from './captureFiles';
import { pickConversation } from './conversationPicker';
import type { Settings } from './session';
import type { ScenarioSource } from './whatIf';
import type { createWhatIf } from './whatIfController';

type CaptureSource = Extract<ScenarioSource, { kind: 'capture' }>;

export interface CaptureOpenerHooks {
  whatIf: ReturnType<typeof createWhatIf>;
  dialog: HTMLDialogElement;
  /** The `scenario=capture` link waiting for its capture (taken once). */
  takeLink: () => HashState | undefined;
  /** The capture conversation on screen and its moment, if one is. */
  shownCapture: () => { source: CaptureSource; settings: Settings } | undefined;
  /** main.ts's open(): a session for the source, or the reason it could not. */
  open: (source: CaptureSource, variant: ReturnType<typeof noVariant>, settings: Settings, notice?: string[]) => string | undefined;
}

const START: Settings = { t: 0, speed: 1, loop: false };

/**
 * "open capture…" and drops of captures and key logs: read in the page (nothing is sent
 * anywhere), a conversation picked (the link's, the only one, or the user's), then played as
 * a scenario. A file that cannot be read leaves the scenario on screen and says why.
 */
export function createCaptureOpener(hooks: CaptureOpenerHooks) {
  const { whatIf } = hooks;
  /** A key log opened before its capture. */
  let waitingKeyLog: OpenCaptureFile['keyLog'];
  let last: CaptureSource | undefined;

  const show = (file: OpenCaptureFile, stream: string, settings: Settings, problems: string[], time?: string): string[] => {
    const trace = traceOf(file, stream);
    if (!trace.ok) return [...problems, trace.error];
    whatIf.setCapture(file);
    const source: CaptureSource = { kind: 'capture', name: file.name, stream, ...(time ? { time } : {}) };
    const failed = hooks.open(source, noVariant(), settings, [...problems, ...trace.value.notices.map((n) => `${file.name}: ${n}`)]);
    if (failed) return [...problems, `${file.name}: ${failed}`];
    last = source;
    return [];
  };

  return {
    get last() {
      return last;
    },
    /** Resolves with the problems to show (none when the capture is on screen; show() has shown its own notices). */
    async openFiles(files: readonly FileLike[]): Promise<string[]> {
      const sorted = await sortCaptureFiles(files);
      const problems = [...sorted.problems];
      const keyLog = sorted.keyLog ?? waitingKeyLog;
      if (!sorted.capture) {
        const current = hooks.shownCapture();
        if (!sorted.keyLog) return problems.length ? problems : ['Nothing to open: choose a .pcap, .pcapng or .cap capture, and its key log if it has TLS.'];
        if (!current || !whatIf.capture) {
          waitingKeyLog = sorted.keyLog;
          return [...problems, `${sorted.keyLog.name}: key log kept; now open the capture it goes with ("open capture…")`];
        }
        // A key log for the capture on screen: the same conversation and moment, decrypted.
        return show({ ...whatIf.capture, keyLog: sorted.keyLog }, current.source.stream, current.settings, problems, current.source.time);
      }
      const read = readCaptureFile(sorted.capture.name, sorted.capture.bytes);
      if (!read.ok) return [...problems, read.error];
      waitingKeyLog = undefined;
      const file: OpenCaptureFile = { ...read.value, ...(keyLog ? { keyLog } : {}) };
      const { conversations } = file.opened;
      const link = hooks.takeLink();
      const linked = link?.capture?.stream;
      if (linked !== undefined && traceOf(file, linked).ok) return show(file, linked, link!, problems, link!.capture?.time);
      if (linked !== undefined) problems.push(`${file.name} has no conversation "${linked}" (the link's stream=): pick one`);
      if (conversations.length === 1) return show(file, streamName(conversations[0]), START, problems);
      const chosen = await pickConversation(hooks.dialog, file.name, conversations);
      if (chosen === undefined) return [...problems, `${file.name}: no conversation picked; the scenario on screen stays`];
      return show(file, chosen, START, problems);
    },
  };
}
