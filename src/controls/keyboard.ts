import type { Player } from '../playback/player';

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) && !(target instanceof HTMLInputElement && target.type === 'range');

/** Document-level shortcuts, as in video players and animation editors; ignored while typing in a field. */
export function bindKeyboard(player: Player, stepFrames: () => readonly number[]): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
    const actions: Record<string, () => void> = {
      ' ': () => player.toggle(),
      k: () => player.toggle(),
      ArrowRight: () => player.stepForward(stepFrames()),
      ArrowLeft: () => player.stepBack(stepFrames()),
      '.': () => (player.pause(), player.seek(player.frame + 1)),
      ',': () => (player.pause(), player.seek(player.frame - 1)),
      Home: () => (player.pause(), player.seek(0)),
      End: () => (player.pause(), player.seek(player.lastFrame)),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
