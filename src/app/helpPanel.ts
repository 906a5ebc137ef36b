import { SHORTCUTS } from '../controls/keyboard';

/** Fills the shortcuts dialog and returns its toggle. */
export function createHelpPanel(dialog: HTMLDialogElement, table: HTMLElement): () => void {
  table.replaceChildren(
    ...SHORTCUTS.map(([keys, what]) => {
      const tr = document.createElement('tr');
      const k = document.createElement('td');
      k.textContent = keys;
      const w = document.createElement('td');
      w.textContent = what;
      tr.append(k, w);
      return tr;
    }),
  );
  return () => (dialog.open ? dialog.close() : dialog.showModal());
}
