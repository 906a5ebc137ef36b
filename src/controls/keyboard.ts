import type { Player } from '../playback/player';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) && !(target instanceof HTMLInputElement && (target.type === 'range' || target.type === 'checkbox'));

export interface KeyboardHooks {
  toggleHelp(): void;
  toggleFullscreen(): void;
}

/** Every shortcut, for the help panel and README: key, what it does. */
export const SHORTCUTS: [string, string][] = [
  ['Space / K', 'play / pause'],
  ['← / →', 'previous / next packet event'],
  [', / .', 'one frame back / forward'],
  ['Shift+← / Shift+→', 'one second back / forward'],
  ['Home / End', 'start / end'],
  ['0 … 9', 'jump to 0 % … 90 %'],
  ['I / O', 'set the in / out point here'],
  ['L', 'loop on / off'],
  ['[ / ]', 'slower / faster'],
  ['F', 'full screen'],
  ['?', 'this help'],
];

/** Document-level shortcuts, as in video players and animation editors; ignored while typing in a field. */
export function bindKeyboard(player: Player, stepFrames: () => readonly number[], hooks: KeyboardHooks): () => void {
  const paused = (f: () => void) => () => {
    player.pause();
    f();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    if (document.querySelector('dialog[open]')) return; // a dialog has the keyboard (Esc closes it)
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    let action: (() => void) | undefined;
    if (e.shiftKey && key === 'ArrowLeft') action = paused(() => player.seekBy(-1));
    else if (e.shiftKey && key === 'ArrowRight') action = paused(() => player.seekBy(1));
    else if (/^[0-9]$/.test(key)) action = paused(() => player.seek((player.lastFrame * Number(key)) / 10));
    else {
      const actions: Record<string, () => void> = {
        ' ': () => player.toggle(),
        k: () => player.toggle(),
        ArrowRight: () => player.stepForward(stepFrames()),
        ArrowLeft: () => player.stepBack(stepFrames()),
        '.': paused(() => player.seek(player.frame + 1)),
        ',': paused(() => player.seek(player.frame - 1)),
        Home: paused(() => player.seek(0)),
        End: paused(() => player.seek(player.lastFrame)),
        i: () => player.setInPoint(player.frame),
        o: () => player.setOutPoint(player.frame),
        l: () => player.setLoop(!player.loop),
        '[': () => player.stepSpeed(-1),
        ']': () => player.stepSpeed(1),
        f: () => hooks.toggleFullscreen(),
        '?': () => hooks.toggleHelp(),
      };
      action = actions[key];
    }
    if (!action) return;
    e.preventDefault();
    action();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
