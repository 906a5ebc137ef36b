import type { Conversation } from '../import/conversations';
import { el } from '../overlay/dom';
import { CONVERSATION_COLUMNS, conversationRow, streamName } from './captureFiles';

/**
 * Wireshark's Statistics › Conversations for one capture: a row per TCP and UDP conversation
 * (endpoints, packets, bytes, duration); choosing one resolves with its stream name ("0",
 * "udp 1"), closing the dialog with none. Text as textContent only: it comes from the file.
 */
export function pickConversation(dialog: HTMLDialogElement, fileName: string, conversations: readonly Conversation[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    let chosen: string | undefined;
    const head = el('tr');
    head.append(...CONVERSATION_COLUMNS.map((c) => el('th', undefined, c)));
    const rows = conversations.map((c) => {
      const tr = el('tr');
      const [id, ...rest] = conversationRow(c);
      const button = el('button', 'conversation-pick', id);
      button.type = 'button';
      button.setAttribute('aria-label', `show ${id}: ${rest[0]} ⇄ ${rest[1]}, ${rest[2]} packets`);
      button.onclick = () => {
        chosen = streamName(c);
        dialog.close();
      };
      const first = el('td');
      first.append(button);
      tr.append(first, ...rest.map((text) => el('td', undefined, text)));
      return tr;
    });
    const table = el('table', 'conversations');
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    table.tBodies[0].append(...rows);
    const cancel = el('button', undefined, 'cancel');
    cancel.type = 'button';
    cancel.onclick = () => dialog.close();
    dialog.replaceChildren(el('h2', undefined, `$ conversations in ${fileName}`), el('p', undefined, `${conversations.length} conversations: pick one to watch.`), table, cancel);
    dialog.addEventListener('close', () => resolve(chosen), { once: true });
    dialog.showModal();
    (rows[0]?.querySelector('button') ?? cancel).focus();
  });
}
