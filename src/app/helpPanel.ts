import { SHORTCUTS } from '../controls/keyboard';
import { el } from '../overlay/dom';

/** Fills the shortcuts dialog and returns its toggle. */
export function createHelpPanel(dialog: HTMLDialogElement, table: HTMLElement): () => void {
  table.replaceChildren(
    ...SHORTCUTS.map(([keys, what]) => {
      const tr = el('tr');
      tr.append(el('td', undefined, keys), el('td', undefined, what));
      return tr;
    }),
  );
  return () => (dialog.open ? dialog.close() : dialog.showModal());
}
