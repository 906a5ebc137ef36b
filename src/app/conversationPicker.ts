import type { Conversation } from '../import/conversations';
import { el } from '../overlay/dom';
import { CONVERSATION_COLUMNS, conversationRow, streamListName, streamName } from './captureFiles';

/**
 * Wireshark's Statistics › Conversations for one capture: a row per TCP and UDP conversation
 * (endpoints, packets, bytes, duration). A row's button shows that one; ticking several and
 * "show together" shows them on one stage. Resolves with the stream names ("0", "udp 1",
 * "0,1,udp 0"), closing the dialog with none. Text as textContent only: it comes from the file.
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
      const tick = el('input', 'conversation-tick');
      tick.type = 'checkbox';
      tick.value = c.id;
      tick.setAttribute('aria-label', `pick ${id}`);
      const first = el('td');
      first.append(tick, button);
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
    const together = el('button', undefined, 'show ticked together');
    together.type = 'button';
    const why = el('span', 'meta');
    why.setAttribute('role', 'status');
    together.onclick = () => {
      const ticked = conversations.filter((_, i) => rows[i].querySelector('input')!.checked);
      if (!ticked.length) {
        why.textContent = 'tick one or more conversations first';
        return;
      }
      chosen = streamListName(ticked);
      dialog.close();
    };
    dialog.replaceChildren(
      el('h2', undefined, `$ conversations in ${fileName}`),
      el('p', undefined, `${conversations.length} conversations: show one, or tick several to watch them together (their hosts placed left to right as they first appear).`),
      table,
      together,
      ' ',
      cancel,
      ' ',
      why,
    );
    dialog.addEventListener('close', () => resolve(chosen), { once: true });
    dialog.showModal();
    (rows[0]?.querySelector('button') ?? cancel).focus();
  });
}
