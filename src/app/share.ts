import { copyToClipboard } from '../platform/clipboard';
import { showNotice } from './dom';

/** The <iframe> snippet for a page URL already in embed mode. */
export function embedCode(src: string, title: string): string {
  return `<iframe src="${src}" width="720" height="451" style="border:0" allowfullscreen title="${title.replace(/"/g, '&quot;')}"></iframe>`;
}

/** Copies text; where the clipboard is refused, shows it so it can be copied by hand. */
export function copyText(text: string, what: string): void {
  void copyToClipboard(text).then((copied) => showNotice(copied ? [] : [`Copy this ${what}: ${text}`]));
}
